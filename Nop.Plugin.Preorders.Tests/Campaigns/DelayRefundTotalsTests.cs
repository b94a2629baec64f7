using Autofac;
using Newtonsoft.Json;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Messages;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Campaigns;

/// <summary>
/// A refund compensation lowers what the buyer owes (<see cref="DelayRefundTotals"/>) on a real database: the line's total
/// and the order's total go down by the amount refunded exactly once — across runs, two nodes, a run stopped after the
/// refund and before the row is done, a run stopped between the two tables — so what the buyer owes is what it was and
/// only the money held went down; the account refresh and the reconciliation neither undo nor repeat it; a refund that
/// failed lowers nothing.
/// </summary>
[TestFixture]
public class DelayRefundTotalsTests : MessageTest
{
    private const decimal Refund = 15m;

    private FakeShop _shop;
    private FakeCardPaymentMethod _card;
    private PreorderTestHost _host;

    [SetUp]
    public void SetUp()
    {
        _card = new FakeCardPaymentMethod();
        _shop = new FakeShop();
        _shop.PaymentMethods[FakeCardPaymentMethod.Name] = _card;
        _shop.Settings.ChargeMethodSystemName = FakeCardPaymentMethod.Name;
        _shop.Settings.DefaultDepositRuleJson = JsonConvert.SerializeObject(new DepositRule { Percent = 20m });
        _host = Kit.NewAdminHost(Database, _shop);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    /// <summary>What the buyer sees of an order, and the stored totals the lowering changes.</summary>
    private record Money(decimal Owed, decimal DepositOwed, decimal Held, decimal Due, PreorderAccountState State, decimal OrderTotal, decimal LineTotal, decimal Deposit);

    private async Task<Money> MoneyOfAsync(Order order)
    {
        using var node = Kit.NewHost(Database, _shop);
        var balance = await node.Resolve<PreorderLedgerService>().GetBalanceAsync(order.Id);
        var account = node.Scope.Repository<PreorderAccount>().Table.Single(a => a.OrderId == order.Id);
        var line = node.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        return new Money(balance.Owed, balance.DepositOwed, balance.Held, balance.Due, account.State, account.OrderTotal, line.LineTotal, line.DepositAmount);
    }

    private List<PreorderLedgerEntry> Refunds(Order order) =>
        _host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == order.Id && e.KindId == (int)LedgerEntryKind.Refund).ToList();

    private PreorderDelayCompensation Row(Order order) => _host.Scope.Repository<PreorderDelayCompensation>().Table.Single(c => c.OrderId == order.Id);

    /// <summary>A card order of a 100.00 product whose 20.00 deposit was charged through the card, and a refund offer of 15.00 for its delay.</summary>
    private async Task<Order> PaidOrderWithRefundOfferAsync(decimal price = 100m, decimal refund = Refund)
    {
        var product = await _host.PreorderProductAsync(cap: 10, price: price);
        var order = _shop.AddOrder(_shop.AddCustomer(), (product, 1));
        order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await _host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        var paid = await _host.Resolve<BalancePaymentService>().PayAsync(order, 20m, 0, new ProcessPaymentRequest(), order.CustomerId);
        Assert.That(paid.Succeeded, Is.True);

        _host.Clock.Now = _host.Clock.Now.AddMinutes(1);
        var profile = await _host.Resolve<PreorderCatalogService>().GetProfileAsync(product.Id);
        var result = await _host.Resolve<PreorderAdminActionService>().ChangeShipDateAsync(product.Id, profile.ExpectedShipDateUtc!.Value.AddDays(30),
            "Factory delay", false, new DelayOffer(DelayCompensationKind.Refund, refund, false, 0));
        Assert.That(result.Errors, Is.Empty);
        return order;
    }

    private async Task CompensateOnNodeAsync()
    {
        using var node = Kit.NewHost(Database, _shop);
        await node.Resolve<DelayCompensationService>().RunDueAsync();
    }

