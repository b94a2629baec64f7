using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Catalog;

/// <summary>What shoppers see on the product page and which cart warnings they get.</summary>
[TestFixture]
public class StorefrontTests : HostedTest
{

    protected override void OnHostCreated()
    {
        Host.Shop.CurrentCustomer = Host.Shop.AddCustomer("DE");
    }

    private Task<Models.ProductPreorderModel> ModelAsync(int productId) => Host.Resolve<PreorderModelFactory>().PrepareProductModelAsync(productId);

    [Test]
    public async Task Open_pre_order_shows_date_units_progress_countdown_and_deposit_in_the_shoppers_currency()
    {
        var now = Host.Clock.UtcNow;
        var product = await Host.PreorderProductAsync(cap: 50, price: 100m, windowEnd: now.AddDays(3), shipDate: now.AddDays(40));
        await Host.PlaceOrderAsync(product, 10);
        await Host.Shop.Cache.ClearAsync();
        Host.Shop.Currencies.Reverse(); // working currency: roubles

        var model = await ModelAsync(product.Id);

        Assert.That(model.State, Is.EqualTo(PreorderOfferState.Open));
        Assert.That(model.CanOrder, Is.True);
        Assert.That(model.ExpectedShipText, Does.StartWith(Texts.Prefix(PreorderDefaults.ResourcePrefix + "Product.ExpectedShip")));
        Assert.That(model.UnitsLeftText, Is.EqualTo(Texts.Format(PreorderDefaults.ResourcePrefix + "Product.UnitsLeft", 40)));
        Assert.That(model.ProgressText, Is.EqualTo(Texts.Format(PreorderDefaults.ResourcePrefix + "Product.Progress", 10, 50)));
        Assert.That(model.ProgressPercent, Is.EqualTo(20));
        Assert.That(model.CountdownToUtc, Is.EqualTo(now.AddDays(3).ToString("o")));
        Assert.That(model.CountdownLabel, Is.EqualTo(Texts.En(PreorderDefaults.ResourcePrefix + "Product.EndsIn")));
        Assert.That(model.CountdownText, Does.StartWith(Texts.Prefix(PreorderDefaults.ResourcePrefix + "Product.EndsOn")), "the end, said once to screen readers");
        // 20 % of 100 USD = 20 USD = 1,850 RUB (whole roubles); balance 7,400 RUB
        Assert.That(model.DepositNowText, Does.Contain("1850.00 RUB"));
        Assert.That(model.BalanceLaterText, Does.Contain("7400.00 RUB"));
    }

    [Test]
    public async Task Each_closed_state_is_shown_and_not_orderable()
    {
        var now = Host.Clock.UtcNow;
        var notYet = await Host.PreorderProductAsync(windowStart: now.AddDays(2), windowEnd: now.AddDays(9));
        var closed = await Host.PreorderProductAsync(windowStart: now.AddDays(-9), windowEnd: now.AddDays(1));
        var soldOut = await Host.PreorderProductAsync(cap: 1);
        var excluded = await Host.PreorderProductAsync(countries: "US,RU");
        await Host.PlaceOrderAsync(soldOut, 1);
        Host.Clock.Now = now.AddDays(1);
        await Host.Shop.Cache.ClearAsync();

        var expectations = new[]
        {
            (notYet.Id, PreorderOfferState.NotYetOpen, "Product.NotYetOpen"),
            (closed.Id, PreorderOfferState.Closed, "Product.Closed"),
            (soldOut.Id, PreorderOfferState.SoldOut, "Product.SoldOut"),
            (excluded.Id, PreorderOfferState.CountryExcluded, "Product.CountryExcluded")
        };
        foreach (var (id, state, text) in expectations)
        {
            var model = await ModelAsync(id);
            Assert.That(model.State, Is.EqualTo(state));
            Assert.That(model.CanOrder, Is.False);
            Assert.That(model.StatusText, Does.StartWith(Texts.Prefix(PreorderDefaults.ResourcePrefix + text)));
            Assert.That(model.DepositNowText, Is.Null);
        }
        Assert.That((await ModelAsync(Host.Shop.AddProduct().Id)).Visible, Is.False, "ordinary products show nothing");
    }

    [Test]
    public async Task Cart_warnings_for_cap_limit_window_country_and_mixed_carts()
    {
        var rules = Host.Resolve<PreorderCartRules>();
        var customer = Host.Shop.CurrentCustomer;
        var capped = await Host.PreorderProductAsync(cap: 3, perCustomerLimit: 2);
        var elsewhere = await Host.PreorderProductAsync(countries: "US");
        var later = await Host.PreorderProductAsync(windowStart: Host.Clock.UtcNow.AddDays(1));
        var inStock = Host.Shop.AddProduct(stock: 5);
        var none = new List<ShoppingCartItem>();

        Assert.That(await rules.GetItemWarningsAsync(customer, capped, 1, 2, none), Is.Empty);
        Assert.That(await rules.GetItemWarningsAsync(customer, capped, 1, 3, none), Has.Some.StartsWith(Texts.Prefix(PreorderDefaults.Resources.PerCustomerLimitReached)));
        Assert.That(await rules.GetItemWarningsAsync(customer, capped, 1, 4, none), Has.Some.StartsWith(Texts.Prefix(PreorderDefaults.Resources.CapReached)));
        Assert.That(await rules.GetItemWarningsAsync(customer, elsewhere, 1, 1, none), Has.Some.StartsWith(Texts.Prefix(PreorderDefaults.Resources.CountryExcluded)));
        Assert.That(await rules.GetItemWarningsAsync(customer, later, 1, 1, none), Has.Some.StartsWith(Texts.Prefix(PreorderDefaults.Resources.WindowNotOpen)));

        await Host.PlaceOrderAsync(customer, (capped, 2));
        await Host.Shop.Cache.ClearAsync();
        Assert.That(await rules.GetItemWarningsAsync(customer, capped, 1, 1, none), Has.Some.StartsWith(Texts.Prefix(PreorderDefaults.Resources.PerCustomerLimitReached)), "units already pre-ordered count");

        var mixed = new List<ShoppingCartItem> { new() { ProductId = inStock.Id, Quantity = 1, ShoppingCartType = ShoppingCartType.ShoppingCart } };
        Assert.That(await rules.GetItemWarningsAsync(customer, elsewhere, 1, 1, mixed), Has.Some.StartsWith(Texts.Prefix(PreorderDefaults.Resources.MixedCartForbidden)));
        mixed.Add(new ShoppingCartItem { ProductId = elsewhere.Id, Quantity = 1, ShoppingCartType = ShoppingCartType.ShoppingCart });
        Assert.That(await rules.GetCartWarningsAsync(mixed, 1), Has.Some.StartsWith(Texts.Prefix(PreorderDefaults.Resources.MixedCartForbidden)));
        Host.Settings.MixedCart = MixedCartPolicy.Allow;
        Assert.That(await rules.GetCartWarningsAsync(mixed, 1), Is.Empty);
    }
}
