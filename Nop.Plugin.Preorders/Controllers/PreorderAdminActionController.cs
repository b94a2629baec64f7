using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// Every action the admin pages post on pre-orders (AJAX, JSON answers): payments confirmed, stock arrived, ship date
/// and due dates moved, buyers e-mailed, extensions, cancellations, balance links, notes, refunds, attempts resolved,
/// the ledger checked. Each action checks the plugin's permission first and changes nothing without it; the action
/// service checks again and writes the audit rows.
/// </summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderAdminActionController : BasePluginController
{
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;
    private readonly IWorkContext _workContext;
    private readonly PreorderAdminActionService _actionService;
    private readonly PreorderAdminGridModelFactory _gridModelFactory;
    private readonly AttemptResolutionService _attemptResolutionService;
    private readonly ExtensionRequestAdminService _extensionRequestAdminService;

    public PreorderAdminActionController(ILocalizationService localizationService,
        IPermissionService permissionService,
        IWorkContext workContext,
        PreorderAdminActionService actionService,
        PreorderAdminGridModelFactory gridModelFactory,
        AttemptResolutionService attemptResolutionService,
        ExtensionRequestAdminService extensionRequestAdminService)
    {
        _localizationService = localizationService;
        _permissionService = permissionService;
        _workContext = workContext;
        _actionService = actionService;
        _gridModelFactory = gridModelFactory;
        _attemptResolutionService = attemptResolutionService;
        _extensionRequestAdminService = extensionRequestAdminService;
    }

    #region Actions

    /// <summary>Confirms an offline deposit or balance payment of one order (the order page) or of the orders of selected lines (the grid).</summary>
    [HttpPost]
    public virtual async Task<IActionResult> ConfirmPayment(int orderId, ICollection<int> selectedIds, string amount, string reference, int kindId)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        var parsed = await ParseAmountAsync(amount);
        if (parsed.Status is not (AmountParseStatus.Ok or AmountParseStatus.Empty))
            return await ResultJsonAsync(AmountError(parsed, amount));
        var given = parsed.Value;
        var orderIds = await TargetOrdersAsync(orderId, selectedIds);
        var result = await _actionService.ConfirmPaymentsAsync(orderIds, orderId > 0 ? given : null, reference, (LedgerEntryKind)kindId);
        return await ResultJsonAsync(result);
    }

    [HttpPost]
    public virtual async Task<IActionResult> MarkStockArrived(int productId, int combinationId, int? units)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _actionService.MarkStockArrivedAsync(productId, combinationId, units));
    }

    /// <summary>A new expected ship date (a calendar day in the store's time zone) with the reason told to shoppers.</summary>
    [HttpPost]
    /// <remarks>With it, a compensation for everyone waiting (kind, amount, percent) and a swap product (#14.5).</remarks>
    public virtual async Task<IActionResult> ChangeShipDate(int productId, string newDate, string reason, bool penaltyFreeCancel,
        int compensationKind = 0, string compensationAmount = null, bool compensationIsPercent = false, int swapProductId = 0)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        var day = ParseDay(newDate);
        if (day == null && !string.IsNullOrWhiteSpace(newDate))
            return await ResultJsonAsync(AdminActionResult.Error(PreorderDefaults.Resources.ValueInvalid, newDate));
        var amount = 0m;
        if (compensationKind is (int)DelayCompensationKind.Coupon or (int)DelayCompensationKind.Refund)
        {
            var parsed = await ParseAmountAsync(compensationAmount);
            if (parsed.Value is not decimal value)
                return await ResultJsonAsync(AmountError(parsed, compensationAmount ?? string.Empty));
            amount = value;
        }
        var offer = new DelayOffer((DelayCompensationKind)compensationKind, amount, compensationIsPercent, swapProductId);
        var newDateUtc = ProductPreorderForm.ShipDateToUtc(day, _gridModelFactory.StoreTimeZone);
        return await ResultJsonAsync(await _actionService.ChangeShipDateAsync(productId, newDateUtc, reason, penaltyFreeCancel, offer.IsEmpty && Enum.IsDefined(offer.Kind) ? null : offer));
    }

    /// <summary>New balance due date (the end of a store-local day) for the selected lines.</summary>
    [HttpPost]
    public virtual async Task<IActionResult> RescheduleDueDates(ICollection<int> selectedIds, string newDueDate, string reason)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();
        if (ParseDay(newDueDate) is not DateTime day)
            return await ResultJsonAsync(AdminActionResult.Error(PreorderDefaults.Resources.DueDateInPast));

        var dueUtc = StoreTime.ToUtc(day.Date.AddDays(1).AddMinutes(-1), _gridModelFactory.StoreTimeZone);
        return await ResultJsonAsync(await _actionService.RescheduleDueDatesAsync(selectedIds?.ToList(), dueUtc, reason));
    }

    [HttpPost]
    public virtual async Task<IActionResult> EmailBuyers(int productId, string message)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _actionService.EmailBuyersAsync(productId, message));
    }

    [HttpPost]
    public virtual async Task<IActionResult> Extend(ICollection<int> selectedIds)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _actionService.ExtendAsync(selectedIds?.ToList()));
    }

    /// <summary>Approves the pending extension request of each selected line (the due date moves by the days asked for).</summary>
    [HttpPost]
    public virtual async Task<IActionResult> ApproveExtensionRequest(ICollection<int> selectedIds)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _extensionRequestAdminService.ApproveAsync(selectedIds?.ToList()));
    }

    [HttpPost]
    public virtual async Task<IActionResult> DeclineExtensionRequest(ICollection<int> selectedIds)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _extensionRequestAdminService.DeclineAsync(selectedIds?.ToList()));
    }

    [HttpPost]
    public virtual async Task<IActionResult> Cancel(ICollection<int> selectedIds, string reason, int settlementId, int reasonCode)
    {
        var settlement = (AdminSettlement)settlementId;
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage)
            || (settlement != AdminSettlement.Forfeit && !await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Refund)))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _actionService.CancelAsync(selectedIds?.ToList(), reason, settlement, reasonCode));
    }

    [HttpPost]
    public virtual async Task<IActionResult> ResendBalanceLink(int orderId, ICollection<int> selectedIds)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _actionService.ResendBalanceLinksAsync(await TargetOrdersAsync(orderId, selectedIds)));
    }

    [HttpPost]
    public virtual async Task<IActionResult> AddNote(int orderId, ICollection<int> selectedIds, string note)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _actionService.AddNoteAsync(await TargetOrdersAsync(orderId, selectedIds), note));
    }

    [HttpPost]
    public virtual async Task<IActionResult> Refund(int orderId, string amount, string reason, int accountVersion)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Refund))
            return await AccessDeniedJsonAsync();

        var parsed = await ParseAmountAsync(amount);
        if (parsed.Value is not decimal value)
            return await ResultJsonAsync(AmountError(parsed, amount));
        return await ResultJsonAsync(await _actionService.RefundAsync(orderId, value, reason, accountVersion));
    }

    /// <summary>The store confirms, fails or captures a payment or refund on its way (after checking the gateway).</summary>
    [HttpPost]
    public virtual async Task<IActionResult> ResolveAttempt(int entryId, int resolution)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Refund))
            return await AccessDeniedJsonAsync();
        if (!Enum.IsDefined(typeof(AttemptResolution), resolution))
            return await ResultJsonAsync(AdminActionResult.Error(PreorderDefaults.Resources.ValueInvalid));
        return await ResultJsonAsync(await _attemptResolutionService.ResolveAsync(entryId, (AttemptResolution)resolution));
    }

    [HttpPost]
    public virtual async Task<IActionResult> CheckLedger(int orderId)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return await AccessDeniedJsonAsync();

        return await ResultJsonAsync(await _actionService.CheckLedgerAsync(orderId));
    }

    #endregion

    #region Utilities

    /// <summary>
    /// An amount typed by the admin: in the admin's working language culture, or as number inputs send it
    /// ("12.50"); two readings that differ are refused (<see cref="AdminAmountParser"/>).
    /// </summary>
    private async Task<AmountParseResult> ParseAmountAsync(string text) =>
        AdminAmountParser.Parse(text, AdminAmountParser.CultureOf((await _workContext.GetWorkingLanguageAsync())?.LanguageCulture));

    private static AdminActionResult AmountError(AmountParseResult parsed, string text) => parsed.Status switch
    {
        AmountParseStatus.Ambiguous => AdminActionResult.Error(PreorderDefaults.Resources.AmountAmbiguous, text.Trim()),
        AmountParseStatus.Invalid => AdminActionResult.Error(PreorderDefaults.Resources.AmountUnreadable, text.Trim()),
        _ => AdminActionResult.Error(PreorderDefaults.Resources.AmountInvalid)
    };

    /// <summary>A calendar day as date inputs send it ("yyyy-MM-dd").</summary>
    private static DateTime? ParseDay(string text) =>
        DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>One order (order page) or the orders of the selected grid lines.</summary>
    private async Task<IList<int>> TargetOrdersAsync(int orderId, ICollection<int> selectedLineIds) =>
        orderId > 0 ? new List<int> { orderId } : await _actionService.OrderIdsOfLinesAsync(selectedLineIds?.ToList());

    /// <summary>The JSON the pages read: success, a summary, localized problems, plain details.</summary>
    protected virtual async Task<IActionResult> ResultJsonAsync(AdminActionResult result)
    {
        if (result.Denied)
            return await AccessDeniedJsonAsync();

        return Json(await AdminActionJson.BuildAsync(_localizationService, result));
    }

    #endregion
}
