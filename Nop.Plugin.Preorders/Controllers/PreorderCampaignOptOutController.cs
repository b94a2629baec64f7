using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Services.Customers;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Web.Controllers;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The signed-in shopper's choice about campaign update e-mails (the checkbox on "My pre-orders", which the e-mail links
/// to). Only the current customer's own choice is changed; the POST carries the antiforgery token.
/// </summary>
[AutoValidateAntiforgeryToken]
public class PreorderCampaignOptOutController : BasePublicController
{
    private readonly CampaignOptOutService _optOutService;
    private readonly ICustomerService _customerService;
    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IWorkContext _workContext;

    public PreorderCampaignOptOutController(CampaignOptOutService optOutService,
        ICustomerService customerService,
        ILocalizationService localizationService,
        INotificationService notificationService,
        IWorkContext workContext)
    {
        _optOutService = optOutService;
        _customerService = customerService;
        _localizationService = localizationService;
        _notificationService = notificationService;
        _workContext = workContext;
    }

    [HttpPost]
    public virtual async Task<IActionResult> Save(bool receiveCampaignUpdates)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        if (!await _customerService.IsRegisteredAsync(customer))
            return Challenge();
        await _optOutService.SetOptedOutAsync(customer.Id, !receiveCampaignUpdates);
        _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Account.CampaignUpdates.Saved"));
        return RedirectToRoute(PreorderDefaults.Routes.CustomerPreorders);
    }
}
