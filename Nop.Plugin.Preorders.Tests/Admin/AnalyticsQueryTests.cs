using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>The analytics' queries on the real database: the facts they read, against figures computed here from the seed.</summary>
[TestFixture]
public class AnalyticsQueryTests
{
    private TestDatabase _database;
    private TestScope _scope;
    private List<PreorderLine> _lines;
    private PreorderGridQueryService _grid;
    private PreorderAnalyticsQueryService _analytics;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _database = TestDatabase.CreateMigrated();
        _scope = new TestScope(_database);
        _lines = await AdminSeed.LinesAsync(_scope);
        foreach (var line in _lines.Where(l => l.State is PreorderLineState.Ready or PreorderLineState.PaidInFull or PreorderLineState.Shipped))
        {
            await AdminSeed.EntryAsync(_scope, line.OrderId, LedgerEntryKind.Balance, 10m, line.PlacedOnUtc.AddDays(2));
            await AdminSeed.EntryAsync(_scope, line.OrderId, LedgerEntryKind.Balance, 10m, line.PlacedOnUtc.AddDays(4 + line.Id % 3));
            // a failed attempt later does not move the payment date or count as money in
            await AdminSeed.EntryAsync(_scope, line.OrderId, LedgerEntryKind.Balance, 10m, line.PlacedOnUtc.AddDays(30), LedgerEntryStatus.Failed);
        }
        var cancelled = _lines.First(l => l.State == PreorderLineState.Cancelled);
        await AdminSeed.EntryAsync(_scope, cancelled.OrderId, LedgerEntryKind.Refund, 12.5m, AdminSeed.Base.AddDays(50), lineId: cancelled.Id);
        await AdminSeed.EntryAsync(_scope, cancelled.OrderId, LedgerEntryKind.Forfeit, 3m, AdminSeed.Base.AddDays(50), lineId: cancelled.Id);

        _grid = new PreorderGridQueryService(_scope.Repository<PreorderAccount>(), _scope.Repository<PreorderLedgerEntry>(), _scope.Repository<PreorderLine>(), _scope.Repository<PreorderProfile>(), _scope.Repository<PreorderExtensionRequest>());
        _analytics = new PreorderAnalyticsQueryService(_scope.Repository<PreorderLedgerEntry>(), _grid);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _scope.Dispose();
        _database.Dispose();
    }

    [Test]
    public async Task Every_campaign_of_the_period_with_its_figures_from_the_database()
    {
        var from = AdminSeed.Base.AddDays(5);
        var report = await _analytics.GetReportAsync(from, TimeZoneInfo.Utc);

        var inPeriod = _lines.Where(l => l.PlacedOnUtc >= from).ToList();
        Assert.That(_lines.Count, Is.GreaterThan(inPeriod.Count), "some lines are before the period");
        var gridRows = _grid.LineQuery(new PreorderLineFilter { PlacedFromUtc = from }).ToList();
        Assert.That(report.Campaigns.Select(c => c.ProductId), Is.EquivalentTo(inPeriod.Select(l => l.ProductId).Distinct()));
        foreach (var campaign in report.Campaigns)
        {
            var lines = inPeriod.Where(l => l.ProductId == campaign.ProductId).ToList();
            var rows = gridRows.Where(r => r.ProductId == campaign.ProductId).ToList();
            var f = campaign.Figures;
            Assert.That((f.Lines, f.Units), Is.EqualTo((lines.Count, lines.Sum(l => l.Quantity))), $"product {campaign.ProductId}");
            Assert.That((f.DepositsCollected, f.Outstanding), Is.EqualTo((rows.Sum(r => r.DepositPaid), rows.Sum(r => r.BalanceDue))), "the grid's money columns");
            var depositLines = rows.Where(r => r.DepositPaid > 0m).ToList();
            Assert.That(f.DepositLines, Is.EqualTo(depositLines.Count));
            Assert.That(f.ConvertedLines, Is.EqualTo(depositLines.Count(r => CampaignAnalytics.Converted(r.State))));
            var cancelled = lines.Where(l => l.State == PreorderLineState.Cancelled).ToList();
            Assert.That(f.CancellationsByReason, Is.EqualTo(cancelled.GroupBy(l => l.CancelReason).ToDictionary(g => g.Key, g => g.Count())), "grouped by the stored reason");
        }
        var total = report.Total;
        Assert.That(total.CancellationsByReason.Keys, Does.Contain(CancellationReason.FoundCheaper).And.Contain(CancellationReason.NotGiven), "the seed exercises the grouping");
        Assert.That(total.ConvertedLines, Is.GreaterThan(0));

        // days to balance: the last succeeded balance payment of each converted line's order
        var expectedDays = inPeriod.Where(l => gridRows.Single(r => r.Id == l.Id).DepositPaid > 0m && CampaignAnalytics.Converted(l.State))
            .Select(l => (double)(4 + l.Id % 3)).ToList();
        Assert.That(total.AverageDaysToBalance, Is.EqualTo(Math.Round(expectedDays.Average(), 1)));
    }

    [Test]
    public async Task Money_in_and_refunds_come_from_succeeded_ledger_entries_of_the_period()
    {
        var from = AdminSeed.Base.AddDays(5);
        var report = await _analytics.GetReportAsync(from, TimeZoneInfo.Utc);

        var entries = _scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.CreatedOnUtc >= from && e.StatusId == (int)LedgerEntryStatus.Succeeded).ToList();
        Assert.That(report.Total.MoneyIn, Is.EqualTo(entries.Where(e => e.Kind is LedgerEntryKind.Deposit or LedgerEntryKind.Balance or LedgerEntryKind.Installment or LedgerEntryKind.Extra).Sum(e => e.Amount)).And.GreaterThan(0m));
        Assert.That(report.Total.Refunded, Is.EqualTo(12.5m), "the refund; the forfeit is not money out");
        Assert.That(report.Months.Sum(m => m.Figures.MoneyIn), Is.EqualTo(report.Total.MoneyIn));
        Assert.That(report.Months.Select(m => m.Month), Is.Ordered.Ascending);
    }
}
