using LinqToDB.Data;
using Nop.Core;

namespace Nop.Data;

public partial interface INopDataProvider
{
    Task<TEntity> InsertEntityAsync<TEntity>(TEntity entity) where TEntity : BaseEntity;

    Task BulkInsertEntitiesAsync<TEntity>(IEnumerable<TEntity> entities) where TEntity : BaseEntity;

    IQueryable<TEntity> GetTable<TEntity>() where TEntity : BaseEntity;

    Task<int> ExecuteNonQueryAsync(string sql, params DataParameter[] dataParameters);

    Task<IList<T>> QueryAsync<T>(string sql, params DataParameter[] parameters);

    string ConfigurationName { get; }
}
