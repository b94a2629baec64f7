using Autofac;
using Moq;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// The plugin claims "marked paid in nopCommerce" on the account before it asks nopCommerce to mark the order
/// paid (so two nodes never both do); when nopCommerce's call fails, the scheduled task asks again, once it
/// succeeds never again.
/// </summary>
[TestFixture]
public class MarkPaidInNopRetryTests : DatabaseTest
{
    [Test]
    public async Task A_failed_mark_as_paid_is_retried_by_the_next_task_run_exactly_once()
    {
        var nop = new FlakyMarkPaid { FailingCalls = 1 };
        using var host = nop.Host(Database);
        var product = await host.PreorderProductAsync(cap: 5, price: 100m);
        var order = await host.PlaceOrderAsync(product, 1);
        var payments = host.Resolve<BalancePaymentService>();
        var ledger = host.Resolve<PreorderLedgerService>();
        await payments.ConfirmOfflineAsync(order.Id, 20m, "DEP", 1, LedgerEntryKind.Deposit);

        // the balance makes the order paid in full; nopCommerce's call fails (the payment itself is recorded)
        Assert.CatchAsync(() => payments.ConfirmOfflineAsync(order.Id, 80m, "BAL", 1));
        var account = await ledger.GetAccountAsync(order.Id);
        Assert.That((account.State, account.MarkedPaidInNop, order.PaymentStatus, nop.Calls),
            Is.EqualTo((PreorderAccountState.PaidInFull, true, PaymentStatus.Pending, 1)));

        var task = host.Resolve<PreorderAutomationService>();
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        await task.RunAsync();
        Assert.That((order.PaymentStatus, nop.Marked, nop.Calls), Is.EqualTo((PaymentStatus.Paid, 1, 2)), "the next run marked it");

        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        await task.RunAsync();
        Assert.That((nop.Marked, nop.Calls), Is.EqualTo((1, 2)), "and never again");
        Assert.That(await ledger.ReconcileAsync(order.Id), Is.Empty);
    }

    /// <summary>
    /// Seed 20262089 of the money histories: the process died after the claim was written, and the task's
    /// next run came days later. The retry used to look only at accounts with ledger entries inside the run's
    /// look-back (3 days at most), so the order stayed unpaid in nopCommerce for good.
    /// </summary>
    [Test]
    public async Task A_mark_as_paid_that_died_is_asked_again_however_long_before_the_next_run()
    {
        var nop = new FlakyMarkPaid { FailingCalls = 1 };
        using var host = nop.Host(Database);
        var product = await host.PreorderProductAsync(cap: 5, price: 100m);
        var order = await host.PlaceOrderAsync(product, 1);
        var payments = host.Resolve<BalancePaymentService>();
        var task = host.Resolve<PreorderAutomationService>();
        await task.RunAsync();
        await payments.ConfirmOfflineAsync(order.Id, 20m, "DEP", 1, LedgerEntryKind.Deposit);
        Assert.CatchAsync(() => payments.ConfirmOfflineAsync(order.Id, 80m, "BAL", 1));

        host.Clock.Now = host.Clock.Now.AddDays(8);
        await task.RunAsync();
        var account = await host.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id);
        Assert.That((order.PaymentStatus, nop.Marked, account.MarkPaidConfirmedOnUtc.HasValue), Is.EqualTo((PaymentStatus.Paid, 1, true)));

        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        await task.RunAsync();
        Assert.That(nop.Marked, Is.EqualTo(1), "answered: never asked again");
    }

    /// <summary>nopCommerce's order processing whose mark-paid call fails its first <see cref="FailingCalls"/> times.</summary>
    private sealed class FlakyMarkPaid
    {
        public int FailingCalls { get; init; }

        public int Calls { get; private set; }

        public int Marked { get; private set; }

        public PreorderTestHost Host(Infrastructure.TestDatabase database)
        {
            var processing = new Mock<IOrderProcessingService>();
            processing.Setup(p => p.CanMarkOrderAsPaid(It.IsAny<Order>())).Returns((Order o) => o.PaymentStatus != PaymentStatus.Paid);
            processing.Setup(p => p.MarkOrderAsPaidAsync(It.IsAny<Order>())).Returns((Order o) =>
            {
                if (++Calls <= FailingCalls)
                    throw new InvalidOperationException("database timeout in nopCommerce");
                Marked++;
                o.PaymentStatus = PaymentStatus.Paid;
                return Task.CompletedTask;
            });
            return new PreorderTestHost(database, new FakeShop(), configure: b => b.RegisterInstance(processing.Object).As<IOrderProcessingService>());
        }
    }
}
