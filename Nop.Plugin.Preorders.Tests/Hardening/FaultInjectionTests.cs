using Autofac;
using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Hardening;

/// <summary>
/// A process dies between two steps of a change (simulated by a fault injected into the data layer): nothing
/// is left half-done once the reconciliation part of the scheduled task has run, and in the meantime the
/// error is always on the safe side (units over-counted, never sold past the cap; money not lost).
/// </summary>
[TestFixture]
public class FaultInjectionTests : DatabaseTest
{

    private static PreorderTestHost HostWithFaults<T>(TestDatabase database, FakeShop shop, out FaultInjector<IRepository<T>> control) where T : Nop.Core.BaseEntity
    {
        FaultInjector<IRepository<T>> captured = null;
        var host = new PreorderTestHost(database, shop, configure: b => b.Register(c =>
        {
            var (proxy, ctl) = FaultInjector<IRepository<T>>.Wrap(c.Resolve<TestScope>().Repository<T>());
            captured = ctl;
            return proxy;
        }).As<IRepository<T>>().InstancePerLifetimeScope());
        host.Resolve<IRepository<T>>();
        control = captured;
        return host;
    }

    private static async Task<ReconciliationReport> ReconcileTwiceAsync(PreorderTestHost host)
    {
        var reconciliation = host.Resolve<PreorderReconciliationService>();
        var first = await reconciliation.RunAsync();
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        var second = await reconciliation.RunAsync();
        return new ReconciliationReport(first.CountersCorrected + second.CountersCorrected, first.CountersSuspected, first.AccountsRefreshed + second.AccountsRefreshed,
            first.LinesSettled + second.LinesSettled, second.PendingCharges, first.PlacementsResumed + second.PlacementsResumed);
    }

    [Test]
    public async Task Crash_between_cancelling_a_line_and_giving_its_units_back()
    {
        var shop = new FakeShop();
        using var host = HostWithFaults<PreorderCapCounter>(Database, shop, out var counters);
        var product = await host.PreorderProductAsync(cap: 3);
        var order = await host.PlaceOrderAsync(product, 2);
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 40m, "DEP", 1, LedgerEntryKind.Deposit);
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

        counters.Arm("get_Table", times: 1);   // the release reads the counter: dies there
        Assert.ThrowsAsync<InjectedFaultException>(() => host.Resolve<PreorderOrderService>().CancelLineAsync(line.Id, "test", 1));

