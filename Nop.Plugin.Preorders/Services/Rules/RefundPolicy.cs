using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

public enum CancellationTerms
{
    /// <summary>Money paid is refunded.</summary>
    Refundable = 10,
    /// <summary>The deposit is kept as agreed compensation; any payment above it is refunded.</summary>
    DepositForfeited = 20
}

/// <summary>
/// The merchant's refund policy by phase: refundable until the stock arrives (<see cref="PreorderSettings.RefundableUntilStockArrives"/>;
/// otherwise forfeitable from the start), forfeitable after that, refundable again when the shop misses its ship
/// date by more than <see cref="PreorderSettings.AutoRefundDelayDays"/> or offered penalty-free cancellation with a
/// delay notice. (A "refundable until a date" phase had no setting that reached it and was removed.) Pure.
/// </summary>
public static class RefundPolicy
{
    /// <summary>The terms for cancelling <paramref name="line"/> as it is now (a live line, or a closed one: see <see cref="StockAllocated"/>).</summary>
    public static CancellationTerms TermsFor(PreorderLine line, PreorderSettings settings, DateTime nowUtc, bool penaltyFreeOffered = false) =>
        TermsFor(StockAllocated(line), line.ExpectedShipDateUtc, settings, nowUtc, penaltyFreeOffered);

    /// <summary>
    /// The terms for cancelling a line whose stock was (<paramref name="stockAllocated"/>) or was not yet allocated.
    /// A cancellation works them out from the line as it was before it moved to Cancelled: the cancelled state
    /// itself says nothing about the stock.
    /// </summary>
    public static CancellationTerms TermsFor(bool stockAllocated, DateTime? expectedShipDateUtc, PreorderSettings settings, DateTime nowUtc,
        bool penaltyFreeOffered = false)
    {
        if (penaltyFreeOffered)
            return CancellationTerms.Refundable;

        if (settings.AutoRefundDelayDays > 0 && expectedShipDateUtc is DateTime ship
            && !stockAllocated && nowUtc > ship.AddDays(settings.AutoRefundDelayDays))
            return CancellationTerms.Refundable;

        if (settings.RefundableUntilStockArrives)
            return stockAllocated ? CancellationTerms.DepositForfeited : CancellationTerms.Refundable;

        return CancellationTerms.DepositForfeited;
    }

    /// <summary>
    /// Stock was allocated to the line: it is in an allocated state, or it was closed after its allocation (a line
    /// keeps its allocation date when it is cancelled or expires), so a closed line settled later (the
    /// reconciliation after a crash) gets the terms it had when it was closed.
    /// </summary>
    public static bool StockAllocated(PreorderLine line) =>
        PreorderLineStateMachine.IsAllocated(line.State) || (PreorderLineStateMachine.IsClosed(line.State) && line.AllocatedOnUtc != null);

    /// <summary>
    /// How money held for a closed line is split. An expiry follows the store's expiry policy (refund, keep
    /// the deposit, or move everything to a gift card); a cancellation follows the terms.
    /// </summary>
    public static (decimal Refund, decimal Forfeit, decimal Transfer) Settle(decimal netPaid, decimal depositPart, CancellationTerms terms, DepositExpiryPolicy? expiryPolicy = null)
    {
        netPaid = Math.Max(0m, netPaid);
        if (expiryPolicy == DepositExpiryPolicy.TransferToGiftCard)
            return (0m, 0m, netPaid);
        var keepDeposit = expiryPolicy switch
        {
            DepositExpiryPolicy.Forfeit => true,
            DepositExpiryPolicy.Refund => false,
            _ => terms == CancellationTerms.DepositForfeited
        };
        var keep = keepDeposit ? Math.Min(netPaid, Math.Max(0m, depositPart)) : 0m;
        return (netPaid - keep, keep, 0m);
    }
}
