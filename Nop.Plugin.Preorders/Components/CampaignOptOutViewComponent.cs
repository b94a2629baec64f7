using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>The "campaign update e-mails" checkbox of the signed-in shopper's "My pre-orders" page (the e-mail's opt-out link lands here).</summary>
public class CampaignOptOutViewComponent : NopViewComponent
{
    private readonly CampaignOptOutService _optOutService;
    private readonly IWorkContext _workContext;

    public CampaignOptOutViewComponent(CampaignOptOutService optOutService, IWorkContext workContext)
    {
        _optOutService = optOutService;
        _workContext = workContext;
    }

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        var model = new CustomerPreordersModel { ReceiveCampaignUpdates = !await _optOutService.IsOptedOutAsync(customer?.Id ?? 0) };
        return View("~/Plugins/Misc.Preorders/Views/Public/_CampaignOptOut.cshtml", model);
    }
}
