using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// Reads the facts of the store-wide analytics (<see cref="CampaignAnalytics"/>) for lines placed, and ledger movements
/// made, from a moment on: small tuples streamed from the database, so a long period does not hold its lines in memory
/// as entities. Money columns come from the pre-orders grid's query (the campaign dashboard's definitions).
/// </summary>
public class PreorderAnalyticsQueryService
{
    private static readonly int[] BalanceKinds = { (int)LedgerEntryKind.Balance, (int)LedgerEntryKind.Installment, (int)LedgerEntryKind.Extra };

    private static readonly int[] CountedKinds =
    {
        (int)LedgerEntryKind.Deposit, (int)LedgerEntryKind.Balance, (int)LedgerEntryKind.Installment, (int)LedgerEntryKind.Extra, (int)LedgerEntryKind.Refund
    };

    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly PreorderGridQueryService _gridQueryService;

    public PreorderAnalyticsQueryService(IRepository<PreorderLedgerEntry> ledgerRepository, PreorderGridQueryService gridQueryService)
    {
        _ledgerRepository = ledgerRepository;
        _gridQueryService = gridQueryService;
    }

    /// <summary>The report of lines placed and money moved since <paramref name="fromUtc"/>, months in the store's time zone.</summary>
    public virtual async Task<AnalyticsReport> GetReportAsync(DateTime fromUtc, TimeZoneInfo storeTimeZone)
    {
        var lines = new List<AnalyticsLineFact>();
        await foreach (var r in LineRows(fromUtc).StreamAsync())
            lines.Add(new AnalyticsLineFact(r.ProductId, (PreorderLineState)r.StateId, (PreorderPaymentMode)r.PaymentModeId, r.Quantity,
                r.DepositPaid, r.BalanceDue, r.PlacedOnUtc, r.BalancePaidOnUtc, (CancellationReason)r.CancelReasonId));
        var money = new List<AnalyticsMoneyFact>();
        await foreach (var e in MoneyRows(fromUtc).StreamAsync())
            money.Add(new AnalyticsMoneyFact(e.CreatedOnUtc, (LedgerEntryKind)e.KindId, e.Amount));
        return CampaignAnalytics.Aggregate(lines, money, storeTimeZone);
    }

    /// <summary>One row per line placed since <paramref name="fromUtc"/>, with its order's last succeeded balance payment.</summary>
    protected virtual IQueryable<AnalyticsLineRow> LineRows(DateTime fromUtc)
    {
        var ledger = _ledgerRepository.Table;
        return _gridQueryService.LineQuery(new PreorderLineFilter { PlacedFromUtc = fromUtc })
            .Select(r => new AnalyticsLineRow
            {
                ProductId = r.ProductId,
                StateId = r.StateId,
                PaymentModeId = r.PaymentModeId,
                Quantity = r.Quantity,
                DepositPaid = r.DepositPaid,
                BalanceDue = r.BalanceDue,
                PlacedOnUtc = r.PlacedOnUtc,
                BalancePaidOnUtc = ledger.Where(e => e.OrderId == r.OrderId && e.StatusId == (int)LedgerEntryStatus.Succeeded && BalanceKinds.Contains(e.KindId))
                    .Max(e => (DateTime?)e.CreatedOnUtc),
                CancelReasonId = r.CancelReasonId
            });
    }

    /// <summary>Succeeded payments and refunds recorded since <paramref name="fromUtc"/>.</summary>
    protected virtual IQueryable<PreorderLedgerEntry> MoneyRows(DateTime fromUtc) =>
        _ledgerRepository.Table.Where(e => e.CreatedOnUtc >= fromUtc && e.StatusId == (int)LedgerEntryStatus.Succeeded && CountedKinds.Contains(e.KindId));
}

/// <summary>The columns of one line the analytics read (a flat row: the database returns plain columns).</summary>
public class AnalyticsLineRow
{
    public int ProductId { get; set; }

    public int StateId { get; set; }

    public int PaymentModeId { get; set; }

    public int Quantity { get; set; }

    public decimal DepositPaid { get; set; }

    public decimal BalanceDue { get; set; }

    public DateTime PlacedOnUtc { get; set; }

    public DateTime? BalancePaidOnUtc { get; set; }

    public int CancelReasonId { get; set; }
}
