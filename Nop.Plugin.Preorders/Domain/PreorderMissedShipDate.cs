using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>What the store does when a waiting line's expected ship date passes without stock (a store setting).</summary>
public enum MissedShipDatePolicy
{
    /// <summary>Nothing happens (the cancellation terms still turn refundable after <see cref="PreorderSettings.AutoRefundDelayDays"/>).</summary>
    Nothing = 0,
    /// <summary>The shopper is told, with a link to cancel without penalty.</summary>
    Notify = 10,
    /// <summary>The shopper is told, and refunded automatically after <see cref="PreorderSettings.MissedShipDateRefundDays"/> days if still not shipped.</summary>
    NotifyThenRefund = 20
}

/// <summary>
/// A waiting line whose expected ship date passed without stock, as the scheduled task handled it (schema 1.8). The
/// row is the claim: its line id is unique, so of two nodes running the task at once one inserts it and sends the
/// notice. <see cref="RefundHandledOnUtc"/> is the second claim (a conditional UPDATE from null) for the automatic refund.
/// </summary>
public class PreorderMissedShipDate : BaseEntity
{
    public int PreorderLineId { get; set; }

    public int OrderId { get; set; }

    public int StoreId { get; set; }

    /// <summary>The expected ship date that was missed.</summary>
    public DateTime ShipDateUtc { get; set; }

    public DateTime NotifiedOnUtc { get; set; }

    /// <summary>When the line is refunded if still waiting: set when the store's policy refunds (as the notice said), else null.</summary>
    public DateTime? RefundDueOnUtc { get; set; }

    /// <summary>When the task decided the refund (refunded or not needed any more); null until then.</summary>
    public DateTime? RefundHandledOnUtc { get; set; }

    /// <summary>The line was cancelled and refunded by the task.</summary>
    public bool Refunded { get; set; }
}
