using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;

namespace Nop.Services.Orders;

public partial interface IOrderService
{
    Task<Order> GetOrderByIdAsync(int orderId);

    Task<IList<Order>> GetOrdersByIdsAsync(int[] orderIds);

    Task<Order> GetOrderByGuidAsync(Guid orderGuid);

    Task UpdateOrderAsync(Order order);

    Task<OrderItem> GetOrderItemByIdAsync(int orderItemId);

    Task UpdateOrderItemAsync(OrderItem orderItem);

    Task InsertOrderItemAsync(OrderItem orderItem);

    Task<Product> GetProductByOrderItemIdAsync(int orderItemId);

    Task<IList<OrderItem>> GetOrderItemsAsync(int orderId, bool? isNotReturnable = null, bool? isShipEnabled = null, int vendorId = 0);

    Task InsertOrderNoteAsync(OrderNote orderNote);
}
