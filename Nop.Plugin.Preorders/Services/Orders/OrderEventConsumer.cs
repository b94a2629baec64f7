using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Shipping;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Services.Configuration;
using Nop.Services.Events;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// nopCommerce events the plugin reacts to. nopCommerce has no order-cancelled event: a cancellation is an
/// OrderStatusChangedEvent whose new status is Cancelled. Stock changes are <see cref="Catalog.ProductStockEventConsumer"/>'s.
/// Each handler is idempotent: events may repeat.
/// </summary>
public class OrderEventConsumer :
    IConsumer<OrderPlacedEvent>,
    IConsumer<OrderPaidEvent>,
    IConsumer<OrderStatusChangedEvent>,
    IConsumer<OrderRefundedEvent>,
    IConsumer<ShipmentSentEvent>,
    IConsumer<ShoppingCartItemMovedToOrderItemEvent>
{
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderLedgerService _ledgerService;
    private readonly MoneyMovementService _moneyMovementService;
    private readonly PreorderOrderService _orderPreorderService;
    private readonly PlacedOrderItems _placedOrderItems;
    private readonly PreorderShipmentService _shipmentService;
    private readonly ReservationIntentService _reservationIntents;

    public OrderEventConsumer(PreorderCatalogService catalogService,
        PreorderLedgerService ledgerService,
        MoneyMovementService moneyMovementService,
        PreorderOrderService orderPreorderService,
        PlacedOrderItems placedOrderItems,
        PreorderShipmentService shipmentService,
        ReservationIntentService reservationIntents)
    {
        _reservationIntents = reservationIntents;
        _catalogService = catalogService;
        _ledgerService = ledgerService;
        _moneyMovementService = moneyMovementService;
        _orderPreorderService = orderPreorderService;
        _placedOrderItems = placedOrderItems;
        _shipmentService = shipmentService;
    }

    public async Task HandleEventAsync(OrderPlacedEvent eventMessage)
    {
        // the items nopCommerce moved into this order in this request: none a pre-order, nothing to do (cached checks only)
        if (_placedOrderItems.Take(eventMessage.Order.Id) is { } items && !await AnyPreorderAsync(items, eventMessage.Order.CustomerId))
            return;
        await _orderPreorderService.PlaceAsync(eventMessage.Order);
    }

    /// <summary>nopCommerce moved a cart item into the order it is placing (before OrderPlacedEvent, same request).</summary>
    public Task HandleEventAsync(ShoppingCartItemMovedToOrderItemEvent eventMessage)
    {
        _placedOrderItems.Add(eventMessage.OrderItem);
        return Task.CompletedTask;
    }

    private async Task<bool> AnyPreorderAsync(IEnumerable<OrderItem> items, int customerId)
    {
        foreach (var item in items)
            // a reservation of an in-stock item is placed like a pre-order (the intent is read only for a flagged product)
            if ((await _catalogService.GetSnapshotAsync(item.ProductId)).IsPreorder || await _reservationIntents.IsReservationAsync(customerId, item.ProductId))
                return true;
        return false;
    }

    /// <summary>
    /// Paid through nopCommerce (admin "Mark as paid", a full payment by another method): payments the gateway
    /// accepted without moving money (awaiting confirmation: the store has now charged them; authorized: nopCommerce
    /// says the order is paid) are confirmed, then the rest is recorded once. The plugin's own mark (it marks only
    /// an order that owes nothing) finds nothing to record. Marked again after a refund: the store says it has the money.
    /// </summary>
    public async Task HandleEventAsync(OrderPaidEvent eventMessage)
    {
        var order = eventMessage.Order;
        var account = await _ledgerService.GetAccountAsync(order.Id);
        if (account == null)
            return;
        // a placement a crash interrupted: completed first, so what is recorded as paid is what the order owes
        if (account.State != PreorderAccountState.Closed && (await _orderPreorderService.GetLinesAsync(order.Id)).Count == 0)
            await _orderPreorderService.ResumePlacementAsync(order);
        // the plugin's own mark (it marks only an order paid in full), or paid already: nothing to confirm or record.
        // A closed order marked paid: what the merchant took at the terminal is confirmed, then settled by the task
        if ((await _ledgerService.GetBalanceAsync(account)).IsPaidInFull)
            return;
        foreach (var accepted in (await _ledgerService.GetEntriesAsync(order.Id))
                     .Where(e => e.Status is LedgerEntryStatus.AwaitingConfirmation or LedgerEntryStatus.Authorized))
            await _moneyMovementService.CompleteAsync(accepted, LedgerEntryStatus.Succeeded, note: "confirmed: marked as paid in nopCommerce");
        // nopCommerce says the whole order is paid: a fact the ledger follows (not a movement the plugin decides),
        // so it is recorded even while a placement a crash interrupted is still to be completed by the task
        // (an attempt whose outcome is unknown does not count: the merchant's word is that the order is paid; if the
        // attempt turns out to have gone through too, the ledger check shows the overpayment to refund)
        var owed = (await _ledgerService.GetBalanceAsync(account)).Owed;
        if (owed <= 0m)
            return;
        await _ledgerService.RecordAsync(new LedgerRequest
        {
            OrderId = order.Id,
            Kind = LedgerEntryKind.Extra,
            Amount = owed,
            Method = order.PaymentMethodSystemName,
            // numbered: marked paid again after a refund is a new payment; a repeated event finds the same number
            IdempotencyKey = await _moneyMovementService.NextKeyAsync($"nop-paid:{order.Id}:"),
            Note = "Marked as paid in nopCommerce"
        });
    }

    public async Task HandleEventAsync(OrderStatusChangedEvent eventMessage)
    {
        if (eventMessage.Order.OrderStatus == OrderStatus.Cancelled && eventMessage.PreviousOrderStatus != OrderStatus.Cancelled)
            await _orderPreorderService.CancelOrderAsync(eventMessage.Order.Id, "Order cancelled in nopCommerce", 0);
    }

    /// <summary>
    /// A refund made in nopCommerce is mirrored in the ledger as an order-level refund, so a later cancellation
    /// refunds only what is still held: by another payment method, and by the deposit method offline ("Refund
    /// (offline)", "Partial refund (offline)" only raise this event). An online refund through the deposit method
    /// was recorded by it under the same key (<see cref="NopRefundKey"/>: nopCommerce has added the amount to
    /// RefundedAmount before raising the event), so here it records nothing twice.
    /// </summary>
    public async Task HandleEventAsync(OrderRefundedEvent eventMessage)
    {
        var order = eventMessage.Order;
        if (eventMessage.Amount <= 0m)
            return;
        if (await _ledgerService.GetAccountAsync(order.Id) == null)
            return;
        await _ledgerService.RecordAsync(new LedgerRequest
        {
            OrderId = order.Id,
            Kind = LedgerEntryKind.Refund,
            Amount = eventMessage.Amount,
            // not the plugin's "Offline" method: the digest lists those as still to be paid out, and the merchant
            // who marked this refund in nopCommerce has paid it
            Method = order.PaymentMethodSystemName,
            IdempotencyKey = NopRefundKey.For(order.Id, order.RefundedAmount),
            Note = order.PaymentMethodSystemName == PreorderDefaults.SystemName ? "Refunded offline in nopCommerce" : "Refunded in nopCommerce"
        });
    }

    /// <summary>A shipment was sent: only the pre-order lines whose items it carries (<see cref="PreorderShipmentService"/>).</summary>
    public async Task HandleEventAsync(ShipmentSentEvent eventMessage) =>
        await _shipmentService.ShipAsync(eventMessage.Shipment);
}
