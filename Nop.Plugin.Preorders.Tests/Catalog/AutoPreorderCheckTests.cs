using Autofac;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Stores;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Catalog;

/// <summary>
/// A product saved (every order's stock adjustment saves every ordered product): auto pre-order checks the product's own
/// profile before it reads the settings of the store the product is sold in (a store mapping and a settings load).
/// </summary>
[TestFixture]
public class AutoPreorderCheckTests : DatabaseTest
{
    [Test]
    public async Task A_pre_order_the_merchant_manages_costs_no_store_settings_and_a_product_without_a_profile_asks_its_store()
    {
        var shop = new FakeShop();
        var storeLookups = 0;
        var storeMappings = new Mock<IStoreMappingService>();
        storeMappings.Setup(m => m.GetStoresIdsWithAccessAsync(It.IsAny<Product>()))
            .ReturnsAsync((Product p) =>
            {
                storeLookups++;
                return p.LimitedToStores ? shop.ProductStores.GetValueOrDefault(p.Id, Array.Empty<int>()) : Array.Empty<int>();
            });
        using var host = new PreorderTestHost(Database, shop, configure: b => b.RegisterInstance(storeMappings.Object).As<IStoreMappingService>());
        // the store the products are sold in turns sold-out products into pre-orders
        shop.StoreSettings[2] = new PreorderSettings { DefaultDepositRuleJson = host.Settings.DefaultDepositRuleJson, AutoPreorderWhenOutOfStock = true };
        var catalog = host.Resolve<PreorderCatalogService>();
        var consumer = host.CreateUnregistered<ProductUpdateEventConsumer>();

        var merchants = await host.PreorderProductAsync(cap: 10, stock: 3);
        var plain = shop.AddProduct(stock: 3);
        foreach (var product in new[] { merchants, plain })
        {
            product.LimitedToStores = true;
            shop.ProductStores[product.Id] = new[] { 2 };
            product.StockQuantity = 0;
        }
        Assert.That((await catalog.GetProfileAsync(merchants.Id)).AutoWhenOutOfStock, Is.False, "the merchant's own pre-order");
        storeLookups = 0;

        await consumer.HandleEventAsync(new EntityUpdatedEvent<Product>(merchants));
        Assert.That(storeLookups, Is.Zero, "its profile does not want auto pre-order: the store's settings are not read");
        var profile = await catalog.GetProfileAsync(merchants.Id);
        Assert.That((profile.Enabled, profile.AutoActivated), Is.EqualTo((true, false)), "still the merchant's pre-order");

        await consumer.HandleEventAsync(new EntityUpdatedEvent<Product>(plain));
        Assert.That(storeLookups, Is.Positive, "no profile: its store decides");
        var automatic = await catalog.GetProfileAsync(plain.Id);
        Assert.That((automatic?.Enabled, automatic?.AutoActivated), Is.EqualTo(((bool?)true, (bool?)true)), "turned into a pre-order by its store's setting");
    }
}
