using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Web.Areas.Admin.Models.Catalog;
using Nop.Web.Areas.Admin.Models.Orders;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>
/// The "Pre-order" block of nopCommerce's admin product page (AdminWidgetZones.ProductDetailsBlock). Its fields
/// post with the product and are saved by <c>ProductPreorderEventConsumer</c>; after a failed save the
/// merchant's entries are shown again. Read-only without the Manage permission, hidden without View.
/// </summary>
public class AdminProductPreorderViewComponent : NopViewComponent
{
    private readonly IPermissionService _permissionService;
    private readonly PreorderAdminProductModelFactory _modelFactory;

    public AdminProductPreorderViewComponent(IPermissionService permissionService, PreorderAdminProductModelFactory modelFactory)
    {
        _permissionService = permissionService;
        _modelFactory = modelFactory;
    }

    public async Task<IViewComponentResult> InvokeAsync(string widgetZone, object additionalData)
    {
        if (additionalData is not ProductModel product)
            return Content(string.Empty);
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return Content(string.Empty);

        Func<string, string> posted = null;
        if (HttpMethods.IsPost(Request.Method) && Request.HasFormContentType)
        {
            var form = await Request.ReadFormAsync();
            posted = key => form.TryGetValue(key, out var values) ? values.ToString() : string.Empty;
        }
        var model = await _modelFactory.PrepareProductBlockModelAsync(product.Id, posted);
        return View(PreorderDefaults.Admin.ViewsPath + "ProductPreorder.cshtml", model);
    }
}

/// <summary>
/// The pre-order block of nopCommerce's admin order page (AdminWidgetZones.OrderDetailsBlock): state, money,
/// schedule, ledger, history, and the same actions as the pre-orders grid (posted with AJAX, since the
/// block sits inside nopCommerce's order form).
/// </summary>
public class AdminOrderPreorderViewComponent : NopViewComponent
{
    private readonly IPermissionService _permissionService;
    private readonly PreorderAdminOrderModelFactory _modelFactory;

    public AdminOrderPreorderViewComponent(IPermissionService permissionService, PreorderAdminOrderModelFactory modelFactory)
    {
        _permissionService = permissionService;
        _modelFactory = modelFactory;
    }

    public async Task<IViewComponentResult> InvokeAsync(string widgetZone, object additionalData)
    {
        if (additionalData is not OrderModel order || order.Id <= 0)
            return Content(string.Empty);
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return Content(string.Empty);

        var model = await _modelFactory.PrepareOrderModelAsync(order.Id);
        return model == null ? Content(string.Empty) : View(PreorderDefaults.Admin.ViewsPath + "OrderPreorder.cshtml", model);
    }
}

/// <summary>
/// A warning on nopCommerce's shipment pages (AdminWidgetZones.OrderShipmentAddButtons and OrderShipmentDetailsButtons;
/// nopCommerce offers no other zone there): the pre-order lines among the page's items that are still waiting for
/// stock or still owe money. nopCommerce lets the merchant ship them; the plugin will not mark them shipped
/// (<see cref="PreorderShipmentService"/>), so the merchant is told before the goods leave, not only by an order note after.
/// </summary>
public class AdminShipmentPreorderViewComponent : NopViewComponent
{
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;
    private readonly PreorderShipmentService _shipmentService;

    public AdminShipmentPreorderViewComponent(ILocalizationService localizationService, IPermissionService permissionService, PreorderShipmentService shipmentService)
    {
        _localizationService = localizationService;
        _permissionService = permissionService;
        _shipmentService = shipmentService;
    }

    public async Task<IViewComponentResult> InvokeAsync(string widgetZone, object additionalData)
    {
        var model = await PrepareModelAsync(additionalData);
        return model == null ? Content(string.Empty) : View(PreorderDefaults.Admin.ViewsPath + "ShipmentPreorder.cshtml", model);
    }

    /// <summary>The warning for nopCommerce's shipment model; null when there is nothing to warn about (or the admin may not see pre-orders).</summary>
    public virtual async Task<AdminShipmentPreorderModel> PrepareModelAsync(object additionalData)
    {
        if (additionalData is not ShipmentModel shipment || shipment.OrderId <= 0 || shipment.Items == null)
            return null;
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return null;

        // the add page lists the order's items still to ship; the details page, the shipment's own
        var items = shipment.Items.Where(i => i != null).GroupBy(i => i.OrderItemId).ToDictionary(g => g.Key, g => g.First());
        var unready = await _shipmentService.UnreadyLinesAsync(shipment.OrderId, items.Keys);
        if (unready.Count == 0)
            return null;

        var model = new AdminShipmentPreorderModel { OrderId = shipment.OrderId, ShipmentSaved = shipment.Id > 0 };
        foreach (var line in unready)
            model.Lines.Add(new AdminShipmentUnreadyLineModel
            {
                LineId = line.Id,
                ProductName = items.TryGetValue(line.OrderItemId, out var item) ? item.ProductName : $"#{line.ProductId}",
                Quantity = line.Quantity,
                State = await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "State." + line.State)
            });
        return model;
    }
}
