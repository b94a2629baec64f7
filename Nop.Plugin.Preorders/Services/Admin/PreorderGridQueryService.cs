using Nop.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// The admin grids as SQL: filtering, sorting and paging run in the database (one query for the page, one
/// COUNT), never in memory, so the grids stay fast at any size. Plain parameters in, rows out, so the same
/// queries serve the grids, the CSV export (streamed) and the tests (against a real database).
/// </summary>
public class PreorderGridQueryService
{
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderExtensionRequest> _extensionRequestRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;

    public PreorderGridQueryService(IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderProfile> profileRepository,
        IRepository<PreorderExtensionRequest> extensionRequestRepository)
    {
        _accountRepository = accountRepository;
        _extensionRequestRepository = extensionRequestRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _profileRepository = profileRepository;
    }

    #region Pre-order lines

    /// <summary>One page of the pre-orders grid (<paramref name="start"/> rows skipped, at most <paramref name="length"/> returned).</summary>
    public virtual async Task<GridPage<PreorderLineRow>> GetLinesAsync(PreorderLineFilter filter, int start, int length, GridSort sort)
    {
        var query = LineQuery(filter);
        // an account per order and a profile per product (unique keys): the joins never change how many lines
        // match, so unless the computed ship date is filtered on, the count reads the filtered lines alone (bench 4)
        var total = filter?.ShipFromUtc == null && filter?.ShipToUtc == null ? FilterLines(filter).Count() : query.Count();
        var rows = total == 0
            ? new List<PreorderLineRow>()
            : await SortLines(query, sort).Skip(Math.Max(0, start)).Take(Math.Clamp(length, 1, 1000)).ToListAsync();
        foreach (var row in rows)
            RoundAmounts(row);
        return new GridPage<PreorderLineRow>(rows, total);
    }

    /// <summary>Every row of the filter in the grid's order, read as a stream (CSV export of any size).</summary>
    public virtual async IAsyncEnumerable<PreorderLineRow> StreamLinesAsync(PreorderLineFilter filter, GridSort sort)
    {
        await foreach (var row in SortLines(LineQuery(filter), sort).StreamAsync())
        {
            RoundAmounts(row);
            yield return row;
        }
    }

    /// <summary>The filtered rows as a query (not executed); every computed column is an SQL expression, so it filters and sorts in the database.</summary>
    public virtual IQueryable<PreorderLineRow> LineQuery(PreorderLineFilter filter)
    {
        filter ??= new PreorderLineFilter();
        const int waiting = (int)PreorderLineState.Waiting;
        const int balanceDue = (int)PreorderLineState.BalanceDue;
        const int overdue = (int)PreorderLineState.Overdue;
        const int accountPaid = (int)PreorderAccountState.PaidInFull;
        const int accountClosed = (int)PreorderAccountState.Closed;
        const int succeeded = (int)LedgerEntryStatus.Succeeded;
        var ledger = _ledgerRepository.Table;

        // filters on the line's own columns first, where its indexes apply
        var lines = FilterLines(filter);

        var rows =
            from l in lines
            join a in _accountRepository.Table on l.OrderId equals a.OrderId into accounts
            from a in accounts.DefaultIfEmpty()
            join p in _profileRepository.Table on l.ProductId equals p.ProductId into profiles
            from p in profiles.DefaultIfEmpty()
            let linePaid = ledger
                // payment kinds spelled out: an IN over a local array makes linq2db translate the query anew on every call (bench 4)
                .Where(e => e.OrderId == l.OrderId && e.PreorderLineId == l.Id && e.StatusId == succeeded
                    && (e.KindId == (int)LedgerEntryKind.Balance || e.KindId == (int)LedgerEntryKind.Installment || e.KindId == (int)LedgerEntryKind.Extra))
                .Sum(e => (decimal?)e.Amount) ?? 0m
            let owes = (l.StateId == waiting || l.StateId == balanceDue || l.StateId == overdue)
                       && a != null && a.StateId != accountPaid && a.StateId != accountClosed
            let remaining = l.LineTotal - l.DepositAmount - linePaid
            // AccountBalance.Owed in its summary form, from the totals the account stores (SQL cannot run the rule):
            // the order total less what was waived less what is held (paid less refunded, forfeited, transferred).
            // The same figure as the rule's whenever no cancelled line still holds money; the order page shows the rule's own
            let orderOutstanding = a == null ? 0m : a.OrderTotal - a.WaivedAmount - (a.PaidAmount - a.RefundedAmount - a.ForfeitedAmount - a.TransferredAmount)
            select new PreorderLineRow
            {
                Id = l.Id,
                OrderId = l.OrderId,
                CustomerId = l.CustomerId,
                StoreId = l.StoreId,
                ProductId = l.ProductId,
                CombinationId = l.CombinationId,
                Quantity = l.Quantity,
                StateId = l.StateId,
                PaymentModeId = l.PaymentModeId,
                LineTotal = l.LineTotal,
                DepositAmount = l.DepositAmount,
                DepositPaid = a != null && a.PaidAmount > 0m && a.PaidAmount >= a.DueAtCheckout ? l.DepositAmount : 0m,
                BalanceDue = !owes || remaining <= 0m || orderOutstanding <= 0m ? 0m : remaining < orderOutstanding ? remaining : orderOutstanding,
                PlacedOnUtc = l.PlacedOnUtc,
                BalanceDueOnUtc = l.BalanceDueOnUtc,
                ExpectedShipDateUtc = p != null && p.ExpectedShipDateUtc != null ? p.ExpectedShipDateUtc : l.ExpectedShipDateUtc,
                CountryCode = l.CountryCode,
                ExtensionCount = l.ExtensionCount,
                CloseReason = l.CloseReason,
                CancelReasonId = l.CancelReasonId,
                CancelReasonText = l.CancelReasonText,
                SplitFromLineId = l.SplitFromLineId,
                IsReservation = l.IsReservation
            };

        // the ship date is the product's current one: a computed column, filtered after the projection
        if (filter.ShipFromUtc is DateTime shipFrom)
            rows = rows.Where(r => r.ExpectedShipDateUtc >= shipFrom);
        if (filter.ShipToUtc is DateTime shipTo)
            rows = rows.Where(r => r.ExpectedShipDateUtc < shipTo);
        return rows;
    }

