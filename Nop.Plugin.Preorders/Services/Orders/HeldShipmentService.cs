using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// Pre-order lines a sent shipment carries but that still owe money (<see cref="PayOnShipCollectionService"/> holds
/// them): the line ships once it is paid in full, or when the merchant ships it without payment (the override; the
/// money stays owed and collectible: a shipped line is still a live line of the account).
/// </summary>
public class HeldShipmentService
{
    private readonly IEventPublisher _eventPublisher;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IRepository<PreorderAuditEntry> _auditRepository;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;
    private readonly PreorderOrderService _orderPreorderService;

    public HeldShipmentService(IEventPublisher eventPublisher,
        ILocalizationService localizationService,
        IOrderService orderService,
        IRepository<PreorderAuditEntry> auditRepository,
        PreorderAuditService auditService,
        PreorderClock clock,
        PreorderOrderService orderPreorderService)
    {
        _eventPublisher = eventPublisher;
        _localizationService = localizationService;
        _orderService = orderService;
        _auditRepository = auditRepository;
        _auditService = auditService;
        _clock = clock;
        _orderPreorderService = orderPreorderService;
    }

    /// <summary>Whether a shipment was sent with this line while it owed money.</summary>
    public virtual async Task<bool> IsHeldAsync(int lineId) =>
        await _auditRepository.Table.Where(a => a.PreorderLineId == lineId && a.Action == PayOnShipCollectionService.HeldAction).AnyAsync();

    /// <summary>A held line now paid in full goes with the shipment that waited for it. Returns whether it moved now.</summary>
    public virtual async Task<bool> ShipIfHeldAsync(int lineId)
    {
        var line = await _orderPreorderService.GetLineAsync(lineId);
        if (line?.State != PreorderLineState.PaidInFull || !await IsHeldAsync(lineId))
            return false;
        return await ShipAsync(line.Id) != null;
    }

    /// <summary>
    /// The merchant ships lines that still owe money (the shipment waited for it; the merchant decides not to wait).
    /// The balance stays owed: the automatic charge, the balance page and the link go on collecting it.
    /// </summary>
    public virtual async Task<AdminActionResult> ShipWithoutPaymentAsync(IList<int> lineIds, int byCustomerId)
    {
        var result = new AdminActionResult();
        if (lineIds is not { Count: > 0 })
            return AdminActionResult.Error(PreorderDefaults.Resources.NothingSelected);
        foreach (var lineId in lineIds.Distinct())
        {
            try
            {
                var line = await _orderPreorderService.GetLineAsync(lineId) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
                if (!PayOnShipRules.OwesBeforeShipping(line.State))
                    throw new PreorderRuleException(PreorderDefaults.Resources.IllegalTransition, line.State, PreorderLineState.Shipped);
                if (await ShipAsync(line.Id) is not { } moved)
                    continue;
                await _auditService.RecordAsync("ShippedWithoutPayment", byCustomerId, moved.OrderId, moved.ProductId, moved.Id);
                var text = await _localizationService.GetResourceAsync(PreorderDefaults.Resources.ShippedWithoutPayment);
                await _orderService.InsertOrderNoteAsync(new OrderNote
                {
                    OrderId = moved.OrderId,
                    Note = string.Format(text, moved.Id),
                    DisplayToCustomer = false,
                    CreatedOnUtc = _clock.UtcNow
                });
                result.Succeeded++;
            }
            catch (PreorderRuleException ex)
            {
                result.Errors.Add(new AdminActionMessage(ex.ResourceKey, ex.Args, lineId));
            }
        }
        return result;
    }

    private async Task<PreorderLine> ShipAsync(int lineId)
    {
        var moved = await _orderPreorderService.MoveAsync(lineId, PreorderLineState.Shipped, l => l.ShippedOnUtc = _clock.UtcNow);
        if (moved != null)
            await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.LineShipped, $"shipped:{moved.Id}", moved.OrderId, moved.ProductId, moved.Id));
        return moved;
    }
}
