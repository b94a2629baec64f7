using System.Data;
using System.Data.Common;
using System.Text;
using Autofac;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Bench.Harness;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

/// <summary>4. The admin grids over a year of pre-orders.</summary>
public sealed class AdminGridBenchmark : IBenchmark
{
    private const int PageSize = 20;

    private const string LineColumns =
        "l.id, l.order_id, l.customer_id, l.store_id, l.product_id, l.combination_id, l.quantity, l.state_id, l.payment_mode_id, " +
        "l.line_total, l.deposit_amount, l.placed_on_utc, l.balance_due_on_utc, l.expected_ship_date_utc, l.country_code, l.extension_count, l.close_reason, " +
        "a.id, a.state_id, a.paid_amount, a.due_at_checkout, a.order_total, a.waived_amount, p.expected_ship_date_utc, " +
        "(SELECT SUM(e.amount) FROM preorder_ledger_entry e WHERE e.order_id = l.order_id AND e.preorder_line_id = l.id AND e.status_id = 20 AND e.kind_id IN (20, 25, 30))";

    public int Number => 4;

    public string Title => "Admin grid page over 1,000,000 pre-orders and 2,000,000 ledger rows";

    public string Description => """
        The dataset of benchmark 5 (1,000,000 pre-order lines of 200 products, 1,000,000 accounts, 2,000,000 ledger rows,
        statistics fresh). One grid page = what the grid's AJAX call runs: the total count of the filter and one page of
        20 rows, sorted. **Plugin**: `PreorderGridQueryService.GetLinesAsync` / `GetLedgerAsync` (LINQ, every computed
        column in SQL). **Baseline**: the same count and page written by hand in SQL, run as plain ADO.NET commands. They
        are not prepared, because nopCommerce's data provider never prepares statements, so a hand-written query in a
        plugin is planned on every call too. The page size is a parameter, as linq2db sends it. The computed columns
        (deposit paid, balance due, current ship date) come from the same joins and are finished in C#, and the rows must
        equal the plugin's (checked). Median and p95 of 20 runs after 3 warm-ups, plugin and baseline alternating. The
        plans (PostgreSQL `EXPLAIN ANALYZE` of the plugin's own SQL as linq2db sent it, SQLite `EXPLAIN QUERY PLAN`) show
        which index serves each query. Target (the issue's): the migration's indexes serve every query, with no
        sequential scan of the lines or the ledger. The issue sets no ratio for the grids; the ratio is for information.
        """;

    private sealed record Scenario(string Name, PreorderLineFilter Filter, GridSort Sort, string Where, string OrderBy, (string, DbType, object)[] Parameters);

