using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// The analytics report as CSV (<see cref="CsvFormat"/>: RFC 4180, formula-safe): one row per campaign, then one per
/// month, then the total, with a "section" column saying which. Amounts in the primary store currency, invariant numbers.
/// </summary>
public static class AnalyticsCsv
{
    public static IReadOnlyList<string> Columns { get; } = new[]
    {
        "section", "product_id", "product_or_month", "lines", "units", "deposit_lines", "converted_lines", "conversion_percent",
        "average_days_to_balance", "cancelled_lines", "cancellation_reasons", "deposits_collected", "outstanding", "money_in", "refunded"
    };

    /// <param name="productNames">Product names by id (a missing one is written as its id).</param>
    /// <param name="reasonNames">The reasons' names in the admin's language.</param>
    public static string Write(AnalyticsReport report, IReadOnlyDictionary<int, string> productNames, IReadOnlyDictionary<CancellationReason, string> reasonNames)
    {
        var csv = new System.Text.StringBuilder(CsvFormat.Line(Columns));
        foreach (var campaign in report.Campaigns)
            csv.Append(Row("campaign", campaign.ProductId, productNames.GetValueOrDefault(campaign.ProductId) ?? campaign.ProductId.ToString(), campaign.Figures, reasonNames));
        foreach (var month in report.Months)
            csv.Append(Row("month", 0, month.Month.ToString("yyyy-MM"), month.Figures, reasonNames));
        csv.Append(Row("total", 0, "total", report.Total, reasonNames));
        return csv.ToString();
    }

    /// <summary>"name: count; name: count" in the reasons' order.</summary>
    public static string Reasons(AnalyticsFigures figures, IReadOnlyDictionary<CancellationReason, string> reasonNames) =>
        string.Join("; ", figures.CancellationsByReason.Select(r => $"{reasonNames.GetValueOrDefault(r.Key) ?? r.Key.ToString()}: {r.Value}"));

    private static string Row(string section, int productId, string label, AnalyticsFigures f, IReadOnlyDictionary<CancellationReason, string> reasonNames) =>
        CsvFormat.Line(new[]
        {
            section, CsvFormat.Number(productId), CsvFormat.Text(label), CsvFormat.Number(f.Lines), CsvFormat.Number(f.Units),
            CsvFormat.Number(f.DepositLines), CsvFormat.Number(f.ConvertedLines),
            f.ConversionPercent is decimal c ? CsvFormat.Number(c) : string.Empty,
            f.AverageDaysToBalance is double d ? d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : string.Empty,
            CsvFormat.Number(f.CancelledLines), CsvFormat.Text(Reasons(f, reasonNames)),
            CsvFormat.Number(f.DepositsCollected), CsvFormat.Number(f.Outstanding), CsvFormat.Number(f.MoneyIn), CsvFormat.Number(f.Refunded)
        });
}
