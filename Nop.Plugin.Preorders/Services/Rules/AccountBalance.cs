using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// Sums of the ledger entries that count (of an order, or of the entries recorded against one line), by what
/// the money did: <see cref="AccountBalance.Counts"/>. What the sums mean is <see cref="AccountBalance"/>'s to say.
/// </summary>
public record LedgerTotals(decimal Paid, decimal Refunded, decimal Forfeited, decimal Transferred)
{
    public static readonly LedgerTotals Zero = new(0m, 0m, 0m, 0m);

    /// <summary>Money no longer held for the order: refunded, forfeited or transferred (<see cref="AccountBalance.Released"/>).</summary>
    public decimal Released => Refunded + Forfeited + Transferred;

    /// <summary>Paid less released (<see cref="AccountBalance.Held"/> before it is floored at zero; below zero only in an inconsistent ledger).</summary>
    public decimal Held => Paid - Released;

    /// <summary>Totals from the sums of succeeded entries by kind, rounded to the column's 4 decimals (SQLite sums decimals as floating point).</summary>
    public static LedgerTotals FromSums(IEnumerable<(LedgerEntryKind Kind, decimal Sum)> sums)
    {
        var rows = sums.ToList();
        decimal Of(Func<LedgerEntryKind, bool> kinds) => Math.Round(rows.Where(r => kinds(r.Kind)).Sum(r => r.Sum), 4);
        return new LedgerTotals(Of(AccountBalance.IsPayment), Of(k => k == LedgerEntryKind.Refund), Of(k => k == LedgerEntryKind.Forfeit), Of(k => k == LedgerEntryKind.Transfer));
    }

    /// <summary>Totals of these entries; only those that count (<see cref="AccountBalance.Counts"/>).</summary>
    public static LedgerTotals FromEntries(IEnumerable<PreorderLedgerEntry> entries)
    {
        var done = entries.Where(e => AccountBalance.Counts(e.Status, e.Kind)).ToList();
        decimal Of(Func<LedgerEntryKind, bool> kinds) => done.Where(e => kinds(e.Kind)).Sum(e => e.Amount);
        return new LedgerTotals(Of(AccountBalance.IsPayment), Of(k => k == LedgerEntryKind.Refund), Of(k => k == LedgerEntryKind.Forfeit), Of(k => k == LedgerEntryKind.Transfer));
    }

    /// <summary>The totals an account stores (written from its ledger by every refresh).</summary>
    public static LedgerTotals Of(PreorderAccount account) =>
        new(account.PaidAmount, account.RefundedAmount, account.ForfeitedAmount, account.TransferredAmount);

    /// <summary>Whether an account's stored totals are these.</summary>
    public bool Match(PreorderAccount account) =>
        account.PaidAmount == Paid && account.RefundedAmount == Refunded && account.ForfeitedAmount == Forfeited && account.TransferredAmount == Transferred;
}

/// <summary>A pre-order line with the money recorded against the line itself (ledger entries carrying its id).</summary>
public readonly record struct LineMoney(PreorderLine Line, decimal Paid, decimal Released)
{
    public static LineMoney Of(PreorderLine line, LedgerTotals own) => new(line, own?.Paid ?? 0m, own?.Released ?? 0m);
}

/// <summary>One line's money, as <see cref="AccountBalance"/> works it out.</summary>
/// <param name="IsLive">Not cancelled or expired: the line is still being bought (shipped lines are live: they were sold).</param>
/// <param name="Total">What the shopper owes for the line (the order item's price incl. tax as charged).</param>
/// <param name="Held">Money held for the line: its own payments and its share of the order's money, less what was released for it.</param>
/// <param name="Owed">What the line still owes: its total less what it holds; nothing once cancelled or expired.</param>
/// <param name="DepositOwed">The part of <paramref name="Owed"/> that is its deposit.</param>
public sealed record LineBalance(int LineId, bool IsLive, decimal Total, decimal Deposit, decimal Held, decimal Owed, decimal DepositOwed)
{
    /// <summary>The part of <see cref="Owed"/> beyond the deposit: the line's balance still due.</summary>
    public decimal BalanceOwed => Owed - DepositOwed;
}

