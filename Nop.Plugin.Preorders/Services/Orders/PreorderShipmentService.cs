using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Shipping;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Shipping;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// A shipment sent in nopCommerce: the pre-order lines whose items it carries and that are ready are shipped
/// (<see cref="ShipmentRules"/>); lines in it that are still waiting or owe money stay as they are, and the
/// merchant gets a private order note, since nopCommerce let the goods go without the plugin's say.
/// </summary>
public class PreorderShipmentService
{
    private readonly IEventPublisher _eventPublisher;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IShipmentService _shipmentService;
    private readonly PreorderClock _clock;
    private readonly PreorderOrderService _orderPreorderService;
    private readonly PayOnShipCollectionService _payOnShipCollectionService;

    public PreorderShipmentService(IEventPublisher eventPublisher,
        ILocalizationService localizationService,
        IOrderService orderService,
        IShipmentService shipmentService,
        PreorderClock clock,
        PreorderOrderService orderPreorderService,
        PayOnShipCollectionService payOnShipCollectionService)
    {
        _eventPublisher = eventPublisher;
        _localizationService = localizationService;
        _orderService = orderService;
        _shipmentService = shipmentService;
        _clock = clock;
        _orderPreorderService = orderPreorderService;
        _payOnShipCollectionService = payOnShipCollectionService;
    }

    /// <summary>Ships the ready pre-order lines the shipment carries; returns how many moved. Repeating it moves nothing twice.</summary>
    public virtual async Task<int> ShipAsync(Shipment shipment)
    {
        var lines = await _orderPreorderService.GetLinesAsync(shipment.OrderId);
        if (lines.Count == 0)
            return 0;
        var items = await _shipmentService.GetShipmentItemsByShipmentIdAsync(shipment.Id) ?? new List<ShipmentItem>();
        var itemIds = items.Where(i => i.Quantity > 0).Select(i => i.OrderItemId).ToHashSet();
        // "pay when it ships": balances this shipment makes due are collected first; a line the charge pays ships at once
        // (HeldShipmentEventConsumer), the others are read again as they now are
        if (await _payOnShipCollectionService.CollectAsync(shipment, lines, itemIds))
            lines = await _orderPreorderService.GetLinesAsync(shipment.OrderId);
        var decision = ShipmentRules.Decide(lines, itemIds);

        var shipped = 0;
        foreach (var line in decision.ToShip)
        {
            // compare-and-set: a line another request moved meanwhile is read again (and refused if no longer ready)
            try
            {
                if (await _orderPreorderService.MoveAsync(line.Id, PreorderLineState.Shipped, l => l.ShippedOnUtc = _clock.UtcNow) is not { } moved)
                    continue;
                shipped++;
                await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.LineShipped, $"shipped:{moved.Id}", moved.OrderId, moved.ProductId, moved.Id));
            }
            catch (PreorderRuleException e) when (e.ResourceKey == PreorderDefaults.Resources.IllegalTransition)
            {
            }
        }

        if (decision.NotReady.Count > 0)
        {
            var text = await _localizationService.GetResourceAsync(PreorderDefaults.Resources.ShipmentHasUnreadyLines);
            var lineList = string.Join(", ", decision.NotReady.Select(l => $"#{l.Id} ({l.State})"));
            await _orderService.InsertOrderNoteAsync(new OrderNote
            {
                OrderId = shipment.OrderId,
                Note = string.Format(text, shipment.Id, lineList),
                DisplayToCustomer = false,
                CreatedOnUtc = _clock.UtcNow
            });
        }
        return shipped;
    }

    /// <summary>
    /// The pre-order lines among these order items that a shipment would not ship (<see cref="ShipmentRules"/>): for the
    /// warning on nopCommerce's shipment pages, before the merchant sends the goods. Empty for an order without
    /// pre-orders or whose pre-orders in these items are ready.
    /// </summary>
    public virtual async Task<IReadOnlyList<PreorderLine>> UnreadyLinesAsync(int orderId, IEnumerable<int> orderItemIds)
    {
        var lines = await _orderPreorderService.GetLinesAsync(orderId);
        return lines.Count == 0 ? Array.Empty<PreorderLine>() : ShipmentRules.Decide(lines, orderItemIds.ToHashSet()).NotReady;
    }
}
