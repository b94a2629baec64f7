using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Admin;

public record CapUsage(int CombinationId, int? Cap, int Sold)
{
    public int? Remaining => Cap is int cap ? Math.Max(0, cap - Sold) : null;

    public int? ProgressPercent => CapRules.ProgressPercent(Cap, Sold);
}

public record StateCount(PreorderLineState State, int Lines, int Units);

/// <summary>One day of the campaign in the store's time zone.</summary>
public record DayPoint(DateTime Day, int Orders, int Units);

/// <summary>Cancelled lines of one reason (<see cref="CancellationReason.NotGiven"/>: before schema 1.7, or nopCommerce cancelled the order).</summary>
public record ReasonCount(CancellationReason Reason, int Lines, int Units);

/// <summary>A comment given with a cancellation, as typed (the view encodes it).</summary>
public record ReasonComment(CancellationReason Reason, string Text, DateTime? ClosedOnUtc);

public record CountryDemand(string CountryCode, int Orders, int Units);

/// <summary>A product's pre-order campaign in figures (the dashboard).</summary>
public class CampaignStats
{
    public int ProductId { get; init; }

    public IList<CapUsage> Caps { get; init; } = new List<CapUsage>();

    public int Orders { get; init; }

    public int Lines { get; init; }

    public int Units { get; init; }

    /// <summary>Units still holding a place (not cancelled or expired).</summary>
    public int ActiveUnits { get; init; }

    public IList<StateCount> ByState { get; init; } = new List<StateCount>();

    public IList<DayPoint> ByDay { get; init; } = new List<DayPoint>();

    public decimal DepositsCollected { get; init; }

    public decimal BalanceOutstanding { get; init; }

    public decimal Refunded { get; init; }

    /// <summary>Deposit lines whose deposit came in.</summary>
    public int DepositLines { get; init; }

    /// <summary>Of those, lines paid in full (ready, paid in full or shipped).</summary>
    public int ConvertedLines { get; init; }

    public decimal? ConversionPercent => DepositLines == 0 ? null : Math.Round(100m * ConvertedLines / DepositLines, 1);

    /// <summary>Average days from placing the deposit to the last balance payment, over converted lines.</summary>
    public double? AverageDaysToBalance { get; init; }

    public int CancelledLines { get; init; }

    public int ExpiredLines { get; init; }

    /// <summary>Cancelled lines grouped by the reason chosen, most lines first.</summary>
    public IList<ReasonCount> CancellationReasons { get; init; } = new List<ReasonCount>();

    /// <summary>The latest comments given with cancellations (at most <see cref="PreorderDashboardService.MaxComments"/>), newest first.</summary>
    public IList<ReasonComment> CancellationComments { get; init; } = new List<ReasonComment>();

    public IList<CountryDemand> Countries { get; init; } = new List<CountryDemand>();
}

/// <summary>
/// The campaign dashboard of one product. Totals, states, reasons and countries are GROUP BY queries in the
/// database; only the per-day series and the deposit-to-balance times are summed here, from a stream of
/// small tuples of that one product, because days are counted in the store's time zone.
/// </summary>
public class PreorderDashboardService
{
    public const int MaxReasons = 10;

    public const int MaxComments = 10;

    private readonly IRepository<PreorderCapCounter> _counterRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderGridQueryService _gridQueryService;

    public PreorderDashboardService(IRepository<PreorderCapCounter> counterRepository,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        IRepository<PreorderLine> lineRepository,
        PreorderGridQueryService gridQueryService)
    {
        _counterRepository = counterRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _gridQueryService = gridQueryService;
    }