        var caps = host.Resolve<CapReservationService>();
        Assert.That((await caps.GetCounterAsync(product.Id)).Sold, Is.EqualTo(2), "units still counted: safe (no oversell), but lost for sale");
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).State, Is.EqualTo(PreorderLineState.Cancelled));

        var report = await ReconcileTwiceAsync(host);

        Assert.That((await caps.GetCounterAsync(product.Id)).Sold, Is.EqualTo(0), "the units are back for sale");
        Assert.That(report.CountersCorrected, Is.EqualTo(1));
        Assert.That(report.LinesSettled, Is.EqualTo(1), "the deposit of the cancelled line was settled");
        var entries = await host.Resolve<PreorderLedgerService>().GetEntriesAsync(order.Id);
        Assert.That(entries.Count(e => e.Kind == LedgerEntryKind.Refund), Is.EqualTo(1));
        Assert.That((await ReconcileTwiceAsync(host)).CountersCorrected + (await ReconcileTwiceAsync(host)).LinesSettled, Is.EqualTo(0), "nothing twice");
    }

    [Test]
    public async Task Crash_between_counting_the_units_and_writing_the_line()
    {
        var shop = new FakeShop();
        using var host = HostWithFaults<PreorderLine>(Database, shop, out var lines);
        var product = await host.PreorderProductAsync(cap: 5);
        var order = shop.AddOrder(shop.AddCustomer(), (product, 2));

        lines.Arm(nameof(IRepository<PreorderLine>.InsertAsync));
        Assert.ThrowsAsync<InjectedFaultException>(() => host.Publisher.PublishAsync(new OrderPlacedEvent(order)));
        var caps = host.Resolve<CapReservationService>();
        Assert.That((await caps.GetCounterAsync(product.Id)).Sold, Is.EqualTo(2), "counted before the line: an over-count, never an oversell");
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == order.Id), Is.EqualTo(0));

        host.Clock.Now = host.Clock.Now.AddMinutes(11);
        var report = await ReconcileTwiceAsync(host);

        Assert.That(report.PlacementsResumed, Is.EqualTo(1), "the interrupted placement is completed");
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == order.Id), Is.EqualTo(1));
        Assert.That((await caps.GetCounterAsync(product.Id)).Sold, Is.EqualTo(2), "the leaked reservation is corrected: exactly the line's units");
    }

    [Test]
    public async Task A_placement_still_writing_its_lines_is_not_taken_for_a_crash()
    {
        // the web-farm tier runs the task every few seconds on two nodes during a launch: two runs can see the
        // same placement between its reservation and its lines
        var shop = new FakeShop();
        using var host = new PreorderTestHost(Database, shop);
        var product = await host.PreorderProductAsync(cap: 5);
        await host.PlaceOrderAsync(product, 1);
        var caps = host.Resolve<CapReservationService>();
        Assert.That(await caps.TryReserveAsync(product.Id, 0, 2), Is.True, "a placement in flight: units counted, its line not written yet");
        var reconciliation = host.Resolve<PreorderReconciliationService>();

        var first = await reconciliation.RunAsync();
        host.Clock.Now = host.Clock.Now.AddSeconds(6);
        var second = await reconciliation.RunAsync();
        Assert.That((first.CountersSuspected, second.CountersSuspected, second.CountersCorrected), Is.EqualTo((1, 1, 0)), "seen twice, 6 s apart: still suspect only");
        Assert.That((await caps.GetCounterAsync(product.Id)).Sold, Is.EqualTo(3), "the placement's units stay counted");

        host.Clock.Now = host.Clock.Now.Add(PreorderReconciliationService.PlacementOverAfter);
        var late = await reconciliation.RunAsync();
        Assert.That(late.CountersCorrected, Is.EqualTo(1), "the same surplus longer than any placement: a crash, corrected");
        Assert.That((await caps.GetCounterAsync(product.Id)).Sold, Is.EqualTo(1), "exactly the units the lines hold");
    }

    [TestCase(null, null)]
    [TestCase("", null)]
    [TestCase("3:1", null)]                       // written before the first-seen time was kept: seen anew
    [TestCase("3:1:x", null)]
    [TestCase("3:1:-5", null)]
    [TestCase("3:1:638000000000000000", "3:1:638000000000000000")]
    public void A_counter_sighting_reads_back_what_it_wrote_or_nothing(string stored, string expected) =>
        Assert.That(CounterSighting.Parse(stored)?.ToString(), Is.EqualTo(expected));

    [Test]
    public async Task Crash_between_writing_a_payment_and_updating_the_account()
    {
        var shop = new FakeShop();
        using var host = HostWithFaults<PreorderAccount>(Database, shop, out var accounts);
        var product = await host.PreorderProductAsync(cap: 5);
        var order = await host.PlaceOrderAsync(product, 1);

        accounts.Arm("get_Table", times: 1, skip: 1);   // passes the check before the insert, dies on the refresh after it
        Assert.ThrowsAsync<InjectedFaultException>(() => host.Resolve<PreorderLedgerService>().RecordAsync(new LedgerRequest
        {
            OrderId = order.Id, Kind = LedgerEntryKind.Deposit, Amount = 20m, Method = "Offline", IdempotencyKey = "dep-crash"
        }));
        var ledger = host.Resolve<PreorderLedgerService>();
        Assert.That((await ledger.GetAccountAsync(order.Id)).PaidAmount, Is.EqualTo(0m), "the account missed the payment");
        Assert.That(await ledger.ReconcileAsync(order.Id), Is.Not.Empty, "the admin's reconcile check sees it");

        var report = await ReconcileTwiceAsync(host);

        Assert.That(report.AccountsRefreshed, Is.EqualTo(1));
        Assert.That((await ledger.GetAccountAsync(order.Id)).PaidAmount, Is.EqualTo(20m));
        Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.AwaitingBalance));
        Assert.That(await ledger.ReconcileAsync(order.Id), Is.Empty);
    }

    [Test]
    public async Task Crash_between_the_gateway_charge_and_recording_it_is_reported_not_lost()
    {
        var card = new FakeCardPaymentMethod();
        var shop = new FakeShop();
        shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        FaultInjector<Nop.Data.INopDataProvider> dataProvider = null;
        using var host = new PreorderTestHost(Database, shop, configure: b => b.Register(c =>
        {
            var (proxy, ctl) = FaultInjector<Nop.Data.INopDataProvider>.Wrap(c.Resolve<TestScope>().DataProvider);
            dataProvider = ctl;
            return proxy;
        }).As<Nop.Data.INopDataProvider>().InstancePerLifetimeScope());
        var product = await host.PreorderProductAsync(cap: 5);
        var order = shop.AddOrder(shop.AddCustomer(), (product, 1));
        order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        var ledger = host.Resolve<PreorderLedgerService>();
        host.Resolve<Nop.Data.INopDataProvider>();

        // the claim moves the account's version on (first statement), then the gateway answers and the process
        // dies before the outcome is written (second statement)
        dataProvider.Arm(nameof(Nop.Data.INopDataProvider.ExecuteNonQueryAsync), skip: 1);
        Assert.ThrowsAsync<InjectedFaultException>(() => host.Resolve<BalancePaymentService>().PayAsync(order, 100m, 0, new ProcessPaymentRequest(), order.CustomerId));
        Assert.That(card.Charges, Is.EqualTo(new[] { 100m }), "the gateway took the money");

        // a retry from the page (same intent: the attempt is still on its way) does not charge again
        var retry = await host.Resolve<BalancePaymentService>().PayAsync(order, 100m, 0, new ProcessPaymentRequest(), order.CustomerId);
        Assert.That(retry.Duplicate, Is.True);
        Assert.That(retry.InProgress, Is.True, "the page says it is on its way, not paid");
        Assert.That(card.Charges, Has.Count.EqualTo(1));

        host.Clock.Now = host.Clock.Now.AddMinutes(20);
        var report = await host.Resolve<PreorderReconciliationService>().RunAsync();
        Assert.That(report.PendingCharges, Is.EqualTo(1), "the unknown outcome is reported for the admin to confirm");
        Assert.That(await ledger.ReconcileAsync(order.Id), Has.Some.Contains("no outcome"));
    }
}
