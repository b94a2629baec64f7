using System.Collections.Concurrent;
using Nop.Core;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Data;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// What one test (or one simulated request / node) needs to build the plugin's services on a real database: one
/// shared <see cref="TestDataContext"/>, a <see cref="TestRepository{TEntity}"/> for every plugin entity on it, the
/// <see cref="TestNopDataProvider"/> on the same connection, and a <see cref="TestStaticCacheManager"/>.
/// Create one scope per concurrent flow (see <see cref="TestDataContext"/>); they may share one
/// <see cref="TestDatabase"/>.
/// </summary>
public sealed class TestScope : IDisposable
{
    private readonly ConcurrentDictionary<Type, object> _repositories = new();
    private readonly bool _ownsCache;

    /// <param name="database">The (migrated) database.</param>
    /// <param name="eventPublisher">Receives the repositories' entity events (for example a Moq mock); null: none.</param>
    /// <param name="cache">A cache to share with other scopes (one shop's static cache); null: a new one.</param>
    public TestScope(TestDatabase database, IEventPublisher eventPublisher = null, TestStaticCacheManager cache = null)
    {
        Database = database ?? throw new ArgumentNullException(nameof(database));
        EventPublisher = eventPublisher;
        Context = new TestDataContext(database);
        DataProvider = new TestNopDataProvider(Context);
        _ownsCache = cache == null;
        Cache = cache ?? new TestStaticCacheManager();
        foreach (var type in PreorderDbNames.EntityTypes)
            _repositories[type] = Activator.CreateInstance(typeof(TestRepository<>).MakeGenericType(type), Context, eventPublisher);
    }

    public TestDatabase Database { get; }

    public TestDataContext Context { get; }

    public TestNopDataProvider DataProvider { get; }

    public TestStaticCacheManager Cache { get; }

    public IEventPublisher EventPublisher { get; }

    /// <summary>The scope's repository of an entity (one instance per type and scope).</summary>
    public TestRepository<TEntity> Repository<TEntity>() where TEntity : BaseEntity =>
        (TestRepository<TEntity>)_repositories.GetOrAdd(typeof(TEntity), _ => new TestRepository<TEntity>(Context, EventPublisher));

    public void Dispose()
    {
        if (_ownsCache)
            Cache.Dispose();
        Context.Dispose();
    }
}
