using Newtonsoft.Json;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// The one path of money through a gateway (<see cref="MoneyMovementService"/>), on the real database with a
/// card method that records what it really did: the gateway's answer is read (Paid, Authorized and Pending are
/// different things), nothing moves twice (lost answers, repeats, two requests at once), a decline can be
/// retried, and the checkout's deposit is in the ledger before the card is charged.
/// </summary>
[TestFixture]
public class MoneyPathTests : DatabaseTest
{
    private FakeShop _shop;
    private FakeCardPaymentMethod _card;

    [SetUp]
    public void CreateShop()
    {
        _card = new FakeCardPaymentMethod();
        _shop = new FakeShop();
        _shop.PaymentMethods[FakeCardPaymentMethod.Name] = _card;
        _shop.Settings.ChargeMethodSystemName = FakeCardPaymentMethod.Name;
        _shop.Settings.DefaultDepositRuleJson = JsonConvert.SerializeObject(new DepositRule { Percent = 20m });
    }

    /// <summary>A card order of 100.00 with its 20.00 deposit confirmed: 80.00 owed.</summary>
    private async Task<Order> CardOrderAsync(PreorderTestHost host, decimal depositPaid = 20m)
    {
        var order = await host.PlaceCardOrderAsync(await host.PreorderProductAsync(cap: 10, price: 100m));
        if (depositPaid > 0m)
            await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, depositPaid, "DEP", 1, LedgerEntryKind.Deposit);
        return order;
    }

    private static IList<PreorderLedgerEntry> Entries(PreorderTestHost host, Order order) =>
        host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == order.Id).OrderBy(e => e.Id).ToList();

    [TestCase(PaymentStatus.Paid, LedgerEntryStatus.Succeeded)]
    [TestCase(PaymentStatus.Authorized, LedgerEntryStatus.Authorized)]
    [TestCase(PaymentStatus.Pending, LedgerEntryStatus.AwaitingConfirmation)]
    [TestCase(PaymentStatus.Refunded, LedgerEntryStatus.Failed)]
    [TestCase(PaymentStatus.Voided, LedgerEntryStatus.Failed)]
    public void A_charge_is_read_by_its_status_not_by_the_absence_of_errors(PaymentStatus answer, LedgerEntryStatus expected)
    {
        Assert.That(GatewayOutcome.OfCharge(hasErrors: false, answer), Is.EqualTo(expected));
        Assert.That(GatewayOutcome.OfCharge(hasErrors: true, answer), Is.EqualTo(LedgerEntryStatus.Failed), "errors: declined whatever the status");
    }

    [Test]
    public async Task A_pending_answer_is_not_money_until_the_store_confirms_it()
    {
        _card.Answer = PaymentStatus.Pending;   // nopCommerce's Payments.Manual: card details taken, nothing charged
        using var host = new PreorderTestHost(Database, _shop);
        var order = await CardOrderAsync(host);

        var paid = await host.Resolve<BalancePaymentService>().PayAsync(order, 80m, 0, new ProcessPaymentRequest(), order.CustomerId);
        var ledger = host.Resolve<PreorderLedgerService>();
        Assert.Multiple(async () =>
        {
            Assert.That(paid.Succeeded, Is.False, "no money moved");
            Assert.That(paid.Accepted, Is.True);
            Assert.That(paid.Entry.Status, Is.EqualTo(LedgerEntryStatus.AwaitingConfirmation));
            Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.AwaitingBalance));
            Assert.That((await ledger.GetBalanceAsync(order.Id)).Owed, Is.EqualTo(80m));
            Assert.That(order.PaymentStatus, Is.Not.EqualTo(PaymentStatus.Paid), "nopCommerce's order is not marked paid");
        });
        // while it awaits confirmation it is the standing attempt: paying again finds it and charges nothing
        var again = await host.Resolve<BalancePaymentService>().PayAsync(order, 80m, 0, new ProcessPaymentRequest(), order.CustomerId);
        Assert.That((again.Duplicate, again.Accepted, again.Succeeded), Is.EqualTo((true, true, false)));
        // and it is reserved: another payment of that balance (the automatic charge) finds nothing to charge
        Assert.That(await host.Resolve<MoneyMovementService>().PaymentRoomAsync(order.Id), Is.EqualTo(0m));

        // the merchant charges the card offline and marks the order paid in nopCommerce: the attempt is confirmed, nothing added
        order.PaymentStatus = PaymentStatus.Paid;
        await host.Publisher.PublishAsync(new OrderPaidEvent(order));
        var entries = Entries(host, order);
        Assert.That(entries.Select(e => (e.Kind, e.Status, e.Amount)), Is.EqualTo(new[]
        {
            (LedgerEntryKind.Deposit, LedgerEntryStatus.Succeeded, 20m),
            (LedgerEntryKind.Extra, LedgerEntryStatus.Succeeded, 80m)
        }));
        Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.PaidInFull));
        Assert.That(_card.Charges, Is.EqualTo(new[] { 80m }));
    }

    [Test]
    public async Task Authorized_money_counts_once_captured()
    {
        _card.Answer = PaymentStatus.Authorized;
        using var host = new PreorderTestHost(Database, _shop);
        var order = await CardOrderAsync(host);
        var paid = await host.Resolve<BalancePaymentService>().PayAsync(order, 80m, 0, new ProcessPaymentRequest(), order.CustomerId);
        var ledger = host.Resolve<PreorderLedgerService>();
        Assert.That(paid.Entry.Status, Is.EqualTo(LedgerEntryStatus.Authorized));
        Assert.That(paid.Entry.Reference, Is.EqualTo("auth-1"));
        Assert.That((await ledger.GetBalanceAsync(order.Id)).Owed, Is.EqualTo(80m), "authorized is not paid");

        var captured = await host.Resolve<MoneyMovementService>().CaptureAsync(paid.Entry);
        Assert.That(captured.Succeeded, Is.True);
        Assert.That(_card.Captures, Has.Count.EqualTo(1));
        Assert.That(Entries(host, order).Last().Reference, Is.EqualTo("cap-auth-1"), "the capture of this authorization");
        Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.PaidInFull));
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));

        var twice = await host.Resolve<MoneyMovementService>().CaptureAsync(paid.Entry);
        Assert.That(twice.Repeated, Is.True);
        Assert.That(_card.Captures, Has.Count.EqualTo(1), "captured once");
    }

    [Test]
    public async Task A_declined_payment_can_be_retried_and_only_then_says_paid()
    {
        _card.FailuresLeft = 1;
        using var host = new PreorderTestHost(Database, _shop);
        var order = await CardOrderAsync(host);
        var payments = host.Resolve<BalancePaymentService>();

        var declined = await payments.PayAsync(order, 80m, 0, new ProcessPaymentRequest(), order.CustomerId);
        Assert.That((declined.Succeeded, declined.Duplicate, declined.Errors.Single()), Is.EqualTo((false, false, "card declined")));

        var retry = await payments.PayAsync(order, 80m, 0, new ProcessPaymentRequest(), order.CustomerId);
        Assert.That((retry.Succeeded, retry.Duplicate), Is.EqualTo((true, false)), "a new attempt, not the declined one returned as a duplicate");
        Assert.That(_card.Charges, Is.EqualTo(new[] { 80m }));
        Assert.That((await host.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.PaidInFull));
    }

    [Test]
    public async Task The_balance_page_racing_the_automatic_charge_charges_once()
    {
        _card.RecurringPaymentType = RecurringPaymentType.Manual;
        using var task = new PreorderTestHost(Database, _shop);
        using var page = new PreorderTestHost(Database, _shop);
        var order = await CardOrderAsync(task);

        _card.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var automatic = Task.Run(() => task.Resolve<BalancePaymentService>().ChargeAutomaticallyAsync(order, 80m, "i1", 1));
        await WaitUntilAsync(() => page.Scope.Repository<PreorderLedgerEntry>().Table.Any(e => e.OrderId == order.Id && e.StatusId == (int)LedgerEntryStatus.Pending));

        var refused = Assert.ThrowsAsync<PreorderRuleException>(() => page.Resolve<BalancePaymentService>().PayAsync(order, 80m, 0, new ProcessPaymentRequest(), order.CustomerId));
        Assert.That(refused.ResourceKey, Is.EqualTo(PreorderDefaults.Resources.PaymentInProgress));
        _card.Gate.SetResult();
        Assert.That((await automatic).Succeeded, Is.True);
        Assert.That(_card.Charges, Is.EqualTo(new[] { 80m }), "one charge of the balance");
    }

    [Test]
    public async Task A_refund_whose_answer_was_lost_is_reported_and_never_repeated()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var order = await CardOrderAsync(host, depositPaid: 0m);
        await host.Resolve<BalancePaymentService>().PayAsync(order, 100m, 0, new ProcessPaymentRequest(), order.CustomerId);
        var settlement = host.Resolve<PreorderSettlementService>();

        _card.LoseAnswers = 1;
        await settlement.RefundAsync(order.Id, 0, 30m, "goodwill:1", 1, "goodwill");
        await settlement.RefundAsync(order.Id, 0, 30m, "goodwill:1", 1, "goodwill");
        Assert.That(_card.Refunds, Is.EqualTo(new[] { 30m }), "the gateway refunded once; the repeat found the attempt");
        var refund = Entries(host, order).Single(e => e.Kind == LedgerEntryKind.Refund);
        Assert.That(refund.Status, Is.EqualTo(LedgerEntryStatus.Pending), "unknown outcome: left for the store to check");

        host.Clock.Now = host.Clock.Now.AddMinutes(20);
        Assert.That((await host.Resolve<PreorderReconciliationService>().RunAsync()).PendingCharges, Is.EqualTo(1));
        // and it is reserved: a refund of everything else held is all that is left
        var tooMuch = Assert.ThrowsAsync<PreorderRuleException>(() => settlement.RefundAsync(order.Id, 0, 100m, "goodwill:2", 1, "goodwill"));
        Assert.That(tooMuch.Args.Single(), Is.EqualTo(70m));
    }

    [Test]
    public async Task A_refund_goes_back_to_each_charge_on_its_own_transaction_once()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var order = await CardOrderAsync(host, depositPaid: 0m);
        order.CaptureTransactionId = "order-first-tx";
        var payments = host.Resolve<BalancePaymentService>();
        await payments.PayAsync(order, 20m, 0, new ProcessPaymentRequest(), order.CustomerId);   // tx-1
        await payments.PayAsync(order, 80m, 0, new ProcessPaymentRequest(), order.CustomerId);   // tx-2
        var settlement = host.Resolve<PreorderSettlementService>();

        await settlement.RefundAsync(order.Id, 0, 90m, "cancel:1", 1, "cancelled");
        await settlement.RefundAsync(order.Id, 0, 90m, "cancel:1", 1, "cancelled");

        Assert.That(_card.Refunds.Zip(_card.RefundedTransactions), Is.EqualTo(new[] { (80m, "tx-2"), (10m, "tx-1") }),
            "each part refunds one charge, never more than it took; the repeat found both parts");
        Assert.That(Entries(host, order).Where(e => e.Kind == LedgerEntryKind.Refund).Select(e => (e.IdempotencyKey, e.Amount, e.Reference, e.Status)),
            Is.EqualTo(new[] { ("cancel:1", 80m, "tx-2", LedgerEntryStatus.Succeeded), ("cancel:1/1", 10m, "tx-1", LedgerEntryStatus.Succeeded) }));
        Assert.That(order.CaptureTransactionId, Is.EqualTo("order-first-tx"), "nopCommerce's order keeps its own transaction");
        Assert.That((order.RefundedAmount, order.PaymentStatus), Is.EqualTo((90m, PaymentStatus.PartiallyRefunded)));

        // asking more than is held is refused as a whole, not cut to what one charge has left
        var tooMuch = Assert.ThrowsAsync<PreorderRuleException>(() => settlement.RefundAsync(order.Id, 0, 11m, "cancel:2", 1, "cancelled"));
        Assert.That(tooMuch.Args.Single(), Is.EqualTo(10m));
        Assert.That(await host.Resolve<PreorderLedgerService>().ReconcileAsync(order.Id), Is.Empty);
    }

    [Test]
    public async Task A_refund_racing_a_cancellation_never_gives_back_more_than_was_paid()
    {
        using var admin = new PreorderTestHost(Database, _shop);
        using var shopper = new PreorderTestHost(Database, _shop);
        var order = await CardOrderAsync(admin, depositPaid: 0m);
        await admin.Resolve<BalancePaymentService>().PayAsync(order, 20m, 0, new ProcessPaymentRequest(), order.CustomerId);
        var line = admin.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

        _card.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refund = Task.Run(() => admin.Resolve<PreorderSettlementService>().RefundAsync(order.Id, 0, 20m, "admin-refund:" + order.Id + ":", 1, "goodwill"));
        await WaitUntilAsync(() => shopper.Scope.Repository<PreorderLedgerEntry>().Table.Any(e => e.OrderId == order.Id && e.KindId == (int)LedgerEntryKind.Refund));
        var cancel = Task.Run(() => shopper.Resolve<PreorderOrderService>().CancelLineAsync(line.Id, "changed my mind", order.CustomerId, CancellationTerms.Refundable));
        await Task.Delay(200);
        _card.Gate.SetResult();
        await refund;
        await cancel;

        Assert.That(_card.Refunds.Sum(), Is.EqualTo(20m), "the 20.00 paid went back once");
        var refunds = Entries(admin, order).Where(e => e.Kind == LedgerEntryKind.Refund).ToList();
        Assert.That(refunds.Where(e => e.Status == LedgerEntryStatus.Succeeded).Sum(e => e.Amount), Is.EqualTo(20m));
        Assert.That(await admin.Resolve<PreorderLedgerService>().ReconcileAsync(order.Id), Is.Empty);
    }

    [Test]
    public async Task The_checkout_deposit_is_in_the_ledger_before_the_order_and_a_resumed_placement_keeps_it()
    {
        using var checkout = new PreorderTestHost(Database, _shop);
        var product = await checkout.PreorderProductAsync(cap: 10, price: 100m);
        var order = _shop.AddOrder(_shop.AddCustomer(), (product, 1));
        order.PaymentMethodSystemName = PreorderDefaults.SystemName;
        var movement = checkout.Resolve<MoneyMovementService>();
        var charged = await movement.ChargeAtCheckoutAsync(order.OrderGuid, 20m, FakeCardPaymentMethod.Name, order.CustomerId,
            () => _card.ProcessPaymentAsync(new ProcessPaymentRequest { OrderTotal = 20m }));
        Assert.That(charged.Entry.Status, Is.EqualTo(LedgerEntryStatus.Succeeded));
        Assert.That(charged.Entry.OrderId, Is.EqualTo(0), "recorded before nopCommerce saved the order");

        // the request died after nopCommerce saved the order; the task places it from another process
        using var task = new PreorderTestHost(Database, _shop);
        Assert.That(await task.Resolve<PreorderOrderService>().ResumePlacementAsync(order), Is.EqualTo(PlacementOutcome.Placed));
        var account = await task.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id);
        Assert.That((account.PaidAmount, account.State, account.ChargeMethodSystemName),
            Is.EqualTo((20m, PreorderAccountState.AwaitingBalance, FakeCardPaymentMethod.Name)), "the deposit is not asked for again");
        Assert.That(Entries(task, order).Single().IdempotencyKey, Does.StartWith("checkout:"));

        // a repeated confirm of the same checkout charges nothing
        var repeat = await movement.ChargeAtCheckoutAsync(order.OrderGuid, 20m, FakeCardPaymentMethod.Name, order.CustomerId,
            () => _card.ProcessPaymentAsync(new ProcessPaymentRequest { OrderTotal = 20m }));
        Assert.That(repeat.Repeated, Is.True);
        Assert.That(_card.Charges, Is.EqualTo(new[] { 20m }));
    }

    [Test]
    public async Task A_checkout_deposit_of_an_order_that_lost_the_cap_race_is_recorded_and_refunded()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var product = await host.PreorderProductAsync(cap: 1, price: 100m);
        await host.PlaceOrderAsync(product, 1);   // the last unit

        var late = _shop.AddOrder(_shop.AddCustomer(), (product, 1));
        late.PaymentMethodSystemName = PreorderDefaults.SystemName;
        await host.Resolve<MoneyMovementService>().ChargeAtCheckoutAsync(late.OrderGuid, 20m, FakeCardPaymentMethod.Name, late.CustomerId,
            () => _card.ProcessPaymentAsync(new ProcessPaymentRequest { OrderTotal = 20m }));
        await host.Publisher.PublishAsync(new OrderPlacedEvent(late));

        var entries = Entries(host, late);
        Assert.That(entries.Select(e => (e.Kind, e.Status, e.Amount, e.Method)), Is.EqualTo(new[]
        {
            (LedgerEntryKind.Deposit, LedgerEntryStatus.Succeeded, 20m, FakeCardPaymentMethod.Name),
            (LedgerEntryKind.Refund, LedgerEntryStatus.Succeeded, 20m, FakeCardPaymentMethod.Name)
        }));
        Assert.That(_card.Refunds, Is.EqualTo(new[] { 20m }));
        Assert.That(_shop.OrderNotes.Where(n => n.OrderId == late.Id && n.DisplayToCustomer).Select(n => n.Note),
            Has.None.Contains("outside the plugin"), "the shopper is not shown an internal instruction");
        Assert.That(await host.Resolve<PreorderLedgerService>().ReconcileAsync(late.Id), Has.None.Contains("no outcome"));
    }

    [Test]
    public async Task Two_nodes_resuming_the_same_refused_placement_refund_its_checkout_deposit_once_and_neither_fails()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var product = await host.PreorderProductAsync(cap: 1, price: 100m);
        await host.PlaceOrderAsync(product, 1);   // the last unit

        // nopCommerce saved the order, its request died before the plugin placed it: both nodes' tasks resume it
        var late = _shop.AddOrder(_shop.AddCustomer(), (product, 1));
        late.PaymentMethodSystemName = PreorderDefaults.SystemName;
        await host.Resolve<MoneyMovementService>().ChargeAtCheckoutAsync(late.OrderGuid, 20m, FakeCardPaymentMethod.Name, late.CustomerId,
            () => _card.ProcessPaymentAsync(new ProcessPaymentRequest { OrderTotal = 20m }));
        using var node1 = new PreorderTestHost(Database, _shop);
        using var node2 = new PreorderTestHost(Database, _shop);

        Assert.That(await node1.Resolve<PreorderOrderService>().ResumePlacementAsync(late), Is.EqualTo(PlacementOutcome.CapLost));
        // the twin read the order before the first one cancelled it: its resume refuses it again
        Assert.That(async () => await node2.Resolve<PreorderOrderService>().ResumePlacementAsync(late), Throws.Nothing,
            "the refund already made is found under its key, not refused as a second one");

        Assert.That(_card.Refunds, Is.EqualTo(new[] { 20m }), "given back once");
        var refunds = Entries(host, late).Where(e => e.Kind == LedgerEntryKind.Refund).ToList();
        Assert.That(refunds.Select(e => (e.Status, e.Amount, e.IdempotencyKey)),
            Is.EqualTo(new[] { (LedgerEntryStatus.Succeeded, 20m, PreorderOrderService.CapLostRefundKey(late.Id)) }));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Delay(25);
        Assert.That(condition(), Is.True, "timed out waiting");
    }
}
