using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>A movement of money to record.</summary>
public class LedgerRequest
{
    public int OrderId { get; set; }
    public int LineId { get; set; }
    public LedgerEntryKind Kind { get; set; }
    public LedgerEntryStatus Status { get; set; } = LedgerEntryStatus.Succeeded;
    public decimal Amount { get; set; }
    public string CurrencyCode { get; set; }
    public decimal? AmountInCurrency { get; set; }
    public string Method { get; set; }
    public string Reference { get; set; }
    /// <summary>Same key, same movement: a repeated request records nothing new.</summary>
    public string IdempotencyKey { get; set; }
    public string Note { get; set; }
    public int RecordedByCustomerId { get; set; }
}

/// <summary>A line and its order's money (null: the order has no account), as <see cref="AccountBalance"/> works it out.</summary>
public record LineWithBalance(PreorderLine Line, AccountBalance Balance)
{
    /// <summary>What the line still owes (nothing without an account).</summary>
    public decimal Owed => Balance?.LineOwed(Line.Id) ?? 0m;
}

/// <summary>
/// The payment ledger and the order account derived from it. Entries are inserted once per idempotency key
/// (unique index), never edited except a pending attempt getting its outcome; the account's totals and state
/// are recomputed from the ledger after every entry (self-healing) and written with compare-and-set. What the
/// figures mean (held, owed, the state) is <see cref="AccountBalance"/>'s, the one definition: this service
/// only reads what it needs and stores what it says.
/// </summary>
public class PreorderLedgerService
{
    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly IEventPublisher _eventPublisher;
    private readonly IOrderProcessingService _orderProcessingService;
    private readonly IOrderService _orderService;
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderInstallment> _installmentRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;

    public PreorderLedgerService(ConditionalUpdates conditionalUpdates,
        IEventPublisher eventPublisher,
        IOrderProcessingService orderProcessingService,
        IOrderService orderService,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderInstallment> installmentRepository,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        IRepository<PreorderLine> lineRepository,
        PreorderAuditService auditService,
        PreorderClock clock)
    {
        _conditionalUpdates = conditionalUpdates;
        _eventPublisher = eventPublisher;
        _orderProcessingService = orderProcessingService;
        _orderService = orderService;
        _accountRepository = accountRepository;
        _installmentRepository = installmentRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _auditService = auditService;
        _clock = clock;
    }

    public virtual async Task<PreorderAccount> GetAccountAsync(int orderId) =>
        await _accountRepository.Table.Where(a => a.OrderId == orderId).FirstOrDefaultAsync();

    public virtual async Task<IList<PreorderLedgerEntry>> GetEntriesAsync(int orderId) =>
        await _ledgerRepository.Table.Where(e => e.OrderId == orderId).OrderBy(e => e.Id).ToListAsync();

    public virtual async Task<IList<PreorderInstallment>> GetScheduleAsync(int orderId) =>
        await _installmentRepository.Table.Where(i => i.OrderId == orderId).OrderBy(i => i.Sequence).ToListAsync();

    public virtual async Task<PreorderLedgerEntry> GetEntryAsync(int entryId) => await _ledgerRepository.GetByIdAsync(entryId);

    public virtual async Task<PreorderLedgerEntry> GetEntryByKeyAsync(string key) =>
        await _ledgerRepository.Table.Where(e => e.IdempotencyKey == key).FirstOrDefaultAsync();

    /// <summary>Sums of succeeded entries by kind.</summary>
    public virtual async Task<LedgerTotals> SumAsync(int orderId, int lineId = -1)
    {
        var query = _ledgerRepository.Table.Where(e => e.OrderId == orderId && (e.StatusId == (int)LedgerEntryStatus.Succeeded || (e.StatusId == (int)LedgerEntryStatus.Pending && (e.KindId == (int)LedgerEntryKind.Refund || e.KindId == (int)LedgerEntryKind.Forfeit || e.KindId == (int)LedgerEntryKind.Transfer))));
        if (lineId >= 0)
            query = query.Where(e => e.PreorderLineId == lineId);
        var rows = await query.GroupBy(e => e.KindId).Select(g => new { Kind = g.Key, Sum = g.Sum(e => e.Amount) }).ToListAsync();
        return LedgerTotals.FromSums(rows.Select(r => ((LedgerEntryKind)r.Kind, r.Sum)));
    }

