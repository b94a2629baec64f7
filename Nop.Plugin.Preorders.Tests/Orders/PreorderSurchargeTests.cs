using Autofac;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Models;
using Nop.Web.Models.ShoppingCart;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// The pre-order surcharge is part of each pre-order line (issue #13): once per line, with every payment method,
/// shown beside the line, recorded in the order item and collected once through the line's deposit and balance.
/// On the real database (profiles, lines, ledger). nopCommerce's own ShoppingCartService cannot run here (its
/// compile-only declaration throws), so the cart's subtotal is nopCommerce's (price x quantity) plus what
/// <see cref="PreorderShoppingCartService.GetSubTotalAsync"/> adds to it: the real
/// <see cref="PreorderSurchargeService"/> through <see cref="SurchargeRules.AddToSubTotal"/>.
/// </summary>
[TestFixture]
public class PreorderSurchargeTests : DatabaseTest
{
    private const decimal Surcharge = 2m;
    private const decimal Shipping = 5m;

    private FakeShop _shop;
    private FakeCardPaymentMethod _card;
    private PreorderTestHost _host;
    private List<ShoppingCartItem> _cart;
    private Customer _customer;

    [SetUp]
    public void OpenShop()
    {
        _shop = new FakeShop { TaxPercent = 10m };
        _shop.Settings.PreorderSurcharge = Surcharge;
        _card = new FakeCardPaymentMethod();
        _shop.PaymentMethods[FakeCardPaymentMethod.Name] = _card;
        _shop.Settings.ChargeMethodSystemName = FakeCardPaymentMethod.Name;
        _cart = new List<ShoppingCartItem>();

        var cartService = new Mock<IShoppingCartService>();
        cartService.Setup(c => c.GetShoppingCartAsync(It.IsAny<Customer>(), It.IsAny<ShoppingCartType?>(), It.IsAny<int>(), It.IsAny<int?>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<int?>()))
            .ReturnsAsync(() => _cart);
        cartService.Setup(c => c.GetSubTotalAsync(It.IsAny<ShoppingCartItem>(), It.IsAny<bool>()))
            .Returns(async (ShoppingCartItem i, bool _) => (await LineSubTotalAsync(i), 0m, new List<Discount>(), (int?)null));
        _host = new PreorderTestHost(Database, _shop, configure: b => b.RegisterInstance(cartService.Object).As<IShoppingCartService>());
        _customer = _shop.AddCustomer();
        _shop.CurrentCustomer = _customer;
    }

    [TearDown]
    public void CloseShop() => _host?.Dispose();

    /// <summary>nopCommerce's subtotal of the line plus the plugin's surcharge, as the plugin's cart service returns it.</summary>
    private async Task<decimal> LineSubTotalAsync(ShoppingCartItem item) =>
        SurchargeRules.AddToSubTotal(_shop.Products[item.ProductId].Price * item.Quantity,
            await _host.Resolve<PreorderSurchargeService>().GetLineSurchargeAsync(item));

    private ShoppingCartItem AddToCart(Product product, int quantity, ShoppingCartType type = ShoppingCartType.ShoppingCart)
    {
        var item = new ShoppingCartItem { Id = _shop.NextId(), ProductId = product.Id, Quantity = quantity, CustomerId = _customer.Id, StoreId = 1, ShoppingCartType = type };
        if (type == ShoppingCartType.ShoppingCart)
            _cart.Add(item);
        return item;
    }

    /// <summary>Two pre-order lines (1 x 100 at 20 %, 3 x 30 paid on shipment) and one ordinary line (2 x 50).</summary>
    private async Task<(Product A, Product B, Product C)> MixedCartAsync()
    {
        _shop.Settings.MixedCart = MixedCartPolicy.Allow;
        var a = await _host.PreorderProductAsync(cap: 100, price: 100m);
        var b = await _host.PreorderProductAsync(cap: 100, price: 30m, mode: PreorderPaymentMode.PayOnShip);
        var c = _shop.AddProduct(stock: 10, price: 50m);
        AddToCart(a, 1);
        AddToCart(b, 3);
        AddToCart(c, 2);
        return (a, b, c);
    }

