using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// Campaign funnels as CSV (<see cref="CsvFormat"/>: RFC 4180, formula-safe): one row per campaign, each step's count in
/// <see cref="CampaignFunnelRules.Steps"/> order, then each step's conversion in percent from its base step (empty when the
/// base is zero). Invariant numbers.
/// </summary>
public static class FunnelCsv
{
    private static readonly IReadOnlyList<FunnelStep> ConvertedSteps = CampaignFunnelRules.Steps.Where(s => CampaignFunnelRules.ConversionBase(s) != null).ToList();

    public static IReadOnlyList<string> Columns { get; } = new[] { "product_id", "product" }
        .Concat(CampaignFunnelRules.Steps.Select(ColumnName))
        .Concat(ConvertedSteps.Select(s => $"{ColumnName(s)}_percent_of_{ColumnName(CampaignFunnelRules.ConversionBase(s)!.Value)}"))
        .ToList();

    /// <summary>views, waitlist_joins, placed, deposits_paid, paid_in_full, cancelled.</summary>
    public static string ColumnName(FunnelStep step) => Nop.Plugin.Preorders.Data.PreorderDbNames.ToSnakeCase(step.ToString());

    /// <param name="productNames">Product names by id (a missing one is written as its id).</param>
    public static string Write(IEnumerable<CampaignFunnel> funnels, IReadOnlyDictionary<int, string> productNames)
    {
        var csv = new System.Text.StringBuilder(CsvFormat.Line(Columns));
        foreach (var funnel in funnels)
        {
            var fields = new List<string> { CsvFormat.Number(funnel.ProductId), CsvFormat.Text(productNames.GetValueOrDefault(funnel.ProductId) ?? funnel.ProductId.ToString()) };
            fields.AddRange(CampaignFunnelRules.Steps.Select(s => funnel[s].Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.AddRange(ConvertedSteps.Select(s => funnel[s].ConversionPercent is decimal p ? p.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : string.Empty));
            csv.Append(CsvFormat.Line(fields));
        }
        return csv.ToString();
    }
}
