using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// The refund policy's terms are those of the line as it was when it was cancelled, not of the cancelled line:
/// with "refundable until stock arrives", a line whose stock was allocated keeps its deposit (forfeited) however
/// it is cancelled: in nopCommerce, by the plugin, or settled later by the reconciliation after a crash.
/// </summary>
[TestFixture]
public class OrderCancellationTermsTests : DatabaseTest
{
    private static PreorderLine LineOf(PreorderTestHost host, Order order) => host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

    /// <summary>A 100.00 line with its 20.00 deposit paid through the card, its stock arrived: balance due.</summary>
    private static async Task<(Order Order, FakeCardPaymentMethod Card)> AllocatedOrderAsync(PreorderTestHost host)
    {
        var card = new FakeCardPaymentMethod();
        host.Shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        host.Settings.RefundableUntilStockArrives = true;
        var product = await host.PreorderProductAsync(cap: 5, price: 100m);
        var order = host.Shop.AddOrder(host.Shop.AddCustomer(), (product, 1));
        order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        await host.Resolve<PreorderLedgerService>().RecordAsync(new LedgerRequest
        {
            OrderId = order.Id, Kind = LedgerEntryKind.Deposit, Amount = 20m, Method = FakeCardPaymentMethod.Name, IdempotencyKey = "dep"
        });
        product.StockQuantity += 1;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.BalanceDue), "the stock was allocated");
        return (order, card);
    }

    [Test]
    public async Task Cancelling_in_nopCommerce_after_the_stock_arrived_keeps_the_deposit_the_policy_keeps()
    {
        using var host = new PreorderTestHost(Database);
        var (order, card) = await AllocatedOrderAsync(host);

        await host.Resolve<IOrderProcessingService>().CancelOrderAsync(order, true);

        var entries = await host.Resolve<PreorderLedgerService>().GetEntriesAsync(order.Id);
        Assert.Multiple(() =>
        {
            Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Cancelled));
            Assert.That(entries.Where(e => e.Kind is LedgerEntryKind.Refund or LedgerEntryKind.Forfeit).Select(e => (e.Kind, e.Amount)),
                Is.EqualTo(new[] { (LedgerEntryKind.Forfeit, 20m) }), "the deposit is kept as agreed: the line was allocated when it was cancelled");
            Assert.That(card.Refunds, Is.Empty, "nothing refunded through the card");
        });
    }

    [Test]
    public async Task Cancelling_a_line_without_terms_after_the_stock_arrived_keeps_the_deposit()
    {
        using var host = new PreorderTestHost(Database);
        var (order, card) = await AllocatedOrderAsync(host);

        Assert.That(await host.Resolve<PreorderOrderService>().CancelLineAsync(LineOf(host, order).Id, "gone", 0), Is.True);

        var entries = await host.Resolve<PreorderLedgerService>().GetEntriesAsync(order.Id);
        Assert.That(entries.Where(e => e.Kind is LedgerEntryKind.Refund or LedgerEntryKind.Forfeit).Select(e => (e.Kind, e.Amount)),
            Is.EqualTo(new[] { (LedgerEntryKind.Forfeit, 20m) }));
        Assert.That(card.Refunds, Is.Empty);
    }

    [Test]
    public async Task A_cancelled_allocated_line_settled_later_by_the_reconciliation_keeps_the_deposit()
    {
        using var host = new PreorderTestHost(Database);
        var (order, card) = await AllocatedOrderAsync(host);
        // a crash right after the line moved: it is cancelled, its money not settled yet
        await host.Resolve<PreorderOrderService>().MoveAsync(LineOf(host, order).Id, PreorderLineState.Cancelled, l => l.ClosedOnUtc = host.Clock.UtcNow);

        var report = await host.Resolve<PreorderReconciliationService>().RunAsync();

        Assert.That(report.LinesSettled, Is.EqualTo(1));
        var entries = await host.Resolve<PreorderLedgerService>().GetEntriesAsync(order.Id);
        Assert.That(entries.Where(e => e.Kind is LedgerEntryKind.Refund or LedgerEntryKind.Forfeit).Select(e => (e.Kind, e.Amount)),
            Is.EqualTo(new[] { (LedgerEntryKind.Forfeit, 20m) }));
        Assert.That(card.Refunds, Is.Empty);
    }
}
