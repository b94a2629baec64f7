using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>One pre-order order line: the unit of state, allocation and schedule. Money amounts are in the primary store currency.</summary>
public class PreorderLine : BaseEntity
{
    public int OrderId { get; set; }

    public int OrderItemId { get; set; }

    public int ProductId { get; set; }

    /// <summary>0 when the product has no attribute combination.</summary>
    public int CombinationId { get; set; }

    public int CustomerId { get; set; }

    public int StoreId { get; set; }

    public int Quantity { get; set; }

    public int StateId { get; set; }

    public int PaymentModeId { get; set; }

    /// <summary>What the shopper owes for this line after discounts (incl. tax as charged).</summary>
    public decimal LineTotal { get; set; }

    public decimal DepositAmount { get; set; }

    public DateTime PlacedOnUtc { get; set; }

    public DateTime? AllocatedOnUtc { get; set; }

    public DateTime? BalanceDueOnUtc { get; set; }

    /// <summary>
    /// When the task recorded the stock-arrived notifications of this allocation (schema 1.6): null while an allocated
    /// line still waits for them. Claimed with a conditional UPDATE, outside the line's version (it moves no state).
    /// </summary>
    public DateTime? AllocationNotifiedOnUtc { get; set; }

    public DateTime? ShippedOnUtc { get; set; }

    public DateTime? ClosedOnUtc { get; set; }

    public string CloseReason { get; set; }

    /// <summary>The reason chosen from the list when the line was cancelled (schema 1.7); 0 (not given) otherwise.</summary>
    public int CancelReasonId { get; set; }

    /// <summary>The free text given with <see cref="CancelReasonId"/> (trimmed; the shopper's is optional), stored as typed and encoded on display.</summary>
    public string CancelReasonText { get; set; }

    /// <summary>Snapshot of the expected ship date when placed (the product's may change later).</summary>
    public DateTime? ExpectedShipDateUtc { get; set; }

    public string CountryCode { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the order's billing e-mail address, trimmed and lower-cased, when the order had one (schema 1.5):
    /// the per-customer limit counts a guest's units by it too. Never the address itself.
    /// </summary>
    public string EmailHash { get; set; }

    public int ExtensionCount { get; set; }

    /// <summary>
    /// The waiting line this one was split from when only part of its units arrived ("Ship what arrived", schema 2.1);
    /// 0 for a line placed from an order item. The split-off part is the allocated one: the waiting rest keeps the
    /// original row, so its place in the queue (placement time, id) stays exactly where it was.
    /// </summary>
    public int SplitFromLineId { get; set; }

    /// <summary>
    /// The <see cref="Version"/> the parent line had when this part was split off (schema 2.1). With the order item and
    /// <see cref="SplitFromLineId"/> it is unique, so two nodes splitting the same line at once insert one part only, and a
    /// part whose parent still has this version was split off by a run that stopped before it reduced the parent.
    /// </summary>
    public int SplitFromVersion { get; set; }

    /// <summary>
    /// A reservation of an in-stock unit with a deposit (schema 2.4), not a pre-order: placed allocated (the stock exists),
    /// its unit held by <c>preorder_reservation_counter</c> instead of the pre-order cap, its balance due at the end of the term.
    /// </summary>
    public bool IsReservation { get; set; }

    /// <summary>Optimistic concurrency: every state change is a compare-and-set on (Id, Version).</summary>
    public int Version { get; set; }

    public DateTime UpdatedOnUtc { get; set; }

    public PreorderLineState State
    {
        get => (PreorderLineState)StateId;
        set => StateId = (int)value;
    }

    public CancellationReason CancelReason
    {
        get => (CancellationReason)CancelReasonId;
        set => CancelReasonId = (int)value;
    }

    public PreorderPaymentMode PaymentMode
    {
        get => (PreorderPaymentMode)PaymentModeId;
        set => PaymentModeId = (int)value;
    }
}
