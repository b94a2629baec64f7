using System.Reflection;
using Nop.Core;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>Non-generic calls to a scope's repositories, for tests that iterate over entity types.</summary>
public static class RepositoryAccess
{
    public static Task InsertAsync(TestScope scope, BaseEntity entity) =>
        (Task)Invoke(nameof(InsertCoreAsync), entity.GetType(), scope, entity);

    public static Task UpdateAsync(TestScope scope, BaseEntity entity) =>
        (Task)Invoke(nameof(UpdateCoreAsync), entity.GetType(), scope, entity);

    public static Task DeleteAsync(TestScope scope, BaseEntity entity) =>
        (Task)Invoke(nameof(DeleteCoreAsync), entity.GetType(), scope, entity);

    public static Task<BaseEntity> GetByIdAsync(TestScope scope, Type type, int id) =>
        (Task<BaseEntity>)Invoke(nameof(GetByIdCoreAsync), type, scope, id);

    public static Task<IList<BaseEntity>> GetAllAsync(TestScope scope, Type type) =>
        (Task<IList<BaseEntity>>)Invoke(nameof(GetAllCoreAsync), type, scope);

    private static object Invoke(string method, Type type, params object[] arguments) =>
        typeof(RepositoryAccess).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, arguments);

    private static Task InsertCoreAsync<T>(TestScope scope, BaseEntity entity) where T : BaseEntity =>
        scope.Repository<T>().InsertAsync((T)entity);

    private static Task UpdateCoreAsync<T>(TestScope scope, BaseEntity entity) where T : BaseEntity =>
        scope.Repository<T>().UpdateAsync((T)entity);

    private static Task DeleteCoreAsync<T>(TestScope scope, BaseEntity entity) where T : BaseEntity =>
        scope.Repository<T>().DeleteAsync((T)entity);

    private static async Task<BaseEntity> GetByIdCoreAsync<T>(TestScope scope, int id) where T : BaseEntity =>
        await scope.Repository<T>().GetByIdAsync(id);

    private static async Task<IList<BaseEntity>> GetAllCoreAsync<T>(TestScope scope) where T : BaseEntity =>
        (await scope.Repository<T>().GetAllAsync(q => q.OrderBy(e => e.Id))).Cast<BaseEntity>().ToList();
}
