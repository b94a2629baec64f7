using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>The "Funnel" panel of the campaign dashboard: views, waitlist joins, pre-orders, deposits, paid in full, cancellations, with conversions and the CSV link.</summary>
public class CampaignFunnelAdminViewComponent : NopViewComponent
{
    private readonly CampaignFunnelService _funnelService;
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;

    public CampaignFunnelAdminViewComponent(CampaignFunnelService funnelService, ILocalizationService localizationService, IPermissionService permissionService)
    {
        _funnelService = funnelService;
        _localizationService = localizationService;
        _permissionService = permissionService;
    }

    public async Task<IViewComponentResult> InvokeAsync(int productId)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return Content(string.Empty);
        var funnel = await _funnelService.GetFunnelAsync(productId);
        var model = new CampaignFunnelPanelModel { ProductId = productId };
        foreach (var step in funnel.Steps)
        {
            var from = step.From is FunnelStep b ? await _localizationService.GetResourceAsync(CampaignFunnelRules.ResourceKey(b)) : string.Empty;
            model.Rows.Add(new CampaignFunnelRowModel(await _localizationService.GetResourceAsync(CampaignFunnelRules.ResourceKey(step.Step)),
                step.Step.ToString(), step.Count, step.ConversionPercent is decimal p ? $"{p:0.#} %" : "—", from));
        }
        return View(PreorderDefaults.Admin.ViewsPath + "_CampaignFunnel.cshtml", model);
    }
}
