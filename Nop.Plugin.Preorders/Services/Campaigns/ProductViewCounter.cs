using System.Collections.Concurrent;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// This node's product page views of pre-order products not yet added to the database (a singleton: one per process).
/// Counting is a dictionary increment, no query; <see cref="ProductViewStore.FlushAsync"/> takes the counts out and adds
/// them to the database. Taking out is <see cref="ConcurrentDictionary{TKey,TValue}.TryRemove(TKey, out TValue)"/>: a view
/// counted at the same moment lands either in the removed count or in a new entry, never in neither.
/// </summary>
public class ProductViewCounter
{
    private readonly ConcurrentDictionary<int, long> _pending = new();
    private long _lastFlushTicks;

    /// <param name="clock">Gives the counter's start: the first flush a request may claim is a period after it (a fresh node does not flush on its first view).</param>
    public ProductViewCounter(PreorderClock clock)
    {
        _lastFlushTicks = (clock?.UtcNow ?? DateTime.UtcNow).Ticks;
    }

    public virtual void Count(int productId, long views = 1)
    {
        if (productId <= 0 || views <= 0)
            return;
        _pending.AddOrUpdate(productId, views, (_, current) => current + views);
    }

    /// <summary>Views counted and not taken yet, per product (a copy, for the admin and tests).</summary>
    public virtual IReadOnlyDictionary<int, long> Pending => new Dictionary<int, long>(_pending);

    /// <summary>Takes every pending count out (each product's count is removed at once, so no view is taken twice).</summary>
    public virtual IReadOnlyList<KeyValuePair<int, long>> TakeAll()
    {
        var taken = new List<KeyValuePair<int, long>>();
        foreach (var productId in _pending.Keys)
            if (_pending.TryRemove(productId, out var views) && views > 0)
                taken.Add(new KeyValuePair<int, long>(productId, views));
        return taken;
    }

    /// <summary>Puts back a count the database did not take (its write failed): added to what was counted since.</summary>
    public virtual void PutBack(int productId, long views) => Count(productId, views);

    /// <summary>
    /// True for one caller once <paramref name="period"/> has passed since the last flush (claimed with a compare-and-set,
    /// so of many requests at the same moment one flushes).
    /// </summary>
    public virtual bool TryClaimFlush(DateTime nowUtc, TimeSpan period)
    {
        var last = Interlocked.Read(ref _lastFlushTicks);
        if (nowUtc.Ticks - last < period.Ticks)
            return false;
        return Interlocked.CompareExchange(ref _lastFlushTicks, nowUtc.Ticks, last) == last;
    }
}
