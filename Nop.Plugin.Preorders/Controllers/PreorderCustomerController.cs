using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Customers;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Payments;
using Nop.Web.Controllers;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// Shopper pages: "My pre-orders" (signed in) and the balance page reached by a personal link (no sign-in).
/// Every action goes through <see cref="PreorderSelfService.AuthorizeAsync"/>; every POST carries the
/// antiforgery token. The link's token is in one URL only, the link itself: its first GET exchanges it for the
/// order's session cookie (<see cref="BalanceLinkSession"/>) and every later page and redirect is token-free.
/// </summary>
[AutoValidateAntiforgeryToken]
public class PreorderCustomerController : BasePublicController
{
    private const string ListView = "~/Plugins/Misc.Preorders/Views/Public/CustomerPreorders.cshtml";
    private const string BalanceView = "~/Plugins/Misc.Preorders/Views/Public/Balance.cshtml";

    private readonly ICustomerService _customerService;
    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly IWorkContext _workContext;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderModelFactory _modelFactory;
    private readonly PreorderSelfService _selfService;
    private readonly PreorderClock _clock;
    private readonly ExtensionRequestService _extensionRequestService;

    public PreorderCustomerController(ICustomerService customerService,
        ILocalizationService localizationService,
        INotificationService notificationService,
        IPaymentPluginManager paymentPluginManager,
        IWorkContext workContext,
        PreorderLedgerService ledgerService,
        PreorderModelFactory modelFactory,
        PreorderSelfService selfService,
        PreorderClock clock,
        ExtensionRequestService extensionRequestService)
    {
        _clock = clock;
        _extensionRequestService = extensionRequestService;
        _customerService = customerService;
        _localizationService = localizationService;
        _notificationService = notificationService;
        _paymentPluginManager = paymentPluginManager;
        _workContext = workContext;
        _ledgerService = ledgerService;
        _modelFactory = modelFactory;
        _selfService = selfService;
    }

