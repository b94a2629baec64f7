using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Customers;
using Nop.Services.Helpers;
using Nop.Services.Security;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>The product page's "coming soon" part (inside the pre-order block): shown only while the window opens later.</summary>
public class WaitlistViewComponent : NopViewComponent
{
    private readonly ICustomerService _customerService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly IWorkContext _workContext;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly WaitlistService _waitlistService;

    public WaitlistViewComponent(ICustomerService customerService,
        IDateTimeHelper dateTimeHelper,
        IWorkContext workContext,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        WaitlistService waitlistService)
    {
        _customerService = customerService;
        _dateTimeHelper = dateTimeHelper;
        _workContext = workContext;
        _catalogService = catalogService;
        _clock = clock;
        _waitlistService = waitlistService;
    }

    public async Task<IViewComponentResult> InvokeAsync(int productId)
    {
        var profile = (await _catalogService.GetSnapshotAsync(productId)).Profile;
        if (!WaitlistRules.CanJoin(WaitlistRules.StateOf(profile, _clock.UtcNow)))
            return Content(string.Empty);
        var customer = await _workContext.GetCurrentCustomerAsync();
        var registered = await _customerService.IsRegisteredAsync(customer);
        // a guest is not recognized on the page (the address is typed each time; joining again changes nothing)
        var entry = registered ? await _waitlistService.GetMembershipAsync(productId, customer.Id, customer.Email) : null;
        var opens = await _dateTimeHelper.ConvertToUserTimeAsync(profile.WindowStartUtc!.Value, DateTimeKind.Utc);
        var model = new WaitlistBlockModel
        {
            ProductId = productId,
            OpensOnText = opens.ToString("f"),
            IsRegistered = registered,
            Joined = entry != null,
            AwaitingConfirmation = entry is { ConfirmedOnUtc: null },
            FirstAccessHours = await _waitlistService.GetFirstAccessHoursAsync(productId)
        };
        return View("~/Plugins/Misc.Preorders/Views/Public/_Waitlist.cshtml", model);
    }
}

/// <summary>The waitlist panel of the admin product block and of the campaign page.</summary>
public class WaitlistAdminViewComponent : NopViewComponent
{
    private readonly IPermissionService _permissionService;
    private readonly WaitlistService _waitlistService;

    public WaitlistAdminViewComponent(IPermissionService permissionService, WaitlistService waitlistService)
    {
        _permissionService = permissionService;
        _waitlistService = waitlistService;
    }

    public async Task<IViewComponentResult> InvokeAsync(int productId)
    {
        if (productId <= 0 || !await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return Content(string.Empty);
        var (confirmed, pending) = await _waitlistService.CountAsync(productId);
        var model = new WaitlistAdminPanelModel
        {
            ProductId = productId,
            Confirmed = confirmed,
            Pending = pending,
            FirstAccessHours = await _waitlistService.GetFirstAccessHoursAsync(productId),
            MaxFirstAccessHours = WaitlistRules.MaxFirstAccessHours,
            CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage)
        };
        return View(PreorderDefaults.Admin.ViewsPath + "_WaitlistAdmin.cshtml", model);
    }
}
