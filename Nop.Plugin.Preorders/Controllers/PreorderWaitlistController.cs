using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Services.Customers;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Seo;
using Nop.Web.Controllers;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The shopper's side of the waitlist: join and leave from the product page (POSTs with the antiforgery token; a guest
/// gives an address, a signed-in shopper joins with the account's), and the e-mails' signed links: confirm (the guest's
/// double opt-in) and leave (a page with a button, so a mail scanner opening the link removes nobody).
/// </summary>
[AutoValidateAntiforgeryToken]
public class PreorderWaitlistController : BasePublicController
{
    private const string LeaveView = "~/Plugins/Misc.Preorders/Views/Public/WaitlistLeave.cshtml";

    private readonly ICustomerService _customerService;
    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IStoreContext _storeContext;
    private readonly IUrlRecordService _urlRecordService;
    private readonly IWorkContext _workContext;
    private readonly WaitlistService _waitlistService;

    public PreorderWaitlistController(ICustomerService customerService,
        ILocalizationService localizationService,
        INotificationService notificationService,
        IStoreContext storeContext,
        IUrlRecordService urlRecordService,
        IWorkContext workContext,
        WaitlistService waitlistService)
    {
        _customerService = customerService;
        _localizationService = localizationService;
        _notificationService = notificationService;
        _storeContext = storeContext;
        _urlRecordService = urlRecordService;
        _workContext = workContext;
        _waitlistService = waitlistService;
    }

    [HttpPost]
    public virtual async Task<IActionResult> Join(int waitlistProductId, string waitlistEmail)
    {
        // the fields' names keep them apart from nopCommerce's own in the product form they are posted with
        var productId = waitlistProductId;
        var email = waitlistEmail;
        var customer = await _workContext.GetCurrentCustomerAsync();
        var registered = await _customerService.IsRegisteredAsync(customer);
        var store = await _storeContext.GetCurrentStoreAsync();
        var language = await _workContext.GetWorkingLanguageAsync();
        var outcome = await _waitlistService.JoinAsync(productId, store.Id, language.Id,
            registered ? customer.Id : 0, registered ? customer.Email : email);
        var text = await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Waitlist.Outcome." + outcome);
        if (outcome is WaitlistJoinOutcome.NotComingSoon or WaitlistJoinOutcome.InvalidEmail)
            _notificationService.ErrorNotification(text);
        else
            _notificationService.SuccessNotification(text);
        return await ProductPageAsync(productId);
    }

    [HttpPost]
    public virtual async Task<IActionResult> Leave(int waitlistProductId)
    {
        var productId = waitlistProductId;
        var customer = await _workContext.GetCurrentCustomerAsync();
        if (!await _customerService.IsRegisteredAsync(customer))
            return Challenge();
        if (await _waitlistService.LeaveAsync(productId, customer.Id, customer.Email))
            _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Waitlist.Left"));
        return await ProductPageAsync(productId);
    }

    /// <summary>The confirmation e-mail's link: confirms the row when the signature is its own, then shows the product.</summary>
    [HttpGet]
    public virtual async Task<IActionResult> Confirm(int entryId, string signature)
    {
        var entry = await _waitlistService.ConfirmAsync(entryId, signature);
        if (entry == null)
        {
            _notificationService.ErrorNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Waitlist.LinkInvalid"));
            return RedirectToRoute("Homepage");
        }
        _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Waitlist.Confirmed"));
        return await ProductPageAsync(entry.ProductId);
    }

    /// <summary>The e-mails' leave link: a page with one button (the POST below does the leaving).</summary>
    [HttpGet]
    public virtual IActionResult LeaveByLink(int entryId, string signature) =>
        View(LeaveView, new WaitlistLeaveModel { EntryId = entryId, Signature = signature });

    [HttpPost, ActionName("LeaveByLink")]
    public virtual async Task<IActionResult> LeaveByLinkPost(int entryId, string signature)
    {
        var productId = await _waitlistService.LeaveByLinkAsync(entryId, signature);
        if (productId == 0)
        {
            _notificationService.ErrorNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Waitlist.LinkInvalid"));
            return RedirectToRoute("Homepage");
        }
        _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Waitlist.Left"));
        return await ProductPageAsync(productId);
    }

    private async Task<IActionResult> ProductPageAsync(int productId)
    {
        var seName = productId > 0 ? await _urlRecordService.GetSeNameAsync(productId, "Product") : null;
        return string.IsNullOrEmpty(seName) ? RedirectToRoute("Homepage") : Redirect(Url.Content("~/" + seName));
    }
}
