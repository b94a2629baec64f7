using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using Nop.Services.Localization;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>
/// A line's "more time" part of the shopper's actions (My pre-orders, the balance page): the automatic extension while
/// the store allows one, then the request to the store and where the latest request stands. Rendered inside a page whose
/// order the caller has already authorized; posting goes through the same checks again.
/// </summary>
public class ExtensionRequestViewComponent : NopViewComponent
{
    private readonly ExtensionRequestService _requestService;
    private readonly ILocalizationService _localizationService;
    private readonly ISettingService _settingService;
    private readonly PreorderOrderService _orderPreorderService;

    public ExtensionRequestViewComponent(ExtensionRequestService requestService,
        ILocalizationService localizationService,
        ISettingService settingService,
        PreorderOrderService orderPreorderService)
    {
        _requestService = requestService;
        _localizationService = localizationService;
        _settingService = settingService;
        _orderPreorderService = orderPreorderService;
    }

    public async Task<IViewComponentResult> InvokeAsync(int orderId, int lineId, bool viaLink)
    {
        var line = await _orderPreorderService.GetLineAsync(lineId);
        if (line == null || line.OrderId != orderId)
            return Content(string.Empty);
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(line.StoreId);
        var latest = (await _requestService.GetLatestAsync(new[] { line.Id })).TryGetValue(line.Id, out var request) ? request : null;
        var pending = latest?.Status == ExtensionRequestStatus.Pending;
        var model = new ExtensionRequestBoxModel
        {
            OrderId = orderId,
            LineId = line.Id,
            ViaLink = viaLink,
            CanExtendAlone = SelfServiceRules.CanExtend(line) && line.ExtensionCount < settings.MaxAutoExtensions,
            CanRequest = ExtensionRequestRules.Refusal(line, settings.MaxAutoExtensions, pending, 1, null) == null,
            MaxDays = ExtensionRequestRules.MaxRequestedDays,
            MaxMessageLength = ExtensionRequestRules.MaxMessageLength,
            StateText = latest == null ? null
                : string.Format(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Account.ExtensionRequest." + latest.Status), latest.RequestedDays)
        };
        if (!model.CanExtendAlone && !model.CanRequest && model.StateText == null)
            return Content(string.Empty);
        return View("~/Plugins/Misc.Preorders/Views/Public/ExtensionRequest.cshtml", model);
    }
}
