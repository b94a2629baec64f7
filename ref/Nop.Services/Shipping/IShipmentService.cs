using Nop.Core.Domain.Shipping;

namespace Nop.Services.Shipping;

public partial interface IShipmentService
{
    Task<IList<ShipmentItem>> GetShipmentItemsByShipmentIdAsync(int shipmentId);
}
