using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// Refunds made on nopCommerce's order page of an order paid with the deposit method: "Refund" / "Partial refund"
/// (online: nopCommerce asks the deposit method, which records the refund, then raises OrderRefundedEvent) and
/// "Refund (offline)" / "Partial refund (offline)" (nopCommerce only raises the event). Each is in the ledger once,
/// and a later cancellation refunds only what the order still holds. The nopCommerce side is played as
/// OrderProcessingService 4.90 does it: RefundedAmount is raised before the event.
/// </summary>
[TestFixture]
public class NopRefundTests : DatabaseTest
{
    /// <summary>A 100.00 pre-order paid in full (20.00 deposit, 80.00 balance) while its stock is still awaited: nopCommerce's order is paid.</summary>
    private static async Task<Order> PaidWaitingOrderAsync(PreorderTestHost host)
    {
        host.Settings.RefundableUntilStockArrives = true;
        var product = await host.PreorderProductAsync(cap: 5, price: 100m);
        var order = await host.PlaceOrderAsync(product, 1);
        var payments = host.Resolve<BalancePaymentService>();
        await payments.ConfirmOfflineAsync(order.Id, 20m, "DEP", 1, LedgerEntryKind.Deposit);
        await payments.ConfirmOfflineAsync(order.Id, 80m, "BAL", 1);
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid), "the plugin marked the order paid");
        return order;
    }

    /// <summary>nopCommerce's PartiallyRefundAsync: the payment method first, then RefundedAmount, then the event.</summary>
    private static async Task RefundOnlineInNopAsync(PreorderTestHost host, Order order, decimal amount)
    {
        var result = await host.Resolve<DepositPaymentService>().RefundAsync(new RefundPaymentRequest { Order = order, AmountToRefund = amount, IsPartialRefund = true });
        Assert.That(result.Errors, Is.Empty);
        order.RefundedAmount += amount;
        order.PaymentStatus = result.NewPaymentStatus;
        await host.Publisher.PublishAsync(new OrderRefundedEvent(order, amount));
    }

    /// <summary>nopCommerce's PartiallyRefundOfflineAsync: RefundedAmount and the status, then the event; no payment method is asked.</summary>
    private static async Task RefundOfflineInNopAsync(PreorderTestHost host, Order order, decimal amount)
    {
        order.RefundedAmount += amount;
        order.PaymentStatus = order.OrderTotal == order.RefundedAmount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        await host.Publisher.PublishAsync(new OrderRefundedEvent(order, amount));
    }

    private static async Task<IList<(int LineId, decimal Amount, string Key)>> RefundsAsync(PreorderTestHost host, Order order) =>
        (await host.Resolve<PreorderLedgerService>().GetEntriesAsync(order.Id))
        .Where(e => e.Kind == LedgerEntryKind.Refund && e.Status == LedgerEntryStatus.Succeeded)
        .Select(e => (e.PreorderLineId, e.Amount, e.IdempotencyKey)).ToList();

    [Test]
    public async Task An_online_refund_in_nopCommerce_is_recorded_once_by_the_method_and_the_event_that_follows_is_a_no_op()
    {
        using var host = new PreorderTestHost(Database);
        var order = await PaidWaitingOrderAsync(host);

        await RefundOnlineInNopAsync(host, order, 30m);
        // a repeated event (another consumer's retry) records nothing either
        await host.Publisher.PublishAsync(new OrderRefundedEvent(order, 30m));

        Assert.That(await RefundsAsync(host, order), Is.EqualTo(new[] { (0, 30m, $"nop-refund:{order.Id}:30.0000") }));

        await host.Resolve<IOrderProcessingService>().CancelOrderAsync(order, true);
        var refunds = await RefundsAsync(host, order);
        Assert.That(refunds.Select(r => r.Amount), Is.EqualTo(new[] { 30m, 70m }), "the cancellation refunds only the 70.00 still held");
        Assert.That((await host.Resolve<PreorderLedgerService>().GetBalanceAsync(order.Id)).Held, Is.EqualTo(0m));
    }

    [Test]
    public async Task An_offline_refund_in_nopCommerce_is_recorded_once_and_a_later_cancellation_refunds_only_what_is_still_held()
    {
        using var host = new PreorderTestHost(Database);
        var order = await PaidWaitingOrderAsync(host);

        await RefundOfflineInNopAsync(host, order, 30m);
        await host.Publisher.PublishAsync(new OrderRefundedEvent(order, 30m));

        Assert.That(await RefundsAsync(host, order), Is.EqualTo(new[] { (0, 30m, $"nop-refund:{order.Id}:30.0000") }), "the offline refund is in the ledger, once");
        Assert.That((await host.Resolve<PreorderLedgerService>().GetBalanceAsync(order.Id)).Held, Is.EqualTo(70m));

        // a second partial refund is a new movement
        await RefundOfflineInNopAsync(host, order, 10m);
        Assert.That((await RefundsAsync(host, order)).Select(r => r.Amount), Is.EqualTo(new[] { 30m, 10m }));

        await host.Resolve<IOrderProcessingService>().CancelOrderAsync(order, true);
        var refunds = await RefundsAsync(host, order);
        Assert.That(refunds.Select(r => r.Amount), Is.EqualTo(new[] { 30m, 10m, 60m }), "the cancellation refunds only the 60.00 still held, not the 100.00 paid");
        Assert.That((await host.Resolve<PreorderLedgerService>().GetBalanceAsync(order.Id)).Held, Is.EqualTo(0m));
    }
}
