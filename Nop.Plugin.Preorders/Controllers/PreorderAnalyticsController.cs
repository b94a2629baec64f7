using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The store-wide pre-order analytics (every campaign, by month) and its CSV download. Read-only; the plugin's View
/// permission first.
/// </summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderAnalyticsController : BasePluginController
{
    private readonly IPermissionService _permissionService;
    private readonly PreorderAnalyticsModelFactory _modelFactory;

    public PreorderAnalyticsController(IPermissionService permissionService, PreorderAnalyticsModelFactory modelFactory)
    {
        _permissionService = permissionService;
        _modelFactory = modelFactory;
    }

    public virtual async Task<IActionResult> Analytics(int months = PreorderAnalyticsModelFactory.DefaultMonths)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();

        return View(PreorderDefaults.Admin.ViewsPath + "Analytics.cshtml", await _modelFactory.PrepareModelAsync(months));
    }

    public virtual async Task<IActionResult> AnalyticsCsv(int months = PreorderAnalyticsModelFactory.DefaultMonths)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();

        var csv = await _modelFactory.PrepareCsvAsync(months);
        return File(CsvFormat.Encoding.GetPreamble().Concat(CsvFormat.Encoding.GetBytes(csv)).ToArray(), "text/csv",
            $"preorder_analytics_{DateTime.UtcNow:yyyy-MM-dd_HH-mm-ss}.csv");
    }
}