    public virtual async Task<IActionResult> List()
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        if (!await _customerService.IsRegisteredAsync(customer))
            return Challenge();
        var model = await _modelFactory.PrepareCustomerModelAsync(customer, await _selfService.GetOrderIdsAsync(customer));
        foreach (var order in model.Orders)
            order.ChargeMethodViewComponent = await ChargeViewComponentAsync(order.OrderId);
        return View(ListView, model);
    }

    /// <summary>
    /// The e-mailed link: checks the token once, puts it in the order's session cookie (<see cref="BalanceLinkSession"/>)
    /// and redirects to the token-free page, so the token leaves the address bar, the logs and the history at once.
    /// </summary>
    public virtual async Task<IActionResult> Balance(string token)
    {
        BalanceLinkSession.NoStore(HttpContext);
        try
        {
            var order = await _selfService.AuthorizeAsync(null, 0, token);
            BalanceLinkSession.Write(HttpContext, order.Id, token, _clock.UtcNow);
            return RedirectToRoute(PreorderDefaults.Routes.BalanceOrder, new { orderId = order.Id });
        }
        catch (PreorderRuleException ex)
        {
            _notificationService.ErrorNotification(await MessageAsync(ex));
            return View(BalanceView, null);
        }
    }

    /// <summary>The balance page of a link's session (no token in the address): shows the order, also one the session has just paid or cancelled.</summary>
    public virtual async Task<IActionResult> BalanceOrder(int orderId)
    {
        BalanceLinkSession.NoStore(HttpContext);
        var token = BalanceLinkSession.Read(HttpContext, orderId);
        try
        {
            var order = await _selfService.AuthorizeLinkSessionAsync(orderId, token, forAction: false);
            BalanceLinkSession.Write(HttpContext, order.Id, token, _clock.UtcNow);
            return View(BalanceView, await PrepareBalanceModelAsync(order));
        }
        catch (PreorderRuleException ex)
        {
            if (token != null)
                BalanceLinkSession.End(HttpContext, orderId);
            _notificationService.ErrorNotification(await MessageAsync(ex));
            return View(BalanceView, null);
        }
    }

    /// <summary>
    /// Cancels a line. Through a link (<paramref name="link"/>) the first POST only shows what happens to the money
    /// (refunded, kept by the store's policy) and the shopper confirms with a second one (<paramref name="confirmed"/>).
    /// </summary>
    [HttpPost]
    /// <param name="reasonCode">The reason picked from the shopper's list; checked at the preview and again by the cancellation.</param>
    /// <param name="reasonText">The shopper's optional comment.</param>
    public virtual async Task<IActionResult> Cancel(int orderId, int lineId, int reasonCode, string reasonText, bool link = false, bool confirmed = false)
    {
        if (link && !confirmed)
        {
            BalanceLinkSession.NoStore(HttpContext);
            var token = BalanceLinkSession.Read(HttpContext, orderId);
            try
            {
                // a refused reason is said before the confirmation page, not after it
                var reason = CancellationReasonRules.Validate(Domain.CancellationActor.Shopper, reasonCode, reasonText);
                var order = await _selfService.AuthorizeLinkSessionAsync(orderId, token, forAction: true);
                var preview = await _selfService.PreviewCancelAsync(null, order.Id, lineId, token);
                BalanceLinkSession.Write(HttpContext, order.Id, token, _clock.UtcNow);
                var model = await PrepareBalanceModelAsync(order);
                model.CancelPreview = await _modelFactory.PrepareCancelPreviewModelAsync(order, preview);
                model.CancelPreview.Reason = new Models.CancelReasonPickerModel($"preorder-confirm-{lineId}", (int)reason.Reason, reason.Text);
                return View(BalanceView, model);
            }
            catch (PreorderRuleException ex)
            {
                _notificationService.ErrorNotification(await MessageAsync(ex));
                return RedirectToRoute(PreorderDefaults.Routes.BalanceOrder, new { orderId });
            }
        }
        return await ActAsync(orderId, link, "Account.Cancelled", async (customer, token) => await _selfService.CancelAsync(customer, orderId, lineId, token, reasonCode, reasonText));
    }

    [HttpPost]
    public virtual Task<IActionResult> Extend(int orderId, int lineId, bool link = false) =>
        ActAsync(orderId, link, "Account.Extended", async (customer, token) => await _selfService.ExtendAsync(customer, orderId, lineId, token));

    /// <summary>Asks the store for <paramref name="days"/> more days (beyond the automatic extensions), with an optional note.</summary>
    [HttpPost]
    public virtual Task<IActionResult> RequestExtension(int orderId, int lineId, int days, string message, bool link = false) =>
        ActAsync(orderId, link, "Account.ExtensionRequested", async (customer, token) =>
            await _extensionRequestService.SubmitAsync(customer, orderId, lineId, token, days, message));

    [HttpPost]
    public virtual Task<IActionResult> Pay(int orderId, int lineId, IFormCollection form, bool link = false) =>
        ActAsync(orderId, link, async (customer, token) =>
        {
            var order = await _selfService.AuthorizeAsync(customer, orderId, token);
            var account = await _ledgerService.GetAccountAsync(order.Id);
            var method = string.IsNullOrEmpty(account.ChargeMethodSystemName) ? null : await _paymentPluginManager.LoadPluginBySystemNameAsync(account.ChargeMethodSystemName);
            if (method == null)
                throw new PreorderRuleException(PreorderDefaults.Resources.ChargeFailed, await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Balance.Offline"));
            var formErrors = await method.ValidatePaymentFormAsync(form);
            if (formErrors.Count > 0)
                throw new PreorderRuleException(PreorderDefaults.Resources.ChargeFailed, string.Join(" ", formErrors));
            var result = await _selfService.PayAsync(customer, order.Id, token, lineId, await method.GetPaymentInfoAsync(form));
            // what the page says is what the gateway did: paid, accepted without money yet, still on its way, or declined
            if (result.Succeeded)
                return "Balance.Paid";
            if (result.Accepted)
                return "Balance.Accepted";
            if (result.InProgress)
                throw new PreorderRuleException(PreorderDefaults.Resources.PaymentInProgress);
            throw new PreorderRuleException(PreorderDefaults.Resources.ChargeFailed, string.Join(" ", result.Errors.DefaultIfEmpty("declined")));
        });

    private Task<IActionResult> ActAsync(int orderId, bool link, string doneResource, Func<Nop.Core.Domain.Customers.Customer, string, Task> action) =>
        ActAsync(orderId, link, async (customer, token) =>
        {
            await action(customer, token);
            return doneResource;
        });

    /// <param name="link">The balance page of a link: the token comes from the order's session cookie (checked with the
    /// session's idle limit, and the order must still have something to do); else the signed-in customer's order.</param>
    /// <param name="action">Does the work (as the customer, or through the link's token) and returns the resource (under the plugin's prefix) that tells the shopper what happened.</param>
    private async Task<IActionResult> ActAsync(int orderId, bool link, Func<Nop.Core.Domain.Customers.Customer, string, Task<string>> action)
    {
        if (link)
            BalanceLinkSession.NoStore(HttpContext);
        try
        {
            string done;
            if (link)
            {
                var token = BalanceLinkSession.Read(HttpContext, orderId);
                await _selfService.AuthorizeLinkSessionAsync(orderId, token, forAction: true);
                done = await action(null, token);
                BalanceLinkSession.Write(HttpContext, orderId, token, _clock.UtcNow);
            }
            else
                done = await action(await _workContext.GetCurrentCustomerAsync(), null);
            _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + done));
        }
        catch (PreorderRuleException ex)
        {
            _notificationService.ErrorNotification(await MessageAsync(ex));
        }
        // never the token: after a POST the link's page is the token-free one
        return link
            ? RedirectToRoute(PreorderDefaults.Routes.BalanceOrder, new { orderId })
            : RedirectToRoute(PreorderDefaults.Routes.CustomerPreorders);
    }

    private async Task<Models.OrderPreorderModel> PrepareBalanceModelAsync(Nop.Core.Domain.Orders.Order order)
    {
        var model = await _modelFactory.PrepareOrderModelAsync(order);
        model.ViaLink = true;
        model.ChargeMethodViewComponent = await ChargeViewComponentAsync(order.Id);
        return model;
    }

    private async Task<Type> ChargeViewComponentAsync(int orderId)
    {
        var account = await _ledgerService.GetAccountAsync(orderId);
        if (string.IsNullOrEmpty(account?.ChargeMethodSystemName))
            return null;
        var method = await _paymentPluginManager.LoadPluginBySystemNameAsync(account.ChargeMethodSystemName);
        return method is { PaymentMethodType: PaymentMethodType.Standard, SkipPaymentInfo: false } ? method.GetPublicViewComponent() : null;
    }

    private async Task<string> MessageAsync(PreorderRuleException ex) =>
        string.Format(await _localizationService.GetResourceAsync(ex.ResourceKey), ex.DisplayArgs);
}
