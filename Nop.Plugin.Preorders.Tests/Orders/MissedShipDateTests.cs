using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Messages;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// The store's missed ship date policy, run by the scheduled task on a real database: each late waiting line is told
/// once and, under "refund automatically", cancelled and refunded once after the set days, however many runs and
/// nodes; lines that are not late, whose stock arrived, or of a store without the policy are left alone.
/// </summary>
[TestFixture]
public class MissedShipDateTests : MessageTest
{
    private FakeShop _shop;
    private PreorderTestHost _host;

    [SetUp]
    public void SetUp()
    {
        _shop = new FakeShop();
        _shop.Settings.MissedShipDate = MissedShipDatePolicy.NotifyThenRefund;
        _shop.Settings.MissedShipDateRefundDays = 10;
        // forfeitable from the start and no late-refund threshold: only the notice makes a cancellation penalty-free
        _shop.Settings.RefundableUntilStockArrives = false;
        _shop.Settings.AutoRefundDelayDays = 0;
        _host = Kit.NewHost(Database, _shop);
        ShipDate = _host.Clock.Now.Date.AddDays(5);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    /// <summary>The products' expected ship date: five days after the test starts (fixed while the test moves the clock).</summary>
    private DateTime ShipDate { get; set; }

    /// <summary>A waiting pre-order of one unit, deposit 20 paid offline, of a product expected on <paramref name="shipDate"/>.</summary>
    private async Task<(Customer Owner, Order Order, PreorderLine Line, Product Product)> WaitingLineAsync(DateTime? shipDate = null)
    {
        var product = await _host.PreorderProductAsync(shipDate: shipDate ?? ShipDate);
        product.Name = "Moon Lamp";
        var owner = _shop.AddCustomer();
        var order = await _host.PlaceOrderAsync(owner, (product, 1));
        await _host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "DEP-" + order.Id, 1, LedgerEntryKind.Deposit);
        return (owner, order, Line(order.Id), product);
    }

