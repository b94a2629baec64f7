using System.Data;
using System.Diagnostics;
using Autofac;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Bench.Harness;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

/// <summary>3. Stock arrives for a queue of 100,000 waiting pre-orders.</summary>
public sealed class AllocationBenchmark : IBenchmark
{
    public int Number => 3;

    public string Title => "FIFO allocation when stock arrives";

    public string Description => """
        A queue of 100,000 waiting pre-order lines of one product (one line of 1–2 units per order; 4 in 5 orders paid a
        20% deposit and owe the balance, 1 in 5 paid in full; accounts, ledger and schedules as checkout leaves them).
        Enough units arrive for the first N lines. **Plugin**: `PreorderAllocationService.AllocateAsync` (strict FIFO, whole
        lines, waiting → balance due with a due date, or → ready when nothing is owed; the owing orders' accounts get
        their next due date; no event and no notification row: since schema 1.6 the task announces allocations
        (`AllocationNoticeService`), so the e-mails they lead to are not part of the figure). **Baseline**: one set-based SQL statement doing the same allocation
        (running sum of quantities in placement order, owed amount from the account and the line's ledger payments, the
        same new states and dates); it does not touch the accounts, so the comparison is strict. Both runs must leave
        exactly the same lines in the same states (checked). Time: median of 3 runs (one warm-up at the smallest size);
        memory: peak managed heap above the heap before the run. Linear in the queue: time per 1,000 lines at 10,000,
        50,000 and 100,000 lines.
        """;

    public async Task RunAsync(BenchContext context)
    {
        var queue = context.Size(100_000, 1000);
        var sizes = new[] { queue / 10, queue / 2, queue };
        using var database = BenchDatabase.Create(context.Provider);
        var seed = Stopwatch.StartNew();
        await QueueDataset.SeedAsync(database, queue);
        context.Log($"queue of {queue:#,0} lines seeded in {seed.Elapsed.TotalSeconds:0.0} s");

        var shop = new FakeShop();
        var publisher = new BenchEventPublisher();
        using var host = new PreorderTestHost(database, shop, dispatchEvents: false, configure: b => b.RegisterInstance(publisher).As<IEventPublisher>());
        host.Clock.Now = Seeder.Now;
        var counter = new CommandCounter();
        host.Scope.Context.Connection.AddInterceptor(counter);
        var allocation = host.Resolve<PreorderAllocationService>();

        // warm-up (JIT, query caches) on the smallest size
        QueueDataset.Reset(database);
        await allocation.AllocateAsync(QueueDataset.ProductId, 0, QueueDataset.UnitsOfFirst(Math.Max(100, sizes[0] / 10)));

        var perThousand = new Dictionary<int, double>();
        foreach (var size in sizes)
        {
            var units = QueueDataset.UnitsOfFirst(size);
            var runs = size == queue || size == sizes[0] ? 3 : 1;
            var pluginTimes = new List<double>();
            var baselineTimes = new List<double>();
            long peak = 0;
            var roundTrips = 0;
            var events = 0;
            var same = true;
            for (var run = 0; run < runs; run++)
            {
                QueueDataset.Reset(database);
                counter.Reset();
                publisher.Reset();
                var sw = Stopwatch.StartNew();
                int allocated;
                await using (var heap = HeapPeak.Start())
                {
                    sw.Restart();
                    allocated = await allocation.AllocateAsync(QueueDataset.ProductId, 0, units);
                    sw.Stop();
                    peak = Math.Max(peak, heap.PeakBytes);
                }
                pluginTimes.Add(sw.Elapsed.TotalMilliseconds);
                roundTrips = counter.Count;
                events = publisher.CountOf<PreorderEvent>();
                var pluginOutcome = QueueDataset.Outcome(database);
                if (allocated != units)
                    throw new InvalidOperationException($"plugin allocated {allocated} of {units} units");

                QueueDataset.Reset(database);
                baselineTimes.Add(await BaselineAsync(database, units, host.Settings.BalanceDueDays));
                var baselineOutcome = QueueDataset.Outcome(database);
                same &= pluginOutcome == baselineOutcome && pluginOutcome.Ready + pluginOutcome.BalanceDue == size;
            }

            var plugin = new Stats(pluginTimes);
            var baseline = new Stats(baselineTimes);
            perThousand[size] = plugin.Median / size * 1000;
            var ratio = plugin.Median / baseline.Median;
            context.Report.Add(Number, new ResultRow(context.DatabaseName, $"{size:#,0} lines allocated",
                runs > 1 ? Fmt.MedianMs(plugin) : Fmt.Ms(plugin.Median), runs > 1 ? Fmt.MedianMs(baseline) : Fmt.Ms(baseline.Median),
                Fmt.Ratio(ratio), "≤ 3x", ratio <= 3 && same,
                $"{Fmt.Ms(perThousand[size])} per 1,000 lines, peak heap {Fmt.Mb(peak)}, {roundTrips:#,0} round trips, {events:#,0} events{(same ? ", same result as SQL" : ", **result differs from SQL**")}"));
        }

        var smallest = perThousand[sizes[0]];
        var largest = perThousand[sizes[^1]];
        context.Report.Add(Number, new ResultRow(context.DatabaseName, $"linearity: time per 1,000 lines at {sizes[^1]:#,0} vs at {sizes[0]:#,0}",
            Fmt.Ms(largest), Fmt.Ms(smallest), Fmt.Ratio(largest / smallest), "≤ 1.5x (linear)", largest / smallest <= 1.5));
    }

