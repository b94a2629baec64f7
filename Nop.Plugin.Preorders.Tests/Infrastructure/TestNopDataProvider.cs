using System.Reflection;
using System.Runtime.CompilerServices;
using LinqToDB;
using LinqToDB.Data;
using Nop.Core;
using Nop.Data;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// <see cref="INopDataProvider"/> over the shared connection of a <see cref="TestDataContext"/>: raw SQL runs with its
/// <see cref="DataParameter"/>s as given (the plugin's parameters get their linq2db 5.4.1 <see cref="DataType"/>
/// numbers translated, see <see cref="Linq2DbCompatibility"/>), <see cref="GetTable{TEntity}"/> is the linq2db table,
/// inserts set the identity.
/// </summary>
public class TestNopDataProvider : INopDataProvider
{
    private readonly TestDataContext _context;

    public TestNopDataProvider(TestDataContext context)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
    }

    private DataConnection Connection => _context.Connection;

    /// <summary>linq2db's provider name (as nopCommerce reports it): "SQLite.MS" or "PostgreSQL.9.5" etc.</summary>
    public string ConfigurationName => Connection.DataProvider.Name;

    /// <summary>Statements run through <see cref="ExecuteNonQueryAsync"/> and <see cref="QueryAsync{T}"/>, in order.</summary>
    public List<string> ExecutedSql { get; } = new();

    public async Task<TEntity> InsertEntityAsync<TEntity>(TEntity entity) where TEntity : BaseEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.Id = await Connection.InsertWithInt32IdentityAsync(entity);
        return entity;
    }

    public async Task BulkInsertEntitiesAsync<TEntity>(IEnumerable<TEntity> entities) where TEntity : BaseEntity
    {
        ArgumentNullException.ThrowIfNull(entities);
        var list = entities.ToList();
        if (list.Count == 0)
            return;
        await using var transaction = Connection.Transaction == null ? await Connection.BeginTransactionAsync() : null;
        foreach (var entity in list)
            entity.Id = await Connection.InsertWithInt32IdentityAsync(entity);
        if (transaction != null)
            await transaction.CommitAsync();
    }

    public IQueryable<TEntity> GetTable<TEntity>() where TEntity : BaseEntity => Connection.GetTable<TEntity>();

    /// <summary>Runs the statement on the shared connection; returns the rows affected.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<int> ExecuteNonQueryAsync(string sql, params DataParameter[] dataParameters)
    {
        // as a shop hands them to linq2db: untranslated (the plugin names its data types, PreorderDataTypes)
        ExecutedSql.Add(sql);
        return Connection.ExecuteAsync(sql, dataParameters ?? Array.Empty<DataParameter>());
    }

    /// <summary>Runs the query on the shared connection; rows map to <typeparamref name="T"/> by the test mapping schema.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<IList<T>> QueryAsync<T>(string sql, params DataParameter[] parameters)
    {
        ExecutedSql.Add(sql);
        return QueryCoreAsync<T>(sql, parameters ?? Array.Empty<DataParameter>());
    }

    private async Task<IList<T>> QueryCoreAsync<T>(string sql, DataParameter[] parameters) =>
        await Connection.QueryToListAsync<T>(sql, parameters);
}
