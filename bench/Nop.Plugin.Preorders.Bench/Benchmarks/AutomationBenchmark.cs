using System.Diagnostics;
using Autofac;
using Castle.DynamicProxy;
using Nop.Core.Domain.Catalog;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Bench.Harness;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

/// <summary>5. The scheduled task on a big table with few due rows.</summary>
public sealed class AutomationBenchmark : IBenchmark
{
    private static readonly string[] Steps =
    {
        "Reconciliation", nameof(PreorderAutomationService) + ".MarkOverdueAsync", "ExpireAsync", "ReleaseEndedWindowsAsync", "SweepAllocationAsync",
        "ChargeDueInstallmentsAsync", "Reminder and notice scans", "DeliverDueAsync"
    };

    public int Number => 5;

    public string Title => "Reminder / expiry task: 1,000,000 pre-orders, 10,000 due";

    public string Description => """
        The scheduled task (`PreorderAutomationService.RunAsync`, every 5 minutes) on the dataset of benchmark 4: 1,000,000
        pre-order lines of which 10,000 have a balance that fell due (they must turn overdue; reminders and notices are looked
        for). Figure: one task run until all due lines are overdue (runs needed shown), median of 3 (warm-up first; the due
        lines reset between runs). The warm-up is the first run, which recounts every cap counter and sweeps every queue; the
        measured runs are the ones every 5 minutes in between, which look back only to the previous run. Three checks:
        **time follows the due lines** (the same big table with half of those balances settled meanwhile, set aside as paid
        in full for the measurement, against all of them: about half the time); **not the table** (the same 10,000 due lines
        in a table of 20,000 lines: a run that scanned would take about 50 times as long on the big one; the target allows 5x
        for the cost of writing each due row into a bigger table and its indexes); **no scan** (the plans of every query of a
        run on the big table). Per step: time on the big table / on the small one, for information. The full pass (hourly,
        and the first run after a restart) is measured on its own, in the last rows. The 200 products exist in the fake
        nopCommerce with their stock at minus the waiting units (nothing arrived), so the allocation sweep does its real work.
        Recording and sending the e-mails the scans find is left out of both sides; the scans are measured.
        """;

    public async Task RunAsync(BenchContext context)
    {
        var big = await BigDataset.GetAsync(context);
        using var small = await BigDataset.CreateAsync(context.Provider, context.Size(20_000, 2_000), big.Due);
        context.Log($"small table: {small.Lines:#,0} lines, {small.Due:#,0} due");

        var (bigTotal, bigRuns, bigSteps, bigFull, _) = await MeasureAsync(big, fullPass: true, context: context);
        var (smallTotal, smallRuns, smallSteps, smallFull, _) = await MeasureAsync(small, fullPass: true);
        // the same big table with every other hundred of its balance-due lines paid (out of the task's way) meanwhile
        var (halfTotal, _, halfSteps, _, halfDue) = await MeasureAsync(big, fullPass: false, halfDue: true);
        context.Log($"steps with {halfDue:#,0} due: " + string.Join(", ", halfSteps.Select(kv => $"{kv.Key} {kv.Value:0.0} ms")));
        var ratio = bigTotal.Median / smallTotal.Median;
        context.Report.Add(Number, new ResultRow(context.DatabaseName,
            $"whole task until {big.Due:#,0} due lines are overdue: {big.Lines:#,0} lines vs {small.Lines:#,0} lines",
            $"{Fmt.MedianMs(bigTotal)}, {bigRuns} run{(bigRuns == 1 ? "" : "s")}", $"{Fmt.MedianMs(smallTotal)}, {smallRuns} run{(smallRuns == 1 ? "" : "s")}",
            Fmt.Ratio(ratio), $"≤ 5x for a {(double)big.Lines / small.Lines:0}x table (not the table)", ratio <= 5));
        var halfRatio = halfTotal.Median / bigTotal.Median;
        context.Report.Add(Number, new ResultRow(context.DatabaseName,
            $"same {big.Lines:#,0}-line table, {halfDue:#,0} due vs {big.Due:#,0} due (time follows the due lines)",
            Fmt.MedianMs(halfTotal), Fmt.MedianMs(bigTotal), Fmt.Ratio(halfRatio),
            $"≈ {(double)halfDue / big.Due:0.00}x (≤ {(double)halfDue / big.Due + 0.25:0.00}x)", halfRatio <= (double)halfDue / big.Due + 0.25));
        foreach (var step in Steps)
        {
            var b = bigSteps.GetValueOrDefault(step);
            var s = smallSteps.GetValueOrDefault(step);
            var stepRatio = s <= 0 ? 0 : b / s;
            // where the time of the run above goes (for information: the targets are on the whole run)
            context.Report.Add(Number, new ResultRow(context.DatabaseName, $"step {step.Replace(nameof(PreorderAutomationService) + ".", "")}",
                Fmt.Ms(b), Fmt.Ms(s), s <= 0 ? "-" : Fmt.Ratio(stepRatio), "-", null));
        }
        // the safety nets that do read the whole queue: hourly, and in the first run after a restart (for information)
        foreach (var step in FullPassSteps)
        {
            var b = bigFull.GetValueOrDefault(step);
            var s = smallFull.GetValueOrDefault(step);
            context.Report.Add(Number, new ResultRow(context.DatabaseName, $"hourly full pass (and first run after a restart): {step}",
                Fmt.Ms(b), Fmt.Ms(s), s <= 0 ? "-" : Fmt.Ratio(b / s), "hourly, not every run", null));
        }
    }

