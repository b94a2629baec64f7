using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>Who did what, when: every admin and system action on pre-orders and money.</summary>
public class PreorderAuditEntry : BaseEntity
{
    public string Action { get; set; }

    public int OrderId { get; set; }

    public int ProductId { get; set; }

    public int PreorderLineId { get; set; }

    /// <summary>0 for the system (scheduled task, event).</summary>
    public int CustomerId { get; set; }

    public string Details { get; set; }

    public DateTime CreatedOnUtc { get; set; }
}
