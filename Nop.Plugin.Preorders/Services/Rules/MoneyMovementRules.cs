using Nop.Core.Domain.Payments;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>What a gateway's answer means for the ledger. Pure: the one reading of nopCommerce's payment results.</summary>
public static class GatewayOutcome
{
    /// <summary>
    /// A charge's answer. "No errors" is not "money captured": nopCommerce's results default to Pending (its own
    /// Payments.Manual answers Pending: card details taken, no money moved), and Authorized money is not the
    /// shop's until captured. Only Paid is money in. Any other status (refunded, voided) from a charge is a
    /// gateway misbehaving: not money, recorded as failed with the status in the note.
    /// </summary>
    public static LedgerEntryStatus OfCharge(bool hasErrors, PaymentStatus newPaymentStatus) =>
        hasErrors ? LedgerEntryStatus.Failed
        : newPaymentStatus switch
        {
            PaymentStatus.Paid => LedgerEntryStatus.Succeeded,
            PaymentStatus.Authorized => LedgerEntryStatus.Authorized,
            PaymentStatus.Pending => LedgerEntryStatus.AwaitingConfirmation,
            _ => LedgerEntryStatus.Failed
        };

    /// <summary>
    /// A refund's answer: without errors the money went back (nopCommerce itself reads a refund result only by its
    /// errors and sets the order's status from the amounts; gateways rarely fill in the status).
    /// </summary>
    public static bool RefundSucceeded(bool hasErrors) => !hasErrors;

    /// <summary>A capture's answer: without errors and not still Pending/Authorized, the money is in.</summary>
    public static bool CaptureSucceeded(bool hasErrors, PaymentStatus newPaymentStatus) =>
        !hasErrors && newPaymentStatus is not (PaymentStatus.Pending or PaymentStatus.Authorized or PaymentStatus.Voided);

    /// <summary>An entry whose money is on its way but not in (or out) yet: reserved against what is owed or held.</summary>
    public static bool IsInFlight(LedgerEntryStatus status) =>
        status is LedgerEntryStatus.Pending or LedgerEntryStatus.AwaitingConfirmation or LedgerEntryStatus.Authorized;
}

/// <summary>The money of an order on its way: in-flight payments and releases, for the order and for each line.</summary>
public sealed class MoneyInFlight
{
    public static readonly MoneyInFlight None = new(Array.Empty<PreorderLedgerEntry>());

    private readonly IReadOnlyList<PreorderLedgerEntry> _entries;
    private readonly IReadOnlyList<PreorderLedgerEntry> _pendingReleases;

    public MoneyInFlight(IEnumerable<PreorderLedgerEntry> entries)
    {
        var list = entries.Where(e => GatewayOutcome.IsInFlight(e.Status)).ToList();
        // a release on its way already counts as gone in the balance (AccountBalance.Counts): not counted twice here
        _entries = list.Where(e => !AccountBalance.Counts(e.Status, e.Kind)).ToList();
        _pendingReleases = list.Where(e => AccountBalance.Counts(e.Status, e.Kind)).ToList();
    }

    /// <summary>
    /// Releases on their way (counted as gone by the balance, so what they covered shows as owed again): the
    /// shopper is not asked to pay that again until the store knows whether the money left.
    /// </summary>
    public decimal PendingReleases => _pendingReleases.Sum(e => e.Amount);

    public decimal PendingReleasesOf(int lineId) => _pendingReleases.Where(e => e.PreorderLineId == lineId).Sum(e => e.Amount);

    /// <summary>Payments on their way for the whole order (any line).</summary>
    public decimal Payments => _entries.Where(e => AccountBalance.IsPayment(e.Kind)).Sum(e => e.Amount);

    /// <summary>Refunds, forfeits and transfers on their way for the whole order.</summary>
    public decimal Releases => _entries.Where(e => AccountBalance.IsRelease(e.Kind)).Sum(e => e.Amount);

    public decimal PaymentsOf(int lineId) => _entries.Where(e => e.PreorderLineId == lineId && AccountBalance.IsPayment(e.Kind)).Sum(e => e.Amount);

