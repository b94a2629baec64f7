using Nop.Services.Cms;
using Nop.Services.Events;
using Nop.Services.Localization;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Menu;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// "Pre-orders", "Pre-order ledger" and "Pre-order analytics" under Sales in the admin menu, after Orders; nopCommerce hides them
/// from admins without the plugin's View permission. Kept thin: the items are built by <see cref="CreateMenuItems"/>.
/// </summary>
public class AdminMenuEventConsumer : IConsumer<AdminMenuCreatedEvent>
{
    /// <summary>nopCommerce's system names of the menu node and the item ours follow.</summary>
    public const string SalesSystemName = "Sales";
    public const string OrdersSystemName = "Orders";

    private readonly ILocalizationService _localizationService;
    private readonly IWidgetPluginManager _widgetPluginManager;

    public AdminMenuEventConsumer(ILocalizationService localizationService, IWidgetPluginManager widgetPluginManager)
    {
        _localizationService = localizationService;
        _widgetPluginManager = widgetPluginManager;
    }

    public virtual async Task HandleEventAsync(AdminMenuCreatedEvent eventMessage)
    {
        // the event may come before the plugin is fully installed: only an installed plugin gets menu items
        if (await _widgetPluginManager.LoadPluginBySystemNameAsync(PreorderDefaults.SystemName) == null)
            return;
        var sales = eventMessage.RootMenuItem?.GetItemBySystemName(SalesSystemName);
        if (sales == null)
            return;

        var items = CreateMenuItems(
            await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Menu.Preorders"),
            eventMessage.GetMenuItemUrl("PreorderAdmin", "List"),
            await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Menu.Ledger"),
            eventMessage.GetMenuItemUrl("PreorderAdmin", "Ledger"));
        items.Add(CreateAnalyticsMenuItem(
            await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Menu.Analytics"),
            eventMessage.GetMenuItemUrl("PreorderAnalytics", "Analytics")));
        // inserted in reverse so that they end up in order right after Orders
        foreach (var item in items.Reverse())
            if (!sales.InsertAfter(OrdersSystemName, item))
                sales.ChildNodes.Add(item);
    }

    /// <summary>The store-wide analytics page, after the ledger (guarded by the plugin's View permission).</summary>
    public static AdminMenuItem CreateAnalyticsMenuItem(string title, string url) => new()
    {
        SystemName = PreorderDefaults.Admin.AnalyticsMenuSystemName,
        Title = title,
        Url = url,
        IconClass = "far fa-dot-circle",
        Visible = true,
        PermissionNames = new List<string> { PreorderDefaults.Permissions.View }
    };

    /// <summary>The menu items (guarded by the plugin's View permission).</summary>
    public static IList<AdminMenuItem> CreateMenuItems(string preordersTitle, string preordersUrl, string ledgerTitle, string ledgerUrl) => new List<AdminMenuItem>
    {
        new()
        {
            SystemName = PreorderDefaults.Admin.MenuSystemName,
            Title = preordersTitle,
            Url = preordersUrl,
            IconClass = "far fa-dot-circle",
            Visible = true,
            PermissionNames = new List<string> { PreorderDefaults.Permissions.View }
        },
        new()
        {
            SystemName = PreorderDefaults.Admin.LedgerMenuSystemName,
            Title = ledgerTitle,
            Url = ledgerUrl,
            IconClass = "far fa-dot-circle",
            Visible = true,
            PermissionNames = new List<string> { PreorderDefaults.Permissions.View }
        }
    };
}
