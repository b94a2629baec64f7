using Autofac;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// The deposit charged at checkout is the deposit placement records: the checkout split and the order-placed
/// handler compute each line with the same function, currency and moment, on the real database.
/// </summary>
[TestFixture]
public class CheckoutDepositTests : DatabaseTest
{
    private sealed class Checkout
    {
        public FakeShop Shop { get; } = new();
        public FakeCardPaymentMethod Card { get; } = new();
        public List<ShoppingCartItem> Cart { get; } = new();
        public PreorderTestHost Host { get; private set; }

        public Checkout Open(TestDatabase database)
        {
            Shop.PaymentMethods[FakeCardPaymentMethod.Name] = Card;
            Shop.Settings.ChargeMethodSystemName = FakeCardPaymentMethod.Name;
            var cartService = new Mock<IShoppingCartService>();
            cartService.Setup(c => c.GetShoppingCartAsync(It.IsAny<Customer>(), It.IsAny<ShoppingCartType?>(), It.IsAny<int>(), It.IsAny<int?>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<int?>()))
                .ReturnsAsync(() => Cart);
            // nopCommerce's cart subtotal of an item: price x quantity, tax excluded (the tax service adds it)
            cartService.Setup(c => c.GetSubTotalAsync(It.IsAny<ShoppingCartItem>(), It.IsAny<bool>()))
                .ReturnsAsync((ShoppingCartItem i, bool _) => (Shop.Products[i.ProductId].Price * i.Quantity, 0m, new List<Discount>(), (int?)null));
            Host = new PreorderTestHost(database, Shop, configure: b => b.RegisterInstance(cartService.Object).As<IShoppingCartService>());
            return this;
        }

        public void ShopperPaysInRoubles()
        {
            var rub = Shop.Currencies.Single(c => c.CurrencyCode == "RUB");
            Shop.WorkingCurrency = rub;
        }

        /// <summary>The confirm step: the deposit method charges what the split says is due now.</summary>
        public async Task<ProcessPaymentRequest> PayAsync(Customer customer, decimal orderTotal)
        {
            var request = new ProcessPaymentRequest { CustomerId = customer.Id, StoreId = 1, OrderTotal = orderTotal, OrderGuid = Guid.NewGuid() };
            request.CustomValues.Add(new CustomValue("Preorders.TermsAccepted", "true", displayToCustomer: false));
            var result = await Host.Resolve<DepositPaymentService>().ProcessPaymentAsync(request);
            Assert.That(result.Errors, Is.Empty);
            return request;
        }

        /// <summary>nopCommerce saves the order of the paid request (in the shopper's currency) and raises OrderPlacedEvent.</summary>
        public async Task<Order> PlaceAsync(Customer customer, ProcessPaymentRequest request, params (Product Product, int Quantity)[] lines)
        {
            var order = Shop.AddOrder(customer, lines);
            order.OrderGuid = request.OrderGuid;
            order.OrderTotal = request.OrderTotal;
            var working = Shop.WorkingCurrency ?? Shop.Currencies[0];
            order.CustomerCurrencyCode = working.CurrencyCode;
            order.CurrencyRate = working.Rate / Shop.Currencies.Single(c => c.CurrencyCode == "USD").Rate;
            await Host.Publisher.PublishAsync(new OrderPlacedEvent(order));
            return order;
        }

        public void AddToCart(Customer customer, Product product, int quantity) =>
            Cart.Add(new ShoppingCartItem { Id = Cart.Count + 1, ProductId = product.Id, Quantity = quantity, CustomerId = customer.Id, StoreId = 1, ShoppingCartType = ShoppingCartType.ShoppingCart });

        public IList<PreorderLine> Lines(Order order) =>
            Host.Scope.Repository<PreorderLine>().Table.Where(l => l.OrderId == order.Id).OrderBy(l => l.Id).ToList();
    }

    private Checkout _checkout;

    [TearDown]
    public void DisposeCheckout() => _checkout?.Host?.Dispose();

    private async Task<Product> ProductAsync(PreorderTestHost host, decimal price, PreorderPaymentMode mode = PreorderPaymentMode.Deposit, DepositRule rule = null, DateTime? shipDate = null)
    {
        var product = await host.PreorderProductAsync(cap: 100, mode: mode, price: price, shipDate: shipDate);
        if (rule != null)
        {
            var catalog = host.Resolve<PreorderCatalogService>();
            var profile = await catalog.GetProfileAsync(product.Id);
            var errors = await catalog.SaveAsync(new PreorderProfileEdit { Profile = profile, DepositRule = rule }, byCustomerId: 1);
            Assert.That(errors, Is.Empty);
        }
        return product;
    }

    /// <summary>A checkout of a rouble shopper in a dollar store with charm rounding and 10 % tax.</summary>
    private PreorderTestHost OpenRoubleCheckoutWithCharmRounding()
    {
        _checkout = new Checkout().Open(Database);
        _checkout.Host.Settings.CharmRounding = true;
        _checkout.Shop.TaxPercent = 10m;
        _checkout.ShopperPaysInRoubles();
        return _checkout.Host;
    }

