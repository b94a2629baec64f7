using Nop.Core.Domain.Catalog;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Configuration;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// First come, first served allocation of arrived stock to waiting pre-orders. Reads the queue in keyset
/// batches (memory stays bounded for any queue length) and moves each line with compare-and-set, so two
/// nodes allocating at once, or the same run repeated, never allocate a line twice.
/// </summary>
public class PreorderAllocationService
{
    public const int BatchSize = 500;

    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly IEventPublisher _eventPublisher;
    private readonly IProductAttributeService _productAttributeService;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly ISettingService _settingService;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;

    public PreorderAllocationService(ConditionalUpdates conditionalUpdates,
        IEventPublisher eventPublisher,
        IProductAttributeService productAttributeService,
        IProductService productService,
        IRepository<PreorderLine> lineRepository,
        ISettingService settingService,
        PreorderAuditService auditService,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        PreorderLedgerService ledgerService)
    {
        _conditionalUpdates = conditionalUpdates;
        _eventPublisher = eventPublisher;
        _productAttributeService = productAttributeService;
        _productService = productService;
        _lineRepository = lineRepository;
        _settingService = settingService;
        _auditService = auditService;
        _catalogService = catalogService;
        _clock = clock;
        _ledgerService = ledgerService;
    }

    public virtual Task<int> GetWaitingUnitsAsync(int productId, int combinationId)
    {
        var units = WaitingQuery(productId, combinationId).Sum(l => (int?)l.Quantity) ?? 0;
        return Task.FromResult(units);
    }

    /// <summary>
    /// Allocates from stock on hand (nopCommerce's stock quantity already counts pre-ordered units below
    /// zero, so what is allocatable is a state, not a delta: repeating allocates nothing twice).
    /// </summary>
    public virtual async Task<int> AllocateFromStockAsync(int productId, int combinationId = 0, int byCustomerId = 0)
    {
        var product = await _productService.GetProductByIdAsync(productId);
        if (product == null || product.ManageInventoryMethod == ManageInventoryMethod.DontManageStock)
            return 0;

        var stock = product.StockQuantity;
        if (combinationId != 0)
        {
            var combination = await _productAttributeService.GetProductAttributeCombinationByIdAsync(combinationId);
            if (combination == null)
                return 0;
            stock = combination.StockQuantity;
        }

        var waiting = await GetWaitingUnitsAsync(productId, combinationId);
        var units = FifoAllocator.AllocatableFromStock(stock, waiting);
        var allocated = units > 0 ? await AllocateAsync(productId, combinationId, units, byCustomerId) : 0;

        // all served and surplus on hand: the product sells normally again; existing pre-orders keep their state
        if (combinationId == 0 && stock > 0 && await GetWaitingUnitsAsync(productId, 0) == 0 && (await _catalogService.GetSnapshotAsync(productId)).IsPreorder)
            await _catalogService.ReleaseAsync(productId, byCustomerId, "All pre-orders allocated and stock on hand");
        return allocated;
    }

    /// <summary>
    /// Allocates up to <paramref name="units"/> to the queue in placement order (whole lines; the queue never
    /// skips ahead). Returns the units allocated.
    /// </summary>
    public virtual async Task<int> AllocateAsync(int productId, int combinationId, int units, int byCustomerId = 0)
    {
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>();
        var remaining = units;
        var allocatedUnits = 0;
        DateTime? afterPlaced = null;
        var afterId = 0;

        while (remaining > 0)
        {
            var query = WaitingQuery(productId, combinationId);
            if (afterPlaced is DateTime placed)
                query = query.Where(l => l.PlacedOnUtc > placed || (l.PlacedOnUtc == placed && l.Id > afterId));
            var batch = await query.OrderBy(l => l.PlacedOnUtc).ThenBy(l => l.Id).Take(BatchSize).ToListAsync();
            if (batch.Count == 0)
                break;

            var chosen = FifoAllocator.Allocate(batch.Select(l => new QueuedLine(l.Id, l.Quantity)), remaining);
            foreach (var pick in chosen)
            {
                var line = batch.First(l => l.Id == pick.LineId);
                if (await TryAllocateLineAsync(line, settings))
                {
                    remaining -= line.Quantity;
                    allocatedUnits += line.Quantity;
                }
            }

            // the head of the queue did not fit: stop, the queue stays in order for the next arrival
            if (chosen.Count < batch.Count && remaining > 0)
                break;
            var last = batch[^1];
            afterPlaced = last.PlacedOnUtc;
            afterId = last.Id;
        }

        if (allocatedUnits > 0)
        {
            await _catalogService.InvalidateAsync(productId);
            await _auditService.RecordAsync("StockAllocated", byCustomerId, productId: productId, details: $"{allocatedUnits} of {units} unit(s), combination {combinationId}");
        }
        return allocatedUnits;
    }

    private IQueryable<PreorderLine> WaitingQuery(int productId, int combinationId) =>
        _lineRepository.Table.Where(l => l.ProductId == productId && l.StateId == (int)PreorderLineState.Waiting && l.CombinationId == combinationId);

    private async Task<bool> TryAllocateLineAsync(PreorderLine line, PreorderSettings settings)
    {
        var account = await _ledgerService.GetAccountAsync(line.OrderId);
        var owes = account != null && await _ledgerService.LineRemainingAsync(line, account) > 0m;
        var target = PreorderLineStateMachine.AllocationTarget(owes);
        PreorderLineStateMachine.EnsureCanMove(line.State, target);

        var now = _clock.UtcNow;
        line.State = target;
        line.AllocatedOnUtc = now;
        line.BalanceDueOnUtc = owes ? now.AddDays(Math.Max(0, settings.BalanceDueDays)) : null;
        line.UpdatedOnUtc = now;
        // a concurrent allocator or cancellation changed it first: skip, it is no longer waiting
        if (!await _conditionalUpdates.TryUpdateLineAsync(line))
            return false;

        if (owes)
            await _ledgerService.RefreshAccountAsync(line.OrderId);
        await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.StockAllocated, $"allocated:{line.Id}", line.OrderId, line.ProductId, line.Id)
        {
            NewDateUtc = line.BalanceDueOnUtc,
            Amount = owes ? await _ledgerService.LineRemainingAsync(line, account) : 0m
        });
        return true;
    }
}
