namespace Nop.Core.Caching;

public partial class CacheKey
{
    public CacheKey(string key)
    {
        Key = key;
    }

    public virtual CacheKey Create(Func<object, object> createCacheKeyParameters, params object[] keyObjects) => throw null;

    public string Key { get; protected set; }

    public int CacheTime { get; set; }
}
