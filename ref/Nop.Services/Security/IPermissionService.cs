using Nop.Core.Domain.Customers;

namespace Nop.Services.Security;

public partial interface IPermissionService
{
    Task DeletePermissionAsync(string permissionSystemName);

    Task<bool> AuthorizeAsync(string permissionRecordSystemName);

    Task<bool> AuthorizeAsync(string permissionRecordSystemName, Customer customer);

    Task InsertPermissionsAsync();
}
