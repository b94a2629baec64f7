using Nop.Services.Security;

namespace Nop.Plugin.Preorders.Infrastructure;

/// <summary>The plugin's permissions; nopCommerce finds this class by type scan and inserts them at every start.</summary>
public class PreorderPermissionConfigManager : IPermissionConfigManager
{
    private const string Category = nameof(StandardPermission.Orders);

    public IList<PermissionConfig> AllConfigs { get; } = new List<PermissionConfig>
    {
        new("Admin area. Pre-orders. View", PreorderDefaults.Permissions.View, Category, PreorderDefaults.Permissions.AdministratorsRole),
        new("Admin area. Pre-orders. Manage", PreorderDefaults.Permissions.Manage, Category, PreorderDefaults.Permissions.AdministratorsRole),
        new("Admin area. Pre-orders. Refund", PreorderDefaults.Permissions.Refund, Category, PreorderDefaults.Permissions.AdministratorsRole)
    };
}