    public decimal ReleasesOf(int lineId) => _entries.Where(e => e.PreorderLineId == lineId && AccountBalance.IsRelease(e.Kind)).Sum(e => e.Amount);
}

/// <summary>
/// How much a movement may be, given the order's money (<see cref="AccountBalance"/>) and what is already on its
/// way (<see cref="MoneyInFlight"/>): a payment never more than is owed less payments in flight, a release never
/// more than is held less releases in flight. The one check every movement makes before money moves.
/// </summary>
public static class MovementLimit
{
    /// <summary>
    /// The most a payment for this target (a line, or 0: the order) may be now: owed less payments on their way,
    /// and less refunds on their way (the balance counts them as gone, pessimistically; until the store knows, the
    /// shopper is not asked to pay again what they covered).
    /// </summary>
    public static decimal PaymentRoom(AccountBalance balance, MoneyInFlight inFlight, int lineId)
    {
        var orderRoom = balance.Owed - inFlight.Payments - inFlight.PendingReleases;
        var room = lineId == 0 ? orderRoom : Math.Min(orderRoom, balance.LineOwed(lineId) - inFlight.PaymentsOf(lineId) - inFlight.PendingReleasesOf(lineId));
        return Math.Max(0m, room);
    }

    /// <summary>The most a release (refund, forfeit, transfer) for this target may be now.</summary>
    public static decimal ReleaseRoom(AccountBalance balance, MoneyInFlight inFlight, int lineId)
    {
        var orderRoom = balance.Held - inFlight.Releases;
        var room = lineId == 0 ? orderRoom : Math.Min(orderRoom, balance.LineHeld(lineId) - inFlight.ReleasesOf(lineId));
        return Math.Max(0m, room);
    }
}

/// <summary>Where (part of) a refund goes back: one charge's transaction, or offline.</summary>
/// <param name="Reference">The charge's transaction id; empty: the order's own transaction (a charge recorded without one).</param>
/// <param name="Amount">What this part gives back: at most what that charge still has to give back.</param>
/// <param name="Offline">No charge of the method holds money: the merchant pays it back outside the gateway.</param>
public sealed record RefundSource(string Reference, decimal Amount, bool Offline)
{
    /// <summary>
    /// Picks the charge a refund goes back to. A gateway refunds a transaction, never more than it took: a
    /// balance charged apart from the checkout's deposit is its own transaction, so refunding the order's
    /// first transaction could fail or refund the wrong payment. The charges of <paramref name="method"/>
    /// that still have money to give back (taken less refunds against them, refunds on their way included),
    /// the line's own first, then the one with most left, then the latest; the part is capped to what that
    /// charge has left. The caller refunds the rest in further parts.
    /// </summary>
    public static RefundSource Choose(IEnumerable<PreorderLedgerEntry> entries, string method, int lineId, decimal wanted)
    {
        var ofMethod = entries.Where(e => e.Method == method).ToList();
        var refunded = ofMethod.Where(e => e.Kind == LedgerEntryKind.Refund && AccountBalance.Counts(e.Status, e.Kind))
            .GroupBy(e => e.Reference ?? string.Empty).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        var best = ofMethod.Where(e => AccountBalance.IsPayment(e.Kind) && e.Status == LedgerEntryStatus.Succeeded)
            .GroupBy(e => e.Reference ?? string.Empty)
            .Select(g => new
            {
                Reference = g.Key,
                Left = g.Sum(e => e.Amount) - refunded.GetValueOrDefault(g.Key),
                OfLine = lineId != 0 && g.Any(e => e.PreorderLineId == lineId),
                Latest = g.Max(e => e.Id)
            })
            .Where(c => c.Left > 0m)
            .OrderByDescending(c => c.OfLine).ThenByDescending(c => c.Left).ThenByDescending(c => c.Latest)
            .FirstOrDefault();
        return best == null
            ? new RefundSource(null, wanted, true)
            : new RefundSource(best.Reference, Math.Min(wanted, best.Left), false);
    }
}
