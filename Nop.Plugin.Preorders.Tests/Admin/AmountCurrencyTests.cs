using Autofac;
using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// Every amount input of the plugin's admin pages names its currency: the ledger's and the settings' amounts
/// are in the primary store currency, and the order page says so when the customer's order is in another one.
/// </summary>
[TestFixture]
public class AmountCurrencyTests
{
    private TestDatabase _database;
    private AdminHost _admin;

    [SetUp]
    public void SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _admin = new AdminHost(_database, configure: builder => builder.RegisterInstance(new CurrencySettings { PrimaryStoreCurrencyId = 1 }));
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _database.Dispose();
    }

    [Test]
    public async Task Order_product_and_configuration_amounts_name_the_primary_currency()
    {
        var product = await _admin.Host.PreorderProductAsync(cap: 10);
        var order = await _admin.Host.PlaceOrderAsync(product, 1);

        var orderBlock = await _admin.Resolve<PreorderAdminOrderModelFactory>().PrepareOrderModelAsync(order.Id);
        Assert.That(orderBlock.PrimaryStoreCurrencyCode, Is.EqualTo("USD"));
        Assert.That(orderBlock.OrderCurrencyCode, Is.EqualTo(order.CustomerCurrencyCode));

        var productBlock = await _admin.Resolve<PreorderAdminProductModelFactory>().PrepareProductBlockModelAsync(product.Id);
        Assert.That(productBlock.Preorder.PrimaryStoreCurrencyCode, Is.EqualTo("USD"));

        var configuration = await _admin.Resolve<PreorderAdminConfigurationModelFactory>().PrepareConfigurationListsAsync(new PreorderConfigurationModel());
        Assert.That(configuration.PrimaryStoreCurrencyCode, Is.EqualTo("USD"));
    }
}
