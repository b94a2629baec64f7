using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// One pre-order line as the analytics count it. <paramref name="DepositPaid"/> and <paramref name="BalanceDue"/> are the
/// pre-orders grid's computed columns (the campaign dashboard's definitions); <paramref name="BalancePaidOnUtc"/> is the
/// order's last succeeded balance payment, if any.
/// </summary>
public record AnalyticsLineFact(int ProductId, PreorderLineState State, PreorderPaymentMode PaymentMode, int Quantity,
    decimal DepositPaid, decimal BalanceDue, DateTime PlacedOnUtc, DateTime? BalancePaidOnUtc, CancellationReason CancelReason);

/// <summary>A succeeded ledger movement: money in (deposit, balance, installment, extra) or out (refund).</summary>
public record AnalyticsMoneyFact(DateTime CreatedOnUtc, LedgerEntryKind Kind, decimal Amount);

/// <summary>The figures of one group of lines (a campaign, a month, everything).</summary>
public class AnalyticsFigures
{
    public int Lines { get; set; }

    public int Units { get; set; }

    /// <summary>Deposit-mode lines whose deposit came in.</summary>
    public int DepositLines { get; set; }

    /// <summary>Of those, lines paid in full (ready, paid in full, shipped).</summary>
    public int ConvertedLines { get; set; }

    public decimal? ConversionPercent => DepositLines == 0 ? null : Math.Round(100m * ConvertedLines / DepositLines, 1);

    /// <summary>Average days from placement to the last balance payment, over converted lines with a payment date.</summary>
    public double? AverageDaysToBalance => _daysToBalance.Count == 0 ? null : Math.Round(_daysToBalance.Average(), 1);

    public int CancelledLines { get; set; }

    /// <summary>Cancelled lines per reason, in the reasons' order.</summary>
    public SortedDictionary<CancellationReason, int> CancellationsByReason { get; } = new();

    /// <summary>Deposits collected on these lines (the dashboard's "deposits collected").</summary>
    public decimal DepositsCollected { get; set; }

    /// <summary>What these lines still owe.</summary>
    public decimal Outstanding { get; set; }

    /// <summary>Money in by the ledger, in the period (months only: payments are dated, not attributed to lines).</summary>
    public decimal MoneyIn { get; set; }

    /// <summary>Refunds by the ledger, in the period (months only).</summary>
    public decimal Refunded { get; set; }

    private readonly List<double> _daysToBalance = new();

    internal void Add(AnalyticsLineFact line)
    {
        Lines++;
        Units += line.Quantity;
        DepositsCollected += line.DepositPaid;
        Outstanding += line.BalanceDue;
        if (line.State == PreorderLineState.Cancelled)
        {
            CancelledLines++;
            CancellationsByReason[line.CancelReason] = CancellationsByReason.GetValueOrDefault(line.CancelReason) + 1;
        }
        if (line.PaymentMode != PreorderPaymentMode.Deposit || line.DepositPaid <= 0m)
            return;
        DepositLines++;
        if (!CampaignAnalytics.Converted(line.State))
            return;
        ConvertedLines++;
        if (line.BalancePaidOnUtc is DateTime paid && paid >= line.PlacedOnUtc)
            _daysToBalance.Add((paid - line.PlacedOnUtc).TotalDays);
    }
}

public record CampaignFigures(int ProductId, AnalyticsFigures Figures);

/// <summary>A calendar month of the store's time zone (its first day).</summary>
public record MonthFigures(DateTime Month, AnalyticsFigures Figures);

public class AnalyticsReport
{
    /// <summary>Campaigns (products), most units first.</summary>
    public IList<CampaignFigures> Campaigns { get; init; } = new List<CampaignFigures>();

    /// <summary>Every month from the first to the last with lines or money (months without are zero), oldest first.</summary>
    public IList<MonthFigures> Months { get; init; } = new List<MonthFigures>();

    public AnalyticsFigures Total { get; init; } = new();
}

/// <summary>
/// The store-wide campaign analytics from plain facts: deposit-to-paid conversion, days from deposit to balance,
/// cancellations by reason, deposits collected and balances outstanding, per campaign and per month of placement
/// (store time); money in and refunds per month of the ledger entry. Pure: the query service reads the facts.
/// </summary>
public static class CampaignAnalytics
{
    /// <summary>A deposit line counts as converted once it is paid in full: ready, paid in full or shipped (the dashboard's rule).</summary>
    public static bool Converted(PreorderLineState state) =>
        state is PreorderLineState.Ready or PreorderLineState.PaidInFull or PreorderLineState.Shipped;

    public static AnalyticsReport Aggregate(IEnumerable<AnalyticsLineFact> lines, IEnumerable<AnalyticsMoneyFact> money, TimeZoneInfo storeTimeZone)
    {
        storeTimeZone ??= TimeZoneInfo.Utc;
        var total = new AnalyticsFigures();
        var campaigns = new Dictionary<int, AnalyticsFigures>();
        var months = new SortedDictionary<DateTime, AnalyticsFigures>();
        AnalyticsFigures MonthOf(DateTime utc)
        {
            var local = StoreTime.ToLocal(utc, storeTimeZone);
            var month = new DateTime(local.Year, local.Month, 1);
            if (!months.TryGetValue(month, out var figures))
                months[month] = figures = new AnalyticsFigures();
            return figures;
        }

        foreach (var line in lines)
        {
            total.Add(line);
            if (!campaigns.TryGetValue(line.ProductId, out var campaign))
                campaigns[line.ProductId] = campaign = new AnalyticsFigures();
            campaign.Add(line);
            MonthOf(line.PlacedOnUtc).Add(line);
        }
        foreach (var entry in money)
        {
            var month = MonthOf(entry.CreatedOnUtc);
            if (entry.Kind == LedgerEntryKind.Refund)
            {
                month.Refunded += entry.Amount;
                total.Refunded += entry.Amount;
            }
            else if (entry.Kind is LedgerEntryKind.Deposit or LedgerEntryKind.Balance or LedgerEntryKind.Installment or LedgerEntryKind.Extra)
            {
                month.MoneyIn += entry.Amount;
                total.MoneyIn += entry.Amount;
            }
        }

        var series = new List<MonthFigures>();
        if (months.Count > 0)
            for (var month = months.Keys.First(); month <= months.Keys.Last(); month = month.AddMonths(1))
                series.Add(new MonthFigures(month, months.GetValueOrDefault(month) ?? new AnalyticsFigures()));
        return new AnalyticsReport
        {
            Campaigns = campaigns.OrderByDescending(c => c.Value.Units).ThenBy(c => c.Key).Select(c => new CampaignFigures(c.Key, c.Value)).ToList(),
            Months = series,
            Total = total
        };
    }
}