    /// <summary>
    /// The accounts of the orders these query for, with the totals of their ledgers: two grouped reads however
    /// many orders (the reconciliation's checks; bench 5: two queries per order took seconds after a restart).
    /// </summary>
    public virtual async Task<IList<(PreorderAccount Account, LedgerTotals Totals)>> AccountsWithTotalsAsync(IQueryable<int> orderIds)
    {
        var accounts = await GetAccountsAsync(orderIds);
        if (accounts.Count == 0)
            return new List<(PreorderAccount, LedgerTotals)>();
        var sums = (await _ledgerRepository.Table
                .Where(e => (e.StatusId == (int)LedgerEntryStatus.Succeeded || (e.StatusId == (int)LedgerEntryStatus.Pending && (e.KindId == (int)LedgerEntryKind.Refund || e.KindId == (int)LedgerEntryKind.Forfeit || e.KindId == (int)LedgerEntryKind.Transfer))) && orderIds.Contains(e.OrderId))
                .GroupBy(e => new { e.OrderId, e.KindId }).Select(g => new { g.Key.OrderId, g.Key.KindId, Sum = g.Sum(e => e.Amount) })
                .ToListAsync())
            .ToLookup(r => r.OrderId, r => ((LedgerEntryKind)r.KindId, r.Sum));
        return accounts.Select(a => (a, LedgerTotals.FromSums(sums[a.OrderId]))).ToList();
    }

    /// <summary>The accounts of the orders these query for (one read).</summary>
    public virtual async Task<IList<PreorderAccount>> GetAccountsAsync(IQueryable<int> orderIds) =>
        await _accountRepository.Table.Where(a => orderIds.Contains(a.OrderId)).ToListAsync();

    /// <summary>The order's money from its ledger and lines (<see cref="AccountBalance"/>); null when the order has no account.</summary>
    public virtual async Task<AccountBalance> GetBalanceAsync(int orderId)
    {
        var account = await GetAccountAsync(orderId);
        return account == null ? null : await GetBalanceAsync(account);
    }

    /// <summary>The money of this account's order from its ledger and lines (two reads).</summary>
    public virtual async Task<AccountBalance> GetBalanceAsync(PreorderAccount account) =>
        await BalanceAsync(account, await _lineRepository.Table.Where(l => l.OrderId == account.OrderId).ToListAsync());

    /// <summary>
    /// The money of the orders these query for, by order id, from their ledgers and lines: three reads however
    /// many orders (the reconciliation's check of recently closed lines). Orders without an account are left out.
    /// </summary>
    public virtual async Task<IDictionary<int, AccountBalance>> BalancesAsync(IQueryable<int> orderIds)
    {
        var accounts = await GetAccountsAsync(orderIds);
        if (accounts.Count == 0)
            return new Dictionary<int, AccountBalance>();
        var lines = (await _lineRepository.Table.Where(l => orderIds.Contains(l.OrderId)).ToListAsync()).ToLookup(l => l.OrderId);
        var sums = (await _ledgerRepository.Table
                .Where(e => (e.StatusId == (int)LedgerEntryStatus.Succeeded || (e.StatusId == (int)LedgerEntryStatus.Pending && (e.KindId == (int)LedgerEntryKind.Refund || e.KindId == (int)LedgerEntryKind.Forfeit || e.KindId == (int)LedgerEntryKind.Transfer))) && orderIds.Contains(e.OrderId))
                .GroupBy(e => new { e.OrderId, e.PreorderLineId, e.KindId })
                .Select(g => new { g.Key.OrderId, g.Key.PreorderLineId, g.Key.KindId, Sum = g.Sum(e => e.Amount) })
                .ToListAsync())
            .ToLookup(r => r.OrderId, r => (r.PreorderLineId, (LedgerEntryKind)r.KindId, r.Sum));
        return accounts.ToDictionary(a => a.OrderId, a => Balance(a, lines[a.OrderId], sums[a.OrderId]));
    }

