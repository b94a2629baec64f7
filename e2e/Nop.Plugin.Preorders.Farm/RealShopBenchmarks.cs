using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Farm;

/// <summary>
/// What the plugin costs in a real shop (a benchmark, not a test: Explicit, run by e2e/bench-realshop.sh). One shop,
/// measured in two phases of one run: without the plugin (its folder moved away, so nopCommerce loads none of it),
/// then with it; each phase: an ordinary product page and the pre-order product's page, 2,000 requests each after a
/// warm-up, and full checkouts of an ordinary product (Check / Money Order) by registered shoppers. The second phase
/// writes the ratios.
/// </summary>
[TestFixture, Explicit("a benchmark of a running shop: e2e/bench-realshop.sh"), Category("RealShopBench")]
public class RealShopBenchmarks
{
    private static string Base => FarmConfig.Env("PREORDERS_BENCH_BASE") ?? "http://127.0.0.1:5000";
    private static string Phase => FarmConfig.Env("PREORDERS_BENCH_PHASE") ?? "with";
    private static string OutDir => FarmConfig.Env("PREORDERS_BENCH_OUT") ?? Path.GetTempPath();
    private static int Requests => int.Parse(FarmConfig.Env("PREORDERS_BENCH_REQUESTS") ?? "2000", CultureInfo.InvariantCulture);
    private static int Checkouts => int.Parse(FarmConfig.Env("PREORDERS_BENCH_CHECKOUTS") ?? "30", CultureInfo.InvariantCulture);

    [Test]
    public async Task Measure()
    {
        if (FarmConfig.Database == null)
            Assert.Ignore("PREORDERS_FARM_DB not set");
        var ordinary = await FarmShop.ScalarAsync<string>(
            "select u.\"Slug\" from \"Product\" p join \"UrlRecord\" u on u.\"EntityId\" = p.\"Id\" and u.\"EntityName\" = 'Product' and u.\"IsActive\" and u.\"LanguageId\" = 0 " +
            "where p.\"Published\" and not p.\"Deleted\" and p.\"ProductTypeId\" = 5 and p.\"VisibleIndividually\" and p.\"IsShipEnabled\" and p.\"Price\" > 0 " +
            "and not p.\"IsGiftCard\" and not p.\"IsDownload\" and not p.\"IsRecurring\" and not p.\"IsRental\" and not p.\"CallForPrice\" and not p.\"DisableBuyButton\" " +
            "and p.\"Name\" not like 'Farm %' and (p.\"ManageInventoryMethodId\" = 0 or p.\"StockQuantity\" > 1000) " +
            "and not exists (select 1 from \"Product_ProductAttribute_Mapping\" m where m.\"ProductId\" = p.\"Id\") " +
            "and not exists (select 1 from preorder_profile f where f.product_id = p.\"Id\" and f.enabled) order by p.\"Id\" limit 1");
        var ordinaryId = await FarmShop.ScalarAsync<int>("select \"EntityId\" from \"UrlRecord\" where \"Slug\" = @s and \"EntityName\" = 'Product'", ("s", ordinary));
        var preorder = await FarmShop.ScalarAsync<string>(
            "select u.\"Slug\" from preorder_profile f join \"Product\" p on p.\"Id\" = f.product_id join \"UrlRecord\" u on u.\"EntityId\" = p.\"Id\" and u.\"EntityName\" = 'Product' and u.\"IsActive\" " +
            "where f.enabled and p.\"Published\" and not p.\"Deleted\" and p.\"Name\" not like 'Farm %' order by p.\"Id\" limit 1");
        Assert.That(ordinary, Is.Not.Null, "an ordinary product to measure");
        Assert.That(preorder, Is.Not.Null, "a pre-order product to measure (run the end-to-end journeys first)");

        var figures = new Dictionary<string, double[]>
        {
            ["ordinary product page"] = await PageAsync("/" + ordinary),
            ["pre-order product page"] = await PageAsync("/" + preorder),
            ["checkout of an ordinary product"] = await CheckoutsAsync(ordinaryId, ordinary)
        };
        foreach (var (name, f) in figures)
            TestContext.Progress.WriteLine($"bench {Phase}: {name}: p50 {f[0]:F1} ms, p95 {f[1]:F1} ms ({f[2]:F0} measured)");
        Directory.CreateDirectory(OutDir);
        await File.WriteAllTextAsync(Path.Combine(OutDir, $"realshop-{Phase}.json"), JsonSerializer.Serialize(figures));

        var without = Path.Combine(OutDir, "realshop-without.json");
        if (Phase == "with" && File.Exists(without))
        {
            var baseline = JsonSerializer.Deserialize<Dictionary<string, double[]>>(await File.ReadAllTextAsync(without));
            var table = new List<string>
            {
                "| measured | without the plugin p50 / p95 | with the plugin p50 / p95 | ratio p50 / p95 |",
                "| --- | --- | --- | --- |"
            };
            foreach (var (name, f) in figures)
                if (baseline.TryGetValue(name, out var b))
                    table.Add($"| {name} | {b[0]:F1} / {b[1]:F1} ms | {f[0]:F1} / {f[1]:F1} ms | {f[0] / b[0]:F2}x / {f[1] / b[1]:F2}x |");
            var text = string.Join("\n", table);
            await File.WriteAllTextAsync(Path.Combine(OutDir, "realshop.md"), text + "\n");
            TestContext.Progress.WriteLine(text);
        }
    }

    /// <summary>p50, p95 and count of <see cref="Requests"/> sequential GETs by one visitor (its cookies kept) after 100 unmeasured.</summary>
    private static async Task<double[]> PageAsync(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false });
        for (var i = 0; i < 100; i++)
            (await client.GetAsync(Base + path)).EnsureSuccessStatusCode();
        var times = new List<double>(Requests);
        for (var i = 0; i < Requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(Base + path);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), path);
        }
        return Summary(times);
    }

    /// <summary>Full checkouts (add to cart to the completed page), each by a shopper registered beforehand (not measured).</summary>
    private static async Task<double[]> CheckoutsAsync(int productId, string slug)
    {
        var stamp = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var country = await FarmShop.ScalarAsync<int>("select \"Id\" from \"Country\" where \"TwoLetterIsoCode\" = 'US'");
        var state = await FarmShop.ScalarAsync<int>("select \"Id\" from \"StateProvince\" where \"CountryId\" = @c order by \"Id\" limit 1", ("c", country));
        var nodes = new[] { Base };
        var times = new List<double>();
        for (var i = 0; i < Checkouts; i++)
        {
            using var shopper = new Shopper($"bench-{Phase}-{stamp}-{i:D3}@example.com", "Shopper123!", nodes, 0);
            await shopper.RegisterAsync("Bench", $"Shopper{i:D3}");
            var result = await shopper.CheckOutAsync(productId, slug, new Dictionary<string, string>(), 1, new Address("Bench", "Shopper", country, state),
                paymentMethod: "Payments.CheckMoneyOrder");
            Assert.That(result.Outcome, Is.EqualTo(CheckoutOutcome.Placed), $"checkout {i}: {result.Step}: {result.Message}");
            if (i > 0) // the first warms the checkout pages
                times.Add(result.Elapsed.TotalMilliseconds);
        }
        return Summary(times);
    }

    private static double[] Summary(List<double> times)
    {
        times.Sort();
        return new[] { Percentiles.Of(times, 50), Percentiles.Of(times, 95), times.Count };
    }
}
