using Nop.Plugin.Preorders.Domain;
using Nop.Services.Events;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>A line paid in full that a sent shipment waited for ships now (<see cref="HeldShipmentService"/>).</summary>
public class HeldShipmentEventConsumer : IConsumer<PreorderEvent>
{
    private readonly HeldShipmentService _heldShipmentService;

    public HeldShipmentEventConsumer(HeldShipmentService heldShipmentService)
    {
        _heldShipmentService = heldShipmentService;
    }

    public async Task HandleEventAsync(PreorderEvent eventMessage)
    {
        if (eventMessage.Kind == PreorderEventKind.PaidInFull && eventMessage.LineId > 0)
            await _heldShipmentService.ShipIfHeldAsync(eventMessage.LineId);
    }
}
