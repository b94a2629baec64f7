using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>The merchant's waitlist actions: the product's first-access hours (AJAX, Manage) and the list as CSV (View).</summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderWaitlistAdminController : BasePluginController
{
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;
    private readonly WaitlistService _waitlistService;

    public PreorderWaitlistAdminController(ILocalizationService localizationService, IPermissionService permissionService, WaitlistService waitlistService)
    {
        _localizationService = localizationService;
        _permissionService = permissionService;
        _waitlistService = waitlistService;
    }

    [HttpPost]
    public virtual async Task<IActionResult> SaveFirstAccess(int productId, int firstAccessHours)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();
        var result = await _waitlistService.SetFirstAccessHoursAsync(productId, firstAccessHours)
            ? new AdminActionResult { Succeeded = 1, Count = 1 }
            : AdminActionResult.Error(PreorderDefaults.Resources.WaitlistFirstAccessHoursRange, WaitlistRules.MaxFirstAccessHours);
        return Json(await AdminActionJson.BuildAsync(_localizationService, result));
    }

    [HttpGet]
    public virtual async Task<IActionResult> ExportCsv(int productId)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();
        var csv = await _waitlistService.ExportCsvAsync(productId);
        return File(CsvFormat.Encoding.GetPreamble().Concat(CsvFormat.Encoding.GetBytes(csv)).ToArray(), "text/csv", $"waitlist-product-{productId}.csv");
    }
}
