using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Factories;
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
/// antiforgery token.
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

    public PreorderCustomerController(ICustomerService customerService,
        ILocalizationService localizationService,
        INotificationService notificationService,
        IPaymentPluginManager paymentPluginManager,
        IWorkContext workContext,
        PreorderLedgerService ledgerService,
        PreorderModelFactory modelFactory,
        PreorderSelfService selfService)
    {
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

    public virtual async Task<IActionResult> Balance(string token)
    {
        try
        {
            var order = await _selfService.AuthorizeAsync(null, 0, token);
            var model = await _modelFactory.PrepareOrderModelAsync(order);
            model.Token = token;
            model.ChargeMethodViewComponent = await ChargeViewComponentAsync(order.Id);
            return View(BalanceView, model);
        }
        catch (PreorderRuleException ex)
        {
            _notificationService.ErrorNotification(await MessageAsync(ex));
            return View(BalanceView, null);
        }
    }

    [HttpPost]
    public virtual Task<IActionResult> Cancel(int orderId, int lineId, string token) =>
        ActAsync(token, "Account.Cancelled", async customer => await _selfService.CancelAsync(customer, orderId, lineId, token));

    [HttpPost]
    public virtual Task<IActionResult> Extend(int orderId, int lineId, string token) =>
        ActAsync(token, "Account.Extended", async customer => await _selfService.ExtendAsync(customer, orderId, lineId, token));

    [HttpPost]
    public virtual Task<IActionResult> Pay(int orderId, int lineId, string token, IFormCollection form) =>
        ActAsync(token, async customer =>
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

    private Task<IActionResult> ActAsync(string token, string doneResource, Func<Nop.Core.Domain.Customers.Customer, Task> action) =>
        ActAsync(token, async customer =>
        {
            await action(customer);
            return doneResource;
        });

    /// <param name="action">Does the work and returns the resource (under the plugin's prefix) that tells the shopper what happened.</param>
    private async Task<IActionResult> ActAsync(string token, Func<Nop.Core.Domain.Customers.Customer, Task<string>> action)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        try
        {
            var done = await action(string.IsNullOrEmpty(token) ? customer : null);
            _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + done));
        }
        catch (PreorderRuleException ex)
        {
            _notificationService.ErrorNotification(await MessageAsync(ex));
        }
        return string.IsNullOrEmpty(token)
            ? RedirectToRoute(PreorderDefaults.Routes.CustomerPreorders)
            : RedirectToRoute(PreorderDefaults.Routes.BalancePage, new { token });
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
