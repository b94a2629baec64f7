using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>What a merchant gives everyone waiting when a ship date moves. Values are stored: never renumber.</summary>
public enum DelayCompensationKind
{
    None = 0,
    /// <summary>A nopCommerce discount on the order total, a coupon code of its own per buyer, usable once.</summary>
    Coupon = 10,
    /// <summary>A fixed amount given back per waiting line through the ledger, at most what the line has paid.</summary>
    Refund = 20,
    /// <summary>A nopCommerce discount of 100% on shipping, a coupon code of its own per buyer, usable once.</summary>
    FreeShipping = 30
}

/// <summary>Where one buyer's (coupon) or one line's (refund) compensation stands. Values are stored.</summary>
public enum DelayCompensationStatus
{
    /// <summary>Claimed: the coupon's code or the refund's key is written, the discount or the money movement may not be made yet.</summary>
    Pending = 10,
    Done = 20,
    /// <summary>The refund found nothing paid on the line (or the ledger refused it): nothing was given, nothing is retried.</summary>
    Nothing = 30
}

/// <summary>
/// One compensation of a ship date change (schema 2.7): a coupon per buyer, or a refund per line. The unique
/// <see cref="CompensationKey"/> is the claim: of two task runs (two nodes) only one inserts it, and a run that finds it
/// pending finishes it from what it recorded (the coupon's code, the refund's ledger key) rather than making another.
/// </summary>
public class PreorderDelayCompensation : BaseEntity
{
    public int ShipDateChangeId { get; set; }

    /// <summary><c>coupon:{change}:customer:{c}</c> or <c>refund:{change}:line:{l}</c>.</summary>
    public string CompensationKey { get; set; }

    public int KindId { get; set; }

    public int CustomerId { get; set; }

    /// <summary>The buyer's order the e-mail names (a coupon: their oldest waiting order of the product).</summary>
    public int OrderId { get; set; }

    /// <summary>The line refunded; 0 for a coupon (one per buyer).</summary>
    public int LineId { get; set; }

    /// <summary>Written with the claim, before the discount exists: a resumed claim finds the discount by it.</summary>
    public string CouponCode { get; set; }

    public int DiscountId { get; set; }

    /// <summary>The coupon's amount or percentage, or the amount refunded (primary currency).</summary>
    public decimal Amount { get; set; }

    public bool IsPercent { get; set; }

    /// <summary>
    /// A refund: the line's total when the refund had gone through, recorded once before it is lowered by
    /// <see cref="Amount"/> (compare-and-set by this value, so the lowering happens once); null until then.
    /// </summary>
    public decimal? LineTotalBefore { get; set; }

    /// <summary>A refund: the account's order total before it was lowered by <see cref="Amount"/> (as <see cref="LineTotalBefore"/>).</summary>
    public decimal? OrderTotalBefore { get; set; }

    public int StatusId { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime? CompletedOnUtc { get; set; }

    public DelayCompensationKind Kind
    {
        get => (DelayCompensationKind)KindId;
        set => KindId = (int)value;
    }

    public DelayCompensationStatus Status
    {
        get => (DelayCompensationStatus)StatusId;
        set => StatusId = (int)value;
    }
}

/// <summary>
/// A buyer's move of a waiting line to the swap product a ship date change offered (schema 2.7). Unique per old line: a
/// line is swapped once, whatever the clicks. The row is written first (the claim), then each step records its result
/// here, so a repeated or resumed swap goes on where it stopped.
/// </summary>
public class PreorderDelaySwap : BaseEntity
{
    public int ShipDateChangeId { get; set; }

    public int OrderId { get; set; }

    public int CustomerId { get; set; }

    public int OldLineId { get; set; }

    public int NewProductId { get; set; }

    /// <summary>nopCommerce's order item of the new line (0 until inserted).</summary>
    public int NewOrderItemId { get; set; }

    public int NewLineId { get; set; }

    /// <summary>The target's units are reserved (the conditional UPDATE succeeded).</summary>
    public bool UnitsReserved { get; set; }

    /// <summary>Money moved from the old line to the new one in the ledger (primary currency).</summary>
    public decimal AmountMoved { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime? CompletedOnUtc { get; set; }
}
