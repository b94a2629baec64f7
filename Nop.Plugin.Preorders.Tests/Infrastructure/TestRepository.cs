using System.Linq.Expressions;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Domain.Common;
using Nop.Core.Events;
using Nop.Data;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// <see cref="IRepository{TEntity}"/> over linq2db on a real database (nopCommerce's <c>EntityRepository</c> logic
/// re-done, since the ref assembly's code throws):
/// <list type="bullet">
/// <item><see cref="Table"/> is a linq2db query on the connection of the repository's <see cref="TestDataContext"/>
/// (shared with the other repositories of a <see cref="TestScope"/>, or owned when built from a
/// <see cref="TestDatabase"/>).</item>
/// <item>Cache-key arguments are ignored: every read goes to the database (cache behaviour is tested through
/// <see cref="TestStaticCacheManager"/> with the plugin's own caching).</item>
/// <item>Events: with an <see cref="IEventPublisher"/> (for example a Moq mock), inserts, updates and deletes
/// publish <see cref="EntityInsertedEvent{T}"/>, <see cref="EntityUpdatedEvent{T}"/> and
/// <see cref="EntityDeletedEvent{T}"/> as nopCommerce does when <c>publishEvent</c> is true; without one, nothing is
/// published.</item>
/// </list>
/// </summary>
public class TestRepository<TEntity> : IRepository<TEntity>, IDisposable where TEntity : BaseEntity
{
    private readonly TestDataContext _context;
    private readonly bool _ownsContext;
    private readonly IEventPublisher _eventPublisher;