    private async Task<AccountBalance> BalanceAsync(PreorderAccount account, IEnumerable<PreorderLine> lines)
    {
        var sums = await _ledgerRepository.Table
            .Where(e => e.OrderId == account.OrderId && (e.StatusId == (int)LedgerEntryStatus.Succeeded || (e.StatusId == (int)LedgerEntryStatus.Pending && (e.KindId == (int)LedgerEntryKind.Refund || e.KindId == (int)LedgerEntryKind.Forfeit || e.KindId == (int)LedgerEntryKind.Transfer))))
            .GroupBy(e => new { e.PreorderLineId, e.KindId })
            .Select(g => new { g.Key.PreorderLineId, g.Key.KindId, Sum = g.Sum(e => e.Amount) })
            .ToListAsync();
        return Balance(account, lines, sums.Select(r => (r.PreorderLineId, (LedgerEntryKind)r.KindId, r.Sum)));
    }

    /// <summary>The balance from the sums of an order's succeeded entries by line and kind (rounded as <see cref="LedgerTotals.FromSums"/> does).</summary>
    private static AccountBalance Balance(PreorderAccount account, IEnumerable<PreorderLine> lines, IEnumerable<(int LineId, LedgerEntryKind Kind, decimal Sum)> sums)
    {
        var rows = sums.ToList();
        var own = rows.Where(r => r.LineId != 0).GroupBy(r => r.LineId).ToDictionary(g => g.Key, g => LedgerTotals.FromSums(g.Select(r => (r.Kind, r.Sum))));
        return AccountBalance.Compute(account.OrderTotal, LedgerTotals.FromSums(rows.Select(r => (r.Kind, r.Sum))),
            lines.Select(l => LineMoney.Of(l, own.GetValueOrDefault(l.Id))), account.State == PreorderAccountState.Closed);
    }

    /// <summary>
    /// Records a movement once. Returns the entry and whether this call created it (false: the same key was
    /// recorded before, by a repeated callback, a double click or a retried task; nothing changes).
    /// </summary>
    public virtual async Task<(PreorderLedgerEntry Entry, bool Created)> RecordAsync(LedgerRequest request)
    {
        if (request.Amount <= 0m || request.Amount > 1_000_000_000m)
            throw new PreorderRuleException(PreorderDefaults.Resources.AmountInvalid);
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 200)
            throw new ArgumentException("An idempotency key of at most 200 characters is required.", nameof(request));

        var account = await GetAccountAsync(request.OrderId)
            ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        if (request.CurrencyCode != null && account.CustomerCurrencyCode != null
            && !string.Equals(request.CurrencyCode, account.CustomerCurrencyCode, StringComparison.OrdinalIgnoreCase))
            throw new PreorderRuleException(PreorderDefaults.Resources.CurrencyMismatch);

        var existing = await GetEntryByKeyAsync(request.IdempotencyKey);
        if (existing != null)
            return (existing, false);

        var entry = NewEntry(account, request.OrderId, request.LineId, request.Kind, request.Status, request.Amount, request.Method,
            request.Reference, request.IdempotencyKey, request.Note, request.RecordedByCustomerId, request.CurrencyCode, request.AmountInCurrency);

        try
        {
            await _ledgerRepository.InsertAsync(entry, false);
        }
        catch (Exception)
        {
            // the unique index refused a concurrent twin: the movement is already recorded
            existing = await GetEntryByKeyAsync(request.IdempotencyKey);
            if (existing != null)
                return (existing, false);
            throw;
        }

