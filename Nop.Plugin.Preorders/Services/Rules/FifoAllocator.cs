namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>A waiting line in the queue: placement order is the order of the sequence given.</summary>
public readonly record struct QueuedLine(int LineId, int Quantity);

/// <summary>What an arrival allocates: whole lines, and possibly the arrived units of the next line (<see cref="Part"/>: its id and those units).</summary>
public sealed record FifoPick(IReadOnlyList<QueuedLine> Whole, QueuedLine? Part);

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
    /// "Ship what arrived": whole lines in placement order as <see cref="Allocate"/> does, and when the units left do not
    /// cover the next line and that line may be split (its store's setting), those units as its part
    /// (<see cref="FifoPick.Part"/>). The split line keeps its place at the head of the queue with the rest, so the next
    /// arrival serves it first; nothing behind it is served before it. A line that may not be split stops the queue as today.
    /// </summary>
    public static FifoPick AllocateSplitting(IEnumerable<QueuedLine> queueInPlacementOrder, int units, Func<int, bool> maySplit)
    {
        var queue = queueInPlacementOrder as IReadOnlyList<QueuedLine> ?? queueInPlacementOrder.ToList();
        var whole = Allocate(queue, units);
        var left = units - whole.Sum(l => l.Quantity);
        if (left <= 0 || whole.Count >= queue.Count)
            return new FifoPick(whole, null);
        var head = queue[whole.Count];
        return head.Quantity > left && maySplit(head.LineId)
            ? new FifoPick(whole, new QueuedLine(head.LineId, left))
            : new FifoPick(whole, null);
    }

    /// <summary>
    /// Units that may be allocated from stock on hand. nopCommerce decrements stock when a pre-order is
    /// placed (backorders below zero), so with <paramref name="stockQuantity"/> S and W units waiting,
    /// S + W units are covered by arrived stock. A state, not a delta: running allocation twice allocates nothing twice.
    /// </summary>
    public static int AllocatableFromStock(int stockQuantity, int waitingUnits) => Math.Clamp(stockQuantity + waitingUnits, 0, Math.Max(waitingUnits, 0));
}
