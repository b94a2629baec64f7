using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>The campaign dashboard of a product from the real database, against figures computed here from the seed.</summary>
[TestFixture]
public class DashboardTests
{
    private const int ProductId = 101;

    private TestDatabase _database;
    private TestScope _scope;
    private List<PreorderLine> _lines;
    private PreorderDashboardService _dashboard;
    private PreorderGridQueryService _grid;
    private readonly List<(DateTime Placed, DateTime Paid)> _balancePayments = new();

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _database = TestDatabase.CreateMigrated();
        _scope = new TestScope(_database);
        _lines = (await AdminSeed.LinesAsync(_scope)).Where(l => l.ProductId == ProductId).ToList();
        await _scope.Repository<PreorderCapCounter>().InsertAsync(new PreorderCapCounter { ProductId = ProductId, CombinationId = 0, Cap = 40, Sold = 26 }, false);
        await _scope.Repository<PreorderCapCounter>().InsertAsync(new PreorderCapCounter { ProductId = ProductId, CombinationId = 7, Cap = 5, Sold = 5 }, false);

        // converted lines got their balance some days after placement (the last payment of the order counts)
        foreach (var line in _lines.Where(l => l.State is PreorderLineState.Ready or PreorderLineState.PaidInFull or PreorderLineState.Shipped))
        {
            var paid = line.PlacedOnUtc.AddDays(3 + line.Id % 4);
            await AdminSeed.EntryAsync(_scope, line.OrderId, LedgerEntryKind.Balance, 10m, paid.AddDays(-1));
            await AdminSeed.EntryAsync(_scope, line.OrderId, LedgerEntryKind.Balance, 10m, paid);
            await AdminSeed.EntryAsync(_scope, line.OrderId, LedgerEntryKind.Balance, 10m, paid.AddDays(5), LedgerEntryStatus.Failed);
            _balancePayments.Add((line.PlacedOnUtc, paid));
        }
        var cancelled = _lines.First(l => l.State == PreorderLineState.Cancelled);
        await AdminSeed.EntryAsync(_scope, cancelled.OrderId, LedgerEntryKind.Refund, 12.5m, AdminSeed.Base.AddDays(50), lineId: cancelled.Id);
        // a refund of another product's line does not count
        await AdminSeed.EntryAsync(_scope, 9001, LedgerEntryKind.Refund, 99m, AdminSeed.Base.AddDays(50), lineId: _scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == 9001).Id);

        _grid = new PreorderGridQueryService(_scope.Repository<PreorderAccount>(), _scope.Repository<PreorderLedgerEntry>(), _scope.Repository<PreorderLine>(), _scope.Repository<PreorderProfile>(), _scope.Repository<PreorderExtensionRequest>());
        _dashboard = new PreorderDashboardService(_scope.Repository<PreorderCapCounter>(), _scope.Repository<PreorderLedgerEntry>(), _scope.Repository<PreorderLine>(), _grid);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _scope.Dispose();
        _database.Dispose();
    }

    [Test]
    public async Task Totals_states_caps_and_money()
    {
        var stats = await _dashboard.GetCampaignAsync(ProductId, TimeZoneInfo.Utc);

        Assert.That(stats.Orders, Is.EqualTo(_lines.Select(l => l.OrderId).Distinct().Count()));
        Assert.That(stats.Lines, Is.EqualTo(_lines.Count));
        Assert.That(stats.Units, Is.EqualTo(_lines.Sum(l => l.Quantity)));
        Assert.That(stats.ActiveUnits, Is.EqualTo(_lines.Where(l => l.State is not (PreorderLineState.Cancelled or PreorderLineState.Expired)).Sum(l => l.Quantity)));
        Assert.That(stats.ByState.Select(s => (s.State, s.Lines, s.Units)), Is.EqualTo(_lines.GroupBy(l => l.State).OrderBy(g => (int)g.Key)
            .Select(g => (g.Key, g.Count(), g.Sum(l => l.Quantity)))));

        Assert.That(stats.Caps.Select(c => (c.CombinationId, c.Cap, c.Sold, c.Remaining, c.ProgressPercent)),
            Is.EqualTo(new[] { (0, (int?)40, 26, (int?)14, (int?)65), (7, (int?)5, 5, (int?)0, (int?)100) }));

        var rows = (await _grid.GetLinesAsync(new PreorderLineFilter { ProductId = ProductId }, 0, 1000, GridSort.Default)).Rows;
        Assert.That(stats.DepositsCollected, Is.EqualTo(rows.Sum(r => r.DepositPaid)).And.GreaterThan(0m));
        Assert.That(stats.BalanceOutstanding, Is.EqualTo(rows.Sum(r => r.BalanceDue)).And.GreaterThan(0m));
        Assert.That(stats.Refunded, Is.EqualTo(12.5m), "refunds of this product's lines only");
    }

    [Test]
    public async Task Conversion_and_days_from_deposit_to_balance()
    {
        var stats = await _dashboard.GetCampaignAsync(ProductId, TimeZoneInfo.Utc);
        var rows = (await _grid.GetLinesAsync(new PreorderLineFilter { ProductId = ProductId }, 0, 1000, GridSort.Default)).Rows;
        var depositLines = rows.Where(r => r.DepositPaid > 0m).ToList();
        var converted = depositLines.Count(r => r.State is PreorderLineState.Ready or PreorderLineState.PaidInFull or PreorderLineState.Shipped);

        Assert.That(stats.DepositLines, Is.EqualTo(depositLines.Count).And.GreaterThan(0));
        Assert.That(stats.ConvertedLines, Is.EqualTo(converted).And.GreaterThan(0));
        Assert.That(stats.ConversionPercent, Is.EqualTo(Math.Round(100m * converted / depositLines.Count, 1)));
        Assert.That(stats.AverageDaysToBalance, Is.EqualTo(Math.Round(_balancePayments.Average(p => (p.Paid - p.Placed).TotalDays), 1)),
            "the last succeeded payment of each converted order; failed attempts do not count");
    }

    [Test]
    public async Task Cancellation_reasons_and_demand_by_country()
    {
        var stats = await _dashboard.GetCampaignAsync(ProductId, TimeZoneInfo.Utc);

        var cancelled = _lines.Where(l => l.State == PreorderLineState.Cancelled).ToList();
        var expectedReasons = cancelled.GroupBy(l => l.CancelReason)
            .Select(g => (g.Key, g.Count(), g.Sum(l => l.Quantity))).OrderByDescending(r => r.Item2).ThenBy(r => (int)r.Key).ToList();
        Assert.That(stats.CancellationReasons.Select(r => (r.Reason, r.Lines, r.Units)), Is.EqualTo(expectedReasons));
        Assert.That(expectedReasons.Select(r => r.Key), Does.Contain(CancellationReason.NotGiven).And.Contain(CancellationReason.FoundCheaper),
            "the seed has lines cancelled with and without a reason, so the grouping is exercised");
        var expectedComments = cancelled.Where(l => l.CancelReasonText != null).OrderByDescending(l => l.ClosedOnUtc)
            .Take(PreorderDashboardService.MaxComments).Select(l => (l.CancelReason, l.CancelReasonText, l.ClosedOnUtc)).ToList();
        Assert.That(stats.CancellationComments.Select(c => (c.Reason, c.Text, c.ClosedOnUtc)), Is.EqualTo(expectedComments).And.Not.Empty,
            "the latest comments, newest first, as typed");
        Assert.That(stats.CancelledLines, Is.EqualTo(_lines.Count(l => l.State == PreorderLineState.Cancelled)).And.GreaterThan(0));
        Assert.That(stats.ExpiredLines, Is.EqualTo(_lines.Count(l => l.State == PreorderLineState.Expired)));

        var holding = _lines.Where(l => l.State is not (PreorderLineState.Cancelled or PreorderLineState.Expired)).ToList();
        var expectedCountries = holding.GroupBy(l => l.CountryCode)
            .Select(g => (g.Key, g.Select(l => l.OrderId).Distinct().Count(), g.Sum(l => l.Quantity)))
            .OrderByDescending(c => c.Item3).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var actual = stats.Countries.Select(c => (c.CountryCode, c.Orders, c.Units)).ToList();
        Assert.That(actual, Is.EquivalentTo(expectedCountries));
        Assert.That(actual.Select(c => c.Units), Is.Ordered.Descending);
        Assert.That(actual.Any(c => c.CountryCode == null), Is.True, "orders without a known country are counted too");
    }

    [Test]
    public async Task Orders_and_units_by_day_are_counted_in_the_stores_time_zone_with_empty_days_filled()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Store+10", TimeSpan.FromHours(10), "Store+10", "Store+10");
        var stats = await _dashboard.GetCampaignAsync(ProductId, zone);

        var byDay = _lines.GroupBy(l => StoreTime.ToLocal(l.PlacedOnUtc, zone).Date)
            .ToDictionary(g => g.Key, g => (Orders: g.Select(l => l.OrderId).Distinct().Count(), Units: g.Sum(l => l.Quantity)));
        var first = byDay.Keys.Min();
        var last = byDay.Keys.Max();
        Assert.That(stats.ByDay.First().Day, Is.EqualTo(first));
        Assert.That(stats.ByDay.Last().Day, Is.EqualTo(last));
        Assert.That(stats.ByDay, Has.Count.EqualTo((last - first).Days + 1), "one point per day, days without orders included");
        foreach (var point in stats.ByDay)
        {
            var expected = byDay.GetValueOrDefault(point.Day);
            Assert.That((point.Orders, point.Units), Is.EqualTo((expected.Orders, expected.Units)), point.Day.ToString("yyyy-MM-dd"));
        }
        Assert.That(byDay.Keys.Any(d => d != StoreTime.ToLocal(d, TimeZoneInfo.Utc).Date) || _lines.Any(l => StoreTime.ToLocal(l.PlacedOnUtc, zone).Date != l.PlacedOnUtc.Date),
            Is.True, "the seed has placements that fall on another day in the store's zone");
        Assert.That(stats.ByDay.Sum(d => d.Units), Is.EqualTo(_lines.Sum(l => l.Quantity)));
    }

    [Test]
    public async Task A_product_without_pre_orders_has_an_empty_dashboard()
    {
        var stats = await _dashboard.GetCampaignAsync(555, TimeZoneInfo.Utc);
        Assert.That(stats.Orders, Is.Zero);
        Assert.That(stats.ByDay, Is.Empty);
        Assert.That(stats.ConversionPercent, Is.Null);
        Assert.That(stats.AverageDaysToBalance, Is.Null);
        Assert.That(stats.DepositsCollected, Is.Zero);
    }
}
