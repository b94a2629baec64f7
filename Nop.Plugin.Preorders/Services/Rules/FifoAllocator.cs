namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>A waiting line in the queue: placement order is the order of the sequence given.</summary>
public readonly record struct QueuedLine(int LineId, int Quantity);

/// <summary>
/// First come, first served: arrived units go to waiting lines in placement order, whole lines only, and
/// the queue never skips ahead (a later small order does not overtake an earlier large one), so a
/// partially served queue stays in order for the next arrival.
/// </summary>
public static class FifoAllocator
{
    public static IReadOnlyList<QueuedLine> Allocate(IEnumerable<QueuedLine> queueInPlacementOrder, int units)
    {
        var allocated = new List<QueuedLine>();
        if (units <= 0)
            return allocated;

        foreach (var line in queueInPlacementOrder)
        {
            if (line.Quantity > units)
                break;
            allocated.Add(line);
            units -= line.Quantity;
            if (units == 0)
                break;
        }
        return allocated;
    }

    /// <summary>
    /// Units that may be allocated from stock on hand. nopCommerce decrements stock when a pre-order is
    /// placed (backorders below zero), so with <paramref name="stockQuantity"/> S and W units waiting,
    /// S + W units are covered by arrived stock. A state, not a delta: running allocation twice allocates nothing twice.
    /// </summary>
    public static int AllocatableFromStock(int stockQuantity, int waitingUnits) => Math.Clamp(stockQuantity + waitingUnits, 0, Math.Max(waitingUnits, 0));
}