        await _auditService.RecordAsync("Ledger." + entry.Kind, entry.RecordedByCustomerId, entry.OrderId, lineId: entry.PreorderLineId,
            details: $"{entry.Status} {entry.Amount:0.####} {entry.Method} {entry.Reference}");
        if (entry.Status == LedgerEntryStatus.Succeeded)
        {
            await RefreshAccountAsync(entry.OrderId);
            await _eventPublisher.PublishAsync(new PreorderEvent(
                entry.Kind == LedgerEntryKind.Refund ? PreorderEventKind.Refunded : PreorderEventKind.PaymentRecorded,
                $"ledger:{entry.Id}", entry.OrderId, lineId: entry.PreorderLineId) { Amount = entry.Amount, Settlement = entry.Kind.ToString() });
        }
        return (entry, true);
    }

    /// <summary>
    /// A new entry of this account's order (not written): amounts rounded to the column's 4 decimals, the
    /// shopper's currency and its figure from the account's rate unless given. <paramref name="account"/> is null
    /// for a checkout's deposit, charged before the order and its account exist: currency and figure are given.
    /// </summary>
    public virtual PreorderLedgerEntry NewEntry(PreorderAccount account, int orderId, int lineId, LedgerEntryKind kind, LedgerEntryStatus status,
        decimal amount, string method, string reference, string key, string note, int byCustomerId, string currencyCode = null, decimal? amountInCurrency = null) =>
        new()
        {
            OrderId = orderId,
            PreorderLineId = lineId,
            Kind = kind,
            Status = status,
            Amount = Math.Round(amount, 4),
            CurrencyCode = currencyCode ?? account?.CustomerCurrencyCode,
            AmountInCurrency = Math.Round(amountInCurrency ?? amount * (account?.CurrencyRate ?? 1m), 4),
            Method = method,
            Reference = StoredText.Truncate(reference, 400),
            IdempotencyKey = key,
            Note = note,
            RecordedByCustomerId = byCustomerId,
            CreatedOnUtc = _clock.UtcNow
        };

    /// <summary>
    /// An entry got its outcome (<see cref="MoneyMovementService.CompleteAsync"/>): the account is recomputed and
    /// the shop told. Money that moved is a payment or a refund; a failed payment is a failed charge; an
    /// authorized or unconfirmed one changes no figure but the account's next due date.
    /// </summary>
    public virtual async Task OnEntryCompletedAsync(PreorderLedgerEntry entry, LedgerEntryStatus from)
    {
        await _auditService.RecordAsync("Ledger." + entry.Kind, entry.RecordedByCustomerId, entry.OrderId, lineId: entry.PreorderLineId,
            details: $"{from} -> {entry.Status} {entry.Amount:0.####} {entry.Method} {entry.Reference}");
        if (entry.OrderId == 0)
            return;
        await RefreshAccountAsync(entry.OrderId);
        if (entry.Status == LedgerEntryStatus.Succeeded)
            await _eventPublisher.PublishAsync(new PreorderEvent(
                entry.Kind == LedgerEntryKind.Refund ? PreorderEventKind.Refunded : PreorderEventKind.PaymentRecorded,
                $"ledger:{entry.Id}", entry.OrderId, lineId: entry.PreorderLineId) { Amount = entry.Amount, Settlement = entry.Kind.ToString() });
        else if (entry.Status == LedgerEntryStatus.Failed && AccountBalance.IsPayment(entry.Kind))
            await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.ChargeFailed, $"ledger:{entry.Id}", entry.OrderId) { Amount = entry.Amount, Reason = entry.Note });
    }

    /// <summary>
    /// Recomputes an account from its ledger and lines (<see cref="AccountBalance"/>) and writes it with
    /// compare-and-set; moves allocated lines whose total is covered to "paid in full" and tells nopCommerce the
    /// order is paid once, when money held covers every live line (not when gross payments reach the total).
    /// </summary>
    public virtual async Task<PreorderAccount> RefreshAccountAsync(int orderId)
    {
        return await ConflictRetry.RunAsync<PreorderAccount>(async () =>
        {
            var account = await GetAccountAsync(orderId);
            if (account == null)
                return (true, null);

            var lines = await _lineRepository.Table.Where(l => l.OrderId == orderId).ToListAsync();
            var schedule = await GetScheduleAsync(orderId);
            var balance = await BalanceAsync(account, lines);

            account.PaidAmount = balance.Paid;
            account.RefundedAmount = balance.Refunded;
            account.ForfeitedAmount = balance.Forfeited;
            account.TransferredAmount = balance.Transferred;
            account.WaivedAmount = balance.Waived;
            account.State = balance.State;
            account.NextDueOnUtc = NextDue(account, lines, schedule);
            account.UpdatedOnUtc = _clock.UtcNow;

            // paid in full means every live line's total is covered by money held for it (not gross payments)
            // not while the placement is still writing the lines (the checkout's deposit joins the account first):
            // an account without lines is not an order whose pre-orders are paid
            var markInNop = balance.IsPaidInFull && !account.MarkedPaidInNop && lines.Count > 0;
            if (markInNop)
                account.MarkedPaidInNop = true;

            if (!await _conditionalUpdates.TryUpdateAccountAsync(account))
                return (false, null);

            await UpdateScheduleAsync(schedule, balance.Paid, account.Version);
            await SettleCoveredLinesAsync(balance, lines);
            if (markInNop)
                await MarkPaidInNopAsync(account);
            return (true, account);
        });
    }

    /// <summary>
    /// Each of these lines with its order's money (<see cref="AccountBalance"/> from the account's stored totals,
    /// which every refresh writes from the ledger, and the lines' own payments): batch work (allocation) reads a
    /// whole batch in one round trip, plus one for the other lines of orders with several (what a line holds
    /// depends on its order's other lines). <paramref name="lines"/> is a query, not executed yet.
    /// </summary>
    public virtual async Task<IList<LineWithBalance>> WithBalancesAsync(IQueryable<PreorderLine> lines)
    {
        var rows = await (from m in WithOwnMoney(lines)
                          join a in _accountRepository.Table on m.Line.OrderId equals a.OrderId into accounts
                          from a in accounts.DefaultIfEmpty()
                          select new
                          {
                              m.Line,
                              m.Paid,
                              m.Released,
                              AccountId = a == null ? 0 : a.Id,
                              AccountStateId = a == null ? 0 : a.StateId,
                              OrderTotal = a == null ? 0m : a.OrderTotal,
                              PaidAmount = a == null ? 0m : a.PaidAmount,
                              RefundedAmount = a == null ? 0m : a.RefundedAmount,
                              ForfeitedAmount = a == null ? 0m : a.ForfeitedAmount,
                              TransferredAmount = a == null ? 0m : a.TransferredAmount,
                              Siblings = _lineRepository.Table.Count(s => s.OrderId == m.Line.OrderId && s.Id != m.Line.Id)
                          }).ToListAsync();

        // orders with several lines: all their lines with their own money (one read)
        var multi = rows.Where(r => r.AccountId != 0 && r.Siblings > 0).Select(r => r.Line.OrderId).Distinct().ToList();
        var others = multi.Count == 0
            ? new List<LineMoney>().ToLookup(m => m.Line.OrderId)
            : (await WithOwnMoney(_lineRepository.Table.Where(l => multi.Contains(l.OrderId))).ToListAsync())
                .Select(r => new LineMoney(r.Line, Math.Round(r.Paid ?? 0m, 4), Math.Round(r.Released ?? 0m, 4)))
                .ToLookup(m => m.Line.OrderId);

        // the account columns a balance needs (a read for decisions, never written back); sums rounded to the
        // column's 4 decimals, as SumAsync does (SQLite sums decimals as floating point)
        var balances = new Dictionary<int, AccountBalance>();
        return rows.Select(r =>
        {
            if (r.AccountId == 0)
                return new LineWithBalance(r.Line, null);
            if (!balances.TryGetValue(r.Line.OrderId, out var balance))
            {
                var account = new PreorderAccount
                {
                    Id = r.AccountId, OrderId = r.Line.OrderId, StateId = r.AccountStateId, OrderTotal = r.OrderTotal, PaidAmount = r.PaidAmount,
                    RefundedAmount = r.RefundedAmount, ForfeitedAmount = r.ForfeitedAmount, TransferredAmount = r.TransferredAmount
                };
                var orderLines = r.Siblings > 0
                    ? others[r.Line.OrderId]
                    : new[] { new LineMoney(r.Line, Math.Round(r.Paid ?? 0m, 4), Math.Round(r.Released ?? 0m, 4)) };
                balances[r.Line.OrderId] = balance = AccountBalance.Of(account, orderLines);
            }
            return new LineWithBalance(r.Line, balance);
        }).ToList();
    }

    /// <summary>A line with the sums of its own ledger entries (a query: one correlated sum each, in the database).</summary>
    private sealed class LineOwnMoney
    {
        public PreorderLine Line { get; set; }

        public decimal? Paid { get; set; }

        public decimal? Released { get; set; }
    }

    /// <summary>
    /// Each line with what was paid for it and what went back from it (releases count from their claim,
    /// <see cref="AccountBalance.Counts"/>); the one projection both reads of <see cref="WithBalancesAsync"/> use.
    /// </summary>
    private IQueryable<LineOwnMoney> WithOwnMoney(IQueryable<PreorderLine> lines)
    {
        const int succeeded = (int)LedgerEntryStatus.Succeeded;
        const int pending = (int)LedgerEntryStatus.Pending;
        var ledger = _ledgerRepository.Table;
        return from l in lines
               select new LineOwnMoney
               {
                   Line = l,
                   // the kinds spelled out: an IN over a local array makes linq2db translate the query anew every time
                   Paid = ledger.Where(e => e.OrderId == l.OrderId && e.PreorderLineId == l.Id && e.StatusId == succeeded
                           && (e.KindId == (int)LedgerEntryKind.Deposit || e.KindId == (int)LedgerEntryKind.Balance
                               || e.KindId == (int)LedgerEntryKind.Installment || e.KindId == (int)LedgerEntryKind.Extra))
                       .Sum(e => (decimal?)e.Amount),
                   Released = ledger.Where(e => e.OrderId == l.OrderId && e.PreorderLineId == l.Id && (e.StatusId == succeeded || e.StatusId == pending)
                           && (e.KindId == (int)LedgerEntryKind.Refund || e.KindId == (int)LedgerEntryKind.Forfeit
                               || e.KindId == (int)LedgerEntryKind.Transfer))
                       .Sum(e => (decimal?)e.Amount)
               };
    }

    /// <summary>The check an admin can run: ledger totals against the account and the nopCommerce order total.</summary>
    public virtual async Task<IList<string>> ReconcileAsync(int orderId)
    {
        var problems = new List<string>();
        var account = await GetAccountAsync(orderId);
        var order = await _orderService.GetOrderByIdAsync(orderId);
        if (account == null || order == null)
            return new List<string> { "account or order missing" };

        var totals = await SumAsync(orderId);
        if (account.PaidAmount != totals.Paid || account.RefundedAmount != totals.Refunded || account.ForfeitedAmount != totals.Forfeited || account.TransferredAmount != totals.Transferred)
            problems.Add($"account totals differ from ledger (paid {account.PaidAmount} vs {totals.Paid})");
        if (account.OrderTotal != order.OrderTotal)
            problems.Add($"order total changed in nopCommerce ({account.OrderTotal} vs {order.OrderTotal})");
        // net of what went back: money refunded and paid again (a goodwill refund reopens what it covered) is not an overcharge
        if (totals.Held > account.OrderTotal)
            problems.Add($"held {totals.Held} exceeds order total {account.OrderTotal}");
        if (totals.Held < 0m)
            problems.Add("refunded, transferred and forfeited exceed what was paid");
        var balance = await GetBalanceAsync(account);
        if (account.State != balance.State)
            problems.Add($"account state {account.State} differs from the ledger's ({balance.State})");
        if (order.PaymentStatus == PaymentStatus.Paid && balance.Owed > 0m)
            problems.Add($"nopCommerce's order is marked paid but the ledger says {balance.Owed:0.00} is owed (record the payment or fail it)");
        if (account.MarkedPaidInNop && order.PaymentStatus != PaymentStatus.Paid && order.PaymentStatus != PaymentStatus.PartiallyRefunded && order.PaymentStatus != PaymentStatus.Refunded)
            problems.Add("ledger says paid in full but nopCommerce's order is not marked paid");
        var stale = _clock.UtcNow.AddMinutes(-15);
        if (await _ledgerRepository.Table.Where(e => e.OrderId == orderId && e.StatusId == (int)LedgerEntryStatus.Pending && e.CreatedOnUtc < stale).AnyAsync())
            problems.Add("a charge attempt has no outcome (crash between charge and record): check the gateway and confirm or fail it");
        return problems;
    }

    /// <summary>Closes an account (all its lines cancelled or expired): nothing more is collected.</summary>
    public virtual async Task CloseAsync(int orderId)
    {
        await ConflictRetry.RunAsync(async () =>
        {
            var account = await GetAccountAsync(orderId);
            if (account == null || account.State == PreorderAccountState.Closed)
                return true;
            account.State = PreorderAccountState.Closed;
            account.NextDueOnUtc = null;
            account.UpdatedOnUtc = _clock.UtcNow;
            return await _conditionalUpdates.TryUpdateAccountAsync(account);
        });
    }

    private static DateTime? NextDue(PreorderAccount account, IList<PreorderLine> lines, IList<PreorderInstallment> schedule)
    {
        if (account.State is PreorderAccountState.PaidInFull or PreorderAccountState.Closed)
            return null;
        var paid = account.PaidAmount;
        DateTime? next = null;
        foreach (var installment in schedule)
        {
            paid -= installment.Amount;
            if (paid < 0m && installment.DueOnUtc.HasValue)
            {
                next = installment.DueOnUtc;
                break;
            }
        }
        var lineDue = lines.Where(l => l.State is PreorderLineState.BalanceDue or PreorderLineState.Overdue && l.BalanceDueOnUtc.HasValue)
            .Select(l => l.BalanceDueOnUtc).Min();
        return next == null ? lineDue : lineDue == null ? next : (next < lineDue ? next : lineDue);
    }

    /// <summary>
    /// Writes what each installment says was paid, with compare-and-set on the account version the refresh wrote
    /// (<see cref="ConditionalUpdates.TryUpdateInstallmentPaidAsync"/>): a newer refresh may have written the
    /// schedule after this one read it. An unchanged installment is not written: gross paid only grows, so a
    /// figure already right stays right for every later refresh.
    /// </summary>
    private async Task UpdateScheduleAsync(IList<PreorderInstallment> schedule, decimal paid, int accountVersion)
    {
        foreach (var installment in schedule)
        {
            var covered = Math.Clamp(paid, 0m, installment.Amount);
            paid -= installment.Amount;
            if (installment.PaidAmount == covered)
                continue;
            installment.PaidAmount = covered;
            installment.PaidOnUtc = covered >= installment.Amount ? installment.PaidOnUtc ?? _clock.UtcNow : null;
            await _conditionalUpdates.TryUpdateInstallmentPaidAsync(installment, accountVersion);
        }
    }

    /// <summary>Allocated lines whose total is now covered by money held for them move to "paid in full".</summary>
    private async Task SettleCoveredLinesAsync(AccountBalance balance, IList<PreorderLine> lines)
    {
        foreach (var line in lines.Where(l => l.State is PreorderLineState.BalanceDue or PreorderLineState.Overdue))
        {
            if (balance.LineOwed(line.Id) > 0m)
                continue;
            PreorderLineStateMachine.EnsureCanMove(line.State, PreorderLineState.PaidInFull);
            line.State = PreorderLineState.PaidInFull;
            line.UpdatedOnUtc = _clock.UtcNow;
            if (await _conditionalUpdates.TryUpdateLineAsync(line))
                await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.PaidInFull, $"line-paid:{line.Id}", line.OrderId, line.ProductId, line.Id));
        }
    }

    /// <summary>
    /// Tells nopCommerce the order is paid, unless it is already. The refresh that found the account paid in full
    /// claims it first (<see cref="PreorderAccount.MarkedPaidInNop"/>, with the account's compare-and-set), so two
    /// nodes do not both call; when nopCommerce's call fails, the reconciliation calls this again for claimed
    /// accounts whose order is not paid.
    /// </summary>
    public virtual async Task MarkPaidInNopAsync(PreorderAccount account)
    {
        var order = await _orderService.GetOrderByIdAsync(account.OrderId);
        // paid already, or refunded, voided or cancelled in nopCommerce (its CanMarkOrderAsPaid): nothing to mark
        if (order != null && !order.Deleted && order.PaymentStatus != PaymentStatus.Paid && _orderProcessingService.CanMarkOrderAsPaid(order))
        {
            // nopCommerce's own flow continues from here: OrderPaidEvent, reward points, downloads, emails
            await _orderProcessingService.MarkOrderAsPaidAsync(order);
            await _orderService.InsertOrderNoteAsync(new OrderNote
            {
                OrderId = order.Id,
                Note = "Pre-orders: the money held covers every pre-order line and the rest of the order; order marked as paid.",
                DisplayToCustomer = false,
                CreatedOnUtc = _clock.UtcNow
            });
        }
        // answered (marked, or nothing to mark): the reconciliation stops asking
        await _conditionalUpdates.TryConfirmMarkPaidAsync(account.Id, _clock.UtcNow);
        account.MarkPaidConfirmedOnUtc ??= _clock.UtcNow;
    }

    /// <summary>
    /// Accounts whose mark-paid claim has no answer from nopCommerce (the call failed or the process died after
    /// the claim), claimed before <paramref name="claimedBefore"/> (not a call still in flight). One index seek,
    /// however long ago the claim was made.
    /// </summary>
    public virtual async Task<IList<PreorderAccount>> UnansweredMarkPaidClaimsAsync(DateTime claimedBefore, int take = 100) =>
        await _accountRepository.Table
            .Where(a => a.MarkedPaidInNop && a.MarkPaidConfirmedOnUtc == null && a.UpdatedOnUtc < claimedBefore
                && a.StateId == (int)PreorderAccountState.PaidInFull)
            .OrderBy(a => a.Id).Take(take).ToListAsync();

}
