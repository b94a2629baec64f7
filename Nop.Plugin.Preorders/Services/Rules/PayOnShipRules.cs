using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>Where a "pay when it ships" balance stands after the shipment that made it due tried to collect it.</summary>
public enum ShipmentCollection
{
    /// <summary>The automatic charge moved the money: the line is paid and goes with the shipment.</summary>
    Charged,
    /// <summary>The gateway took the charge without moving money yet (authorized, or awaiting the store's confirmation): no link, the line waits.</summary>
    AwaitingGateway,
    /// <summary>No automatic charge (the method keeps no stored payment) or it was declined: the shopper gets the balance link, the line waits.</summary>
    LinkSent
}

/// <summary>
/// "Pay when it ships" (<see cref="PreorderPaymentMode.PayOnShip"/>): the line's balance has no due date when its
/// stock arrives; it falls due when the merchant ships the line (a nopCommerce shipment carrying its order item).
/// Pure.
/// </summary>
public static class PayOnShipRules
{
    /// <summary>
    /// The lines whose balance falls due with this shipment: pay-on-ship lines the shipment carries, allocated and
    /// owing (balance due) and not dated yet. A dated one already fell due with an earlier shipment (or a repeated
    /// event): it is not collected twice.
    /// </summary>
    public static IReadOnlyList<PreorderLine> FallingDue(IEnumerable<PreorderLine> lines, IReadOnlySet<int> orderItemIdsInShipment) =>
        lines.Where(l => l.PaymentMode == PreorderPaymentMode.PayOnShip && l.State == PreorderLineState.BalanceDue
                         && l.BalanceDueOnUtc == null && orderItemIdsInShipment.Contains(l.OrderItemId))
            .ToList();

    /// <summary>
    /// What the automatic charge's answer leaves to do. <paramref name="status"/> is the charge's ledger status, null
    /// when no charge was made (the method keeps no stored payment, or nothing could be charged).
    /// </summary>
    public static ShipmentCollection AfterCharge(LedgerEntryStatus? status) => status switch
    {
        LedgerEntryStatus.Succeeded => ShipmentCollection.Charged,
        // pending: the gateway has not answered, the money may be on its way; a link now could collect it twice
        LedgerEntryStatus.Authorized or LedgerEntryStatus.AwaitingConfirmation or LedgerEntryStatus.Pending => ShipmentCollection.AwaitingGateway,
        _ => ShipmentCollection.LinkSent
    };

    /// <summary>Allocated and still owing: what the merchant's "ship without payment" may ship.</summary>
    public static bool OwesBeforeShipping(PreorderLineState state) => state is PreorderLineState.BalanceDue or PreorderLineState.Overdue;
}