    /// <summary>A repository on a shared context (not disposed with the repository).</summary>
    public TestRepository(TestDataContext context, IEventPublisher eventPublisher = null)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _eventPublisher = eventPublisher;
    }

    /// <summary>A repository with a connection of its own (disposed with the repository).</summary>
    public TestRepository(TestDatabase database, IEventPublisher eventPublisher = null)
        : this(new TestDataContext(database), eventPublisher)
    {
        _ownsContext = true;
    }

    private DataConnection Connection => _context.Connection;

    public IQueryable<TEntity> Table => Connection.GetTable<TEntity>();

    #region Reads

    public async Task<TEntity> GetByIdAsync(int? id, Func<ICacheKeyService, CacheKey> getCacheKey = null, bool includeDeleted = true, bool useShortTermCache = false)
    {
        if (!id.HasValue || id == 0)
            return null;
        return await AsyncExtensions.FirstOrDefaultAsync(AddDeletedFilter(Table, includeDeleted).Where(e => e.Id == id.Value));
    }

    public TEntity GetById(int? id, Func<ICacheKeyService, CacheKey> getCacheKey = null, bool includeDeleted = true)
    {
        if (!id.HasValue || id == 0)
            return null;
        return AddDeletedFilter(Table, includeDeleted).FirstOrDefault(e => e.Id == id.Value);
    }

    public async Task<IList<TEntity>> GetByIdsAsync(IList<int> ids, Func<ICacheKeyService, CacheKey> getCacheKey = null, bool includeDeleted = true)
    {
        if (ids == null || ids.Count == 0)
            return new List<TEntity>();

        var distinct = ids.Distinct().ToArray();
        var found = await AsyncExtensions.ToListAsync(AddDeletedFilter(Table, includeDeleted).Where(e => distinct.Contains(e.Id)));
        var byId = found.ToDictionary(e => e.Id);
        // in the order asked, missing ids skipped (as nopCommerce)
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    public async Task<IList<TEntity>> GetAllAsync(Func<IQueryable<TEntity>, IQueryable<TEntity>> func = null,
        Func<ICacheKeyService, CacheKey> getCacheKey = null, bool includeDeleted = true)
    {
        var query = AddDeletedFilter(Table, includeDeleted);
        query = func != null ? func(query) : query;
        return await AsyncExtensions.ToListAsync(query);
    }

    public async Task<IList<TEntity>> GetAllAsync(Func<IQueryable<TEntity>, Task<IQueryable<TEntity>>> func = null,
        Func<ICacheKeyService, CacheKey> getCacheKey = null, bool includeDeleted = true)
    {
        var query = AddDeletedFilter(Table, includeDeleted);
        query = func != null ? await func(query) : query;
        return await AsyncExtensions.ToListAsync(query);
    }

    public IList<TEntity> GetAll(Func<IQueryable<TEntity>, IQueryable<TEntity>> func = null,
        Func<ICacheKeyService, CacheKey> getCacheKey = null, bool includeDeleted = true)
    {
        var query = AddDeletedFilter(Table, includeDeleted);
        query = func != null ? func(query) : query;
        return query.ToList();
    }

    public Task<IList<TEntity>> GetAllAsync(Func<IQueryable<TEntity>, Task<IQueryable<TEntity>>> func,
        Func<ICacheKeyService, Task<CacheKey>> getCacheKey, bool includeDeleted = true) =>
        GetAllAsync(func, (Func<ICacheKeyService, CacheKey>)null, includeDeleted);

    public async Task<IPagedList<TEntity>> GetAllPagedAsync(Func<IQueryable<TEntity>, IQueryable<TEntity>> func = null,
        int pageIndex = 0, int pageSize = int.MaxValue, bool getOnlyTotalCount = false, bool includeDeleted = true)
    {
        var query = AddDeletedFilter(Table, includeDeleted);
        query = func != null ? func(query) : query;
        return await ToPagedListAsync(query, pageIndex, pageSize, getOnlyTotalCount);
    }

    public async Task<IPagedList<TEntity>> GetAllPagedAsync(Func<IQueryable<TEntity>, Task<IQueryable<TEntity>>> func = null,
        int pageIndex = 0, int pageSize = int.MaxValue, bool getOnlyTotalCount = false, bool includeDeleted = true)
    {
        var query = AddDeletedFilter(Table, includeDeleted);
        query = func != null ? await func(query) : query;
        return await ToPagedListAsync(query, pageIndex, pageSize, getOnlyTotalCount);
    }

    public async Task<TEntity> LoadOriginalCopyAsync(TEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var id = entity.Id;
        return await AsyncExtensions.FirstOrDefaultAsync(Table.Where(e => e.Id == id));
    }

    #endregion

    #region Writes

    public async Task InsertAsync(TEntity entity, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.Id = await Connection.InsertWithInt32IdentityAsync(entity);
        if (publishEvent)
            await PublishAsync(new EntityInsertedEvent<TEntity>(entity));
    }

    public void Insert(TEntity entity, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.Id = Connection.InsertWithInt32Identity(entity);
        if (publishEvent)
            Publish(new EntityInsertedEvent<TEntity>(entity));
    }

    public async Task InsertAsync(IList<TEntity> entities, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entities);
        await InTransactionAsync(async () =>
        {
            foreach (var entity in entities)
                entity.Id = await Connection.InsertWithInt32IdentityAsync(entity);
        });
        if (publishEvent)
        {
            foreach (var entity in entities)
                await PublishAsync(new EntityInsertedEvent<TEntity>(entity));
        }
    }

    public void Insert(IList<TEntity> entities, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entities);
        InTransaction(() =>
        {
            foreach (var entity in entities)
                entity.Id = Connection.InsertWithInt32Identity(entity);
        });
        if (publishEvent)
        {
            foreach (var entity in entities)
                Publish(new EntityInsertedEvent<TEntity>(entity));
        }
    }

    public async Task UpdateAsync(TEntity entity, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await Connection.UpdateAsync(entity);
        if (publishEvent)
            await PublishAsync(new EntityUpdatedEvent<TEntity>(entity));
    }

    public void Update(TEntity entity, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entity);
        Connection.Update(entity);
        if (publishEvent)
            Publish(new EntityUpdatedEvent<TEntity>(entity));
    }

    public async Task UpdateAsync(IList<TEntity> entities, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entities);
        if (entities.Count == 0)
            return;
        await InTransactionAsync(async () =>
        {
            foreach (var entity in entities)
                await Connection.UpdateAsync(entity);
        });
        if (publishEvent)
        {
            foreach (var entity in entities)
                await PublishAsync(new EntityUpdatedEvent<TEntity>(entity));
        }
    }

    public void Update(IList<TEntity> entities, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entities);
        if (entities.Count == 0)
            return;
        InTransaction(() =>
        {
            foreach (var entity in entities)
                Connection.Update(entity);
        });
        if (publishEvent)
        {
            foreach (var entity in entities)
                Publish(new EntityUpdatedEvent<TEntity>(entity));
        }
    }

    public async Task DeleteAsync(TEntity entity, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity is ISoftDeletedEntity softDeleted)
        {
            softDeleted.Deleted = true;
            await Connection.UpdateAsync(entity);
        }
        else
        {
            var id = entity.Id;
            await LinqExtensions.DeleteAsync(Table.Where(e => e.Id == id));
        }
        if (publishEvent)
            await PublishAsync(new EntityDeletedEvent<TEntity>(entity));
    }

    public void Delete(TEntity entity, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity is ISoftDeletedEntity softDeleted)
        {
            softDeleted.Deleted = true;
            Connection.Update(entity);
        }
        else
        {
            var id = entity.Id;
            LinqExtensions.Delete(Table.Where(e => e.Id == id));
        }
        if (publishEvent)
            Publish(new EntityDeletedEvent<TEntity>(entity));
    }

    public async Task DeleteAsync(IList<TEntity> entities, bool publishEvent = true)
    {
        ArgumentNullException.ThrowIfNull(entities);
        if (entities.Count == 0)
            return;
        await InTransactionAsync(async () =>
        {
            foreach (var entity in entities)
            {
                if (entity is ISoftDeletedEntity softDeleted)
                {
                    softDeleted.Deleted = true;
                    await Connection.UpdateAsync(entity);
                }
                else
                {
                    var id = entity.Id;
                    await LinqExtensions.DeleteAsync(Table.Where(e => e.Id == id));
                }
            }
        });
        if (publishEvent)
        {
            foreach (var entity in entities)
                await PublishAsync(new EntityDeletedEvent<TEntity>(entity));
        }
    }

    public void Delete(IList<TEntity> entities, bool publishEvent = true) =>
        DeleteAsync(entities, publishEvent).GetAwaiter().GetResult();

    public async Task<int> DeleteAsync(Expression<Func<TEntity, bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return await LinqExtensions.DeleteAsync(Table.Where(predicate));
    }

    public int Delete(Expression<Func<TEntity, bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return LinqExtensions.Delete(Table.Where(predicate));
    }

    public async Task TruncateAsync(bool resetIdentity = false) =>
        await Connection.GetTable<TEntity>().TruncateAsync(resetIdentity);

    #endregion

    #region Utilities

    private static IQueryable<TEntity> AddDeletedFilter(IQueryable<TEntity> query, bool includeDeleted)
    {
        if (includeDeleted || !typeof(ISoftDeletedEntity).IsAssignableFrom(typeof(TEntity)))
            return query;
        return query.OfType<ISoftDeletedEntity>().Where(e => !e.Deleted).OfType<TEntity>();
    }

    private static async Task<IPagedList<TEntity>> ToPagedListAsync(IQueryable<TEntity> query, int pageIndex, int pageSize, bool getOnlyTotalCount)
    {
        pageSize = Math.Max(pageSize, 1);
        var count = await AsyncExtensions.CountAsync(query);
        var page = new List<TEntity>();
        if (!getOnlyTotalCount)
            page.AddRange(await AsyncExtensions.ToListAsync(query.Skip(TestPagedList<TEntity>.SkipCount(pageIndex, pageSize)).Take(pageSize)));
        return new TestPagedList<TEntity>(page, pageIndex, pageSize, count);
    }

    /// <summary>Runs in a transaction unless one is already open on the shared connection.</summary>
    private async Task InTransactionAsync(Func<Task> action)
    {
        if (Connection.Transaction != null)
        {
            await action();
            return;
        }
        await using var transaction = await Connection.BeginTransactionAsync();
        await action();
        await transaction.CommitAsync();
    }

    private void InTransaction(Action action)
    {
        if (Connection.Transaction != null)
        {
            action();
            return;
        }
        using var transaction = Connection.BeginTransaction();
        action();
        transaction.Commit();
    }

    private Task PublishAsync<TEvent>(TEvent @event) => _eventPublisher?.PublishAsync(@event) ?? Task.CompletedTask;

    private void Publish<TEvent>(TEvent @event) => _eventPublisher?.Publish(@event);

    #endregion

    public void Dispose()
    {
        if (_ownsContext)
            _context.Dispose();
    }
}