    /// <summary>The lines matching the filter's conditions on the line's own columns, as a query (not executed).</summary>
    protected virtual IQueryable<PreorderLine> FilterLines(PreorderLineFilter filter)
    {
        filter ??= new PreorderLineFilter();
        var lines = _lineRepository.Table;
        if (filter.State is PreorderLineState state)
            lines = lines.Where(l => l.StateId == (int)state);
        if (filter.ProductId > 0)
            lines = lines.Where(l => l.ProductId == filter.ProductId);
        if (filter.StoreId > 0)
            lines = lines.Where(l => l.StoreId == filter.StoreId);
        if (filter.OrderId > 0)
            lines = lines.Where(l => l.OrderId == filter.OrderId);
        if (filter.CustomerId != 0)
            lines = lines.Where(l => l.CustomerId == filter.CustomerId);
        if (!string.IsNullOrWhiteSpace(filter.CountryCode))
        {
            var country = filter.CountryCode.Trim().ToUpperInvariant();
            lines = lines.Where(l => l.CountryCode == country);
        }
        if (filter.PlacedFromUtc is DateTime placedFrom)
            lines = lines.Where(l => l.PlacedOnUtc >= placedFrom);
        if (filter.PlacedToUtc is DateTime placedTo)
            lines = lines.Where(l => l.PlacedOnUtc < placedTo);
        if (filter.DueFromUtc is DateTime dueFrom)
            lines = lines.Where(l => l.BalanceDueOnUtc >= dueFrom);
        if (filter.DueToUtc is DateTime dueTo)
            lines = lines.Where(l => l.BalanceDueOnUtc < dueTo);
        if (filter.ReservationsOnly)
            lines = lines.Where(l => l.IsReservation);
        if (filter.ExtensionRequested)
        {
            const int pending = (int)ExtensionRequestStatus.Pending;
            lines = lines.Where(l => _extensionRequestRepository.Table.Any(r => r.PreorderLineId == l.Id && r.StatusId == pending));
        }
        return lines;
    }

