using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Factories;
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
    private readonly PreorderAdminModelFactory _modelFactory;

    public AdminProductPreorderViewComponent(IPermissionService permissionService, PreorderAdminModelFactory modelFactory)
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
    private readonly PreorderAdminModelFactory _modelFactory;

    public AdminOrderPreorderViewComponent(IPermissionService permissionService, PreorderAdminModelFactory modelFactory)
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