    /// <summary>nopCommerce's order total of the cart paid with a method: line subtotals with tax, shipping, the method's fee.</summary>
    private async Task<decimal> OrderTotalAsync(IPaymentMethod method)
    {
        var lines = 0m;
        foreach (var item in _cart)
            lines += _shop.WithTax(await LineSubTotalAsync(item));
        return lines + Shipping + await method.GetAdditionalHandlingFeeAsync(_cart);
    }

    [Test]
    public async Task Two_preorder_lines_and_one_ordinary_line_carry_two_surcharges_whatever_the_payment_method()
    {
        await MixedCartAsync();
        var surcharges = _host.Resolve<PreorderSurchargeService>();
        var perLine = new List<decimal>();
        foreach (var item in _cart)
            perLine.Add(await surcharges.GetLineSurchargeAsync(item));
        Assert.That(perLine, Is.EqualTo(new[] { 2m, 2m, 0m }), "once per pre-order line, not per unit (B has 3); none on the ordinary line");

        // (100 + 2 + 90 + 2 + 100) x 1.1 + 5 shipping, with the deposit method and with any other method
        IPaymentMethod deposit = _host.CreateUnregistered<PreorderPlugin>();
        Assert.That(await deposit.GetAdditionalHandlingFeeAsync(_cart), Is.EqualTo(0m), "the deposit method no longer adds the surcharge as its fee");
        Assert.That(await OrderTotalAsync(deposit), Is.EqualTo(328.4m));
        Assert.That(await OrderTotalAsync(_card), Is.EqualTo(328.4m));
    }

    [Test]
    public async Task A_wishlist_line_and_a_store_without_a_surcharge_carry_none()
    {
        var a = await _host.PreorderProductAsync(cap: 100, price: 100m);
        var surcharges = _host.Resolve<PreorderSurchargeService>();
        Assert.That(await surcharges.GetLineSurchargeAsync(AddToCart(a, 1, ShoppingCartType.Wishlist)), Is.EqualTo(0m));

        _shop.StoreSettings[1] = new PreorderSettings { DefaultDepositRuleJson = _shop.Settings.DefaultDepositRuleJson, PreorderSurcharge = 0m };
        using var nextRequest = new PreorderTestHost(Database, _shop);
        Assert.That(await nextRequest.Resolve<PreorderSurchargeService>().GetLineSurchargeAsync(AddToCart(a, 1)), Is.EqualTo(0m),
            "the store's own setting (0) applies to its carts");
    }