    public async Task RunAsync(BenchContext context)
    {
        var dataset = await BigDataset.GetAsync(context);
        var database = dataset.Database;
        var shop = new FakeShop();
        using var host = new PreorderTestHost(database, shop, dispatchEvents: false, configure: b => b.RegisterInstance(new BenchEventPublisher()).As<IEventPublisher>());
        var counter = new CommandCounter();
        host.Scope.Context.Connection.AddInterceptor(counter);
        var grid = host.Resolve<PreorderGridQueryService>();
        await using var connection = database.OpenAdoConnection();

        var scenarios = new[]
        {
            new Scenario("launch product's waiting queue, newest first",
                new PreorderLineFilter { ProductId = BigDataset.HotProductId, State = PreorderLineState.Waiting }, new GridSort("PlacedOn", true),
                "l.product_id = @product AND l.state_id = @state", "l.placed_on_utc DESC, l.id DESC",
                new (string, DbType, object)[] { ("@product", DbType.Int32, BigDataset.HotProductId), ("@state", DbType.Int32, (int)PreorderLineState.Waiting) }),
            new Scenario("balances due, soonest first",
                new PreorderLineFilter { State = PreorderLineState.BalanceDue }, new GridSort("DueDate", false),
                "l.state_id = @state", "l.balance_due_on_utc, l.id",
                new (string, DbType, object)[] { ("@state", DbType.Int32, (int)PreorderLineState.BalanceDue) })
        };

        foreach (var scenario in scenarios)
        {
            var countSql = $"SELECT COUNT(*) FROM preorder_line l WHERE {scenario.Where}";
            var pageSql = $"SELECT {LineColumns} FROM preorder_line l LEFT JOIN preorder_account a ON a.order_id = l.order_id " +
                          $"LEFT JOIN preorder_profile p ON p.product_id = l.product_id WHERE {scenario.Where} ORDER BY {scenario.OrderBy} LIMIT @take";
            await using var count = Sql.Command(connection, countSql, scenario.Parameters);
            await using var page = Sql.Command(connection, pageSql, scenario.Parameters.Append(("@take", DbType.Int32, (object)PageSize)).ToArray());

            GridPage<PreorderLineRow> pluginPage = null;
            (long Total, List<PreorderLineRow> Rows) handPage = default;
            var (plugin, baseline) = await AlternateAsync(
                async () => pluginPage = await grid.GetLinesAsync(scenario.Filter, 0, PageSize, scenario.Sort),
                async () => handPage = await HandWrittenLinesAsync(count, page));
            var same = pluginPage.TotalCount == handPage.Total && pluginPage.Rows.Select(r => (r.Id, r.BalanceDue, r.DepositPaid))
                .SequenceEqual(handPage.Rows.Select(r => (r.Id, r.BalanceDue, r.DepositPaid)));

            counter.Reset();
            counter.Capture = true;
            await grid.GetLinesAsync(scenario.Filter, 0, PageSize, scenario.Sort);
            counter.Capture = false;
            var commands = counter.Captured.ToList();
            var (plan, indexOnly) = await QueryPlans.ExplainAsync(database, commands, "preorder_line", "preorder_ledger_entry");
            var (handPlan, _) = await QueryPlans.ExplainAsync(database, new[] { Captured(count), Captured(page) });
            var ratio = plugin.Median / baseline.Median;
            context.Report.Add(Number, new ResultRow(context.DatabaseName, $"lines grid: {scenario.Name}", Fmt.MedianMs(plugin), Fmt.MedianMs(baseline),
                Fmt.Ratio(ratio), "index scans", indexOnly && same,
                $"{pluginPage.TotalCount:#,0} rows match, {commands.Count} queries{(same ? "" : ", **rows differ from the SQL**")}{(indexOnly ? "" : ", **sequential scan**")}"));
            context.Report.Block(Number, $"<details><summary>{context.DatabaseName} plans: lines grid, {scenario.Name}</summary>\n\nThe plugin's SQL:\n\n```\n{plan}```\n\nHand-written:\n\n```\n{handPlan}```\n</details>");
        }

        // the ledger grid: last 7 days, newest first, with the totals of the filter
        {
            var from = Seeder.Now.AddDays(-7);
            var filter = new LedgerFilter { FromUtc = from };
            var sort = new GridSort("CreatedOn", true);
            var parameters = new (string, DbType, object)[] { ("@from", DbType.DateTime, from) };
            await using var count = Sql.Command(connection, "SELECT COUNT(*) FROM preorder_ledger_entry e WHERE e.created_on_utc >= @from", parameters);
            await using var page = Sql.Command(connection,
                "SELECT e.id, e.order_id, e.preorder_line_id, a.customer_id, a.store_id, e.kind_id, e.status_id, e.amount, e.currency_code, e.amount_in_currency, " +
                "e.method, e.reference, e.note, e.recorded_by_customer_id, e.created_on_utc FROM preorder_ledger_entry e " +
                "LEFT JOIN preorder_account a ON a.order_id = e.order_id WHERE e.created_on_utc >= @from ORDER BY e.created_on_utc DESC, e.id DESC LIMIT @take",
                parameters.Append(("@take", DbType.Int32, (object)PageSize)).ToArray());
            await using var totals = Sql.Command(connection,
                "SELECT e.kind_id, e.status_id, SUM(e.amount), COUNT(*) FROM preorder_ledger_entry e WHERE e.created_on_utc >= @from GROUP BY e.kind_id, e.status_id", parameters);
            LedgerPage pluginPage = null;
            long handTotal = 0;
            var (plugin, baseline) = await AlternateAsync(
                async () => pluginPage = await grid.GetLedgerAsync(filter, 0, PageSize, sort),
                async () => handTotal = await HandWrittenLedgerAsync(count, page, totals));
            counter.Reset();
            counter.Capture = true;
            await grid.GetLedgerAsync(filter, 0, PageSize, sort);
            counter.Capture = false;
            var commands = counter.Captured.ToList();
            var (plan, indexOnly) = await QueryPlans.ExplainAsync(database, commands, "preorder_ledger_entry", "preorder_line");
            var (handPlan, _) = await QueryPlans.ExplainAsync(database, new[] { Captured(count), Captured(page), Captured(totals) });
            var ratio = plugin.Median / baseline.Median;
            var same = pluginPage.TotalCount == handTotal;
            context.Report.Add(Number, new ResultRow(context.DatabaseName, "ledger grid: last 7 days, newest first, with totals", Fmt.MedianMs(plugin), Fmt.MedianMs(baseline),
                Fmt.Ratio(ratio), "index scans", indexOnly && same,
                $"{pluginPage.TotalCount:#,0} rows match, {commands.Count} queries{(same ? "" : ", **count differs from the SQL**")}{(indexOnly ? "" : ", **sequential scan**")}"));
            context.Report.Block(Number, $"<details><summary>{context.DatabaseName} plans: ledger grid, last 7 days</summary>\n\nThe plugin's SQL:\n\n```\n{plan}```\n\nHand-written:\n\n```\n{handPlan}```\n</details>");
        }
    }

