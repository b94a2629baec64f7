using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The campaign dashboard's "Campaign updates" actions (AJAX, JSON answers as the other admin actions): post an update,
/// delete a mistaken one. The permission is checked here first and again by <see cref="CampaignUpdateService"/>.
/// </summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderCampaignUpdateController : BasePluginController
{
    private readonly CampaignUpdateService _updateService;
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;

    public PreorderCampaignUpdateController(CampaignUpdateService updateService, ILocalizationService localizationService, IPermissionService permissionService)
    {
        _updateService = updateService;
        _localizationService = localizationService;
        _permissionService = permissionService;
    }

    [HttpPost]
    public virtual async Task<IActionResult> Post(int productId, int stageId, string text)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();
        var result = await _updateService.PostAsync(productId, stageId, text);
        return result.Denied ? await AccessDeniedJsonAsync() : Json(await AdminActionJson.BuildAsync(_localizationService, result));
    }

    /// <summary>Deletes an update; the answer says what happened to its e-mails (none sent, the rest stopped, or all recorded).</summary>
    [HttpPost]
    public virtual async Task<IActionResult> Delete(int updateId)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();
        var result = await _updateService.DeleteAsync(updateId);
        if (result.Denied)
            return await AccessDeniedJsonAsync();
        for (var i = 0; i < result.Details.Count; i++)
            result.Details[i] = await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "CampaignUpdates.DeleteOutcome." + result.Details[i]);
        return Json(await AdminActionJson.BuildAsync(_localizationService, result));
    }
}
