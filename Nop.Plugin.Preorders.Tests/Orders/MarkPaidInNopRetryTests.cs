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
        var shop = new FakeShop();
        var calls = 0;
        var marked = 0;
        var processing = new Mock<IOrderProcessingService>();
        processing.Setup(p => p.CanMarkOrderAsPaid(It.IsAny<Order>())).Returns((Order o) => o.PaymentStatus != PaymentStatus.Paid);
        processing.Setup(p => p.MarkOrderAsPaidAsync(It.IsAny<Order>())).Returns((Order o) =>
        {
            if (++calls == 1)
                throw new InvalidOperationException("database timeout in nopCommerce");
            marked++;
            o.PaymentStatus = PaymentStatus.Paid;
            return Task.CompletedTask;
        });
        using var host = new PreorderTestHost(Database, shop, configure: b => b.RegisterInstance(processing.Object).As<IOrderProcessingService>());
        var product = await host.PreorderProductAsync(cap: 5, price: 100m);
        var order = await host.PlaceOrderAsync(product, 1);
        var payments = host.Resolve<BalancePaymentService>();
        var ledger = host.Resolve<PreorderLedgerService>();
        await payments.ConfirmOfflineAsync(order.Id, 20m, "DEP", 1, LedgerEntryKind.Deposit);

        // the balance makes the order paid in full; nopCommerce's call fails (the payment itself is recorded)
        Assert.CatchAsync(() => payments.ConfirmOfflineAsync(order.Id, 80m, "BAL", 1));
        var account = await ledger.GetAccountAsync(order.Id);
        Assert.That((account.State, account.MarkedPaidInNop, order.PaymentStatus, calls),
            Is.EqualTo((PreorderAccountState.PaidInFull, true, PaymentStatus.Pending, 1)));

        var task = host.Resolve<PreorderAutomationService>();
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        await task.RunAsync();
        Assert.That((order.PaymentStatus, marked, calls), Is.EqualTo((PaymentStatus.Paid, 1, 2)), "the next run marked it");

        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        await task.RunAsync();
        Assert.That((marked, calls), Is.EqualTo((1, 2)), "and never again");
        Assert.That(await ledger.ReconcileAsync(order.Id), Is.Empty);
    }
}
