using Autofac;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Hardening;

/// <summary>
/// Two refreshes of one account overlap: the older one wrote the account first, the newer one then wrote the
/// account and the schedule, and only then does the older one write the schedule it worked out from an older
/// ledger. What the installments say was paid must not go back.
/// </summary>
[TestFixture]
public class ScheduleConcurrencyTests : DatabaseTest
{
    /// <summary>Runs <see cref="AfterAccountWritten"/> once, right after a refresh wrote the account and before it writes the schedule.</summary>
    private sealed class InterleavingConditionalUpdates : ConditionalUpdates
    {
        public InterleavingConditionalUpdates(Nop.Data.INopDataProvider dataProvider) : base(dataProvider)
        {
        }

        public Func<Task> AfterAccountWritten { get; set; }

        public override async Task<bool> TryUpdateAccountAsync(PreorderAccount account)
        {
            var written = await base.TryUpdateAccountAsync(account);
            if (written && AfterAccountWritten is { } interleave)
            {
                AfterAccountWritten = null;
                await interleave();
            }
            return written;
        }
    }

    [Test]
    public async Task A_stale_refresh_cannot_lower_what_an_installment_says_was_paid()
    {
        var shop = new FakeShop();
        shop.Settings.DefaultDepositRuleJson = "{\"Percent\":10,\"Installments\":3,\"InstallmentIntervalDays\":30}";
        using var host = new PreorderTestHost(Database, shop,
            configure: b => b.RegisterType<InterleavingConditionalUpdates>().AsSelf().As<ConditionalUpdates>().InstancePerLifetimeScope());
        var product = await host.PreorderProductAsync(cap: 10, price: 1000m);
        var order = await host.PlaceOrderAsync(product, 1);
        var ledger = host.Resolve<PreorderLedgerService>();
        await ledger.RecordAsync(new LedgerRequest { OrderId = order.Id, Kind = LedgerEntryKind.Deposit, Amount = 100m, Method = "Offline", IdempotencyKey = "dep" });
        Assert.That((await ledger.GetScheduleAsync(order.Id)).Select(i => i.Amount), Is.EqualTo(new[] { 100m, 300m, 300m, 300m }));

        // the first 150.00 of installment 1; while its refresh is between the account and the schedule, the other
        // 150.00 arrives and is refreshed completely
        var updates = host.Resolve<InterleavingConditionalUpdates>();
        updates.AfterAccountWritten = () => ledger.RecordAsync(new LedgerRequest
        {
            OrderId = order.Id, Kind = LedgerEntryKind.Installment, Amount = 150m, Method = "Offline", IdempotencyKey = "inst-1b"
        });
        await ledger.RecordAsync(new LedgerRequest { OrderId = order.Id, Kind = LedgerEntryKind.Installment, Amount = 150m, Method = "Offline", IdempotencyKey = "inst-1a" });
        Assert.That(updates.AfterAccountWritten, Is.Null, "the newer refresh ran in between");

        var schedule = await ledger.GetScheduleAsync(order.Id);
        Assert.Multiple(async () =>
        {
            Assert.That((await ledger.GetAccountAsync(order.Id)).PaidAmount, Is.EqualTo(400m));
            Assert.That(schedule.Select(i => i.PaidAmount), Is.EqualTo(new[] { 100m, 300m, 0m, 0m }), "installment 1 stays fully paid");
            Assert.That(schedule[1].PaidOnUtc, Is.Not.Null);
        });
    }
}
