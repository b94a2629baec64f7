namespace Nop.Core.Caching;

public partial interface IShortTermCacheManager : ICacheKeyService
{
    void RemoveByPrefix(string prefix, params object[] prefixParameters);

    void Remove(string cacheKey, params object[] cacheKeyParameters);

    Task<T> GetAsync<T>(Func<Task<T>> acquire, CacheKey cacheKey, params object[] cacheKeyParameters);
}