    [Test]
    public async Task The_deposits_and_balances_the_ledger_records_sum_to_the_order_total_and_the_surcharge_is_collected_once()
    {
        var (a, b, c) = await MixedCartAsync();
        var orderTotal = await OrderTotalAsync(_host.CreateUnregistered<PreorderPlugin>());

        var split = await _host.Resolve<CheckoutSplitService>().GetSplitAsync(_cart, 1, orderTotal: orderTotal);
        var request = new ProcessPaymentRequest { CustomerId = _customer.Id, StoreId = 1, OrderTotal = orderTotal, OrderGuid = Guid.NewGuid() };
        request.CustomValues.Add(new CustomValue("Preorders.TermsAccepted", "true", displayToCustomer: false));
        Assert.That((await _host.Resolve<DepositPaymentService>().ProcessPaymentAsync(request)).Errors, Is.Empty);

        // nopCommerce moves each cart line into the order with the line's subtotal (surcharge inside) as its price, then places it
        var order = _shop.AddOrder(_customer, (a, 1), (b, 3), (c, 2));
        order.OrderGuid = request.OrderGuid;
        var items = _shop.OrderItems[order.Id];
        for (var i = 0; i < items.Count; i++)
        {
            var subTotal = await LineSubTotalAsync(_cart[i]);
            items[i].PriceExclTax = subTotal;
            items[i].PriceInclTax = _shop.WithTax(subTotal);
            items[i].AttributeDescription = i == 0 ? "Colour: red" : null;
            await _host.Publisher.PublishAsync(new ShoppingCartItemMovedToOrderItemEvent(_cart[i], items[i]));
        }
        order.OrderTotal = orderTotal;
        await _host.Publisher.PublishAsync(new OrderPlacedEvent(order));

        var lines = _host.Scope.Repository<PreorderLine>().Table.Where(l => l.OrderId == order.Id).OrderBy(l => l.Id).ToList();
        // A: (100 + 2) x 1.1 = 112.2, 20 % deposit = 22.44; B: (90 + 2) x 1.1 = 101.2, paid on shipment
        Assert.That(lines.Select(l => l.LineTotal), Is.EqualTo(new[] { 112.2m, 101.2m }), "each pre-order line's total carries its surcharge once");
        Assert.That(lines.Select(l => l.DepositAmount), Is.EqualTo(new[] { 22.44m, 0m }), "the deposit rule applies to the line with its surcharge");
        // due now: A's deposit + the ordinary line (110) + shipping; nothing added as a fee
        Assert.That(_card.Charges, Is.EqualTo(new[] { 137.44m }));
        Assert.That(split.DueNow, Is.EqualTo(137.44m), "the checkout split charged is the split placement recorded");

        var ledger = _host.Resolve<PreorderLedgerService>();
        var account = await ledger.GetAccountAsync(order.Id);
        var balance = await ledger.GetBalanceAsync(account);
        Assert.That(account.DueAtCheckout, Is.EqualTo(137.44m));
        Assert.That(account.DueAtCheckout + lines.Sum(l => l.LineTotal - l.DepositAmount), Is.EqualTo(order.OrderTotal), "due at checkout + balances = order total");
        Assert.That(balance.Held + balance.Owed, Is.EqualTo(order.OrderTotal), "held + owed = order total: nothing charged twice, nothing missing");
        Assert.That(balance.Owed, Is.EqualTo(89.76m + 101.2m), "A's balance (112.2 - 22.44) and B on shipment");

        // the order item keeps what was charged for the surcharge (2 USD + 10 % tax), beside its attributes
        Assert.That(items[0].AttributeDescription, Is.EqualTo("Colour: red<br /><span class=\"preorder-surcharge-note\">Includes pre-order surcharge: 2.20 USD</span>"));
        Assert.That(items[1].AttributeDescription, Is.EqualTo("<span class=\"preorder-surcharge-note\">Includes pre-order surcharge: 2.20 USD</span>"));
        Assert.That(items[2].AttributeDescription, Is.Null, "no note on the ordinary line");
    }

    [Test]
    public async Task The_cart_shows_the_surcharge_on_each_preorder_line_once_in_the_shoppers_currency()
    {
        await MixedCartAsync();
        _shop.WorkingCurrency = _shop.Currencies.Single(c => c.CurrencyCode == "RUB");
        var model = new ShoppingCartModel();
        foreach (var item in _cart)
            model.Items.Add(new ShoppingCartModel.ShoppingCartItemModel { Id = item.Id, ProductId = item.ProductId, Quantity = item.Quantity, AttributeInfo = item == _cart[0] ? "Colour: red" : null });

        // the cart page publishes the model, and its order summary publishes the same model again
        await _host.Publisher.PublishAsync(new ModelPreparedEvent<BaseNopModel>(model));
        await _host.Publisher.PublishAsync(new ModelPreparedEvent<BaseNopModel>(model));

        // 2 USD + 10 % tax = 2.2 USD = 203.5 RUB, rounded to whole roubles as the rouble rounds
        const string note = "<span class=\"preorder-surcharge-note\">Includes pre-order surcharge: 204.00 RUB</span>";
        Assert.That(model.Items.Select(i => i.AttributeInfo), Is.EqualTo(new[] { "Colour: red<br />" + note, note, null }));
    }

    [Test]
    public async Task The_product_page_promises_the_deposit_checkout_charges_for_a_line_with_its_surcharge()
    {
        var a = await _host.PreorderProductAsync(cap: 100, price: 100m);
        AddToCart(a, 1);

        var page = await _host.Resolve<PreorderModelFactory>().PrepareProductModelAsync(a.Id);
        var split = await _host.Resolve<CheckoutSplitService>().GetSplitAsync(_cart, 1, orderTotal: await OrderTotalAsync(_card) - Shipping);

        // (100 + 2) x 1.1 = 112.2 x 20 % = 22.44
        Assert.That(split.DueNow, Is.EqualTo(22.44m));
        Assert.That(page.DepositNowText, Does.Contain("22.44 USD"));
    }
}