/// <summary>
/// The one definition of an order's money: from the completed ledger entries and the order's pre-order lines,
/// every derived figure (paid, given back, held per line and per order, owed per line and per order, the
/// account state). Pure: no I/O, no nopCommerce services. Every place that shows or decides on these
/// figures reads them from here (the ledger service stores the order totals and the state on the account).
///
/// <para><b>Where the order's money goes.</b> Entries recorded against a line (its own balance payments, what
/// was refunded, forfeited or transferred for it) belong to that line. The order's other money (the checkout
/// payment, installments, "pay everything", order-level refunds; plus <see cref="Credit"/>) is one pool,
/// shared out in this order, each step filling what it can:</para>
/// <list type="number">
/// <item>what was released for a line beyond its own payments: that money was the line's, so the pool had paid it;</item>
/// <item>the rest of the order (<see cref="OtherPart"/>: shipping, fees, in-stock items), paid at checkout;</item>
/// <item>the deposits of live lines, in line order;</item>
/// <item>what each cancelled/expired line held when it closed: its deposit and its own payments, up to its
/// total (the checkout paid its deposit: it keeps it to be refunded, forfeited or transferred rather than
/// lending it to the other lines; once settled it holds nothing, and later order money goes to live lines);</item>
/// <item>the balances of live lines, those whose stock arrived first (oldest allocation, then line order), so a
/// payment made for an arrived line is not lent to a waiting one;</item>
/// <item>cancelled/expired lines not settled yet, up to their totals (money paid for their balances);</item>
/// <item>what is left is <see cref="Unassigned"/> (an overpayment).</item>
/// </list>
/// <para>A live line holds at most its total: its own payments beyond that join the pool. Money given back at
/// order level is taken from the pool; beyond the pool, from the lines, the last filled first. Rounding: none
/// (amounts are the ledger's, already rounded to the column's 4 decimals).</para>
/// <para>Step 4 before step 5 keeps a settlement in parts safe: after the forfeit of a cancelled line and
/// before its refund, the money still to be refunded is not lent to another line (which would then look paid
/// in full for a moment). Known limit: order money paid after a line closed unsettled with nothing held (a
/// deposit confirmed late, above what the live lines need) fills that line's step 4 and is then settled by the
/// line's terms.</para>
/// </summary>
public sealed class AccountBalance
{
    private readonly Dictionary<int, LineBalance> _byId;

    private AccountBalance(decimal orderTotal, LedgerTotals totals, IReadOnlyList<LineBalance> lines, decimal waived, decimal otherPart,
        decimal otherHeld, decimal credit, decimal unassigned, bool closed)
    {
        OrderTotal = orderTotal;
        Totals = totals;
        Lines = lines;
        _byId = lines.ToDictionary(l => l.LineId);
        Waived = waived;
        OtherPart = otherPart;
        OtherHeld = otherHeld;
        Credit = credit;
        Unassigned = unassigned;

        var otherOwed = Math.Max(0m, otherPart - otherHeld);
        Owed = closed ? 0m : otherOwed + lines.Sum(l => l.Owed);
        DepositOwed = closed ? 0m : otherOwed + lines.Sum(l => l.DepositOwed);
        State = closed ? PreorderAccountState.Closed
            : Owed == 0m ? PreorderAccountState.PaidInFull
            : DepositOwed == 0m && Held > 0m ? PreorderAccountState.AwaitingBalance
            : PreorderAccountState.AwaitingDeposit;
    }

    #region Kinds

    /// <summary>Money in: deposit, balance, installment, extra payment.</summary>
    public static bool IsPayment(LedgerEntryKind kind) =>
        kind is LedgerEntryKind.Deposit or LedgerEntryKind.Balance or LedgerEntryKind.Installment or LedgerEntryKind.Extra;

