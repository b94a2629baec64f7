using System.Data;
using System.Diagnostics;
using Nop.Plugin.Preorders.Bench.Harness;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

/// <summary>2. Many shoppers reserving units of one capped product at the same moment.</summary>
public sealed class CapReservationBenchmark : IBenchmark
{
    private const string RawReserveSql =
        "UPDATE preorder_cap_counter SET sold = sold + @quantity WHERE id = @id AND (cap IS NULL OR sold + @quantity <= cap)";

    private static readonly int[] ShopperCounts = { 1, 8, 64 };

    public int Number => 2;

    public string Title => "Cap reservation under contention";

    public string Description => """
        N shoppers (each its own connection and its own service instance, like requests on web-farm nodes) reserve one
        unit at a time of the same product for 2 seconds; figure = successful reservations per second (median of 5
        runs after a warm-up run, runs of plugin and baseline interleaved; ± = half the spread). Plugin: `CapReservationService.TryReserveAsync`
        (what `PreorderOrderService.PlaceAsync` calls for every pre-order line). Baseline: the raw single-statement
        conditional UPDATE on the same hot row (`UPDATE preorder_cap_counter SET sold = sold + @q WHERE id = @id AND
        (cap IS NULL OR sold + @q <= cap)`), a prepared ADO.NET command per shopper: the limit for one hot row.
        **Zero oversell**: after the timed runs, the cap is set to units sold + 100 and all N shoppers race until refused;
        exactly 100 must be accepted and sold must equal the cap, for the plugin and for the baseline. Every timed run
        also checks that sold grew by exactly the number of reservations reported successful.
        """;

    public async Task RunAsync(BenchContext context)
    {
        using var database = BenchDatabase.Create(context.Provider);
        await Seeder.ProfilesAsync(database, 1, 1000, cap: 100_000_000);
        Seeder.Analyze(database);
        const int productId = 500;
        int counterId;
        using (var lookup = new TestScope(database))
            counterId = (await ScopeServices.Create<CapReservationService>(lookup).GetCounterAsync(productId)).Id;
        var duration = TimeSpan.FromSeconds(context.Quick ? 1 : 2);

        foreach (var shoppers in ShopperCounts)
        {
            var plugin = new List<double>();
            var baseline = new List<double>();
            var consistent = true;
            for (var run = 0; run < 6; run++)
            {
                var p = await RaceAsync(database, productId, shoppers, usePlugin: true, duration, counterId, stopOnRefusal: false);
                var b = await RaceAsync(database, productId, shoppers, usePlugin: false, duration, counterId, stopOnRefusal: false);
                consistent &= p.Consistent && b.Consistent;
                if (run == 0)
                    continue; // warm-up
                plugin.Add(p.Accepted / p.Seconds);
                baseline.Add(b.Accepted / b.Seconds);
            }
            var ps = new Stats(plugin);
            var bs = new Stats(baseline);
            var ratio = ps.Median / bs.Median;
            context.Report.Add(Number, new ResultRow(context.DatabaseName, $"{shoppers} shopper{(shoppers == 1 ? "" : "s")}, reservations/s",
                $"{Fmt.N(ps.Median, "#,0")}/s (±{Fmt.Pct(ps.Spread / 2)})", $"{Fmt.N(bs.Median, "#,0")}/s (±{Fmt.Pct(bs.Spread / 2)})",
                Fmt.Ratio(ratio), "≥ 0.70x", ratio >= 0.7 && consistent, consistent ? null : "sold did not match accepted reservations"));

            // zero oversell: 100 units left, everybody races until refused
            var pluginCheck = await OversellCheckAsync(database, productId, shoppers, usePlugin: true, counterId);
            var baselineCheck = await OversellCheckAsync(database, productId, shoppers, usePlugin: false, counterId);
            context.Report.Add(Number, new ResultRow(context.DatabaseName, $"{shoppers} shopper{(shoppers == 1 ? "" : "s")}, race for the last 100 units",
                pluginCheck.Text, baselineCheck.Text, "-", "100 accepted, sold = cap", pluginCheck.Exact && baselineCheck.Exact));
        }
    }

    private sealed record RaceResult(long Accepted, long Refused, double Seconds, bool Consistent);

    private static async Task<RaceResult> RaceAsync(TestDatabase database, int productId, int shoppers, bool usePlugin, TimeSpan duration, int counterId, bool stopOnRefusal)
    {
        var disposables = new List<IDisposable>();
        var asyncDisposables = new List<IAsyncDisposable>();
        var workers = new List<Func<Task<bool>>>();
        try
        {
            for (var i = 0; i < shoppers; i++)
            {
                if (usePlugin)
                {
                    var scope = new TestScope(database);
                    disposables.Add(scope);
                    var service = ScopeServices.Create<CapReservationService>(scope);
                    await service.GetCounterAsync(productId); // opens the connection
                    workers.Add(() => service.TryReserveAsync(productId, 0, 1));
                }
                else
                {
                    var connection = database.OpenAdoConnection();
                    asyncDisposables.Add(connection);
                    var command = Sql.Prepared(connection, RawReserveSql, ("@quantity", DbType.Int32, 1), ("@id", DbType.Int32, counterId));
                    asyncDisposables.Add(command);
                    workers.Add(async () => await command.ExecuteNonQueryAsync() == 1);
                }
            }

            var soldBefore = await SoldAsync(database, counterId);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopwatch = new Stopwatch();
            long accepted = 0, refused = 0;
            var tasks = workers.Select(worker => Task.Run(async () =>
            {
                await gate.Task;
                while (stopwatch.Elapsed < duration)
                {
                    if (await worker())
                        Interlocked.Increment(ref accepted);
                    else
                    {
                        Interlocked.Increment(ref refused);
                        if (stopOnRefusal)
                            break;
                    }
                }
            })).ToArray();
            stopwatch.Start();
            gate.SetResult();
            await Task.WhenAll(tasks);
            stopwatch.Stop();
            var soldAfter = await SoldAsync(database, counterId);
            return new RaceResult(accepted, refused, stopwatch.Elapsed.TotalSeconds, soldAfter - soldBefore == accepted);
        }
        finally
        {
            foreach (var d in asyncDisposables.AsEnumerable().Reverse())
                await d.DisposeAsync();
            foreach (var d in disposables)
                d.Dispose();
        }
    }

    private static async Task<(string Text, bool Exact)> OversellCheckAsync(TestDatabase database, int productId, int shoppers, bool usePlugin, int counterId)
    {
        const int left = 100;
        var sold = await SoldAsync(database, counterId);
        database.ExecuteSql($"UPDATE preorder_cap_counter SET cap = {sold + left} WHERE id = {counterId}");
        var race = await RaceAsync(database, productId, shoppers, usePlugin, TimeSpan.FromMinutes(5), counterId, stopOnRefusal: true);
        var soldAfter = await SoldAsync(database, counterId);
        database.ExecuteSql($"UPDATE preorder_cap_counter SET cap = 100000000 WHERE id = {counterId}");
        var exact = race.Accepted == left && soldAfter == sold + left && race.Consistent;
        return ($"{race.Accepted} accepted, sold {(soldAfter == sold + left ? "=" : "≠")} cap", exact);
    }

    private static async Task<long> SoldAsync(TestDatabase database, int counterId)
    {
        await using var connection = database.OpenAdoConnection();
        return await Sql.ScalarAsync(connection, "SELECT sold FROM preorder_cap_counter WHERE id = @id", ("@id", DbType.Int32, counterId));
    }
}