    /// <summary>The pending extension requests of a page's lines (one query), for the grid's "extension request" column.</summary>
    public virtual async Task<IDictionary<int, PreorderExtensionRequest>> GetPendingExtensionRequestsAsync(IEnumerable<int> lineIds)
    {
        var ids = lineIds.Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, PreorderExtensionRequest>();
        const int pending = (int)ExtensionRequestStatus.Pending;
        var requests = await _extensionRequestRepository.Table.Where(r => r.StatusId == pending && ids.Contains(r.PreorderLineId)).ToListAsync();
        return requests.GroupBy(r => r.PreorderLineId).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Sort by a grid column (names of the grid's model); ties broken by id so that pages never overlap.</summary>
    public static IQueryable<PreorderLineRow> SortLines(IQueryable<PreorderLineRow> query, GridSort sort)
    {
        sort ??= GridSort.Default;
        var desc = sort.Descending;
        IOrderedQueryable<PreorderLineRow> ordered = sort.Column switch
        {
            "Id" => desc ? query.OrderByDescending(r => r.Id) : query.OrderBy(r => r.Id),
            "OrderId" or "CustomOrderNumber" => desc ? query.OrderByDescending(r => r.OrderId) : query.OrderBy(r => r.OrderId),
            "CustomerId" or "CustomerEmail" => desc ? query.OrderByDescending(r => r.CustomerId) : query.OrderBy(r => r.CustomerId),
            "ProductId" or "ProductName" => desc ? query.OrderByDescending(r => r.ProductId) : query.OrderBy(r => r.ProductId),
            "Quantity" => desc ? query.OrderByDescending(r => r.Quantity) : query.OrderBy(r => r.Quantity),
            "State" or "StateId" => desc ? query.OrderByDescending(r => r.StateId) : query.OrderBy(r => r.StateId),
            "DepositPaid" => desc ? query.OrderByDescending(r => r.DepositPaid) : query.OrderBy(r => r.DepositPaid),
            "BalanceDue" => desc ? query.OrderByDescending(r => r.BalanceDue) : query.OrderBy(r => r.BalanceDue),
            "DueDate" or "BalanceDueOn" => desc ? query.OrderByDescending(r => r.BalanceDueOnUtc) : query.OrderBy(r => r.BalanceDueOnUtc),
            "ExpectedShipDate" => desc ? query.OrderByDescending(r => r.ExpectedShipDateUtc) : query.OrderBy(r => r.ExpectedShipDateUtc),
            "CountryCode" => desc ? query.OrderByDescending(r => r.CountryCode) : query.OrderBy(r => r.CountryCode),
            // "PlacedOn" and the default: newest first unless asked otherwise
            _ => desc ? query.OrderByDescending(r => r.PlacedOnUtc) : query.OrderBy(r => r.PlacedOnUtc)
        };
        return desc ? ordered.ThenByDescending(r => r.Id) : ordered.ThenBy(r => r.Id);
    }

    #endregion

    #region Ledger

    /// <summary>One page of the ledger grid and the totals of everything the filter matches.</summary>
    public virtual async Task<LedgerPage> GetLedgerAsync(LedgerFilter filter, int start, int length, GridSort sort)
    {
        var query = LedgerQuery(filter);
        var total = NeedsAccounts(filter) ? query.Count() : FilterEntries(filter).Count();
        var rows = total == 0
            ? new List<LedgerRow>()
            : await SortLedger(query, sort).Skip(Math.Max(0, start)).Take(Math.Clamp(length, 1, 1000)).ToListAsync();
        return new LedgerPage(rows, total, await GetLedgerTotalsAsync(filter));
    }

    public virtual async IAsyncEnumerable<LedgerRow> StreamLedgerAsync(LedgerFilter filter, GridSort sort)
    {
        await foreach (var row in SortLedger(LedgerQuery(filter), sort).StreamAsync())
            yield return row;
    }

    /// <summary>Totals by kind of the succeeded entries, and how many attempts are pending or failed (one GROUP BY).</summary>
    public virtual async Task<LedgerGridTotals> GetLedgerTotalsAsync(LedgerFilter filter)
    {
        // an account per order (unique key): without a store or customer filter the entries alone give the totals
        var groups = NeedsAccounts(filter)
            ? await LedgerQuery(filter)
                .GroupBy(r => new { r.KindId, r.StatusId })
                .Select(g => new { g.Key.KindId, g.Key.StatusId, Sum = g.Sum(r => r.Amount), Count = g.Count() })
                .ToListAsync()
            : await FilterEntries(filter)
                .GroupBy(e => new { e.KindId, e.StatusId })
                .Select(g => new { g.Key.KindId, g.Key.StatusId, Sum = g.Sum(e => e.Amount), Count = g.Count() })
                .ToListAsync();
        const int succeeded = (int)LedgerEntryStatus.Succeeded;
        // rounded to the column's 4 decimals: SQLite sums decimals as floating point
        decimal Of(params LedgerEntryKind[] kinds) =>
            Math.Round(groups.Where(g => g.StatusId == succeeded && kinds.Contains((LedgerEntryKind)g.KindId)).Sum(g => g.Sum), 4);
        return new LedgerGridTotals(
            Of(LedgerEntryKind.Deposit, LedgerEntryKind.Balance, LedgerEntryKind.Installment, LedgerEntryKind.Extra),
            Of(LedgerEntryKind.Refund), Of(LedgerEntryKind.Forfeit), Of(LedgerEntryKind.Transfer),
            groups.Where(g => g.StatusId == (int)LedgerEntryStatus.Pending).Sum(g => g.Count),
            groups.Where(g => g.StatusId == (int)LedgerEntryStatus.Failed).Sum(g => g.Count));
    }

    public virtual IQueryable<LedgerRow> LedgerQuery(LedgerFilter filter)
    {
        filter ??= new LedgerFilter();
        var entries = FilterEntries(filter);

        var rows =
            from e in entries
            join a in _accountRepository.Table on e.OrderId equals a.OrderId into accounts
            from a in accounts.DefaultIfEmpty()
            select new LedgerRow
            {
                Id = e.Id,
                OrderId = e.OrderId,
                LineId = e.PreorderLineId,
                CustomerId = a == null ? 0 : a.CustomerId,
                StoreId = a == null ? 0 : a.StoreId,
                KindId = e.KindId,
                StatusId = e.StatusId,
                Amount = e.Amount,
                CurrencyCode = e.CurrencyCode,
                AmountInCurrency = e.AmountInCurrency,
                Method = e.Method,
                Reference = e.Reference,
                Note = e.Note,
                RecordedByCustomerId = e.RecordedByCustomerId,
                CreatedOnUtc = e.CreatedOnUtc
            };
        if (filter.StoreId > 0)
            rows = rows.Where(r => r.StoreId == filter.StoreId);
        if (filter.CustomerId != 0)
            rows = rows.Where(r => r.CustomerId == filter.CustomerId);
        return rows;
    }

    /// <summary>The entries matching the filter's conditions on the entry's own columns (and the product's orders), as a query.</summary>
    protected virtual IQueryable<PreorderLedgerEntry> FilterEntries(LedgerFilter filter)
    {
        filter ??= new LedgerFilter();
        var entries = _ledgerRepository.Table;
        if (filter.OrderId > 0)
            entries = entries.Where(e => e.OrderId == filter.OrderId);
        if (filter.Kind is LedgerEntryKind kind)
            entries = entries.Where(e => e.KindId == (int)kind);
        if (filter.Status is LedgerEntryStatus status)
            entries = entries.Where(e => e.StatusId == (int)status);
        if (!string.IsNullOrWhiteSpace(filter.Method))
        {
            var method = filter.Method.Trim();
            entries = entries.Where(e => e.Method == method);
        }
        if (filter.FromUtc is DateTime from)
            entries = entries.Where(e => e.CreatedOnUtc >= from);
        if (filter.ToUtc is DateTime to)
            entries = entries.Where(e => e.CreatedOnUtc < to);
        if (filter.ProductId > 0)
        {
            var lines = _lineRepository.Table;
            entries = entries.Where(e => lines.Any(l => l.OrderId == e.OrderId && l.ProductId == filter.ProductId));
        }
        return entries;
    }

    /// <summary>Whether the filter needs the order's account (store, customer): otherwise counts and totals read the entries alone.</summary>
    private static bool NeedsAccounts(LedgerFilter filter) => filter != null && (filter.StoreId > 0 || filter.CustomerId != 0);

    public static IQueryable<LedgerRow> SortLedger(IQueryable<LedgerRow> query, GridSort sort)
    {
        sort ??= GridSort.Default;
        var desc = sort.Descending;
        IOrderedQueryable<LedgerRow> ordered = sort.Column switch
        {
            "OrderId" or "CustomOrderNumber" => desc ? query.OrderByDescending(r => r.OrderId) : query.OrderBy(r => r.OrderId),
            "Kind" or "KindId" => desc ? query.OrderByDescending(r => r.KindId) : query.OrderBy(r => r.KindId),
            "Status" or "StatusId" => desc ? query.OrderByDescending(r => r.StatusId) : query.OrderBy(r => r.StatusId),
            "Amount" => desc ? query.OrderByDescending(r => r.Amount) : query.OrderBy(r => r.Amount),
            "Method" => desc ? query.OrderByDescending(r => r.Method) : query.OrderBy(r => r.Method),
            "CustomerId" or "CustomerEmail" => desc ? query.OrderByDescending(r => r.CustomerId) : query.OrderBy(r => r.CustomerId),
            "Id" => desc ? query.OrderByDescending(r => r.Id) : query.OrderBy(r => r.Id),
            _ => desc ? query.OrderByDescending(r => r.CreatedOnUtc) : query.OrderBy(r => r.CreatedOnUtc)
        };
        return desc ? ordered.ThenByDescending(r => r.Id) : ordered.ThenBy(r => r.Id);
    }

    #endregion

    private static void RoundAmounts(PreorderLineRow row)
    {
        // SQLite computes decimal arithmetic in floating point: back to the column's 4 decimals
        row.DepositPaid = Math.Round(row.DepositPaid, 4);
        row.BalanceDue = Math.Round(row.BalanceDue, 4);
    }
}
