using Nop.Core;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using Nop.Services.Orders;
using Nop.Services.Security;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// What store staff do to pre-orders, single or in bulk. Every method checks the plugin's permission for
/// the current admin first (nothing changes when it is missing), then applies the change through the
/// plugin's services, and writes an "Admin.*" audit row per target with the admin's customer id. One
/// target failing (an illegal state, a concurrent change) does not stop the others; its problem is reported.
/// </summary>
public class PreorderAdminActionService
{
    /// <summary>Most targets of one bulk request.</summary>
    public const int MaxBulk = 1000;

    public const int MaxTextLength = 4000;

    /// <summary>Column sizes: a line's close reason, a ship date change's reason.</summary>
    public const int MaxCloseReasonLength = 1000;

    public const int MaxShipDateReasonLength = 2000;

    public const int MaxReferenceLength = 150;

    private readonly BalanceLinkService _balanceLinkService;
    private readonly BalancePaymentService _balancePaymentService;
    private readonly CapReservationService _capReservationService;
    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly IEventPublisher _eventPublisher;
    private readonly IOrderService _orderService;
    private readonly IPermissionService _permissionService;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly ISettingService _settingService;
    private readonly IWorkContext _workContext;
    private readonly PreorderAllocationService _allocationService;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderOrderService _preorderOrderService;
    private readonly PreorderSettlementService _settlementService;

    public PreorderAdminActionService(BalanceLinkService balanceLinkService,
        BalancePaymentService balancePaymentService,
        CapReservationService capReservationService,
        ConditionalUpdates conditionalUpdates,
        IEventPublisher eventPublisher,
        IOrderService orderService,
        IPermissionService permissionService,
        IRepository<PreorderLine> lineRepository,
        ISettingService settingService,
        IWorkContext workContext,
        PreorderAllocationService allocationService,
        PreorderAuditService auditService,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        PreorderLedgerService ledgerService,
        PreorderOrderService preorderOrderService,
        PreorderSettlementService settlementService)
    {
        _balanceLinkService = balanceLinkService;
        _balancePaymentService = balancePaymentService;
        _capReservationService = capReservationService;
        _conditionalUpdates = conditionalUpdates;
        _eventPublisher = eventPublisher;
        _orderService = orderService;
        _permissionService = permissionService;
        _lineRepository = lineRepository;
        _settingService = settingService;
        _workContext = workContext;
        _allocationService = allocationService;
        _auditService = auditService;
        _catalogService = catalogService;
        _clock = clock;
        _ledgerService = ledgerService;
        _preorderOrderService = preorderOrderService;
        _settlementService = settlementService;
    }

    #region Payments

    /// <summary>
    /// Confirms money received offline for an order. Without an amount: what the kind asks for (the rest of
    /// the deposit due at checkout, or everything outstanding). The reference identifies the payment: the
    /// same reference twice records once.
    /// </summary>
    public virtual async Task<AdminActionResult> ConfirmPaymentAsync(int orderId, decimal? amount, string reference, LedgerEntryKind kind) =>
        await ConfirmPaymentsAsync(new[] { orderId }, amount, reference, kind);

    /// <summary>Bulk confirmation: every order gets the amount its kind asks for (or <paramref name="amount"/> when given).</summary>
    public virtual async Task<AdminActionResult> ConfirmPaymentsAsync(IList<int> orderIds, decimal? amount, string reference, LedgerEntryKind kind)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (SelectionProblem(orderIds) is { } problem)
            return problem;
        if (string.IsNullOrWhiteSpace(reference))
            return AdminActionResult.Error(R.ReferenceRequired);
        // the reference is part of the payment's once-only key (200 characters with the order id)
        if (reference.Trim().Length > MaxReferenceLength)
            return AdminActionResult.Error(R.TextTooLong);
        if (kind is not (LedgerEntryKind.Deposit or LedgerEntryKind.Balance))
            return AdminActionResult.Error(R.PaymentKindInvalid);
        if (amount is <= 0m)
            return AdminActionResult.Error(R.AmountInvalid);