    private async Task CompensateOnTwoNodesAsync()
    {
        using var nodeA = Kit.NewHost(Database, _shop);
        using var nodeB = Kit.NewHost(Database, _shop);
        await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<DelayCompensationService>().RunDueAsync()),
            Task.Run(() => nodeB.Resolve<DelayCompensationService>().RunDueAsync()));
    }

    /// <summary>What the buyer sees after a 15.00 compensation, from what they saw before.</summary>
    private static void AssertLoweredOnce(Money before, Money after, decimal refund = Refund)
    {
        Assert.Multiple(() =>
        {
            Assert.That((after.Owed, after.DepositOwed, after.State), Is.EqualTo((before.Owed, before.DepositOwed, before.State)),
                "the buyer owes what they owed: the money given back is not owed again");
            Assert.That(after.Held, Is.EqualTo(before.Held - refund), "only the money held went down");
            Assert.That(after.Due, Is.EqualTo(before.Due - refund));
            Assert.That((after.OrderTotal, after.LineTotal, after.Deposit), Is.EqualTo((before.OrderTotal - refund, before.LineTotal - refund, before.Deposit - refund)),
                "the totals went down once; the deposit the refund came from too");
        });
    }

    [Test]
    public async Task A_refund_compensation_lowers_the_totals_once_across_two_nodes_so_the_buyer_owes_what_they_owed_and_holds_less()
    {
        var order = await PaidOrderWithRefundOfferAsync();
        var before = await MoneyOfAsync(order);
        Assert.That((before.Owed, before.Held, before.LineTotal, before.Deposit), Is.EqualTo((80m, 20m, 100m, 20m)));

        await CompensateOnTwoNodesAsync();
        await CompensateOnTwoNodesAsync();
        await CompensateOnNodeAsync();

        Assert.That(_card.Refunds, Is.EqualTo(new[] { Refund }), "one gateway refund");
        var entry = Refunds(order).Single();
        Assert.That((entry.Amount, entry.Status), Is.EqualTo((Refund, LedgerEntryStatus.Succeeded)), "one refund of 15.00 in the ledger");
        var row = Row(order);
        Assert.That((row.Status, row.LineTotalBefore, row.OrderTotalBefore), Is.EqualTo((DelayCompensationStatus.Done, (decimal?)100m, (decimal?)before.OrderTotal)));
        var after = await MoneyOfAsync(order);
        AssertLoweredOnce(before, after);

        // neither the account's refresh nor the reconciliation undoes or repeats it
        await _host.Resolve<PreorderLedgerService>().RefreshAccountAsync(order.Id);
        await _host.Resolve<PreorderReconciliationService>().RunAsync();
        Assert.That(await MoneyOfAsync(order), Is.EqualTo(after));
        // and a repeat of the lowering itself finds it done
        Assert.That(await _host.Resolve<DelayRefundTotals>().LowerAsync(Row(order)), Is.False);
        Assert.That(await MoneyOfAsync(order), Is.EqualTo(after));
    }

    [Test]
    public async Task Amounts_with_cents_are_lowered_once_too()
    {
        // SQLite keeps decimals as floating point: the compare-and-set by value must still match the value it read, once
        var order = await PaidOrderWithRefundOfferAsync(price: 99.99m, refund: 7.77m);
        var before = await MoneyOfAsync(order);

        await CompensateOnTwoNodesAsync();
        await CompensateOnNodeAsync();

        Assert.That(_card.Refunds, Is.EqualTo(new[] { 7.77m }));
        Assert.That(Row(order).Status, Is.EqualTo(DelayCompensationStatus.Done));
        AssertLoweredOnce(before, await MoneyOfAsync(order), 7.77m);
        Assert.That(await MoneyOfAsync(order), Has.Property(nameof(Money.LineTotal)).EqualTo(92.22m));
    }

    [Test]
    public async Task A_run_stopped_after_the_refund_and_before_the_row_is_done_is_finished_by_the_next_run_with_the_totals_lowered_once()
    {
        var order = await PaidOrderWithRefundOfferAsync();
        var before = await MoneyOfAsync(order);

        FaultInjector<IRepository<PreorderDelayCompensation>> rows = null;
        using (var crashing = new PreorderTestHost(Database, _shop, configure: b =>
               {
                   Kit.Register(b, _shop);
                   b.Register(c =>
                   {
                       var (proxy, control) = FaultInjector<IRepository<PreorderDelayCompensation>>.Wrap(c.Resolve<TestScope>().Repository<PreorderDelayCompensation>());
                       rows = control;
                       return proxy;
                   }).As<IRepository<PreorderDelayCompensation>>().InstancePerLifetimeScope();
               }))
        {
            var service = crashing.Resolve<DelayCompensationService>();
            rows.Arm(nameof(IRepository<PreorderDelayCompensation>.UpdateAsync));   // marking the row done dies
            await service.RunDueAsync();
            Assert.That(rows.Injected, Is.EqualTo(1));
        }

        Assert.That(Row(order).Status, Is.EqualTo(DelayCompensationStatus.Pending), "stopped before the row was done");
        Assert.That(Refunds(order).Single().Status, Is.EqualTo(LedgerEntryStatus.Succeeded), "the refund went through");
        AssertLoweredOnce(before, await MoneyOfAsync(order));

        await CompensateOnTwoNodesAsync();
        await CompensateOnNodeAsync();

        Assert.That(Row(order).Status, Is.EqualTo(DelayCompensationStatus.Done), "finished by the next run");
        Assert.That(_card.Refunds, Is.EqualTo(new[] { Refund }), "the refund found under its key, not repeated");
        Assert.That(Refunds(order), Has.Count.EqualTo(1));
        AssertLoweredOnce(before, await MoneyOfAsync(order));
    }

    [Test]
    public async Task A_lowering_stopped_between_the_line_and_the_order_is_finished_by_a_repeat_and_lowers_each_once_also_on_two_nodes()
    {
        var order = await PaidOrderWithRefundOfferAsync();
        var before = await MoneyOfAsync(order);
        var line = _host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        // a claimed refund whose money went through (the lowering's own steps are what this test stops)
        var row = new PreorderDelayCompensation
        {
            ShipDateChangeId = 1, CompensationKey = "refund:test:line:" + line.Id, Kind = DelayCompensationKind.Refund, CustomerId = line.CustomerId,
            OrderId = order.Id, LineId = line.Id, Amount = Refund, Status = DelayCompensationStatus.Pending, CreatedOnUtc = _host.Clock.UtcNow
        };
        await _host.Scope.Repository<PreorderDelayCompensation>().InsertAsync(row, false);

        FaultInjector<INopDataProvider> data = null;
        using (var crashing = new PreorderTestHost(Database, _shop, configure: b =>
               {
                   Kit.Register(b, _shop);
                   b.Register(c =>
                   {
                       var (proxy, control) = FaultInjector<INopDataProvider>.Wrap(c.Resolve<TestScope>().DataProvider);
                       data = control;
                       return proxy;
                   }).As<INopDataProvider>().InstancePerLifetimeScope();
               }))
        {
            var totals = crashing.Resolve<DelayRefundTotals>();
            // the totals before are recorded, the line is lowered, then the process dies
            data.Arm(nameof(INopDataProvider.ExecuteNonQueryAsync), afterCall: true, skip: 1);
            Assert.ThrowsAsync<InjectedFaultException>(() => totals.LowerAsync(row));
        }
        var halfway = _host.Scope.Repository<PreorderAccount>().Table.Single(a => a.OrderId == order.Id).OrderTotal;
        var lineHalfway = _host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).LineTotal;
        Assert.That((lineHalfway, halfway), Is.EqualTo((before.LineTotal - Refund, before.OrderTotal)), "the line lowered, the order not yet");

        // two nodes repeat it from the row as stored
        using var nodeA = Kit.NewHost(Database, _shop);
        using var nodeB = Kit.NewHost(Database, _shop);
        var stored = _host.Scope.Repository<PreorderDelayCompensation>().Table.Single(c => c.Id == row.Id);
        var again = _host.Scope.Repository<PreorderDelayCompensation>().Table.Single(c => c.Id == row.Id);
        await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<DelayRefundTotals>().LowerAsync(stored)),
            Task.Run(() => nodeB.Resolve<DelayRefundTotals>().LowerAsync(again)));
        await _host.Resolve<PreorderLedgerService>().RefreshAccountAsync(order.Id);

        var after = await MoneyOfAsync(order);
        Assert.Multiple(() =>
        {
            Assert.That((after.LineTotal, after.OrderTotal, after.Deposit), Is.EqualTo((before.LineTotal - Refund, before.OrderTotal - Refund, before.Deposit - Refund)),
                "each lowered once");
            Assert.That(after.Owed, Is.EqualTo(before.Owed - Refund), "no money moved in this test: the lowering alone takes the amount off what is owed");
        });
    }

    [Test]
    public async Task A_refund_that_failed_lowers_nothing()
    {
        var order = await PaidOrderWithRefundOfferAsync();
        var before = await MoneyOfAsync(order);

        _card.LoseAnswers = 1;   // the refund's answer is lost: the entry stays pending
        await CompensateOnNodeAsync();
        var entry = Refunds(order).Single();
        Assert.That((entry.Status, Row(order).Status), Is.EqualTo((LedgerEntryStatus.Pending, DelayCompensationStatus.Pending)));
        var pending = await MoneyOfAsync(order);
        Assert.That((pending.OrderTotal, pending.LineTotal, pending.Deposit), Is.EqualTo((before.OrderTotal, before.LineTotal, before.Deposit)),
            "nothing lowered while the refund has no outcome");

        // the store checks the gateway: the refund did not go through
        Assert.That(await _host.Resolve<MoneyMovementService>().CompleteAsync(entry, LedgerEntryStatus.Failed), Is.True);
        await CompensateOnTwoNodesAsync();

        var row = Row(order);
        Assert.That((row.Status, row.LineTotalBefore, row.OrderTotalBefore), Is.EqualTo((DelayCompensationStatus.Nothing, (decimal?)null, (decimal?)null)));
        Assert.That(await MoneyOfAsync(order), Is.EqualTo(before), "a failed refund lowers nothing: the buyer holds and owes what they did");
    }
}
