using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nop.Core;
using Nop.Core.Caching;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// In-memory <see cref="IStaticCacheManager"/> with nopCommerce's key formatting (the ref <c>CacheKey.Create</c>
/// throws, so keys are formatted here). Values are kept per formatted key text; concurrent callers of one key share
/// one acquire. <see cref="Misses"/> counts acquire calls, so a test can prove "no query when cached".
/// <para>
/// Differences from nopCommerce: nothing expires, and a key is cached whatever its <see cref="CacheKey.CacheTime"/>
/// (the ref <see cref="CacheKey"/> constructor leaves it 0, where nopCommerce's sets the configured default).
/// </para>
/// </summary>
public class TestStaticCacheManager : IStaticCacheManager
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _entries = new(StringComparer.Ordinal);
    private int _misses;
    private int _hits;

    /// <summary>Number of acquire calls (a cache miss that ran the factory).</summary>
    public int Misses => Volatile.Read(ref _misses);

    /// <summary>Number of reads answered from the cache.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Formatted keys currently cached.</summary>
    public IReadOnlyCollection<string> Keys => _entries.Keys.ToList();

    public bool Contains(string key) => _entries.ContainsKey(key);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _misses, 0);
        Interlocked.Exchange(ref _hits, 0);
    }

    #region ICacheKeyService

    public CacheKey PrepareKey(CacheKey cacheKey, params object[] cacheKeyParameters)
    {
        ArgumentNullException.ThrowIfNull(cacheKey);
        var key = cacheKeyParameters is { Length: > 0 }
            ? string.Format(CultureInfo.InvariantCulture, cacheKey.Key, cacheKeyParameters.Select(CreateCacheKeyParameter).ToArray())
            : cacheKey.Key;
        return new CacheKey(key) { CacheTime = cacheKey.CacheTime };
    }

    public CacheKey PrepareKeyForDefaultCache(CacheKey cacheKey, params object[] cacheKeyParameters) =>
        PrepareKey(cacheKey, cacheKeyParameters);

    /// <summary>nopCommerce's parameter conversion: null → "null", entity → its id, ids → a hash, decimal → invariant.</summary>
    public static object CreateCacheKeyParameter(object parameter) => parameter switch
    {
        null => "null",
        IEnumerable<int> ids => CreateIdsHash(ids),
        IEnumerable<BaseEntity> entities => CreateIdsHash(entities.Select(e => e.Id)),
        BaseEntity entity => entity.Id,
        decimal value => value.ToString(CultureInfo.InvariantCulture),
        _ => parameter
    };

    private static string CreateIdsHash(IEnumerable<int> ids)
    {
        var sorted = ids.OrderBy(id => id).ToList();
        if (sorted.Count == 0)
            return string.Empty;
        return Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(string.Join(", ", sorted))));
    }

    #endregion

    #region IStaticCacheManager

    public async Task<T> GetAsync<T>(CacheKey key, Func<Task<T>> acquire)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        if (key == null)
        {
            Interlocked.Increment(ref _misses);
            return await acquire();
        }

        var created = false;
        var entry = _entries.GetOrAdd(key.Key, _ =>
        {
            created = true;
            return new Lazy<Task<object>>(async () =>
            {
                Interlocked.Increment(ref _misses);
                return await acquire();
            }, LazyThreadSafetyMode.ExecutionAndPublication);
        });
        if (!created)
            Interlocked.Increment(ref _hits);

        try
        {
            return (T)await entry.Value;
        }
        catch
        {
            // a failed acquire is not cached
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(key.Key, entry));
            throw;
        }
    }

    public Task<T> GetAsync<T>(CacheKey key, Func<T> acquire)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        return GetAsync(key, () => Task.FromResult(acquire()));
    }

    public async Task<T> GetAsync<T>(CacheKey key, T defaultValue = default)
    {
        var value = await GetAsync(key);
        return value is T typed ? typed : defaultValue;
    }

    public async Task<object> GetAsync(CacheKey key)
    {
        if (key == null || !_entries.TryGetValue(key.Key, out var entry))
            return null;
        Interlocked.Increment(ref _hits);
        return await entry.Value;
    }

    public Task SetAsync<T>(CacheKey key, T data)
    {
        if (key != null && data != null)
            _entries[key.Key] = new Lazy<Task<object>>(Task.FromResult<object>(data));
        return Task.CompletedTask;
    }

    public Task RemoveAsync(CacheKey cacheKey, params object[] cacheKeyParameters)
    {
        if (cacheKey != null)
            _entries.TryRemove(PrepareKey(cacheKey, cacheKeyParameters).Key, out _);
        return Task.CompletedTask;
    }

    public Task RemoveByPrefixAsync(string prefix, params object[] prefixParameters)
    {
        if (prefix == null)
            return Task.CompletedTask;
        var formatted = prefixParameters is { Length: > 0 }
            ? string.Format(CultureInfo.InvariantCulture, prefix, prefixParameters.Select(CreateCacheKeyParameter).ToArray())
            : prefix;
        foreach (var key in _entries.Keys.Where(k => k.StartsWith(formatted, StringComparison.OrdinalIgnoreCase)))
            _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task ClearAsync()
    {
        _entries.Clear();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _entries.Clear();
    }

    #endregion
}
