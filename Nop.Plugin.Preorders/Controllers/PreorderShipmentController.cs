using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>The merchant's shipment override on the order's pre-order block: ship owing lines without waiting for the money.</summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderShipmentController : BasePluginController
{
    private readonly HeldShipmentService _heldShipmentService;
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;
    private readonly IWorkContext _workContext;

    public PreorderShipmentController(HeldShipmentService heldShipmentService,
        ILocalizationService localizationService,
        IPermissionService permissionService,
        IWorkContext workContext)
    {
        _heldShipmentService = heldShipmentService;
        _localizationService = localizationService;
        _permissionService = permissionService;
        _workContext = workContext;
    }

    [HttpPost]
    public virtual async Task<IActionResult> ShipWithoutPayment(ICollection<int> selectedIds)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();
        var admin = await _workContext.GetCurrentCustomerAsync();
        var result = await _heldShipmentService.ShipWithoutPaymentAsync(selectedIds?.ToList(), admin.Id);
        return Json(await AdminActionJson.BuildAsync(_localizationService, result));
    }
}