    private static readonly string[] FullPassSteps = { "Reconciliation", "SweepAllocationAsync" };

    private static async Task<(Stats Total, int Runs, Dictionary<string, double> Steps, Dictionary<string, double> FullPass, int Due)> MeasureAsync(
        BigDataset dataset, bool fullPass, bool halfDue = false, BenchContext context = null)
    {
        var database = dataset.Database;
        var shop = new FakeShop();
        // the products with their stock as nopCommerce keeps it for pre-orders: minus the waiting units
        await using (var connection = database.OpenAdoConnection())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT product_id, SUM(quantity) FROM preorder_line WHERE state_id = {(int)PreorderLineState.Waiting} GROUP BY product_id";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                shop.Products[reader.GetInt32(0)] = new Product
                {
                    Id = reader.GetInt32(0), Name = "Pre-order", Price = 100m, StockQuantity = -Convert.ToInt32(reader.GetValue(1)),
                    ManageInventoryMethod = ManageInventoryMethod.ManageStock, BackorderMode = BackorderMode.AllowQtyBelow0, Published = true
                };
        }

        var automationTimer = new StepTimer("MarkOverdueAsync", "ExpireAsync", "ReleaseEndedWindowsAsync", "SweepAllocationAsync", "ChargeDueInstallmentsAsync");
        var reconciliationTimer = new StepTimer("RunAsync");
        var webhookTimer = new StepTimer("DeliverDueAsync");
        var found = 0;
        var messageTimer = new StepTimer().Replace("RunScheduledAsync", invocation =>
        {
            // the scans of the message step (what is due), without recording and sending the e-mails
            var now = (DateTime)invocation.Arguments[0];
            return ScanAsync(invocation.Proxy, now, n => found += n);
        });
        using var host = new PreorderTestHost(database, shop, dispatchEvents: false, configure: b =>
        {
            b.RegisterInstance(new BenchEventPublisher()).As<IEventPublisher>();
            automationTimer.Register<PreorderAutomationService>(b);
            reconciliationTimer.Register<PreorderReconciliationService>(b);
            webhookTimer.Register<PreorderWebhookService>(b);
            messageTimer.Register<PreorderMessageService>(b);
        });
        var now = Seeder.Now;
        host.Clock.Now = now;
        // paid in full: a state the task leaves alone; the dataset's paid lines have no due date, so these come back exactly
        const string Half = "(order_id / 100) % 2 = 0 AND balance_due_on_utc IS NOT NULL";
        if (halfDue)
            database.ExecuteSql($"UPDATE preorder_line SET state_id = {(int)PreorderLineState.PaidInFull} WHERE state_id = {(int)PreorderLineState.BalanceDue} AND {Half}");
        var automation = host.Resolve<PreorderAutomationService>();
        // the balances fallen due by then, counted through linq2db as the plugin reads them (dates compare alike)
        var due = host.Scope.Repository<PreorderLine>().Table.Count(l =>
            (l.StateId == (int)PreorderLineState.BalanceDue || l.StateId == (int)PreorderLineState.Overdue) && l.BalanceDueOnUtc < now);

