using LinqToDB.Data;
using Nop.Core;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using Nop.Services.Security;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// The merchant's answer to shoppers' requests for more time, one click per selection of grid rows (lines), as the other
/// admin actions (<see cref="PreorderAdminActionService"/>: permission first, an "Admin.*" audit row per line, one line's
/// problem does not stop the others). The decision is a conditional UPDATE from Pending: of two clicks (two admins, two
/// nodes) one decides, the other is told the request is no longer pending.
/// </summary>
public class ExtensionRequestAdminService
{
    private static readonly string DecideSql =
        $"UPDATE {PreorderDbNames.Table<PreorderExtensionRequest>()} SET status_id = @to, decided_on_utc = @on, decided_by_customer_id = @by " +
        "WHERE id = @id AND status_id = @pending";

    private static readonly string ReopenSql =
        $"UPDATE {PreorderDbNames.Table<PreorderExtensionRequest>()} SET status_id = @pending, decided_on_utc = NULL, decided_by_customer_id = 0 " +
        "WHERE id = @id AND status_id = @to AND decided_on_utc = @on";

    private readonly ExtensionRequestService _requestService;
    private readonly INopDataProvider _dataProvider;
    private readonly IPermissionService _permissionService;
    private readonly ISettingService _settingService;
    private readonly IWorkContext _workContext;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;
    private readonly PreorderOrderService _orderPreorderService;

    public ExtensionRequestAdminService(ExtensionRequestService requestService,
        INopDataProvider dataProvider,
        IPermissionService permissionService,
        ISettingService settingService,
        IWorkContext workContext,
        PreorderAuditService auditService,
        PreorderClock clock,
        PreorderOrderService orderPreorderService)
    {
        _requestService = requestService;
        _dataProvider = dataProvider;
        _permissionService = permissionService;
        _settingService = settingService;
        _workContext = workContext;
        _auditService = auditService;
        _clock = clock;
        _orderPreorderService = orderPreorderService;
    }

    /// <summary>Approves the pending request of each line: the due date moves by the requested days through the merchant's extension (and its "extension granted" e-mail).</summary>
    public virtual Task<AdminActionResult> ApproveAsync(IList<int> lineIds) => DecideAsync(lineIds, ExtensionRequestStatus.Approved);

    /// <summary>Declines the pending request of each line: the due date stays, the shopper is e-mailed.</summary>
    public virtual Task<AdminActionResult> DeclineAsync(IList<int> lineIds) => DecideAsync(lineIds, ExtensionRequestStatus.Declined);

    protected virtual async Task<AdminActionResult> DecideAsync(IList<int> lineIds, ExtensionRequestStatus decision)
    {
        var admin = await _workContext.GetCurrentCustomerAsync();
        if (admin == null || !await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage, admin))
            return AdminActionResult.AccessDenied();
        if (PreorderAdminActionService.SelectionProblem(lineIds) is { } problem)
            return problem;

        var result = new AdminActionResult();
        foreach (var lineId in lineIds.Distinct())
            await PreorderAdminActionService.ForEachAsync(result, lineId, () => DecideLineAsync(lineId, decision, admin.Id));
        return result;
    }

    private async Task DecideLineAsync(int lineId, ExtensionRequestStatus decision, int adminId)
    {
        var line = await _orderPreorderService.GetLineAsync(lineId) ?? throw new PreorderRuleException(R.OrderNotFound);
        var request = await _requestService.PendingAsync(lineId);
        if (request == null)
            throw new PreorderRuleException(R.ExtensionRequestNotPending);
        // an approval needs a balance that can still move; a decline is always possible while the request is pending
        if (decision == ExtensionRequestStatus.Approved && !ExtensionRequestRules.CanDecide(request, line))
            throw new PreorderRuleException(R.ExtensionNotAllowed);

        var on = _clock.UtcNow;
        if (!await ClaimAsync(request.Id, decision, on, adminId))
            throw new PreorderRuleException(R.ExtensionRequestNotPending);
        request.Status = decision;
        request.DecidedOnUtc = on;
        request.DecidedByCustomerId = adminId;

        if (decision == ExtensionRequestStatus.Approved)
        {
            PreorderLine extended;
            try
            {
                var settings = await _settingService.LoadSettingAsync<PreorderSettings>(line.StoreId);
                extended = await _orderPreorderService.ExtendAsync(line.Id, adminId, approvedByMerchant: true, settings, request.RequestedDays);
            }
            catch (PreorderRuleException)
            {
                // the line moved on meanwhile (paid, expired): the request stays pending for the merchant to see
                await ReopenAsync(request.Id, decision, on);
                throw;
            }
            await _auditService.RecordAsync("Admin.ExtensionRequestApproved", adminId, line.OrderId, line.ProductId, line.Id,
                $"request {request.Id}: {request.RequestedDays} day(s), due {extended.BalanceDueOnUtc:u}");
        }
        else
        {
            await _auditService.RecordAsync("Admin.ExtensionRequestDeclined", adminId, line.OrderId, line.ProductId, line.Id,
                $"request {request.Id}: {request.RequestedDays} day(s)");
            await _requestService.NotifyAsync(K.ExtensionDeclined, request, line);
        }
    }

    private async Task<bool> ClaimAsync(int requestId, ExtensionRequestStatus decision, DateTime on, int adminId) =>
        await _dataProvider.ExecuteNonQueryAsync(DecideSql,
            new DataParameter("to", (int)decision, PreorderDataTypes.Int32),
            new DataParameter("on", on, PreorderDataTypes.DateTime2),
            new DataParameter("by", adminId, PreorderDataTypes.Int32),
            new DataParameter("id", requestId, PreorderDataTypes.Int32),
            new DataParameter("pending", (int)ExtensionRequestStatus.Pending, PreorderDataTypes.Int32)) == 1;

    private async Task ReopenAsync(int requestId, ExtensionRequestStatus decision, DateTime on) =>
        await _dataProvider.ExecuteNonQueryAsync(ReopenSql,
            new DataParameter("pending", (int)ExtensionRequestStatus.Pending, PreorderDataTypes.Int32),
            new DataParameter("id", requestId, PreorderDataTypes.Int32),
            new DataParameter("to", (int)decision, PreorderDataTypes.Int32),
            new DataParameter("on", on, PreorderDataTypes.DateTime2));
}
