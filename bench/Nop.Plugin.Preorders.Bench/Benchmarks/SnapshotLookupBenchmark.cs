using System.Data;
using System.Data.Common;
using Autofac;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Bench.Harness;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Tests.Support;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

/// <summary>1. The product page's look-up of a product's pre-order state: cached, uncached, invalidated.</summary>
public sealed class SnapshotLookupBenchmark : IBenchmark
{
    private const string HandWrittenSql =
        "SELECT p.id, p.product_id, p.enabled, p.cap, p.window_start_utc, p.window_end_utc, p.expected_ship_date_utc, p.expected_soon_text, " +
        "p.payment_mode_id, p.deposit_rule_json, p.per_customer_limit, p.allowed_country_codes, p.shopper_note, p.auto_when_out_of_stock, " +
        "p.auto_activated, p.released_on_utc, p.created_on_utc, p.updated_on_utc, c.sold " +
        "FROM preorder_profile p LEFT JOIN preorder_cap_counter c ON c.product_id = p.product_id AND c.combination_id = 0 WHERE p.product_id = @id";

    public int Number => 1;

    public string Title => "Product page: a product's pre-order state";

    public string Description => """
        `PreorderCatalogService.GetSnapshotAsync` (profile + units sold, what the product page widget and the cart rules read).
        **Cached**: per-call cost against a plain `Dictionary<int, PreorderSnapshot>` look-up (200,000 calls per run); the
        plugin's figure includes nopCommerce's cache-key formatting and the `IStaticCacheManager` look-up (the tests'
        in-memory cache manager, which formats keys like nopCommerce's). **Uncached** (cache entry removed before each call):
        per-call cost against the same LEFT JOIN written by hand (a prepared ADO.NET command reading the same columns into
        the same entity), and database round trips per look-up counted on the connection. **Invalidated on change**: an order
        for the product placed through the plugin's `OrderPlacedEvent` handler, then the next look-up must query once and
        show the new units sold. 1,000 pre-order products in the tables.
        """;

    public async Task RunAsync(BenchContext context)
    {
        using var database = BenchDatabase.Create(context.Provider);
        await Seeder.ProfilesAsync(database, 1, 1000, cap: 5000);
        Seeder.Analyze(database);

        var shop = new FakeShop();
        var publisher = new BenchEventPublisher();
        using var host = new PreorderTestHost(database, shop, dispatchEvents: false, configure: b => b.RegisterInstance(publisher).As<IEventPublisher>());
        var counter = new CommandCounter();
        host.Scope.Context.Connection.AddInterceptor(counter);
        var product = await host.PreorderProductAsync(cap: 100_000, mode: PreorderPaymentMode.FullUpfront);
        var catalog = host.Resolve<PreorderCatalogService>();
        var productId = product.Id;

        // cached: warm, then every call must be answered from the cache
        var snapshot = await catalog.GetSnapshotAsync(productId);
        const int cachedCalls = 200_000;
        counter.Reset();
        var cached = await Measure.NanosecondsPerCallAsync(() => catalog.GetSnapshotAsync(productId), cachedCalls, warmup: 2, runs: 10);
        var cachedRoundTrips = counter.Count / (double)(cachedCalls * 12);
        var dictionary = new Dictionary<int, PreorderSnapshot> { [productId] = snapshot };
        for (var i = 2000; i < 3000; i++)
            dictionary[i] = PreorderSnapshot.None;
        var plain = Measure.NanosecondsPerCall(() => dictionary.TryGetValue(productId, out var s) ? s : null, cachedCalls, warmup: 2, runs: 10);
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "cached look-up, time per call", Fmt.MedianNs(cached), Fmt.MedianNs(plain),
            Fmt.Ratio(cached.Median / plain.Median), "0 round trips", cachedRoundTrips == 0));
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "cached look-up, round trips per call", Fmt.N(cachedRoundTrips, "0.###"), "0", "-", "0", cachedRoundTrips == 0));

        // uncached: the entry is removed before every call
        const int uncachedCalls = 2000;
        counter.Reset();
        var uncached = await Measure.NanosecondsPerCallAsync(async () =>
        {
            await catalog.InvalidateAsync(productId);
            await catalog.GetSnapshotAsync(productId);
        }, uncachedCalls, warmup: 1, runs: 10);
        var uncachedRoundTrips = counter.Count / (double)(uncachedCalls * 11);

        await using var connection = database.OpenAdoConnection();
        await using var command = Sql.Prepared(connection, HandWrittenSql, ("@id", DbType.Int32, productId));
        var handWritten = await Measure.NanosecondsPerCallAsync(async () => await ReadAsync(command), uncachedCalls, warmup: 1, runs: 10);
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "uncached look-up, time per call", Fmt.MedianNs(uncached), Fmt.MedianNs(handWritten),
            Fmt.Ratio(uncached.Median / handWritten.Median), "≤ 1 round trip", uncachedRoundTrips <= 1.0));
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "uncached look-up, round trips per call", Fmt.N(uncachedRoundTrips, "0.###"), "1", Fmt.Ratio(uncachedRoundTrips), "≤ 1", uncachedRoundTrips <= 1.0));

        // invalidated on change: an order through the plugin's handler, then one query and the new figure
        var before = (await catalog.GetSnapshotAsync(productId)).Sold;
        var order = shop.AddOrder(shop.AddCustomer(), (product, 3));
        await host.CreateUnregistered<OrderEventConsumer>().HandleEventAsync(new OrderPlacedEvent(order));
        counter.Reset();
        var after = await catalog.GetSnapshotAsync(productId);
        var queriesAfterChange = counter.Count;
        counter.Reset();
        await catalog.GetSnapshotAsync(productId);
        var queriesAgain = counter.Count;
        var fresh = after.Sold == before + 3;
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "after an order: round trips of the next look-up / of the one after",
            $"{queriesAfterChange} / {queriesAgain}", "1 / 0", "-", "1 / 0, new units sold shown", fresh && queriesAfterChange == 1 && queriesAgain == 0,
            $"sold {before} → {after.Sold}"));
    }

    private static async Task<(PreorderProfile Profile, int Sold)> ReadAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return (null, 0);
        var profile = new PreorderProfile
        {
            Id = reader.GetInt32(0),
            ProductId = reader.GetInt32(1),
            Enabled = reader.GetBoolean(2),
            Cap = reader.IsDBNull(3) ? null : reader.GetInt32(3),
            WindowStartUtc = reader.IsDBNull(4) ? null : reader.GetDateTime(4),
            WindowEndUtc = reader.IsDBNull(5) ? null : reader.GetDateTime(5),
            ExpectedShipDateUtc = reader.IsDBNull(6) ? null : reader.GetDateTime(6),
            ExpectedSoonText = reader.IsDBNull(7) ? null : reader.GetString(7),
            PaymentModeId = reader.GetInt32(8),
            DepositRuleJson = reader.IsDBNull(9) ? null : reader.GetString(9),
            PerCustomerLimit = reader.IsDBNull(10) ? null : reader.GetInt32(10),
            AllowedCountryCodes = reader.IsDBNull(11) ? null : reader.GetString(11),
            ShopperNote = reader.IsDBNull(12) ? null : reader.GetString(12),
            AutoWhenOutOfStock = reader.GetBoolean(13),
            AutoActivated = reader.GetBoolean(14),
            ReleasedOnUtc = reader.IsDBNull(15) ? null : reader.GetDateTime(15),
            CreatedOnUtc = reader.GetDateTime(16),
            UpdatedOnUtc = reader.GetDateTime(17)
        };
        return (profile, reader.IsDBNull(18) ? 0 : reader.GetInt32(18));
    }
}
