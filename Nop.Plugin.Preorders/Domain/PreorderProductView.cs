using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// Product page views of a pre-order product (schema 2.8), one row per product (unique). Each web-farm node counts views
/// in memory and adds its count here with one additive UPDATE (<c>views = views + n</c>), so nodes never overwrite each other.
/// </summary>
public class PreorderProductView : BaseEntity
{
    public int ProductId { get; set; }

    public long Views { get; set; }

    /// <summary>When a node last added its count.</summary>
    public DateTime UpdatedOnUtc { get; set; }
}
