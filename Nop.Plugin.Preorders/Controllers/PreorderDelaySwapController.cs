using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Services.Customers;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Web.Controllers;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The shopper's one-click swap of a waiting line to the product a delay offered (#14.5), from "My pre-orders" (where the
/// delay e-mail's link lands). Signed in, their own line only (<see cref="DelaySwapService"/> checks it), antiforgery
/// token. Done: the order's page, which shows the new line; refused: back to the list with the reason.
/// </summary>
[AutoValidateAntiforgeryToken]
public class PreorderDelaySwapController : BasePublicController
{
    private readonly DelaySwapService _swapService;
    private readonly ICustomerService _customerService;
    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IWorkContext _workContext;

    public PreorderDelaySwapController(DelaySwapService swapService,
        ICustomerService customerService,
        ILocalizationService localizationService,
        INotificationService notificationService,
        IWorkContext workContext)
    {
        _swapService = swapService;
        _customerService = customerService;
        _localizationService = localizationService;
        _notificationService = notificationService;
        _workContext = workContext;
    }

    [HttpPost]
    public virtual async Task<IActionResult> Swap(int lineId)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        if (!await _customerService.IsRegisteredAsync(customer))
            return Challenge();
        var outcome = await _swapService.SwapAsync(lineId, customer.Id);
        if (!outcome.Succeeded)
        {
            _notificationService.ErrorNotification(await _localizationService.GetResourceAsync(outcome.ErrorResourceKey));
            return RedirectToRoute(PreorderDefaults.Routes.CustomerPreorders);
        }
        _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.SwapDone));
        return RedirectToRoute("OrderDetails", new { orderId = outcome.Swap.OrderId });
    }
}
