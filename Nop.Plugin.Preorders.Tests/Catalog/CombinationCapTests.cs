using Autofac;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Controllers;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Catalog;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Catalog;

/// <summary>
/// A variant's own cap (issue #13) is checked in the cart where the product's cap is, with the same kind of warning, and
/// the product page says how many units of the picked variant are left: nopCommerce's attribute-change event makes the
/// block's script ask <see cref="PreorderProductController"/>, which reads the cached counters.
/// </summary>
[TestFixture]
public class CombinationCapTests : DatabaseTest
{
    private const int Red = 11, Blue = 12;
    private FakeShop _shop;
    private PreorderTestHost _host;
    private string _posted;

    [SetUp]
    public void CreateHost()
    {
        _shop = new FakeShop();
        // nopCommerce's attribute parser: the attributes XML "red"/"blue" is that combination; the product form posts "attr"
        var parser = new Mock<IProductAttributeParser>();
        parser.Setup(p => p.FindProductAttributeCombinationAsync(It.IsAny<Product>(), It.IsAny<string>(), It.IsAny<bool>()))
            .ReturnsAsync((Product product, string xml, bool _) => xml switch
            {
                "red" => new ProductAttributeCombination { Id = Red, ProductId = product.Id },
                "blue" => new ProductAttributeCombination { Id = Blue, ProductId = product.Id },
                _ => null
            });
        parser.Setup(p => p.ParseProductAttributesAsync(It.IsAny<Product>(), It.IsAny<IFormCollection>(), It.IsAny<List<string>>()))
            .ReturnsAsync((Product _, IFormCollection form, List<string> _) => _posted = form["attr"].ToString());
        _host = new PreorderTestHost(Database, _shop, configure: b => b.RegisterInstance(parser.Object).As<IProductAttributeParser>());
        _shop.CurrentCustomer = _shop.AddCustomer();
    }

    [TearDown]
    public void DisposeHost() => _host.Dispose();

    /// <summary>A pre-order product with a cap of 10 and a cap of 3 on its red variant, of which 2 are sold.</summary>
    private async Task<Product> ProductWithRedCapAsync()
    {
        var product = _shop.AddProduct();
        var errors = await _host.Resolve<PreorderCatalogService>().SaveAsync(new PreorderProfileEdit
        {
            Profile = new Domain.PreorderProfile
            {
                ProductId = product.Id, Enabled = true, Cap = 10, PaymentMode = Domain.PreorderPaymentMode.Deposit, ExpectedShipDateUtc = _host.Clock.UtcNow.AddDays(60)
            },
            CombinationCaps = { [Red] = 3 }
        }, 1);
        Assert.That(errors, Is.Empty);
        Assert.That(await _host.Resolve<CapReservationService>().TryReserveAsync(product.Id, Red, 2), Is.True);
        await _host.Resolve<PreorderCatalogService>().InvalidateAsync(product.Id);
        return product;
    }

    private static ShoppingCartItem Item(Product product, string xml, int quantity) =>
        new() { ProductId = product.Id, AttributesXml = xml, Quantity = quantity, ShoppingCartType = ShoppingCartType.ShoppingCart };

    [Test]
    public async Task The_cart_warns_when_a_variant_would_pass_its_own_cap()
    {
        var product = await ProductWithRedCapAsync();
        var rules = _host.Resolve<PreorderCartRules>();
        var customer = _shop.CurrentCustomer;
        var none = new List<ShoppingCartItem>();
        var capReached = Texts.Format(PreorderDefaults.Resources.CombinationCapReached, 1);

        Assert.Multiple(async () =>
        {
            Assert.That(await rules.GetItemWarningsAsync(customer, product, 1, 1, none, "red"), Is.Empty, "1 of the red's 1 left");
            Assert.That(await rules.GetItemWarningsAsync(customer, product, 1, 2, none, "red"), Has.Member(capReached), "2 red, 1 left");
            Assert.That(await rules.GetItemWarningsAsync(customer, product, 1, 1, new List<ShoppingCartItem> { Item(product, "red", 1) }, "red"),
                Has.Member(capReached), "another cart line of the same variant counts");
            Assert.That(await rules.GetItemWarningsAsync(customer, product, 1, 1, new List<ShoppingCartItem> { Item(product, "blue", 1) }, "red"),
                Is.Empty, "another variant's line does not count against the red's cap");
            Assert.That(await rules.GetItemWarningsAsync(customer, product, 1, 5, none, "blue"), Is.Empty, "blue has no cap of its own: the product's 8 left");
            Assert.That(await rules.GetItemWarningsAsync(customer, product, 1, 9, none, "blue"),
                Has.Some.StartsWith(Texts.Prefix(PreorderDefaults.Resources.CapReached)), "the product's cap still holds");
        });
    }

    [Test]
    public async Task The_product_page_shows_units_left_of_the_picked_variant()
    {
        var product = await ProductWithRedCapAsync();
        var model = await _host.Resolve<PreorderModelFactory>().PrepareProductModelAsync(product.Id);
        Assert.That(model.HasCombinationCaps, Is.True, "the block asks when attributes change");

        var controller = _host.CreateUnregistered<PreorderProductController>();
        controller.ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() };
        async Task<(string Text, bool SoldOut)> AskAsync(string attr)
        {
            var form = new FormCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["attr"] = attr });
            var json = (JsonResult)await controller.CombinationUnits(product.Id, form);
            var value = json.Value!;
            return ((string)value.GetType().GetProperty("text")!.GetValue(value), (bool)value.GetType().GetProperty("soldOut")!.GetValue(value)!);
        }

        Assert.That(await AskAsync("red"), Is.EqualTo((Texts.Format(PreorderDefaults.Resources.CombinationUnitsLeft, 1), false)));
        Assert.That(_posted, Is.EqualTo("red"), "the posted product form was parsed by nopCommerce's parser");
        Assert.That(await AskAsync("blue"), Is.EqualTo(((string)null, false)), "no cap of its own: the product's units left stand");

        Assert.That(await _host.Resolve<CapReservationService>().TryReserveAsync(product.Id, Red, 1), Is.True);
        await _host.Resolve<PreorderCatalogService>().InvalidateAsync(product.Id);
        Assert.That(await AskAsync("red"), Is.EqualTo((Texts.En(PreorderDefaults.Resources.CombinationSoldOut), true)));

        var ordinary = _shop.AddProduct();
        Assert.That((await _host.Resolve<PreorderModelFactory>().PrepareProductModelAsync(ordinary.Id)).HasCombinationCaps, Is.False);
    }

    [Test]
    public async Task The_product_page_and_the_variant_answer_cost_no_query_once_cached()
    {
        var product = await ProductWithRedCapAsync();
        var factory = _host.Resolve<PreorderModelFactory>();
        var rules = _host.Resolve<PreorderCartRules>();
        await factory.PrepareProductModelAsync(product.Id);          // warms the caches
        await rules.CombinationCapOfAsync(product, "red");
        var counter = new CommandCounter();
        _host.Scope.Context.Connection.AddInterceptor(counter);

        var model = await factory.PrepareProductModelAsync(product.Id);
        var red = await rules.CombinationCapOfAsync(product, "red");

        Assert.That(model.HasCombinationCaps, Is.True);
        Assert.That(red.UnitsLeft, Is.EqualTo(1));
        Assert.That(counter.Count, Is.Zero, "the product page and the variant's units left come from the cache");
    }
}
