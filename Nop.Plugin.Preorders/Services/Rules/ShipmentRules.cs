using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>What a shipment sent in nopCommerce does to the order's pre-order lines.</summary>
/// <param name="ToShip">Lines in the shipment that are ready to go (stock allocated, nothing owed): they are shipped.</param>
/// <param name="NotReady">Lines in the shipment still waiting for stock or still owing money: left as they are, the merchant is warned.</param>
public sealed record ShipmentDecision(IReadOnlyList<PreorderLine> ToShip, IReadOnlyList<PreorderLine> NotReady);

/// <summary>
/// Which pre-order lines a shipment ships. Only lines whose order item is in the shipment (an order can be shipped
/// in parts); a line counts as shipped with the first shipment that carries its item. A line in the shipment that
/// is not ready (waiting, balance due, overdue) is not moved: moving it silently would lose the money it owes
/// (only the merchant's explicit "ship without payment" ships an owing line). Lines already shipped or closed are ignored. Pure.
/// </summary>
public static class ShipmentRules
{
    public static ShipmentDecision Decide(IEnumerable<PreorderLine> lines, IReadOnlySet<int> orderItemIdsInShipment)
    {
        var inShipment = lines.Where(l => orderItemIdsInShipment.Contains(l.OrderItemId) && !PreorderLineStateMachine.IsClosed(l.State)).ToList();
        return new ShipmentDecision(
            inShipment.Where(l => PreorderLineStateMachine.IsReadyToShip(l.State)).ToList(),
            inShipment.Where(l => !PreorderLineStateMachine.IsReadyToShip(l.State)).ToList());
    }
}
