using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>A change of a product's expected ship date, with its reason, for delay notices.</summary>
public class PreorderShipDateChange : BaseEntity
{
    public int ProductId { get; set; }

    public DateTime? OldDateUtc { get; set; }

    public DateTime? NewDateUtc { get; set; }

    public string Reason { get; set; }

    /// <summary>Affected shoppers may cancel without penalty (store policy or the merchant's choice).</summary>
    public bool PenaltyFreeCancel { get; set; }

    public int ChangedByCustomerId { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    /// <summary>
    /// The task's cursor over the affected orders: every order with an id up to this one has its delay notice
    /// recorded (<see cref="Services.Messages.ShipDateNoticeService"/>). Moved only by compare-and-set.
    /// </summary>
    public int NotifiedThroughOrderId { get; set; }

    /// <summary>When the task recorded the notice of the last affected order; null while orders remain.</summary>
    public DateTime? NoticesDoneOnUtc { get; set; }

    /// <summary>What everyone waiting gets for the delay (schema 2.7); <see cref="DelayCompensationKind.None"/>: nothing.</summary>
    public int CompensationKindId { get; set; }

    /// <summary>The coupon's amount (primary currency) or percentage, or the refund per line (primary currency).</summary>
    public decimal CompensationAmount { get; set; }

    /// <summary>The coupon takes <see cref="CompensationAmount"/> percent off (a refund is always an amount).</summary>
    public bool CompensationIsPercent { get; set; }

    /// <summary>The product each waiting buyer may move their deposit to with one click; 0: no swap offered.</summary>
    public int SwapProductId { get; set; }

    /// <summary>
    /// The task's cursor over the waiting lines to compensate (line id ascending): every line up to this id is compensated
    /// (<see cref="Services.Campaigns.DelayCompensationService"/>). Moved only by compare-and-set.
    /// </summary>
    public int CompensatedThroughLineId { get; set; }

    /// <summary>When the last line was compensated; the delay e-mails wait for it, so each names what its buyer got.</summary>
    public DateTime? CompensationDoneOnUtc { get; set; }

    public DelayCompensationKind CompensationKind
    {
        get => (DelayCompensationKind)CompensationKindId;
        set => CompensationKindId = (int)value;
    }
}