    /// <summary>Money released from the order: refund, forfeit, transfer to a gift card.</summary>
    public static bool IsRelease(LedgerEntryKind kind) =>
        kind is LedgerEntryKind.Refund or LedgerEntryKind.Forfeit or LedgerEntryKind.Transfer;

    /// <summary>
    /// Whether an entry counts in the figures. Money in counts once it succeeded: a payment on its way (pending,
    /// authorized, awaiting confirmation) is not the shop's yet. Money out counts from the moment it is claimed:
    /// a refund on its way may already have left (its answer lost), so the plugin never relies on it being held,
    /// never marks an order paid or ships a line on it; if the store finds it failed, the money is held again.
    /// </summary>
    public static bool Counts(LedgerEntryStatus status, LedgerEntryKind kind) =>
        status == LedgerEntryStatus.Succeeded || (status == LedgerEntryStatus.Pending && IsRelease(kind));

    /// <summary>A line that is still being bought: not cancelled or expired. Shipped lines are live (sold, their total stays due).</summary>
    public static bool IsLive(PreorderLineState state) => state is not (PreorderLineState.Cancelled or PreorderLineState.Expired);

    #endregion

    #region Order figures

    /// <summary>The nopCommerce order's total (it keeps its full total whatever happens to the lines).</summary>
    public decimal OrderTotal { get; }

    /// <summary>Sums of the order's completed entries.</summary>
    public LedgerTotals Totals { get; }

    /// <summary>Gross money in (deposit, balance, installment, extra): what was ever collected, whatever happened to it since.</summary>
    public decimal Paid => Totals.Paid;

    /// <summary>Paid back to the shopper (through the gateway or offline). Reduces what is held: the money is gone from the order.</summary>
    public decimal Refunded => Totals.Refunded;

    /// <summary>
    /// Kept by the shop as agreed compensation for a lapsed or cancelled reservation. Not given back, but no
    /// longer held for the order either: it is the shop's income, pays no line and can never be refunded. So it
    /// reduces what is held exactly like a refund (counting it as held would let a cancelled line's kept deposit
    /// pay another line's balance).
    /// </summary>
    public decimal Forfeited => Totals.Forfeited;

    /// <summary>Moved to a gift card: the shopper's money, but as store credit outside this order. Reduces what is held like a refund.</summary>
    public decimal Transferred => Totals.Transferred;

    /// <summary>Given back to the shopper: refunded or transferred to a gift card (a forfeit is kept, not given back).</summary>
    public decimal GivenBack => Refunded + Transferred;

    /// <summary>Released from the order: refunded, forfeited or transferred.</summary>
    public decimal Released => Totals.Released;

    /// <summary>
    /// Money held for the order: paid less released (refunded, forfeited, transferred), never below zero. The
    /// most a refund may be, what the shopper has paid towards what the order still buys.
    /// </summary>
    public decimal Held => Math.Max(0m, Totals.Held);

    /// <summary>Totals of the cancelled and expired lines: no longer to be paid (the nopCommerce order keeps its total).</summary>
    public decimal Waived { get; }

    /// <summary>What the order is to be paid in all now: its total less what was waived.</summary>
    public decimal Due => Math.Max(0m, OrderTotal - Waived);

    /// <summary>The part of the order total that is not a pre-order line: shipping, fees, tax on other items, in-stock items.</summary>
    public decimal OtherPart { get; }

    /// <summary>Money held for <see cref="OtherPart"/>.</summary>
    public decimal OtherHeld { get; }

    /// <summary>
    /// Line totals above the order total (an order-level discount, a gift card or reward points nopCommerce took
    /// off the order total): the shopper owes it on no line, so it counts as order money already held.
    /// </summary>
    public decimal Credit { get; }