        var result = new AdminActionResult();
        foreach (var orderId in orderIds.Distinct())
        {
            await ForEachAsync(result, orderId, async () =>
            {
                var balance = await _ledgerService.GetBalanceAsync(orderId) ?? throw new PreorderRuleException(R.OrderNotFound);
                var due = amount ?? (kind == LedgerEntryKind.Deposit ? balance.DepositOwed : balance.Owed);
                if (due <= 0m)
                    throw new PreorderRuleException(R.NothingOutstanding);
                var payment = await _balancePaymentService.ConfirmOfflineAsync(orderId, due, reference.Trim(), admin.Id, kind);
                await _auditService.RecordAsync("Admin.PaymentConfirmed", admin.Id, orderId,
                    details: $"{kind} {due:0.00##} ref {reference.Trim()}{(payment.Duplicate ? " (already recorded)" : string.Empty)}");
            });
        }
        return result;
    }

    /// <summary>Refunds part of what an order holds (through the charging method where it can, else recorded as an offline refund).</summary>
    /// <param name="accountVersion">
    /// The account version the page showed: a precondition, not a key. The refund happens only if the order's
    /// money has not changed since (every movement moves the version on), so a second submit of the same form,
    /// or one from a page left open, is refused with "reload" instead of refunding again; two submits at the same
    /// moment share the server's key and refund once.
    /// </param>
    public virtual async Task<AdminActionResult> RefundAsync(int orderId, decimal amount, string reason, int accountVersion)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Refund);
        if (denied != null)
            return denied;
        if (string.IsNullOrWhiteSpace(reason))
            return AdminActionResult.Error(R.ReasonRequired);
        if (amount <= 0m)
            return AdminActionResult.Error(R.AmountInvalid);

        var result = new AdminActionResult();
        await ForEachAsync(result, orderId, async () =>
        {
            var method = await _settlementService.RefundAsync(orderId, 0, amount, $"admin-refund:{orderId}:", admin.Id, Truncate(reason.Trim()),
                expectedAccountVersion: accountVersion);
            await _auditService.RecordAsync("Admin.Refunded", admin.Id, orderId, details: $"{amount:0.00##} via {method}; {Truncate(reason.Trim())}");
            result.Details.Add(method);
        });
        return result;
    }

    /// <summary>The ledger check: ledger totals against the account and nopCommerce's order; findings in <see cref="AdminActionResult.Details"/>.</summary>
    public virtual async Task<AdminActionResult> CheckLedgerAsync(int orderId)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.View);
        if (denied != null)
            return denied;

        var result = new AdminActionResult();
        var problems = await _ledgerService.ReconcileAsync(orderId);
        foreach (var problem in problems)
            result.Details.Add(problem);
        result.Count = problems.Count;
        result.Succeeded = 1;
        await _auditService.RecordAsync("Admin.LedgerChecked", admin.Id, orderId,
            details: problems.Count == 0 ? "consistent" : string.Join("; ", problems));
        return result;
    }

    #endregion

    #region Product

    /// <summary>
    /// Stock arrived: runs FIFO allocation for the product (or one attribute combination). Without
    /// <paramref name="units"/> the allocatable units come from the stock on hand in nopCommerce.
    /// </summary>
    public virtual async Task<AdminActionResult> MarkStockArrivedAsync(int productId, int combinationId, int? units)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (units is <= 0 || productId <= 0)
            return AdminActionResult.Error(R.ValueInvalid, units is <= 0 ? units : productId);

        var result = new AdminActionResult();
        await ForEachAsync(result, productId, async () =>
        {
            var allocated = units is int given
                ? await _allocationService.AllocateAsync(productId, combinationId, given, admin.Id)
                : await _allocationService.AllocateFromStockAsync(productId, combinationId, admin.Id);
            result.Count = allocated;
            await _auditService.RecordAsync("Admin.StockArrived", admin.Id, productId: productId,
                details: $"{allocated} unit(s) allocated{(units is int u ? $" of {u} arrived" : " from stock on hand")}, combination {combinationId}");
        });
        return result;
    }

    /// <summary>
    /// Moves the product's expected ship date with the reason shoppers are told: the catalog service records
    /// the change and publishes the <see cref="PreorderEventKind.ShipDateChanged"/> event the notifications
    /// send. Penalty-free cancellation is offered when the merchant chooses it or the store policy says so
    /// (<see cref="ShipDatePolicy"/>).
    /// </summary>
    /// <param name="delayOffer">A compensation for everyone waiting and a swap product (#14.5); null: none. Checked before anything is saved.</param>
    public virtual async Task<AdminActionResult> ChangeShipDateAsync(int productId, DateTime? newDateUtc, string reason, bool offerPenaltyFreeCancel,
        DelayOffer delayOffer = null)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (string.IsNullOrWhiteSpace(reason))
            return AdminActionResult.Error(R.ReasonRequired);
        if (reason.Trim().Length > MaxShipDateReasonLength)
            return AdminActionResult.Error(R.TextTooLong);

        var profile = await _catalogService.GetProfileAsync(productId);
        if (profile == null)
            return AdminActionResult.Error(R.ProfileNotFound);
        var oldDate = profile.ExpectedShipDateUtc;
        if (oldDate == newDateUtc)
            return AdminActionResult.Error(R.ShipDateUnchanged);

        if (delayOffer != null)
        {
            var offerErrors = DelayCompensationRules.Validate(delayOffer, productId);
            if (offerErrors.Count == 0 && delayOffer.SwapProductId != 0 && !(await _catalogService.GetSnapshotAsync(delayOffer.SwapProductId)).IsPreorder)
                offerErrors.Add(new RuleError(R.SwapTargetNotPreorder));
            if (offerErrors.Count > 0)
            {
                var refused = new AdminActionResult();
                foreach (var error in offerErrors)
                    refused.Errors.Add(new AdminActionMessage(error.ResourceKey, error.Args, productId));
                return refused;
            }
            delayOffer = DelayCompensationRules.Normalize(delayOffer);
        }

        var settings = await _settingService.LoadSettingAsync<PreorderSettings>();
        var penaltyFree = offerPenaltyFreeCancel || ShipDatePolicy.PenaltyFreeByPolicy(oldDate, newDateUtc, settings);
        profile.ExpectedShipDateUtc = newDateUtc;
        var errors = await _catalogService.SaveAsync(new PreorderProfileEdit
        {
            Profile = profile,
            // the product's own deposit rule stays (null would switch it to the store default)
            DepositRule = _catalogService.ParseRule(profile.DepositRuleJson),
            ShipDateChangeReason = reason.Trim(),
            PenaltyFreeCancel = penaltyFree,
            DelayOffer = delayOffer
        }, admin.Id);
        if (errors.Count > 0)
        {
            var failed = new AdminActionResult();
            foreach (var error in errors)
                failed.Errors.Add(new AdminActionMessage(error.ResourceKey, error.Args, productId));
            return failed;
        }

        await _auditService.RecordAsync("Admin.ShipDateChanged", admin.Id, productId: productId,
            details: $"{oldDate:yyyy-MM-dd} -> {newDateUtc:yyyy-MM-dd}; penalty-free cancel: {penaltyFree}; {reason.Trim()}"
                + (delayOffer is { IsEmpty: false } o ? $"; compensation {o.Kind} {o.Amount}{(o.IsPercent ? "%" : "")}, swap to {o.SwapProductId}" : ""));
        var result = new AdminActionResult { Succeeded = 1 };
        if (penaltyFree)
            result.Details.Add("penalty-free");
        return result;
    }

    /// <summary>
    /// A free-text message to every buyer with an open pre-order of the product: one <see cref="PreorderEventKind.MerchantMessage"/>
    /// event per order (the notifications send it through the plugin's template). Returns the number of orders.
    /// </summary>
    public virtual async Task<AdminActionResult> EmailBuyersAsync(int productId, string message)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (string.IsNullOrWhiteSpace(message))
            return AdminActionResult.Error(R.MessageRequired);
        if (message.Length > MaxTextLength)
            return AdminActionResult.Error(R.TextTooLong);

        const int shipped = (int)PreorderLineState.Shipped;
        const int cancelled = (int)PreorderLineState.Cancelled;
        const int expired = (int)PreorderLineState.Expired;
        var orderIds = await _lineRepository.Table
            .Where(l => l.ProductId == productId && l.StateId != shipped && l.StateId != cancelled && l.StateId != expired)
            .Select(l => l.OrderId).Distinct().OrderBy(id => id).ToListAsync();

        var messageId = Guid.NewGuid().ToString("N");
        var text = message.Trim();
        foreach (var orderId in orderIds)
            await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.MerchantMessage, $"merchant-message:{messageId}:{orderId}", orderId, productId)
            {
                Reason = text
            });
        await _auditService.RecordAsync("Admin.BuyersEmailed", admin.Id, productId: productId, details: $"{orderIds.Count} order(s): {text}");
        return new AdminActionResult { Succeeded = orderIds.Count, Count = orderIds.Count };
    }

    #endregion

    #region Lines

    /// <summary>
    /// New balance due dates for lines that owe their balance; overdue lines become due again. Shoppers are
    /// told of a later date (an <see cref="PreorderEventKind.ExtensionGranted"/> event).
    /// </summary>
    public virtual async Task<AdminActionResult> RescheduleDueDatesAsync(IList<int> lineIds, DateTime newDueUtc, string reason)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (SelectionProblem(lineIds) is { } problem)
            return problem;
        if (newDueUtc <= _clock.UtcNow)
            return AdminActionResult.Error(R.DueDateInPast);

        var result = new AdminActionResult();
        foreach (var lineId in lineIds.Distinct())
        {
            await ForEachAsync(result, lineId, async () =>
            {
                var (line, oldDue) = await RescheduleLineAsync(lineId, newDueUtc);
                await _ledgerService.RefreshAccountAsync(line.OrderId);
                await _auditService.RecordAsync("Admin.DueDateRescheduled", admin.Id, line.OrderId, line.ProductId, line.Id,
                    $"{oldDue:u} -> {newDueUtc:u}; {Truncate(reason?.Trim())}");
                if (oldDue == null || newDueUtc > oldDue)
                    await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.ExtensionGranted, $"rescheduled:{line.Id}:v{line.Version}", line.OrderId, line.ProductId, line.Id)
                    {
                        NewDateUtc = newDueUtc,
                        OldDateUtc = oldDue,
                        Reason = reason?.Trim()
                    });
            });
        }
        return result;
    }

    /// <summary>Grants one more extension per line (the merchant's approval, beyond the shopper's automatic ones).</summary>
    public virtual async Task<AdminActionResult> ExtendAsync(IList<int> lineIds)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (SelectionProblem(lineIds) is { } problem)
            return problem;

        var result = new AdminActionResult();
        foreach (var lineId in lineIds.Distinct())
        {
            await ForEachAsync(result, lineId, async () =>
            {
                var line = await _preorderOrderService.GetLineAsync(lineId) ?? throw new PreorderRuleException(R.OrderNotFound);
                var settings = await _settingService.LoadSettingAsync<PreorderSettings>(line.StoreId);
                var extended = await _preorderOrderService.ExtendAsync(lineId, admin.Id, approvedByMerchant: true, settings);
                await _auditService.RecordAsync("Admin.ReservationExtended", admin.Id, extended.OrderId, extended.ProductId, extended.Id,
                    $"due {extended.BalanceDueOnUtc:u}");
            });
        }
        return result;
    }

    /// <summary>
    /// Cancels lines: units go back to the cap, the money held is refunded, forfeited (the deposit kept,
    /// the rest refunded) or moved to a gift card. Refunds and transfers also need the Refund permission.
    /// <paramref name="reasonCode"/> is one of the merchant's reasons (<see cref="CancellationReasonRules.MerchantReasons"/>),
    /// stored on each line with <paramref name="reason"/>, the note the shopper is told.
    /// </summary>
    public virtual async Task<AdminActionResult> CancelAsync(IList<int> lineIds, string reason, AdminSettlement settlement, int reasonCode)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (settlement != AdminSettlement.Forfeit && !await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Refund, admin))
            return AdminActionResult.AccessDenied();
        if (SelectionProblem(lineIds) is { } problem)
            return problem;
        if (!Enum.IsDefined(settlement))
            return AdminActionResult.Error(R.ValueInvalid, (int)settlement);
        CancellationReasonChoice choice;
        try
        {
            choice = CancellationReasonRules.Validate(CancellationActor.Merchant, reasonCode, reason);
        }
        catch (PreorderRuleException ex)
        {
            return AdminActionResult.Error(ex.ResourceKey, ex.Args);
        }

        var text = choice.Text;
        var result = new AdminActionResult();
        foreach (var lineId in lineIds.Distinct())
        {
            await ForEachAsync(result, lineId, async () =>
            {
                var line = await _preorderOrderService.GetLineAsync(lineId) ?? throw new PreorderRuleException(R.OrderNotFound);
                if (PreorderLineStateMachine.IsClosed(line.State))
                    throw new PreorderRuleException(R.AlreadyClosed);
                var cancelled = settlement switch
                {
                    AdminSettlement.Refund => await _preorderOrderService.CancelLineAsync(lineId, text, admin.Id, CancellationTerms.Refundable, reasonChoice: choice),
                    AdminSettlement.Forfeit => await _preorderOrderService.CancelLineAsync(lineId, text, admin.Id, CancellationTerms.DepositForfeited, reasonChoice: choice),
                    _ => await _preorderOrderService.CancelLineAsync(lineId, text, admin.Id, CancellationTerms.Refundable,
                        settlementPolicy: DepositExpiryPolicy.TransferToGiftCard, reasonChoice: choice)
                };
                if (!cancelled)
                    throw new PreorderRuleException(R.AlreadyClosed);
                await _auditService.RecordAsync("Admin.LineCancelled", admin.Id, line.OrderId, line.ProductId, line.Id, $"{settlement}; {choice.Reason}; {text}");
            });
        }
        return result;
    }

    #endregion

    #region Orders

    /// <summary>
    /// Resends the balance link: the order's older links are revoked now, and a <see cref="PreorderEventKind.BalanceLinkRequested"/>
    /// event asks the notifications to issue a fresh link and e-mail it (the raw token exists only in that e-mail).
    /// </summary>
    public virtual async Task<AdminActionResult> ResendBalanceLinksAsync(IList<int> orderIds)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (SelectionProblem(orderIds) is { } problem)
            return problem;

        var result = new AdminActionResult();
        foreach (var orderId in orderIds.Distinct())
        {
            await ForEachAsync(result, orderId, async () =>
            {
                var balance = await _ledgerService.GetBalanceAsync(orderId) ?? throw new PreorderRuleException(R.OrderNotFound);
                if (balance.Owed <= 0m)
                    throw new PreorderRuleException(R.NothingOutstanding);
                await _balanceLinkService.RevokeAllAsync(orderId, admin.Id);
                await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.BalanceLinkRequested, $"balance-link:{orderId}:{_clock.UtcNow.Ticks}", orderId)
                {
                    Amount = balance.Owed
                });
                await _auditService.RecordAsync("Admin.BalanceLinkResent", admin.Id, orderId);
            });
        }
        return result;
    }

    /// <summary>A note on orders: kept in the pre-order history and added to nopCommerce's order notes (not shown to the customer).</summary>
    public virtual async Task<AdminActionResult> AddNoteAsync(IList<int> orderIds, string note, int lineId = 0)
    {
        var (admin, denied) = await AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        if (denied != null)
            return denied;
        if (SelectionProblem(orderIds) is { } problem)
            return problem;
        if (string.IsNullOrWhiteSpace(note))
            return AdminActionResult.Error(R.MessageRequired);
        if (note.Length > MaxTextLength)
            return AdminActionResult.Error(R.TextTooLong);

        var text = note.Trim();
        var result = new AdminActionResult();
        foreach (var orderId in orderIds.Distinct())
        {
            await ForEachAsync(result, orderId, async () =>
            {
                if (await _ledgerService.GetAccountAsync(orderId) == null)
                    throw new PreorderRuleException(R.OrderNotFound);
                await _auditService.RecordAsync("Admin.Note", admin.Id, orderId, lineId: lineId, details: text);
                await _orderService.InsertOrderNoteAsync(new OrderNote
                {
                    OrderId = orderId,
                    Note = "Pre-orders: " + text,
                    DisplayToCustomer = false,
                    CreatedOnUtc = _clock.UtcNow
                });
            });
        }
        return result;
    }

    /// <summary>The orders of selected lines (for order-level bulk actions started from the pre-orders grid).</summary>
    public virtual async Task<IList<int>> OrderIdsOfLinesAsync(IList<int> lineIds)
    {
        if (lineIds == null || lineIds.Count == 0)
            return new List<int>();
        var ids = lineIds.Distinct().Take(MaxBulk).ToArray();
        return await _lineRepository.Table.Where(l => ids.Contains(l.Id)).Select(l => l.OrderId).Distinct().OrderBy(id => id).ToListAsync();
    }

    #endregion

    #region Utilities

    /// <summary>The current admin, or an access-denied result when the permission is missing.</summary>
    protected virtual async Task<(Customer Admin, AdminActionResult Denied)> AuthorizeAsync(string permission)
    {
        var admin = await _workContext.GetCurrentCustomerAsync();
        if (admin == null || !await _permissionService.AuthorizeAsync(permission, admin))
            return (admin, AdminActionResult.AccessDenied());
        return (admin, null);
    }

    private async Task<(PreorderLine Line, DateTime? OldDue)> RescheduleLineAsync(int lineId, DateTime newDueUtc)
    {
        return await ConflictRetry.RunAsync<(PreorderLine, DateTime?)>(async () =>
        {
            var line = await _preorderOrderService.GetLineAsync(lineId) ?? throw new PreorderRuleException(R.OrderNotFound);
            if (line.State is not (PreorderLineState.BalanceDue or PreorderLineState.Overdue))
                throw new PreorderRuleException(R.RescheduleNotAllowed);
            var oldDue = line.BalanceDueOnUtc;
            if (line.State == PreorderLineState.Overdue)
            {
                PreorderLineStateMachine.EnsureCanMove(line.State, PreorderLineState.BalanceDue);
                line.State = PreorderLineState.BalanceDue;
            }
            line.BalanceDueOnUtc = newDueUtc;
            line.UpdatedOnUtc = _clock.UtcNow;
            if (!await _conditionalUpdates.TryUpdateLineAsync(line))
                return (false, default);
            await _conditionalUpdates.MoveInstallmentDueAsync(line.OrderId, oldDue, newDueUtc);
            return (true, (line, oldDue));
        });
    }

    internal static AdminActionResult SelectionProblem(IList<int> ids)
    {
        if (ids == null || ids.Count == 0 || ids.All(id => id <= 0))
            return AdminActionResult.Error(R.NothingSelected);
        if (ids.Distinct().Count() > MaxBulk)
            return AdminActionResult.Error(R.TooManySelected, MaxBulk);
        return null;
    }

    /// <summary>Runs the action for one target; a rule problem is reported for that target and the others go on.</summary>
    internal static async Task ForEachAsync(AdminActionResult result, int targetId, Func<Task> action)
    {
        try
        {
            await action();
            result.Succeeded++;
        }
        catch (PreorderRuleException ex)
        {
            result.Errors.Add(new AdminActionMessage(ex.ResourceKey, ex.Args, targetId));
        }
    }

    private static string Truncate(string value) => StoredText.Truncate(value, MaxTextLength);

    #endregion
}
