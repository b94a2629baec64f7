using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// The hot row of cap accounting: one per product (CombinationId = 0) and one per attribute combination
/// that has its own cap. <see cref="Sold"/> only changes through a single conditional UPDATE, so the cap
/// holds across web-farm nodes without locks.
/// </summary>
public class PreorderCapCounter : BaseEntity
{
    public int ProductId { get; set; }

    /// <summary>0 for the product as a whole.</summary>
    public int CombinationId { get; set; }

    /// <summary>null means no cap (units are still counted).</summary>
    public int? Cap { get; set; }

    public int Sold { get; set; }
}
