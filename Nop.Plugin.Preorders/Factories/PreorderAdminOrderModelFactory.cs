using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Security;
using static Nop.Plugin.Preorders.Factories.PreorderAdminModelHelper;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>
/// The pre-order block of nopCommerce's admin order page: the account's money, the lines, the payment schedule,
/// the ledger (as the ledger grid shows it) and the history. Amounts in the primary store currency; dates in the
/// store's time zone.
/// </summary>
public class PreorderAdminOrderModelFactory
{
    private const int HistorySize = 100;

    private readonly IPermissionService _permissionService;
    private readonly IRepository<PreorderAuditEntry> _auditRepository;
    private readonly PreorderAdminGridModelFactory _gridModelFactory;
    private readonly PreorderAdminModelHelper _helper;
    private readonly PreorderGridQueryService _gridQueryService;
    private readonly PreorderLedgerService _ledgerService;

    public PreorderAdminOrderModelFactory(IPermissionService permissionService,
        IRepository<PreorderAuditEntry> auditRepository,
        PreorderAdminGridModelFactory gridModelFactory,
        PreorderAdminModelHelper helper,
        PreorderGridQueryService gridQueryService,
        PreorderLedgerService ledgerService)
    {
        _permissionService = permissionService;
        _auditRepository = auditRepository;
        _gridModelFactory = gridModelFactory;
        _helper = helper;
        _gridQueryService = gridQueryService;
        _ledgerService = ledgerService;
    }

    /// <summary>The order page's block; null when the order has no pre-order lines.</summary>
    public virtual async Task<AdminOrderPreorderModel> PrepareOrderModelAsync(int orderId)
    {
        var account = await _ledgerService.GetAccountAsync(orderId);
        if (account == null)
            return null;
        // held, owed and the missing deposit from the one definition (AccountBalance)
        var balance = await _ledgerService.GetBalanceAsync(account);

        var zone = _helper.StoreTimeZone;
        var model = new AdminOrderPreorderModel
        {
            OrderId = orderId,
            AccountState = await _helper.ResourceAsync("Account." + account.State),
            OrderTotal = await _helper.PriceAsync(account.OrderTotal),
            DueAtCheckout = await _helper.PriceAsync(account.DueAtCheckout),
            Paid = await _helper.PriceAsync(account.PaidAmount),
            Refunded = await _helper.PriceAsync(account.RefundedAmount),
            Forfeited = await _helper.PriceAsync(account.ForfeitedAmount),
            Transferred = await _helper.PriceAsync(account.TransferredAmount),
            Outstanding = await _helper.PriceAsync(balance.Owed),
            OutstandingValue = balance.Owed,
            DepositMissingValue = balance.DepositOwed,
            NetHeldValue = balance.Held,
            PrimaryStoreCurrencyCode = await _helper.PrimaryCurrencyCodeAsync(),
            OrderCurrencyCode = account.CustomerCurrencyCode,
            NextDue = FormatDate(account.NextDueOnUtc, zone),
            ChargeMethod = string.IsNullOrEmpty(account.ChargeMethodSystemName) ? await _helper.ResourceAsync("Order.Offline") : account.ChargeMethodSystemName,
            AccountVersion = account.Version,
            AvailableSettlements = await _helper.SettlementItemsAsync(),
            CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage),
            CanRefund = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Refund)
        };

        var rows = await _gridQueryService.LineQuery(new PreorderLineFilter { OrderId = orderId }).OrderBy(r => r.Id).ToListAsync();
        var products = await _helper.ProductNamesAsync(rows.Select(r => r.ProductId));
        var states = await _helper.StateNamesAsync();
        var modes = await _helper.PaymentModeNamesAsync();
        var reservationText = await _helper.ResourceAsync("Reservation.Line");
        foreach (var r in rows)
        {
            model.Lines.Add(new AdminOrderLineModel
            {
                Id = r.Id,
                ProductId = r.ProductId,
                ProductName = products.GetValueOrDefault(r.ProductId) ?? r.ProductId.ToString(),
                Quantity = r.Quantity,
                StateId = r.StateId,
                State = states.GetValueOrDefault(r.StateId),
                PaymentMode = modes.GetValueOrDefault(r.PaymentModeId) + (r.IsReservation ? " · " + reservationText : null),
                LineTotal = await _helper.PriceAsync(r.LineTotal),
                Deposit = await _helper.PriceAsync(r.DepositAmount),
                BalanceDue = await _helper.PriceAsync(balance.Line(r.Id)?.BalanceOwed ?? 0m),
                PlacedOn = FormatDateTime(r.PlacedOnUtc, zone),
                DueDate = FormatDate(r.BalanceDueOnUtc, zone),
                ExpectedShipDate = FormatDate(r.ExpectedShipDateUtc, zone),
                ExtensionCount = r.ExtensionCount,
                CloseReason = r.CloseReason,
                CancelReason = r.CancelReason == CancellationReason.NotGiven ? null : await _helper.ReasonNameAsync(r.CancelReason),
                // the merchant's note is also the close reason: shown once
                CancelReasonText = r.CancelReasonText == r.CloseReason ? null : r.CancelReasonText,
                SplitFrom = r.SplitFromLineId == 0 ? null : string.Format(await _helper.ResourceAsync("Admin.SplitFromLine"), r.SplitFromLineId),
                CanExtend = r.State is PreorderLineState.BalanceDue or PreorderLineState.Overdue,
                CanReschedule = r.State is PreorderLineState.BalanceDue or PreorderLineState.Overdue,
                CanCancel = !PreorderLineStateMachine.IsClosed(r.State)
            });
        }

        foreach (var item in await _ledgerService.GetScheduleAsync(orderId))
            model.Schedule.Add(new AdminScheduleItemModel
            {
                Sequence = item.Sequence,
                Amount = await _helper.PriceAsync(item.Amount),
                Paid = await _helper.PriceAsync(item.PaidAmount),
                DueOn = item.DueOnUtc.HasValue ? FormatDate(item.DueOnUtc, zone) : await _helper.ResourceAsync("Order.DueOnArrival")
            });

        var entries = await _gridQueryService.LedgerQuery(new LedgerFilter { OrderId = orderId }).OrderBy(r => r.Id).ToListAsync();
        foreach (var entry in await _gridModelFactory.PrepareLedgerModelsAsync(entries))
            model.Ledger.Add(entry);

        var history = await _auditRepository.Table.Where(a => a.OrderId == orderId)
            .OrderByDescending(a => a.Id).Take(HistorySize).ToListAsync();
        var actors = await _helper.EmailsAsync(history.Select(h => h.CustomerId));
        var system = await _helper.ResourceAsync("Ledger.System");
        foreach (var entry in history)
            model.History.Add(new AdminHistoryItemModel
            {
                CreatedOn = FormatDateTime(entry.CreatedOnUtc, zone),
                Action = entry.Action,
                By = entry.CustomerId == 0 ? system : actors.GetValueOrDefault(entry.CustomerId) ?? entry.CustomerId.ToString(),
                Details = entry.Details
            });
        return model;
    }
}