    /// <summary>Order money no line or other part needs: an overpayment.</summary>
    public decimal Unassigned { get; }

    /// <summary>
    /// What the order still owes: the uncovered rest of the order and every live line's total not covered by
    /// money held for it. Nothing once the account is closed. Money given back (refunded, forfeited,
    /// transferred) is not held, so it is owed again by whatever line it was paid for, if that line is live.
    /// </summary>
    public decimal Owed { get; }

    /// <summary>The part of <see cref="Owed"/> due at checkout: the uncovered rest of the order and the live lines' uncovered deposits.</summary>
    public decimal DepositOwed { get; }

    /// <summary>
    /// Closed when all lines are cancelled or expired (or the account was closed); paid in full when nothing is
    /// owed (every live line's total is covered by money held for it, not by gross payments); awaiting the
    /// balance when the deposits and the rest of the order are covered and something is held; else awaiting the deposit.
    /// </summary>
    public PreorderAccountState State { get; }

    public bool IsPaidInFull => State == PreorderAccountState.PaidInFull;

    public IReadOnlyList<LineBalance> Lines { get; }

    /// <summary>The line's figures; null when the line is not one of the order's.</summary>
    public LineBalance Line(int lineId) => _byId.GetValueOrDefault(lineId);

    /// <summary>What a line still owes (0 for an unknown or cancelled/expired line).</summary>
    public decimal LineOwed(int lineId) => Line(lineId)?.Owed ?? 0m;

    /// <summary>Money held for a line, never more than the order holds: what a settlement of the line may refund, forfeit or transfer.</summary>
    public decimal LineHeld(int lineId) => Math.Min(Line(lineId)?.Held ?? 0m, Held);

    #endregion

    #region Computing

    /// <summary>The balance from the order's ledger entries (those that count, <see cref="Counts"/>) and its lines.</summary>
    /// <param name="closed">The account was closed (a lost cap race closes an account that has no lines): it stays closed.</param>
    public static AccountBalance FromLedger(decimal orderTotal, IEnumerable<PreorderLine> lines, IEnumerable<PreorderLedgerEntry> entries, bool closed = false)
    {
        var done = entries.Where(e => Counts(e.Status, e.Kind)).ToList();
        var own = done.Where(e => e.PreorderLineId != 0).GroupBy(e => e.PreorderLineId).ToDictionary(g => g.Key, LedgerTotals.FromEntries);
        return Compute(orderTotal, LedgerTotals.FromEntries(done), lines.Select(l => LineMoney.Of(l, own.GetValueOrDefault(l.Id))), closed);
    }

    /// <summary>The balance of an account from its stored totals (written from the ledger by every refresh) and its lines with their own money.</summary>
    public static AccountBalance Of(PreorderAccount account, IEnumerable<LineMoney> lines) =>
        Compute(account.OrderTotal, LedgerTotals.Of(account), lines, account.State == PreorderAccountState.Closed);

    /// <summary>The balance from the order's totals and its lines with the money recorded against each.</summary>
    /// <param name="orderTotals">Totals of all the order's completed entries, the lines' own included.</param>
    /// <param name="closed">The account was closed: it stays closed.</param>
    public static AccountBalance Compute(decimal orderTotal, LedgerTotals orderTotals, IEnumerable<LineMoney> lines, bool closed = false)
    {
        var list = lines.Where(m => m.Line != null).OrderBy(m => m.Line.Id).ToList();
        var n = list.Count;
        var live = list.Select(m => IsLive(m.Line.State)).ToArray();
        var total = list.Select(m => Math.Max(0m, m.Line.LineTotal)).ToArray();
        var held = list.Select(m => m.Paid - m.Released).ToArray();
        // the held levels the steps fill a line to. A live line is to hold its deposit, then its total. A
        // cancelled/expired line what it held when it closed (its deposit and its own payments, up to its total),
        // less what was released for it; not settled yet (nothing released), up to its total
        var depositLevel = new decimal[n];
        var totalLevel = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            var deposit = Math.Min(Math.Max(0m, list[i].Line.DepositAmount), total[i]);
            var released = list[i].Released;
            var claim = Math.Max(0m, Math.Min(total[i], deposit + list[i].Paid) - released);
            depositLevel[i] = live[i] ? deposit : claim;
            totalLevel[i] = live[i] ? total[i] : released > 0m ? claim : total[i];
        }

