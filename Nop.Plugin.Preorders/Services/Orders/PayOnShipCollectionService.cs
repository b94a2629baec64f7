using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Shipping;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// "Pay when it ships": a shipment carrying a pay-on-ship line whose stock arrived makes its balance due now
/// (<see cref="PayOnShipRules"/>). The balance is charged at once through the automatic charge of the order's
/// balance installment (<see cref="BalancePaymentService.ChargeAutomaticallyAsync"/>: pending before the gateway
/// call, keyed by the installment and attempt, completed from the gateway's answer); the task's retries of that
/// installment go on from there. Without a stored payment, or when declined, the shopper is e-mailed the balance
/// link. Either way the line is held: it is not shipped until paid (<see cref="HeldShipmentService"/> ships it then,
/// or the merchant ships it without payment), and the merchant gets a private order note.
/// </summary>
public class PayOnShipCollectionService
{
    /// <summary>Audit action marking a line held by the shipment that made its balance due (details: the shipment id).</summary>
    public const string HeldAction = "ShipmentAwaitsPayment";

    private readonly BalancePaymentService _balancePaymentService;
    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly IEventPublisher _eventPublisher;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;

    public PayOnShipCollectionService(BalancePaymentService balancePaymentService,
        ConditionalUpdates conditionalUpdates,
        IEventPublisher eventPublisher,
        ILocalizationService localizationService,
        IOrderService orderService,
        PreorderAuditService auditService,
        PreorderClock clock,
        PreorderLedgerService ledgerService)
    {
        _balancePaymentService = balancePaymentService;
        _conditionalUpdates = conditionalUpdates;
        _eventPublisher = eventPublisher;
        _localizationService = localizationService;
        _orderService = orderService;
        _auditService = auditService;
        _clock = clock;
        _ledgerService = ledgerService;
    }

    /// <summary>
    /// Collects the balances this shipment makes due; returns whether any line changed (the caller reads the lines
    /// again). A repeated event collects nothing twice: the line's due date is set with compare-and-set first.
    /// </summary>
    public virtual async Task<bool> CollectAsync(Shipment shipment, IList<PreorderLine> lines, IReadOnlySet<int> orderItemIdsInShipment)
    {
        var falling = PayOnShipRules.FallingDue(lines, orderItemIdsInShipment);
        if (falling.Count == 0)
            return false;

        var order = await _orderService.GetOrderByIdAsync(shipment.OrderId);
        var changed = false;
        foreach (var line in falling)
        {
            var now = _clock.UtcNow;
            line.BalanceDueOnUtc = now;
            line.UpdatedOnUtc = now;
            // another request (a repeated event, another node) dated it first: it collects, not this one
            if (!await _conditionalUpdates.TryUpdateLineAsync(line))
                continue;
            changed = true;

            // the order's balance installment falls due with it, so the task's charge retries and reminders follow
            await _conditionalUpdates.DateUndatedInstallmentsAsync(new[] { line.OrderId }, now);
            // the account's next due date is worked out again from the dated line and installment
            await _ledgerService.RefreshAccountAsync(line.OrderId);
            // recorded before the charge: a charge that pays the line ships it (HeldShipmentService, on "paid in full")
            await _auditService.RecordAsync(HeldAction, 0, line.OrderId, line.ProductId, line.Id, $"shipment {shipment.Id}");

            var collection = PayOnShipRules.AfterCharge(order == null ? null : await ChargeAsync(order, line));
            if (collection == ShipmentCollection.LinkSent && (await _ledgerService.GetBalanceAsync(line.OrderId))?.LineOwed(line.Id) is decimal owed && owed > 0m)
                // one message per line and shipment: the key names the line, so a repeat finds it recorded
                await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.BalanceLinkRequested, $"balance-link:{line.OrderId}:ship{line.Id}", line.OrderId, line.ProductId, line.Id)
                {
                    Amount = owed
                });
            if (collection != ShipmentCollection.Charged)
                await NoteAsync(shipment, line, collection);
        }
        return changed;
    }

    /// <summary>The automatic charge of what the line owes, as the order's balance installment's next attempt; null when none was made.</summary>
    private async Task<LedgerEntryStatus?> ChargeAsync(Order order, PreorderLine line)
    {
        var owed = (await _ledgerService.GetBalanceAsync(order.Id))?.LineOwed(line.Id) ?? 0m;
        if (owed <= 0m)
            return LedgerEntryStatus.Succeeded;
        var schedule = await _ledgerService.GetScheduleAsync(order.Id);
        // the balance installment's key: a decline here counts as its first attempt, so the task backs off from it
        var dueKey = schedule.Count > 1 ? $"i{schedule.Max(i => i.Sequence)}" : $"ship{line.Id}";
        var failed = await _balancePaymentService.FailedAttemptsAsync(order.Id, dueKey);
        var result = await _balancePaymentService.ChargeAutomaticallyAsync(order, owed, dueKey, failed + 1);
        return result.Entry?.Status;
    }

    private async Task NoteAsync(Shipment shipment, PreorderLine line, ShipmentCollection collection)
    {
        var text = await _localizationService.GetResourceAsync(PreorderDefaults.Resources.ShipmentAwaitsPayment);
        var how = await _localizationService.GetResourceAsync(collection == ShipmentCollection.AwaitingGateway
            ? PreorderDefaults.Resources.ShipmentChargeAwaitingGateway
            : PreorderDefaults.Resources.ShipmentBalanceLinkSent);
        await _orderService.InsertOrderNoteAsync(new OrderNote
        {
            OrderId = line.OrderId,
            Note = string.Format(text, line.Id, shipment.Id, how),
            DisplayToCustomer = false,
            CreatedOnUtc = _clock.UtcNow
        });
    }
}