    [Test]
    public async Task A_rouble_shopper_with_charm_rounding_is_charged_exactly_the_deposits_placement_records()
    {
        var host = OpenRoubleCheckoutWithCharmRounding();
        var customer = _checkout.Shop.AddCustomer();
        // A: 1 x 100 USD, the store's 20 %; B: 3 x 33.33 USD, larger of 10 % and 5 USD a unit; C: 1 x 40 USD paid on shipment
        var a = await ProductAsync(host, 100m);
        var b = await ProductAsync(host, 33.33m, rule: new DepositRule { Percent = 10m, FixedPerUnit = 5m, Combine = DepositCombineMode.LargerOfBoth });
        var c = await ProductAsync(host, 40m, PreorderPaymentMode.PayOnShip);
        _checkout.AddToCart(customer, a, 1);
        _checkout.AddToCart(customer, b, 3);
        _checkout.AddToCart(customer, c, 1);
        // lines incl. 10 % tax: 110 + 109.989 + 44, plus 5 USD shipping
        const decimal orderTotal = 268.989m;

        var split = await host.Resolve<CheckoutSplitService>().GetSplitAsync(_checkout.Cart, 1, orderTotal: orderTotal);
        var request = await _checkout.PayAsync(customer, orderTotal);
        var order = await _checkout.PlaceAsync(customer, request, (a, 1), (b, 3), (c, 1));

        var lines = _checkout.Lines(order);
        var account = await host.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id);
        // A: 10175 RUB x 20 % = 2035, charm 1900 RUB = 20.5405 USD
        // B: 10173.98 RUB: 10 % = 1017.40 < 5 x 3 x 92.5 = 1387.50, charm 1300 RUB = 14.0541 USD
        // C: nothing now
        Assert.That(lines.Select(l => l.DepositAmount), Is.EqualTo(new[] { 20.5405m, 14.0541m, 0m }));
        Assert.That(split.DueNow, Is.EqualTo(lines.Sum(l => l.DepositAmount) + 5m), "due now = the recorded deposits + shipping");
        Assert.That(split.DueLater, Is.EqualTo(lines.Sum(l => l.LineTotal - l.DepositAmount)));
        Assert.That(_checkout.Card.Charges, Is.EqualTo(new[] { 39.5946m }), "charged = 20.5405 + 14.0541 + 5");
        Assert.That(account.DueAtCheckout, Is.EqualTo(39.5946m), "recorded as due = charged");
        Assert.That(account.State, Is.EqualTo(PreorderAccountState.AwaitingBalance), "the charge covers the deposits: not awaiting a deposit");
        var entry = (await host.Resolve<PreorderLedgerService>().GetEntriesAsync(order.Id)).Single();
        Assert.That(entry.Amount, Is.EqualTo(39.5946m));
        // 1900 + 1300 + 5 x 92.5: the roubles the shopper paid, not 39.5946 x 92.5 = 3662.4905
        Assert.That(entry.AmountInCurrency, Is.EqualTo(3662.50m));
        Assert.That(entry.CurrencyCode, Is.EqualTo("RUB"), "the ledger names the currency of that figure");
    }

    [Test]
    public async Task The_term_is_taken_at_the_checkout_moment_even_when_placement_comes_a_minute_later()
    {
        _checkout = new Checkout().Open(Database);
        var host = _checkout.Host;
        var customer = _checkout.Shop.AddCustomer();
        // the 30-day tier (30 %) holds at checkout, 30 days and 30 seconds before shipping; a minute later it is 29 days (10 %)
        var tiers = new DepositRule { Percent = 10m, TermTiers = { new() { MinDaysAhead = 0, Percent = 10m }, new() { MinDaysAhead = 30, Percent = 30m } } };
        var product = await ProductAsync(host, 100m, rule: tiers, shipDate: host.Clock.UtcNow.AddDays(30).AddSeconds(30));
        _checkout.AddToCart(customer, product, 1);

        var request = await _checkout.PayAsync(customer, 100m);
        host.Clock.Now = host.Clock.Now.AddMinutes(1);
        var order = await _checkout.PlaceAsync(customer, request, (product, 1));

        Assert.That(_checkout.Card.Charges, Is.EqualTo(new[] { 30m }));
        Assert.That(_checkout.Lines(order).Single().DepositAmount, Is.EqualTo(30m), "the deposit of the checkout moment");
        Assert.That((await host.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.AwaitingBalance));
    }

    [Test]
    public async Task The_product_page_promises_what_checkout_charges_for_one_unit()
    {
        var host = OpenRoubleCheckoutWithCharmRounding();
        var customer = _checkout.Shop.AddCustomer();
        _checkout.Shop.CurrentCustomer = customer;
        var product = await ProductAsync(host, 100m);
        _checkout.AddToCart(customer, product, 1);

        var page = await host.Resolve<PreorderModelFactory>().PrepareProductModelAsync(product.Id);
        await _checkout.PayAsync(customer, 110m);

        // 110 USD incl. tax = 10175 RUB x 20 % = 2035, charm 1900 RUB; charged 20.5405 USD = 1899.996 = 1900 RUB
        var charged = _checkout.Card.Charges.Single();
        var chargedInRoubles = Math.Round(charged * 92.5m, 0);
        Assert.That(chargedInRoubles, Is.EqualTo(1900m));
        Assert.That(page.DepositNowText, Does.Contain(chargedInRoubles.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " RUB"));
    }
}
