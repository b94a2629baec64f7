using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The plugin's admin pages: the pre-orders and ledger grids (server-side paging, sorting, filtering; streamed CSV
/// export) and the campaign dashboard. The actions these pages post are in <see cref="PreorderAdminActionController"/>,
/// the configuration page in <see cref="PreorderConfigurationController"/>. Each page checks the plugin's permission first.
/// </summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderAdminController : BasePluginController
{
    private const string ViewsPath = PreorderDefaults.Admin.ViewsPath;

    private readonly IPermissionService _permissionService;
    private readonly PreorderAdminCampaignModelFactory _campaignModelFactory;
    private readonly PreorderAdminGridModelFactory _gridModelFactory;
    private readonly PreorderCsvExportService _csvExportService;

    public PreorderAdminController(IPermissionService permissionService,
        PreorderAdminCampaignModelFactory campaignModelFactory,
        PreorderAdminGridModelFactory gridModelFactory,
        PreorderCsvExportService csvExportService)
    {
        _permissionService = permissionService;
        _campaignModelFactory = campaignModelFactory;
        _gridModelFactory = gridModelFactory;
        _csvExportService = csvExportService;
    }

    #region Pre-orders grid

    public virtual async Task<IActionResult> List(int orderId = 0, int productId = 0, int stateId = 0)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();

        var model = await _gridModelFactory.PrepareSearchModelAsync(new PreorderSearchModel
        {
            SearchOrderId = orderId,
            SearchProductId = productId,
            SearchStateId = stateId
        });
        return View(ViewsPath + "List.cshtml", model);
    }

    [HttpPost]
    public virtual async Task<IActionResult> LineList(PreorderSearchModel searchModel)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return await AccessDeniedJsonAsync();

        var model = await _gridModelFactory.PrepareLineListModelAsync(searchModel, DataTablesSort.Parse(FormValue));
        return Json(model);
    }

    /// <summary>CSV of every pre-order the filter matches, streamed to the browser.</summary>
    [HttpPost]
    public virtual async Task<IActionResult> ExportLines(PreorderSearchModel searchModel)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();

        var filter = await _gridModelFactory.BuildLineFilterAsync(searchModel);
        var zone = _gridModelFactory.StoreTimeZone;
        return new StreamedFileResult("text/csv", $"preorders_{DateTime.UtcNow:yyyy-MM-dd_HH-mm-ss}.csv",
            (body, cancellationToken) => _csvExportService.WriteLinesAsync(body, filter, GridSort.Default, zone, cancellationToken));
    }

    #endregion

    #region Ledger grid

    public virtual async Task<IActionResult> Ledger(int orderId = 0)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();

        var model = await _gridModelFactory.PrepareLedgerSearchModelAsync(new LedgerSearchModel { SearchOrderId = orderId });
        return View(ViewsPath + "Ledger.cshtml", model);
    }

    [HttpPost]
    public virtual async Task<IActionResult> LedgerList(LedgerSearchModel searchModel)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return await AccessDeniedJsonAsync();

        var model = await _gridModelFactory.PrepareLedgerListModelAsync(searchModel, DataTablesSort.Parse(FormValue));
        return Json(model);
    }

    [HttpPost]
    public virtual async Task<IActionResult> ExportLedger(LedgerSearchModel searchModel)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();

        var filter = await _gridModelFactory.BuildLedgerFilterAsync(searchModel);
        var zone = _gridModelFactory.StoreTimeZone;
        return new StreamedFileResult("text/csv", $"preorder_ledger_{DateTime.UtcNow:yyyy-MM-dd_HH-mm-ss}.csv",
            (body, cancellationToken) => _csvExportService.WriteLedgerAsync(body, filter, GridSort.Default, zone, cancellationToken));
    }

    #endregion

    #region Campaign

    public virtual async Task<IActionResult> Campaign(int productId)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();

        var model = await _campaignModelFactory.PrepareCampaignModelAsync(productId);
        return View(ViewsPath + "Campaign.cshtml", model);
    }

    #endregion

    #region Utilities

    private string FormValue(string key) =>
        Request.HasFormContentType && Request.Form.TryGetValue(key, out var values) ? values.ToString() : string.Empty;

    #endregion
}
