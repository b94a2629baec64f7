using Nop.Core;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Security;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>What the store decides about a movement of money on its way.</summary>
public enum AttemptResolution
{
    /// <summary>The gateway (or the bank) shows the money moved: it counts.</summary>
    Confirm = 1,
    /// <summary>The gateway shows nothing moved: the attempt failed, its room is free again.</summary>
    Fail = 2,
    /// <summary>Capture an authorization through its payment method.</summary>
    Capture = 3
}

/// <summary>
/// The admin's side of attempts with no final outcome (the money path never repeats them blindly): an attempt
/// whose answer was lost, a payment the gateway left pending (Payments.Manual) or only authorized. The store
/// looks it up at the gateway (by the attempt guid the plugin sent) and confirms, fails or captures it here.
/// </summary>
public class AttemptResolutionService
{
    private readonly IPermissionService _permissionService;
    private readonly IWorkContext _workContext;
    private readonly MoneyMovementService _moneyMovementService;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderLedgerService _ledgerService;

    public AttemptResolutionService(IPermissionService permissionService,
        IWorkContext workContext,
        MoneyMovementService moneyMovementService,
        PreorderAuditService auditService,
        PreorderLedgerService ledgerService)
    {
        _permissionService = permissionService;
        _workContext = workContext;
        _moneyMovementService = moneyMovementService;
        _auditService = auditService;
        _ledgerService = ledgerService;
    }

    public virtual async Task<AdminActionResult> ResolveAsync(int entryId, AttemptResolution resolution)
    {
        var admin = await _workContext.GetCurrentCustomerAsync();
        if (admin == null || !await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Refund, admin))
            return AdminActionResult.AccessDenied();
        var entry = await _ledgerService.GetEntryAsync(entryId);
        if (entry == null || !GatewayOutcome.IsInFlight(entry.Status)
            || (resolution == AttemptResolution.Capture && entry.Status != LedgerEntryStatus.Authorized))
            return AdminActionResult.Error(PreorderDefaults.Resources.AttemptNotOnItsWay);

        var result = new AdminActionResult();
        if (resolution == AttemptResolution.Capture)
        {
            var captured = await _moneyMovementService.CaptureAsync(entry);
            if (!captured.Succeeded)
                return AdminActionResult.Error(PreorderDefaults.Resources.ChargeFailed, string.Join(" ", captured.Errors));
        }
        else if (!await _moneyMovementService.CompleteAsync(entry,
                     resolution == AttemptResolution.Confirm ? LedgerEntryStatus.Succeeded : LedgerEntryStatus.Failed,
                     note: $"{(resolution == AttemptResolution.Confirm ? "confirmed" : "failed")} by the store after checking the gateway"))
            return AdminActionResult.Error(PreorderDefaults.Resources.AttemptNotOnItsWay);

        result.Succeeded = 1;
        result.Count = 1;
        await _auditService.RecordAsync("Admin.Attempt" + resolution, admin.Id, entry.OrderId, lineId: entry.PreorderLineId,
            details: $"{entry.Kind} {entry.Amount:0.00##} {entry.Method} -> {entry.Status}");
        return result;
    }
}
