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
}