    private PreorderLine Line(int orderId) => _host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == orderId);

    private List<PreorderMissedShipDate> Missed() => _host.Scope.Repository<PreorderMissedShipDate>().Table.OrderBy(m => m.PreorderLineId).ToList();

    private List<PreorderLedgerEntry> Refunds(int orderId) =>
        _host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == orderId && e.KindId == (int)LedgerEntryKind.Refund).ToList();

    /// <summary>The whole task on two web-farm nodes at the same moment.</summary>
    private async Task RunOnTwoNodesAsync()
    {
        using var nodeA = Kit.NewHost(Database, _shop);
        using var nodeB = Kit.NewHost(Database, _shop);
        await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<PreorderAutomationService>().RunAsync()),
            Task.Run(() => nodeB.Resolve<PreorderAutomationService>().RunAsync()));
    }

    [Test]
    public async Task Each_late_waiting_line_is_told_once_by_two_nodes_and_again_runs_tell_nobody_twice()
    {
        var late = new[] { await WaitingLineAsync(), await WaitingLineAsync(), await WaitingLineAsync() };
        var (_, _, notLate, _) = await WaitingLineAsync(ShipDate.AddDays(30));
        var (_, arrivedOrder, _, arrivedProduct) = await WaitingLineAsync();
        arrivedProduct.StockQuantity += 1;
        await _host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(arrivedProduct));
        Assert.That(Line(arrivedOrder.Id).State, Is.EqualTo(PreorderLineState.BalanceDue), "stock arrived for this one");

        _host.Clock.Now = ShipDate.AddHours(23);
        await RunOnTwoNodesAsync();
        Assert.That(Missed(), Is.Empty, "the ship date's own day is not over");

        _host.Clock.Now = ShipDate.AddDays(1).AddHours(6);
        await RunOnTwoNodesAsync();
        await RunOnTwoNodesAsync();

        var missed = Missed();
        Assert.That(missed.Select(m => m.PreorderLineId), Is.EqualTo(late.Select(l => l.Line.Id).OrderBy(id => id)), "the late waiting lines only");
        Assert.That(missed.All(m => m.ShipDateUtc == ShipDate && m.NotifiedOnUtc == ShipDate.AddDays(1).AddHours(6)), Is.True);
        Assert.That(missed.All(m => m.RefundDueOnUtc == ShipDate.AddDays(11).AddHours(6) && m.RefundHandledOnUtc == null), Is.True);
        var notices = Kit.Of(K.MissedShipDate).ToList();
        Assert.That(notices, Has.Count.EqualTo(3), "one e-mail per late line, none twice");
        Assert.That(notices.Select(n => n["Order.OrderNumber"]).Distinct().Count(), Is.EqualTo(3));
        var notice = notices.First();
        Assert.That(notice[Tk.CanCancelFree], Is.EqualTo("True"));
        Assert.That(notice[Tk.CancelLink], Does.StartWith("http://shop.test/" + BalanceLinkService.BalancePathPrefix));
        Assert.That(notice[Tk.OldShipDate], Is.EqualTo(MessageTestKit.DateText(ShipDate)));
        Assert.That(notice[Tk.HasAutoRefund], Is.EqualTo("True"));
        Assert.That(notice[Tk.RefundDate], Is.EqualTo(MessageTestKit.DateText(ShipDate.AddDays(11).AddHours(6))));
        Assert.That(Line(notLate.OrderId).State, Is.EqualTo(PreorderLineState.Waiting));
        Assert.That(late.All(l => Line(l.Order.Id).State == PreorderLineState.Waiting), Is.True, "told, not cancelled");
    }

    [Test]
    public async Task After_the_set_days_a_line_still_late_is_refunded_once_through_the_cancellation_and_others_are_closed_without_refund()
    {
        var (_, lateOrder, lateLine, _) = await WaitingLineAsync();
        var (_, arrivesOrder, arrivesLine, arrivesProduct) = await WaitingLineAsync();
        _host.Clock.Now = ShipDate.AddDays(2);
        await RunOnTwoNodesAsync();
        Assert.That(Missed(), Has.Count.EqualTo(2));

        // the stock of one arrives after the notice
        arrivesProduct.StockQuantity += 1;
        await _host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(arrivesProduct));

        _host.Clock.Now = ShipDate.AddDays(12).AddMinutes(-1);
        await RunOnTwoNodesAsync();
        Assert.That(Line(lateOrder.Id).State, Is.EqualTo(PreorderLineState.Waiting), "one minute before the refund date");

        _host.Clock.Now = ShipDate.AddDays(12);
        await RunOnTwoNodesAsync();
        await RunOnTwoNodesAsync();

        var refunded = Line(lateOrder.Id);
        Assert.That(refunded.State, Is.EqualTo(PreorderLineState.Cancelled));
        Assert.That(refunded.CloseReason, Does.StartWith("Refunded automatically"));
        var refunds = Refunds(lateOrder.Id);
        Assert.That(refunds, Has.Count.EqualTo(1), "refunded once, whatever the runs and nodes");
        Assert.That(refunds.Single().Amount, Is.EqualTo(20m), "everything held: penalty-free, although the policy forfeits deposits");
        Assert.That(_host.Scope.Repository<PreorderLedgerEntry>().Table.Count(e => e.OrderId == lateOrder.Id && e.KindId == (int)LedgerEntryKind.Forfeit), Is.Zero);
        var cancelMail = Kit.Single(K.Cancelled);
        Assert.That(cancelMail[Tk.IsRefunded], Is.EqualTo("True"), "the cancellation e-mail says what was refunded");

        var missed = Missed();
        Assert.That(missed.Single(m => m.PreorderLineId == lateLine.Id).Refunded, Is.True);
        Assert.That(missed.Single(m => m.PreorderLineId == lateLine.Id).RefundHandledOnUtc, Is.EqualTo(ShipDate.AddDays(12)));
        var arrived = missed.Single(m => m.PreorderLineId == arrivesLine.Id);
        Assert.That(arrived.Refunded, Is.False);
        Assert.That(arrived.RefundHandledOnUtc, Is.EqualTo(ShipDate.AddDays(12)), "handled: never looked at again");
        Assert.That(PreorderLineStateMachine.IsAllocated(Line(arrivesOrder.Id).State), Is.True, "its balance runs its own course (overdue by now), not cancelled");
        Assert.That(Refunds(arrivesOrder.Id), Is.Empty);
        Assert.That(Kit.Of(K.MissedShipDate).Count(), Is.EqualTo(2), "no notice again");
    }

    [Test]
    public async Task Notify_only_offers_a_penalty_free_cancellation_and_never_refunds_by_itself()
    {
        _shop.Settings.MissedShipDate = MissedShipDatePolicy.Notify;
        var (owner, order, line, _) = await WaitingLineAsync();
        var self = _host.Resolve<PreorderSelfService>();
        _host.Clock.Now = ShipDate.AddDays(1);
        Assert.That((await self.PreviewCancelAsync(owner, order.Id, line.Id, null)).Terms, Is.EqualTo(CancellationTerms.DepositForfeited), "before the notice: the store's terms");

        await RunOnTwoNodesAsync();
        var notice = Kit.Single(K.MissedShipDate);
        Assert.That(notice[Tk.HasAutoRefund], Is.EqualTo("False"));
        Assert.That(Missed().Single().RefundDueOnUtc, Is.Null);
        var preview = await self.PreviewCancelAsync(owner, order.Id, line.Id, null);
        Assert.That(preview.Terms, Is.EqualTo(CancellationTerms.Refundable), "the notice's penalty-free offer is honoured");
        Assert.That(preview.Refund, Is.EqualTo(20m));

        _host.Clock.Now = ShipDate.AddDays(200);
        await RunOnTwoNodesAsync();
        Assert.That(Line(order.Id).State, Is.EqualTo(PreorderLineState.Waiting), "no automatic refund");
        Assert.That(Refunds(order.Id), Is.Empty);

        await self.CancelAsync(owner, order.Id, line.Id, null, (int)CancellationReason.ShipDateTooLate, null);
        Assert.That(Refunds(order.Id).Sum(r => r.Amount), Is.EqualTo(20m), "the shopper's cancellation refunds everything");
    }

    [Test]
    public async Task Without_the_policy_nothing_is_recorded_or_sent()
    {
        _shop.Settings.MissedShipDate = MissedShipDatePolicy.Nothing;
        var (_, order, _, _) = await WaitingLineAsync();
        _host.Clock.Now = ShipDate.AddDays(40);
        await RunOnTwoNodesAsync();

        Assert.That(Missed(), Is.Empty);
        Assert.That(Kit.Of(K.MissedShipDate), Is.Empty);
        Assert.That(Line(order.Id).State, Is.EqualTo(PreorderLineState.Waiting));
    }

    [Test]
    public async Task The_step_alone_run_twice_at_once_claims_each_line_once()
    {
        for (var i = 0; i < 5; i++)
            await WaitingLineAsync();
        _host.Clock.Now = ShipDate.AddDays(3);
        using var nodeA = Kit.NewHost(Database, _shop);
        using var nodeB = Kit.NewHost(Database, _shop);
        var runs = await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<MissedShipDateService>().RunAsync(_host.Clock.Now)),
            Task.Run(() => nodeB.Resolve<MissedShipDateService>().RunAsync(_host.Clock.Now)));
        Assert.That(runs.Sum(r => r.Notified), Is.EqualTo(5), "five lines told between the two nodes");
        Assert.That((await nodeA.Resolve<MissedShipDateService>().RunAsync(_host.Clock.Now)).Notified, Is.Zero, "a third run finds nothing");

        _host.Clock.Now = ShipDate.AddDays(30);
        runs = await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<MissedShipDateService>().RunAsync(_host.Clock.Now)),
            Task.Run(() => nodeB.Resolve<MissedShipDateService>().RunAsync(_host.Clock.Now)));
        Assert.That(runs.Sum(r => r.Refunded), Is.EqualTo(5), "five refunds between the two nodes");
        Assert.That((await nodeB.Resolve<MissedShipDateService>().RunAsync(_host.Clock.Now)).Refunded, Is.Zero);
        Assert.That(_host.Scope.Repository<PreorderLedgerEntry>().Table.Count(e => e.KindId == (int)LedgerEntryKind.Refund), Is.EqualTo(5));
        Assert.That(_host.Scope.Repository<PreorderMessageLog>().Table.Count(m => m.TemplateName == K.MissedShipDate.TemplateName), Is.EqualTo(5));
    }
}
