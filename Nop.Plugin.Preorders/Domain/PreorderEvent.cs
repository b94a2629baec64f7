namespace Nop.Plugin.Preorders.Domain;

/// <summary>Kinds of the plugin's own events (published through nopCommerce's event publisher; messages and webhooks consume them).</summary>
public enum PreorderEventKind
{
    LinePlaced,
    PaymentRecorded,
    PaidInFull,
    StockAllocated,
    ShipDateChanged,
    CapReached,
    ChargeFailed,
    LineCancelled,
    LineExpired,
    Refunded,
    LineShipped,
    ExtensionGranted,
    /// <summary>A merchant's free-text message to the buyer of an order (text in <see cref="PreorderEvent.Reason"/>).</summary>
    MerchantMessage,
    /// <summary>A merchant asked to resend the balance link of an order (older links were revoked): issue a new one and email it.</summary>
    BalanceLinkRequested,
    /// <summary>
    /// The merchant posted a stage of a product's campaign (key "campaign-update:{update id}", text in
    /// <see cref="PreorderEvent.Reason"/>, stage code in <see cref="PreorderEvent.Stage"/>): raised once per update by the task.
    /// </summary>
    CampaignUpdate
}

/// <summary>
/// Something happened to a pre-order. <see cref="Key"/> identifies this occurrence (for example
/// "PaymentRecorded:ledger:41"), so consumers that must act exactly once can dedupe on it.
/// </summary>
public class PreorderEvent
{
    public PreorderEvent(PreorderEventKind kind, string key, int orderId = 0, int productId = 0, int lineId = 0)
    {
        Kind = kind;
        Key = key;
        OrderId = orderId;
        ProductId = productId;
        LineId = lineId;
    }

    public PreorderEventKind Kind { get; }

    public string Key { get; }

    public int OrderId { get; }

    public int ProductId { get; }

    public int LineId { get; }

    public decimal Amount { get; init; }

    public string Reason { get; init; }

    public DateTime? OldDateUtc { get; init; }

    public DateTime? NewDateUtc { get; init; }

    public bool PenaltyFreeCancel { get; init; }

    /// <summary>For expiry/cancellation: what happened to the money (refunded / forfeited / transferred).</summary>
    public string Settlement { get; init; }

    /// <summary>A <see cref="PreorderEventKind.LineCancelled"/> done on the balance page opened from a personal link (not signed in).</summary>
    public bool ThroughBalanceLink { get; init; }

    /// <summary>For <see cref="PreorderEventKind.CampaignUpdate"/>: the stage's code ("in_customs").</summary>
    public string Stage { get; init; }

    public DateTime OccurredOnUtc { get; init; } = DateTime.UtcNow;
}
