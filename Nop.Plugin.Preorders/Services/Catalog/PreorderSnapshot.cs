using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>What the storefront needs to know about a product's pre-order, cached per product. Never null: products without a profile get <see cref="None"/>, so ordinary product pages cost one cache hit.</summary>
public class PreorderSnapshot
{
    public static PreorderSnapshot None { get; } = new();

    public PreorderProfile Profile { get; init; }

    public int Sold { get; init; }

    public bool IsPreorder => Profile is { Enabled: true, ReleasedOnUtc: null };
}

/// <summary>An attribute combination's own cap and the units counted against it.</summary>
public record CombinationUnits(int CombinationId, int Cap, int Sold)
{
    public int UnitsLeft => Math.Max(0, Cap - Sold);
}