    /// <summary>The same allocation as one statement; returns milliseconds.</summary>
    private static async Task<double> BaselineAsync(TestDatabase database, int units, int balanceDueDays)
    {
        const string sql = """
            UPDATE preorder_line SET
                state_id = CASE WHEN q.owes = 1 THEN @balanceDue ELSE @ready END,
                allocated_on_utc = @now,
                balance_due_on_utc = CASE WHEN q.owes = 1 THEN @due ELSE NULL END,
                updated_on_utc = @now,
                version = version + 1
            FROM (
                SELECT w.id,
                       SUM(w.quantity) OVER (ORDER BY w.placed_on_utc, w.id) AS running,
                       CASE WHEN a.id IS NOT NULL AND a.state_id NOT IN (@accountPaid, @accountClosed)
                                 AND a.order_total - a.waived_amount - a.paid_amount > 0
                                 AND w.line_total - w.deposit_amount - COALESCE((
                                     SELECT SUM(e.amount) FROM preorder_ledger_entry e
                                     WHERE e.order_id = w.order_id AND e.preorder_line_id = w.id AND e.status_id = @succeeded
                                       AND e.kind_id IN (@deposit, @balance, @installment, @extra)), 0) > 0
                            THEN 1 ELSE 0 END AS owes
                FROM preorder_line w
                LEFT JOIN preorder_account a ON a.order_id = w.order_id
                WHERE w.product_id = @product AND w.state_id = @waiting AND w.combination_id = 0
            ) q
            WHERE preorder_line.id = q.id AND q.running <= @units AND preorder_line.state_id = @waiting
            """;
        await using var connection = database.OpenAdoConnection();
        await using var command = Sql.Command(connection, sql,
            ("@balanceDue", DbType.Int32, (int)PreorderLineState.BalanceDue), ("@ready", DbType.Int32, (int)PreorderLineState.Ready),
            ("@now", DbType.DateTime, Seeder.Now), ("@due", DbType.DateTime, Seeder.Now.AddDays(balanceDueDays)),
            ("@accountPaid", DbType.Int32, (int)PreorderAccountState.PaidInFull), ("@accountClosed", DbType.Int32, (int)PreorderAccountState.Closed),
            ("@succeeded", DbType.Int32, (int)LedgerEntryStatus.Succeeded), ("@deposit", DbType.Int32, (int)LedgerEntryKind.Deposit),
            ("@balance", DbType.Int32, (int)LedgerEntryKind.Balance), ("@installment", DbType.Int32, (int)LedgerEntryKind.Installment),
            ("@extra", DbType.Int32, (int)LedgerEntryKind.Extra), ("@product", DbType.Int32, QueueDataset.ProductId),
            ("@waiting", DbType.Int32, (int)PreorderLineState.Waiting), ("@units", DbType.Int32, units));
        command.CommandTimeout = 600;
        Measure.Collect();
        var sw = Stopwatch.StartNew();
        await command.ExecuteNonQueryAsync();
        sw.Stop();
        return sw.Elapsed.TotalMilliseconds;
    }
}