    /// <summary>3 warm-ups and 20 measured runs of each, alternating.</summary>
    private static async Task<(Stats Plugin, Stats Baseline)> AlternateAsync(Func<Task> plugin, Func<Task> baseline)
    {
        var p = new List<double>();
        var b = new List<double>();
        for (var i = 0; i < 23; i++)
        {
            var pluginRun = await Measure.MillisecondsAsync(plugin, 0, 1);
            var baselineRun = await Measure.MillisecondsAsync(baseline, 0, 1);
            if (i < 3)
                continue;
            p.Add(pluginRun.Median);
            b.Add(baselineRun.Median);
        }
        return (new Stats(p), new Stats(b));
    }

    private static async Task<(long Total, List<PreorderLineRow> Rows)> HandWrittenLinesAsync(DbCommand count, DbCommand page)
    {
        var total = Convert.ToInt64(await count.ExecuteScalarAsync());
        var rows = new List<PreorderLineRow>(PageSize);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var state = (PreorderLineState)reader.GetInt32(7);
            var lineTotal = reader.GetDecimal(9);
            var deposit = reader.GetDecimal(10);
            var hasAccount = !reader.IsDBNull(17);
            var accountState = hasAccount ? (PreorderAccountState)reader.GetInt32(18) : 0;
            var paid = hasAccount ? reader.GetDecimal(19) : 0m;
            var dueAtCheckout = hasAccount ? reader.GetDecimal(20) : 0m;
            var outstanding = hasAccount ? reader.GetDecimal(21) - reader.GetDecimal(22) - paid : 0m;
            var linePaid = reader.IsDBNull(24) ? 0m : reader.GetDecimal(24);
            var owes = state is PreorderLineState.Waiting or PreorderLineState.BalanceDue or PreorderLineState.Overdue
                       && hasAccount && accountState is not (PreorderAccountState.PaidInFull or PreorderAccountState.Closed);
            var remaining = lineTotal - deposit - linePaid;
            rows.Add(new PreorderLineRow
            {
                Id = reader.GetInt32(0),
                OrderId = reader.GetInt32(1),
                CustomerId = reader.GetInt32(2),
                StoreId = reader.GetInt32(3),
                ProductId = reader.GetInt32(4),
                CombinationId = reader.GetInt32(5),
                Quantity = reader.GetInt32(6),
                StateId = (int)state,
                PaymentModeId = reader.GetInt32(8),
                LineTotal = lineTotal,
                DepositAmount = deposit,
                DepositPaid = hasAccount && paid > 0m && paid >= dueAtCheckout ? deposit : 0m,
                BalanceDue = Math.Round(!owes || remaining <= 0m || outstanding <= 0m ? 0m : Math.Min(remaining, outstanding), 4),
                PlacedOnUtc = reader.GetDateTime(11),
                BalanceDueOnUtc = reader.IsDBNull(12) ? null : reader.GetDateTime(12),
                ExpectedShipDateUtc = !reader.IsDBNull(23) ? reader.GetDateTime(23) : reader.IsDBNull(13) ? null : reader.GetDateTime(13),
                CountryCode = reader.IsDBNull(14) ? null : reader.GetString(14),
                ExtensionCount = reader.GetInt32(15),
                CloseReason = reader.IsDBNull(16) ? null : reader.GetString(16)
            });
        }
        return (total, rows);
    }

    private static async Task<long> HandWrittenLedgerAsync(DbCommand count, DbCommand page, DbCommand totals)
    {
        var total = Convert.ToInt64(await count.ExecuteScalarAsync());
        var rows = new List<LedgerRow>(PageSize);
        await using (var reader = await page.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add(new LedgerRow
                {
                    Id = reader.GetInt32(0), OrderId = reader.GetInt32(1), LineId = reader.GetInt32(2),
                    CustomerId = reader.IsDBNull(3) ? 0 : reader.GetInt32(3), StoreId = reader.IsDBNull(4) ? 0 : reader.GetInt32(4),
                    KindId = reader.GetInt32(5), StatusId = reader.GetInt32(6), Amount = reader.GetDecimal(7),
                    CurrencyCode = reader.IsDBNull(8) ? null : reader.GetString(8), AmountInCurrency = reader.GetDecimal(9),
                    Method = reader.IsDBNull(10) ? null : reader.GetString(10), Reference = reader.IsDBNull(11) ? null : reader.GetString(11),
                    Note = reader.IsDBNull(12) ? null : reader.GetString(12), RecordedByCustomerId = reader.GetInt32(13), CreatedOnUtc = reader.GetDateTime(14)
                });
        var sums = new List<(int, int, decimal, long)>();
        await using (var reader = await totals.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                sums.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetDecimal(2), reader.GetInt64(3)));
        return total;
    }

    private static CapturedCommand Captured(DbCommand command) =>
        new(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value, p.DbType)).ToList());
}
