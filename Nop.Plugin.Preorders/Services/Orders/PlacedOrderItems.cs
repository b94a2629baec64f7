using System.Collections.Concurrent;
using Nop.Core.Domain.Orders;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// The items nopCommerce just moved from a cart into an order. While placing an order, nopCommerce raises
/// ShoppingCartItemMovedToOrderItemEvent for every item and then OrderPlacedEvent, in the same request: the
/// order-placed handler takes the items from here, so an ordinary order (no pre-order item) costs the plugin
/// cached checks only, not a query of the order's items (bench 6). Orders whose items arrive another way
/// (recurring payments) are not here and are read from nopCommerce as before. Scoped per request; bounded,
/// in case it is resolved outside a request.
/// </summary>
public class PlacedOrderItems
{
    private const int MaxOrders = 64;

    private readonly ConcurrentDictionary<int, List<OrderItem>> _items = new();

    public virtual void Add(OrderItem item)
    {
        if (item == null || item.OrderId == 0)
            return;
        if (_items.Count >= MaxOrders && !_items.ContainsKey(item.OrderId))
            _items.Clear();
        var items = _items.GetOrAdd(item.OrderId, _ => new List<OrderItem>());
        lock (items)
            items.Add(item);
    }

    /// <summary>The items moved into the order in this request (removed from here), or null when none were seen.</summary>
    public virtual IList<OrderItem> Take(int orderId) =>
        _items.TryRemove(orderId, out var items) ? items : null;
}