        var linesTotal = total.Sum();
        var credit = Math.Max(0m, linesTotal - orderTotal);
        var otherPart = Math.Max(0m, orderTotal - linesTotal);
        var pool = orderTotals.Paid - list.Sum(m => m.Paid) - (orderTotals.Released - list.Sum(m => m.Released)) + credit;

        // a live line holds at most its total: its own payments beyond that are order money
        for (var i = 0; i < n; i++)
            if (live[i] && held[i] > total[i])
            {
                pool += held[i] - total[i];
                held[i] = total[i];
            }

        var liveByLine = Enumerable.Range(0, n).Where(i => live[i]).ToList();
        var closedByLine = Enumerable.Range(0, n).Where(i => !live[i]).ToList();
        // balances: lines whose stock arrived first (oldest allocation first), then the waiting ones
        var liveByAllocation = liveByLine.OrderBy(i => list[i].Line.AllocatedOnUtc ?? DateTime.MaxValue).ThenBy(i => list[i].Line.Id).ToList();

        // order-level give-backs above the order's own payments came out of line money: taken back, last filled first
        if (pool < 0m)
        {
            var missing = -pool;
            pool = 0m;
            void Drain(IEnumerable<int> order, Func<int, decimal> floor)
            {
                foreach (var i in order)
                {
                    var take = Math.Min(missing, Math.Max(0m, held[i] - floor(i)));
                    held[i] -= take;
                    missing -= take;
                }
            }
            Drain(Enumerable.Reverse(closedByLine), i => depositLevel[i]);
            Drain(Enumerable.Reverse(liveByAllocation), i => depositLevel[i]);
            Drain(Enumerable.Reverse(closedByLine), _ => 0m);
            Drain(Enumerable.Reverse(liveByLine), _ => 0m);
        }

        void Fill(IEnumerable<int> order, Func<int, decimal> level)
        {
            foreach (var i in order)
            {
                var give = Math.Min(pool, Math.Max(0m, level(i) - held[i]));
                held[i] += give;
                pool -= give;
            }
        }
        // 1. what was released for a line beyond its own payments had been paid from the pool
        Fill(Enumerable.Range(0, n), _ => 0m);
        // 2. the rest of the order
        var otherHeld = Math.Min(pool, otherPart);
        pool -= otherHeld;
        // 3. deposits of live lines; 4. what cancelled/expired lines held when they closed
        Fill(liveByLine, i => depositLevel[i]);
        Fill(closedByLine, i => depositLevel[i]);
        // 5. balances of live lines (arrived first); 6. cancelled/expired lines not settled yet
        Fill(liveByAllocation, i => totalLevel[i]);
        Fill(closedByLine, i => totalLevel[i]);

        var balances = list.Select((m, i) =>
        {
            var lineHeld = Math.Max(0m, held[i]);
            return new LineBalance(m.Line.Id, live[i], total[i], Math.Min(Math.Max(0m, m.Line.DepositAmount), total[i]), lineHeld,
                live[i] ? Math.Max(0m, total[i] - lineHeld) : 0m,
                live[i] ? Math.Max(0m, depositLevel[i] - lineHeld) : 0m);
        }).ToList();
        var waived = list.Where((_, i) => !live[i]).Sum(m => m.Line.LineTotal);
        closed = closed || (n > 0 && closedByLine.Count == n);
        return new AccountBalance(orderTotal, orderTotals, balances, waived, otherPart, otherHeld, credit, pool, closed);
    }

    #endregion
}
