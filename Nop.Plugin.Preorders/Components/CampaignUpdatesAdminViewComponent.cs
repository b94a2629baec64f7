using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>
/// The "Campaign updates" panel of the campaign dashboard: the updates posted for the product (deleted ones marked, with
/// how far their e-mails got) and, with the Manage permission, the form to post one and the delete buttons.
/// </summary>
public class CampaignUpdatesAdminViewComponent : NopViewComponent
{
    private readonly CampaignUpdateService _updateService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;

    public CampaignUpdatesAdminViewComponent(CampaignUpdateService updateService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        IPermissionService permissionService)
    {
        _updateService = updateService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _permissionService = permissionService;
    }

    public async Task<IViewComponentResult> InvokeAsync(int productId)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return Content(string.Empty);
        var model = new CampaignUpdatesPanelModel
        {
            ProductId = productId,
            CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage),
            MaxTextLength = CampaignUpdateRules.MaxTextLength
        };
        foreach (var stage in CampaignUpdateRules.Stages)
            model.AvailableStages.Add(new SelectListItem(await _localizationService.GetResourceAsync(CampaignUpdateRules.ResourceKey(stage)), ((int)stage).ToString()));
        foreach (var update in await _updateService.GetAllAsync(productId))
        {
            var posted = (await _dateTimeHelper.ConvertToUserTimeAsync(update.CreatedOnUtc, DateTimeKind.Utc)).ToString("g");
            var emails = update.RecipientsDoneOnUtc != null ? "Done" : update.AnnouncedOnUtc != null ? "InProgress" : "Waiting";
            var emailsText = string.Format(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "CampaignUpdates.Emails." + emails), update.RecipientsRecorded);
            model.Updates.Add(new CampaignUpdateRowModel(update.Id, posted, await _localizationService.GetResourceAsync(CampaignUpdateRules.ResourceKey(update.Stage)),
                update.Text, emailsText, update.DeletedOnUtc != null));
        }
        return View(PreorderDefaults.Admin.ViewsPath + "_CampaignUpdates.cshtml", model);
    }
}
