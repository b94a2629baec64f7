using System.Diagnostics;
using Autofac;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Bench.Harness;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;

namespace Nop.Plugin.Preorders.Bench;

public static class Probe
{
    public static async Task RunAsync(TestDbProvider provider)
    {
        using var database = BenchDatabase.Create(provider);
        await QueueDataset.SeedAsync(database, 10_000);
        var shop = new FakeShop();
        using var host = new PreorderTestHost(database, shop, dispatchEvents: false, configure: b => b.RegisterInstance(new BenchEventPublisher()).As<IEventPublisher>());
        var ledger = host.Resolve<PreorderLedgerService>();
        var updates = host.Resolve<ConditionalUpdates>();
        var lines = host.Scope.Repository<PreorderLine>();
        for (var round = 0; round < 3; round++)
        {
            QueueDataset.Reset(database);
            TimeSpan read = default, acc = default, pay = default, upd = default;
            var after = DateTime.MinValue; var afterId = 0;
            for (var b = 0; b < 20; b++)
            {
                var sw = Stopwatch.StartNew();
                var placed = after; var aid = afterId;
                var batch = await Nop.Plugin.Preorders.QueryableExtensions.ToListAsync(lines.Table.Where(l => l.ProductId == 7 && l.StateId == 10 && l.CombinationId == 0)
                    .Where(l => l.PlacedOnUtc > placed || (l.PlacedOnUtc == placed && l.Id > aid)).OrderBy(l => l.PlacedOnUtc).ThenBy(l => l.Id).Take(500));
                read += sw.Elapsed; sw.Restart();
                var accounts = await ledger.GetAccountsAsync(batch.Select(l => l.OrderId));
                acc += sw.Elapsed; sw.Restart();
                var payments = await ledger.GetLinePaymentsAsync(batch);
                pay += sw.Elapsed; sw.Restart();
                await updates.AllocateWaitingLinesAsync(batch.Select(l => l.Id).ToList(), PreorderLineState.BalanceDue, Seeder.Now, Seeder.Now.AddDays(7));
                upd += sw.Elapsed;
                after = batch[^1].PlacedOnUtc; afterId = batch[^1].Id;
            }
            Console.WriteLine($"{provider}: read {read.TotalMilliseconds:0} ms, accounts {acc.TotalMilliseconds:0} ms, payments {pay.TotalMilliseconds:0} ms, update {upd.TotalMilliseconds:0} ms");
        }
    }
}