        var totals = new List<double>();
        var steps = new Dictionary<string, List<double>>();
        var runsNeeded = 0;
        for (var run = 0; run < 4; run++)
        {
            database.ExecuteSql($"UPDATE preorder_line SET state_id = {(int)PreorderLineState.BalanceDue} WHERE state_id = {(int)PreorderLineState.Overdue}");
            if (database.Provider == TestDbProvider.Postgres)
                database.ExecuteSql("VACUUM ANALYZE preorder_line");
            Measure.Collect();
            foreach (var timer in new[] { automationTimer, reconciliationTimer, webhookTimer, messageTimer })
                timer.Reset();
            var sw = Stopwatch.StartNew();
            var runs = 0;
            var overdue = 0;
            while (overdue < due && runs < 100)
            {
                var report = await automation.RunAsync();
                overdue += report.Overdue;
                runs++;
                if (report.Overdue == 0)
                    break;
            }
            sw.Stop();
            if (overdue != due)
                throw new InvalidOperationException($"the task turned {overdue} of {due} due lines overdue");
            if (run == 0)
                continue; // warm-up
            runsNeeded = runs;
            totals.Add(sw.Elapsed.TotalMilliseconds);
            void Step(string name, double ms)
            {
                if (!steps.TryGetValue(name, out var list))
                    steps[name] = list = new List<double>();
                list.Add(ms);
            }
            Step("Reconciliation", reconciliationTimer.Milliseconds.GetValueOrDefault("RunAsync"));
            foreach (var name in new[] { "MarkOverdueAsync", "ExpireAsync", "ReleaseEndedWindowsAsync", "SweepAllocationAsync", "ChargeDueInstallmentsAsync" })
                Step(name == "MarkOverdueAsync" ? nameof(PreorderAutomationService) + ".MarkOverdueAsync" : name, automationTimer.Milliseconds.GetValueOrDefault(name));
            Step("Reminder and notice scans", messageTimer.Milliseconds.GetValueOrDefault("RunScheduledAsync"));
            Step("DeliverDueAsync", webhookTimer.Milliseconds.GetValueOrDefault("DeliverDueAsync"));
        }
        if (context != null)
        {
            // what a run between full passes reads, and how (the plans of its queries on the big table)
            database.ExecuteSql($"UPDATE preorder_line SET state_id = {(int)PreorderLineState.BalanceDue} WHERE state_id = {(int)PreorderLineState.Overdue}");
            var counter = new CommandCounter { Capture = true };
            host.Scope.Context.Connection.AddInterceptor(counter);
            await automation.RunAsync();
            counter.Capture = false;
            var reads = counter.Captured.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                .GroupBy(c => c.Sql).Select(g => g.First()).ToList();
            var (plan, indexOnly) = await QueryPlans.ExplainAsync(database, reads, "preorder_line", "preorder_account", "preorder_ledger_entry");
            context.Report.Add(5, new ResultRow(context.DatabaseName, $"a run's reads ({reads.Count} distinct queries, {counter.Count} statements): sequential scans of the big tables",
                indexOnly ? "none" : "**some**", "-", "-", "none (index scans only)", indexOnly));
            context.Report.Block(5, $"<details><summary>{context.DatabaseName} plans: the reads of one run of the task on the big table</summary>\n\n```\n{plan}```\n</details>");
        }

        // the full pass: the task's memory lost (a restart), so it recounts every counter and sweeps every queue
        var full = new Dictionary<string, List<double>>();
        for (var run = 0; run < (fullPass ? 3 : 0); run++)
        {
            await host.Resolve<Nop.Core.Caching.IStaticCacheManager>().ClearAsync();
            Measure.Collect();
            reconciliationTimer.Reset();
            automationTimer.Reset();
            await automation.RunAsync();
            foreach (var (name, ms) in new[] { ("Reconciliation", reconciliationTimer.Milliseconds.GetValueOrDefault("RunAsync")),
                         ("SweepAllocationAsync", automationTimer.Milliseconds.GetValueOrDefault("SweepAllocationAsync")) })
            {
                if (!full.TryGetValue(name, out var list))
                    full[name] = list = new List<double>();
                list.Add(ms);
            }
        }
        GC.KeepAlive(found);
        // the lines this measurement turned overdue (or set aside) are due again for the next one
        database.ExecuteSql($"UPDATE preorder_line SET state_id = {(int)PreorderLineState.BalanceDue} WHERE state_id = {(int)PreorderLineState.Overdue}");
        if (halfDue)
            database.ExecuteSql($"UPDATE preorder_line SET state_id = {(int)PreorderLineState.BalanceDue} WHERE state_id = {(int)PreorderLineState.PaidInFull} AND {Half}");
        return (new Stats(totals), runsNeeded, steps.ToDictionary(kv => kv.Key, kv => new Stats(kv.Value).Median),
            full.ToDictionary(kv => kv.Key, kv => new Stats(kv.Value).Median), due);
    }

    private static async Task<int> ScanAsync(object messageService, DateTime now, Action<int> found)
    {
        var due = new List<(string Key, int OrderId, int ProductId)>();
        var settings = new PreorderSettings();
        Task<PreorderSettings> SettingsOf(int _) => Task.FromResult(settings);
        await (Task)StepTimer.CallProtected(messageService, "DueRemindersAsync", now, settings, (Func<int, Task<PreorderSettings>>)SettingsOf, due);
        await (Task)StepTimer.CallProtected(messageService, "DueOverdueNoticesAsync", due);
        found(due.Count);
        return due.Count;
    }
}
