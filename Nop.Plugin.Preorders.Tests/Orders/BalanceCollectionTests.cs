using Autofac;
using Moq;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>Collecting balances: automatic charges of due installments with retries, and the deposit method only where it applies.</summary>
[TestFixture]
public class BalanceCollectionTests : DatabaseTest
{

    [Test]
    public async Task Due_installments_are_charged_automatically_retried_with_backoff_and_never_twice()
    {
        var card = new FakeCardPaymentMethod { RecurringPaymentType = RecurringPaymentType.Manual, FailuresLeft = 2 };
        var shop = new FakeShop();
        shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        shop.Settings.DefaultDepositRuleJson = "{\"Percent\":10,\"Installments\":3,\"InstallmentIntervalDays\":30}";
        shop.Settings.ChargeRetryBackoffHours = 24;
        shop.Settings.ChargeRetryCount = 3;
        using var host = new PreorderTestHost(Database, shop);
        var product = await host.PreorderProductAsync(cap: 10, price: 1000m);
        var order = await host.PlaceCardOrderAsync(product);
        var ledger = host.Resolve<PreorderLedgerService>();
        await ledger.RecordAsync(new LedgerRequest { OrderId = order.Id, Kind = LedgerEntryKind.Deposit, Amount = 100m, Method = FakeCardPaymentMethod.Name, IdempotencyKey = "dep" });

        var schedule = await ledger.GetScheduleAsync(order.Id);
        Assert.That(schedule.Select(i => i.Amount), Is.EqualTo(new[] { 100m, 300m, 300m, 300m }));
        Assert.That(schedule[3].DueOnUtc, Is.Null, "the last one falls due when the stock arrives");

        var task = host.Resolve<PreorderAutomationService>();
        var due = schedule[1].DueOnUtc!.Value;
        host.Clock.Now = due.AddMinutes(1);
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(0), "first attempt declined");
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(0), "no retry before the backoff");
        host.Clock.Now = due.AddHours(25);
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(0), "second attempt declined");
        host.Clock.Now = due.AddHours(49);
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(1), "third attempt, after 24 h then 48 h, succeeds");
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(0), "charged once");

        Assert.That(card.Charges, Is.EqualTo(new[] { 300m }));
        var entries = await ledger.GetEntriesAsync(order.Id);
        Assert.That(entries.Count(e => e.Status == LedgerEntryStatus.Failed), Is.EqualTo(2), "every attempt is in the ledger");
        Assert.That((await ledger.GetAccountAsync(order.Id)).PaidAmount, Is.EqualTo(400m));
        Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.ChargeFailed), Is.EqualTo(2), "failures are announced (email with the link)");
    }

    [Test]
    public async Task The_deposit_method_shows_only_for_carts_with_deposit_items()
    {
        var shop = new FakeShop();
        var cart = new List<ShoppingCartItem>();
        var cartService = new Mock<IShoppingCartService>();
        cartService.Setup(c => c.GetSubTotalAsync(It.IsAny<ShoppingCartItem>(), It.IsAny<bool>()))
            .ReturnsAsync((ShoppingCartItem i, bool _) => (100m * i.Quantity, 0m, new List<Discount>(), (int?)null));
        using var host = new PreorderTestHost(Database, shop, configure: b => b.RegisterInstance(cartService.Object).As<IShoppingCartService>());
        var deposit = await host.PreorderProductAsync(mode: PreorderPaymentMode.Deposit);
        var full = await host.PreorderProductAsync(mode: PreorderPaymentMode.FullUpfront);
        var ordinary = shop.AddProduct(stock: 5);
        var method = host.Resolve<DepositPaymentService>();

        Assert.That(await method.HideAsync(new List<ShoppingCartItem>()), Is.True);
        Assert.That(await method.HideAsync(new List<ShoppingCartItem> { new() { ProductId = ordinary.Id, Quantity = 1 } }), Is.True);
        Assert.That(await method.HideAsync(new List<ShoppingCartItem> { new() { ProductId = full.Id, Quantity = 1 } }), Is.True, "pay-in-full pre-orders use any method");
        Assert.That(await method.HideAsync(new List<ShoppingCartItem> { new() { ProductId = deposit.Id, Quantity = 1 } }), Is.False);
    }
}
