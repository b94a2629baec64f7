using Nop.Services.Events;
using Nop.Services.Plugins;
using Nop.Web.Framework.Menu;

namespace Nop.Web.Framework.Events;

public abstract class BaseAdminMenuCreatedEventConsumer : IConsumer<AdminMenuCreatedEvent>
{
    protected readonly IPluginManager<IPlugin> _pluginManager;

    protected BaseAdminMenuCreatedEventConsumer(IPluginManager<IPlugin> pluginManager)
    {
        _pluginManager = pluginManager;
    }

    protected virtual Task<bool> CheckAccessAsync() => throw null;

    protected virtual Task<AdminMenuItem> GetAdminMenuItemAsync(IPlugin plugin) => throw null;

    public virtual Task HandleEventAsync(AdminMenuCreatedEvent eventMessage) => throw null;

    protected abstract string PluginSystemName { get; }

    protected virtual MenuItemInsertType InsertType => throw null;

    protected virtual string AfterMenuSystemName => throw null;

    protected virtual string BeforeMenuSystemName => throw null;
}
