using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using NUnit.Framework;
using S = Nop.Plugin.Preorders.Domain.PreorderLineState;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>The store-wide analytics' arithmetic, from hand-made facts.</summary>
[TestFixture]
public class CampaignAnalyticsTests
{
    private static readonly DateTime Jan = new(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    private static AnalyticsLineFact Line(int product, S state, decimal depositPaid = 20m, decimal due = 0m, DateTime? placed = null, double? paidAfterDays = null,
        CancellationReason reason = CancellationReason.NotGiven, PreorderPaymentMode mode = PreorderPaymentMode.Deposit, int quantity = 1)
    {
        var on = placed ?? Jan;
        return new AnalyticsLineFact(product, state, mode, quantity, depositPaid, due, on, paidAfterDays is double d ? on.AddDays(d) : null, reason);
    }

    // state, deposit paid, mode -> counts as a deposit line, converted
    [TestCase(S.Waiting, 20, PreorderPaymentMode.Deposit, true, false)]
    [TestCase(S.BalanceDue, 20, PreorderPaymentMode.Deposit, true, false)]
    [TestCase(S.Overdue, 20, PreorderPaymentMode.Deposit, true, false)]
    [TestCase(S.Ready, 20, PreorderPaymentMode.Deposit, true, true)]
    [TestCase(S.PaidInFull, 20, PreorderPaymentMode.Deposit, true, true)]
    [TestCase(S.Shipped, 20, PreorderPaymentMode.Deposit, true, true)]
    [TestCase(S.Cancelled, 20, PreorderPaymentMode.Deposit, true, false)]
    [TestCase(S.Expired, 20, PreorderPaymentMode.Deposit, true, false)]
    [TestCase(S.PaidInFull, 0, PreorderPaymentMode.Deposit, false, false)]
    [TestCase(S.PaidInFull, 100, PreorderPaymentMode.FullUpfront, false, false)]
    [TestCase(S.Shipped, 0, PreorderPaymentMode.PayOnShip, false, false)]
    public void Conversion_counts_deposit_lines_whose_deposit_came_in_and_were_then_paid_in_full(S state, decimal depositPaid, PreorderPaymentMode mode, bool depositLine, bool converted)
    {
        var report = CampaignAnalytics.Aggregate(new[] { Line(1, state, depositPaid, mode: mode) }, Array.Empty<AnalyticsMoneyFact>(), TimeZoneInfo.Utc);
        Assert.That((report.Total.DepositLines, report.Total.ConvertedLines), Is.EqualTo((depositLine ? 1 : 0, converted ? 1 : 0)));
        Assert.That(report.Total.ConversionPercent, Is.EqualTo(depositLine ? (converted ? 100m : 0m) : null));
    }

    [Test]
    public void Per_campaign_figures_conversion_days_reasons_and_money()
    {
        var lines = new[]
        {
            Line(1, S.PaidInFull, paidAfterDays: 10, quantity: 2),
            Line(1, S.Shipped, paidAfterDays: 20),
            Line(1, S.Shipped, paidAfterDays: null), // converted, but no balance payment on record: no days
            Line(1, S.BalanceDue, due: 80m),
            Line(1, S.Cancelled, depositPaid: 0m, reason: CancellationReason.ShipDateTooLate),
            Line(1, S.Cancelled, depositPaid: 0m, reason: CancellationReason.ShipDateTooLate),
            Line(1, S.Cancelled, depositPaid: 0m, reason: CancellationReason.FoundCheaper),
            Line(2, S.Waiting, due: 0m, quantity: 5),
            Line(2, S.Expired, depositPaid: 0m)
        };

        var report = CampaignAnalytics.Aggregate(lines, Array.Empty<AnalyticsMoneyFact>(), TimeZoneInfo.Utc);

        Assert.That(report.Campaigns.Select(c => c.ProductId), Is.EqualTo(new[] { 1, 2 }), "most units first (8, then 6)");
        var one = report.Campaigns[0].Figures;
        Assert.That((one.Lines, one.Units, one.DepositLines, one.ConvertedLines), Is.EqualTo((7, 8, 4, 3)));
        Assert.That(one.ConversionPercent, Is.EqualTo(75.0m));
        Assert.That(one.AverageDaysToBalance, Is.EqualTo(15.0), "(10 + 20) / 2: the line without a payment date is not averaged");
        Assert.That(one.CancelledLines, Is.EqualTo(3));
        Assert.That(one.CancellationsByReason, Is.EqualTo(new Dictionary<CancellationReason, int> { [CancellationReason.FoundCheaper] = 1, [CancellationReason.ShipDateTooLate] = 2 }));
        Assert.That((one.DepositsCollected, one.Outstanding), Is.EqualTo((80m, 80m)));
        var two = report.Campaigns[1].Figures;
        Assert.That((two.CancelledLines, two.CancellationsByReason.Count), Is.EqualTo((0, 0)), "an expiry is not a cancellation");
        Assert.That(two.AverageDaysToBalance, Is.Null);
        Assert.That(report.Total.Lines, Is.EqualTo(9));
    }

    [Test]
    public void Months_run_from_the_first_to_the_last_with_empty_months_as_zero_and_money_by_entry_month()
    {
        var lines = new[] { Line(1, S.Waiting, placed: Jan), Line(1, S.Waiting, placed: Jan.AddMonths(3)) };
        var money = new[]
        {
            new AnalyticsMoneyFact(Jan.AddDays(1), LedgerEntryKind.Deposit, 20m),
            new AnalyticsMoneyFact(Jan.AddMonths(1), LedgerEntryKind.Balance, 80m),
            new AnalyticsMoneyFact(Jan.AddMonths(1), LedgerEntryKind.Installment, 5m),
            new AnalyticsMoneyFact(Jan.AddMonths(1), LedgerEntryKind.Extra, 1m),
            new AnalyticsMoneyFact(Jan.AddMonths(1).AddDays(2), LedgerEntryKind.Refund, 30m),
            // kept or moved, not money in or out of the shop's till
            new AnalyticsMoneyFact(Jan.AddMonths(1), LedgerEntryKind.Forfeit, 7m),
            new AnalyticsMoneyFact(Jan.AddMonths(1), LedgerEntryKind.Transfer, 9m)
        };

        var report = CampaignAnalytics.Aggregate(lines, money, TimeZoneInfo.Utc);

        Assert.That(report.Months.Select(m => m.Month), Is.EqualTo(new[] { new DateTime(2026, 1, 1), new DateTime(2026, 2, 1), new DateTime(2026, 3, 1), new DateTime(2026, 4, 1) }));
        Assert.That(report.Months.Select(m => m.Figures.Lines), Is.EqualTo(new[] { 1, 0, 0, 1 }));
        Assert.That(report.Months.Select(m => (m.Figures.MoneyIn, m.Figures.Refunded)), Is.EqualTo(new[] { (20m, 0m), (86m, 30m), (0m, 0m), (0m, 0m) }));
        Assert.That((report.Total.MoneyIn, report.Total.Refunded), Is.EqualTo((106m, 30m)));
    }

    [Test]
    public void Months_are_the_stores_calendar_months()
    {
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("Store+9", TimeSpan.FromHours(9), "Store+9", "Store+9");
        // 31 January 20:00 UTC is 1 February in Tokyo
        var lines = new[] { Line(1, S.Waiting, placed: new DateTime(2026, 1, 31, 20, 0, 0, DateTimeKind.Utc)) };

        Assert.That(CampaignAnalytics.Aggregate(lines, Array.Empty<AnalyticsMoneyFact>(), tokyo).Months.Single().Month, Is.EqualTo(new DateTime(2026, 2, 1)));
        Assert.That(CampaignAnalytics.Aggregate(lines, Array.Empty<AnalyticsMoneyFact>(), TimeZoneInfo.Utc).Months.Single().Month, Is.EqualTo(new DateTime(2026, 1, 1)));
    }

    [Test]
    public void Nothing_gives_an_empty_report()
    {
        var report = CampaignAnalytics.Aggregate(Array.Empty<AnalyticsLineFact>(), Array.Empty<AnalyticsMoneyFact>(), null);
        Assert.That((report.Campaigns.Count, report.Months.Count, report.Total.Lines, report.Total.ConversionPercent, report.Total.AverageDaysToBalance),
            Is.EqualTo((0, 0, 0, (decimal?)null, (double?)null)));
    }

    [TestCase(1, 1, "2026-06-01")]
    [TestCase(12, 12, "2025-07-01")]
    [TestCase(3, 3, "2026-04-01")]
    [TestCase(0, 12, "2025-07-01")]
    [TestCase(61, 12, "2025-07-01")]
    [TestCase(60, 60, "2021-07-01")]
    public void The_period_is_whole_store_months_back_from_this_one(int asked, int expectedMonths, string expectedStart)
    {
        var now = new DateTime(2026, 6, 15, 10, 0, 0, DateTimeKind.Utc);
        Assert.That(Nop.Plugin.Preorders.Factories.PreorderAnalyticsModelFactory.Period(asked), Is.EqualTo(expectedMonths));
        Assert.That(Nop.Plugin.Preorders.Factories.PreorderAnalyticsModelFactory.PeriodStartUtc(now, asked, TimeZoneInfo.Utc),
            Is.EqualTo(DateTime.Parse(expectedStart, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void The_csv_has_a_row_per_campaign_month_and_total_and_cannot_run_formulas()
    {
        var report = CampaignAnalytics.Aggregate(new[]
        {
            Line(7, S.Cancelled, depositPaid: 0m, reason: CancellationReason.Other),
            Line(7, S.PaidInFull, paidAfterDays: 3)
        }, new[] { new AnalyticsMoneyFact(Jan, LedgerEntryKind.Deposit, 20m) }, TimeZoneInfo.Utc);

        var csv = AnalyticsCsv.Write(report, new Dictionary<int, string> { [7] = "=HYPERLINK(\"http://evil\")" },
            new Dictionary<CancellationReason, string> { [CancellationReason.Other] = "Other" });
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(rows[0], Is.EqualTo(string.Join(",", AnalyticsCsv.Columns)));
        Assert.That(rows.Skip(1).Select(r => r.Split(',')[0]), Is.EqualTo(new[] { "campaign", "month", "total" }));
        Assert.That(rows[1], Does.StartWith("campaign,7,\"'=HYPERLINK(\"\"http://evil\"\")\",2,2,1,1,100.00,3.0,1,Other: 1,20.00,0.00,0.00,0.00"));
        Assert.That(rows[2], Does.StartWith("month,0,2026-01,2,2,1,1,100.00,3.0,1,Other: 1,20.00,0.00,20.00,0.00"));
    }

    [Test]
    public void The_analytics_menu_item_is_guarded_by_the_view_permission()
    {
        var item = AdminMenuEventConsumer.CreateAnalyticsMenuItem("Pre-order analytics", "/Admin/PreorderAnalytics/Analytics");
        Assert.That((item.SystemName, item.Title, item.Url, item.Visible), Is.EqualTo((PreorderDefaults.Admin.AnalyticsMenuSystemName, "Pre-order analytics", "/Admin/PreorderAnalytics/Analytics", true)));
        Assert.That(item.PermissionNames, Is.EqualTo(new[] { PreorderDefaults.Permissions.View }));
    }
}