    public virtual async Task<CampaignStats> GetCampaignAsync(int productId, TimeZoneInfo storeTimeZone)
    {
        storeTimeZone ??= TimeZoneInfo.Utc;
        var lines = _lineRepository.Table.Where(l => l.ProductId == productId);

        var caps = await _counterRepository.Table.Where(c => c.ProductId == productId).OrderBy(c => c.CombinationId)
            .Select(c => new CapUsage(c.CombinationId, c.Cap, c.Sold)).ToListAsync();

        var states = await lines.GroupBy(l => l.StateId)
            .Select(g => new { StateId = g.Key, Lines = g.Count(), Units = g.Sum(l => l.Quantity) })
            .ToListAsync();
        var byState = states.OrderBy(s => s.StateId).Select(s => new StateCount((PreorderLineState)s.StateId, s.Lines, s.Units)).ToList();

        var orders = lines.Select(l => l.OrderId).Distinct().Count();

        // money, from the grid's computed columns (the same definitions the grid shows)
        var rows = _gridQueryService.LineQuery(new PreorderLineFilter { ProductId = productId });
        var deposits = rows.Sum(r => (decimal?)r.DepositPaid) ?? 0m;
        var outstanding = rows.Sum(r => (decimal?)r.BalanceDue) ?? 0m;
        var depositLines = rows.Count(r => r.PaymentModeId == (int)PreorderPaymentMode.Deposit && r.DepositPaid > 0m);
        var converted = rows.Count(r => r.PaymentModeId == (int)PreorderPaymentMode.Deposit && r.DepositPaid > 0m
            && (r.StateId == (int)PreorderLineState.Ready || r.StateId == (int)PreorderLineState.PaidInFull || r.StateId == (int)PreorderLineState.Shipped));

        var refunded = (from e in _ledgerRepository.Table
                        join l in lines on e.PreorderLineId equals l.Id
                        where e.KindId == (int)LedgerEntryKind.Refund && e.StatusId == (int)LedgerEntryStatus.Succeeded
                        select (decimal?)e.Amount).Sum() ?? 0m;

        var cancelled = lines.Where(l => l.StateId == (int)PreorderLineState.Cancelled);
        var reasons = await cancelled
            .GroupBy(l => l.CancelReasonId)
            .Select(g => new { Reason = g.Key, Lines = g.Count(), Units = g.Sum(l => l.Quantity) })
            .OrderByDescending(g => g.Lines).ThenBy(g => g.Reason).Take(MaxReasons)
            .ToListAsync();
        var comments = await cancelled.Where(l => l.CancelReasonText != null)
            .OrderByDescending(l => l.ClosedOnUtc).ThenByDescending(l => l.Id).Take(MaxComments)
            .Select(l => new { l.CancelReasonId, l.CancelReasonText, l.ClosedOnUtc })
            .ToListAsync();

        var countries = await lines.Where(l => l.StateId != (int)PreorderLineState.Cancelled && l.StateId != (int)PreorderLineState.Expired)
            .GroupBy(l => l.CountryCode)
            .Select(g => new { Code = g.Key, Orders = g.Select(l => l.OrderId).Distinct().Count(), Units = g.Sum(l => l.Quantity) })
            .OrderByDescending(g => g.Units).ThenBy(g => g.Code)
            .ToListAsync();

        return new CampaignStats
        {
            ProductId = productId,
            Caps = caps,
            Orders = orders,
            Lines = byState.Sum(s => s.Lines),
            Units = byState.Sum(s => s.Units),
            ActiveUnits = byState.Where(s => PreorderLineStateMachine.HoldsUnits(s.State)).Sum(s => s.Units),
            ByState = byState,
            ByDay = await GetDaysAsync(lines, storeTimeZone),
            DepositsCollected = Math.Round(deposits, 4),
            BalanceOutstanding = Math.Round(outstanding, 4),
            Refunded = Math.Round(refunded, 4),
            DepositLines = depositLines,
            ConvertedLines = converted,
            AverageDaysToBalance = await GetAverageDaysToBalanceAsync(lines),
            CancelledLines = byState.Where(s => s.State == PreorderLineState.Cancelled).Sum(s => s.Lines),
            ExpiredLines = byState.Where(s => s.State == PreorderLineState.Expired).Sum(s => s.Lines),
            CancellationReasons = reasons.Select(r => new ReasonCount((CancellationReason)r.Reason, r.Lines, r.Units)).ToList(),
            CancellationComments = comments.Select(c => new ReasonComment((CancellationReason)c.CancelReasonId, c.CancelReasonText, c.ClosedOnUtc)).ToList(),
            Countries = countries.Select(c => new CountryDemand(c.Code, c.Orders, c.Units)).ToList()
        };
    }

    /// <summary>Orders and units per store-local day, every day from the first to the last placement (days without orders are zero).</summary>
    protected virtual async Task<IList<DayPoint>> GetDaysAsync(IQueryable<PreorderLine> lines, TimeZoneInfo zone)
    {
        var days = new SortedDictionary<DateTime, (HashSet<int> Orders, int Units)>();
        await foreach (var row in lines.OrderBy(l => l.PlacedOnUtc).Select(l => new { l.PlacedOnUtc, l.OrderId, l.Quantity }).StreamAsync())
        {
            var day = StoreTime.ToLocal(row.PlacedOnUtc, zone).Date;
            if (!days.TryGetValue(day, out var bucket))
                bucket = (new HashSet<int>(), 0);
            bucket.Orders.Add(row.OrderId);
            days[day] = (bucket.Orders, bucket.Units + row.Quantity);
        }
        if (days.Count == 0)
            return new List<DayPoint>();

        var result = new List<DayPoint>();
        for (var day = days.Keys.First(); day <= days.Keys.Last(); day = day.AddDays(1))
            result.Add(days.TryGetValue(day, out var b) ? new DayPoint(day, b.Orders.Count, b.Units) : new DayPoint(day, 0, 0));
        return result;
    }

    /// <summary>Days from placement to the order's last balance payment, over the product's lines that were paid in full.</summary>
    protected virtual async Task<double?> GetAverageDaysToBalanceAsync(IQueryable<PreorderLine> lines)
    {
        var ledger = _ledgerRepository.Table;
        var paymentKinds = new[] { (int)LedgerEntryKind.Balance, (int)LedgerEntryKind.Installment, (int)LedgerEntryKind.Extra };
        var converted = new[] { (int)PreorderLineState.Ready, (int)PreorderLineState.PaidInFull, (int)PreorderLineState.Shipped };
        var spans = await lines
            .Where(l => l.PaymentModeId == (int)PreorderPaymentMode.Deposit && converted.Contains(l.StateId))
            .Select(l => new
            {
                l.PlacedOnUtc,
                PaidOn = ledger.Where(e => e.OrderId == l.OrderId && e.StatusId == (int)LedgerEntryStatus.Succeeded && paymentKinds.Contains(e.KindId))
                    .Max(e => (DateTime?)e.CreatedOnUtc)
            })
            .ToListAsync();
        var days = spans.Where(s => s.PaidOn.HasValue && s.PaidOn.Value >= s.PlacedOnUtc)
            .Select(s => (s.PaidOn.Value - s.PlacedOnUtc).TotalDays).ToList();
        return days.Count == 0 ? null : Math.Round(days.Average(), 1);
    }
}
