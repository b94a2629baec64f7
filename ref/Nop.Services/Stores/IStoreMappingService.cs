using Nop.Core;
using Nop.Core.Domain.Stores;

namespace Nop.Services.Stores;

public partial interface IStoreMappingService
{
    Task<int[]> GetStoresIdsWithAccessAsync<TEntity>(TEntity entity) where TEntity : BaseEntity, IStoreMappingSupported;
}
