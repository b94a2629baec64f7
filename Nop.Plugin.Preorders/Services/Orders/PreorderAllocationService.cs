using Nop.Core.Domain.Catalog;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// First come, first served allocation of arrived stock to waiting pre-orders. Reads the queue in keyset
/// batches (memory stays bounded for any queue length) and moves each batch with conditional UPDATEs that
/// only move lines still waiting, so two nodes allocating at once, or the same run repeated, never
/// allocate a line twice.
/// </summary>
public class PreorderAllocationService
{
    public const int BatchSize = 500;

    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly IProductAttributeService _productAttributeService;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderStoreSettings _storeSettings;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;
    private readonly LineSplitService _lineSplitService;

    public PreorderAllocationService(ConditionalUpdates conditionalUpdates,
        IProductAttributeService productAttributeService,
        IProductService productService,
        IRepository<PreorderLine> lineRepository,
        PreorderStoreSettings storeSettings,
        PreorderAuditService auditService,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        PreorderLedgerService ledgerService,
        LineSplitService lineSplitService)
    {
        _conditionalUpdates = conditionalUpdates;
        _productAttributeService = productAttributeService;
        _productService = productService;
        _lineRepository = lineRepository;
        _storeSettings = storeSettings;
        _auditService = auditService;
        _catalogService = catalogService;
        _clock = clock;
        _ledgerService = ledgerService;
        _lineSplitService = lineSplitService;
    }

    /// <summary>
    /// The scheduled sweep: every queue whose stock on hand covers waiting units is allocated. One grouped read
    /// of the waiting units picks the candidates (bench 5: a look-up and a sum per queue took a second on
    /// 450,000 waiting lines); each candidate is then allocated by <see cref="AllocateFromStockAsync"/>, which
    /// reads its waiting units again, fresh (a cancellation since the grouped read gives units back to stock and
    /// takes them off the queue: the stale figure would allocate units that never arrived).
    /// </summary>
    public virtual async Task<int> AllocateWhereStockArrivedAsync()
    {
        var queues = await _lineRepository.Table
            .Where(l => l.StateId == (int)PreorderLineState.Waiting)
            .GroupBy(l => new { l.ProductId, l.CombinationId })
            .Select(g => new { g.Key.ProductId, g.Key.CombinationId, Units = g.Sum(l => l.Quantity) })
            .ToListAsync();
        var units = 0;
        foreach (var queue in queues)
            if (await StockOnHandAsync(queue.ProductId, queue.CombinationId) is int stock && FifoAllocator.AllocatableFromStock(stock, queue.Units) > 0)
                units += await AllocateFromStockAsync(queue.ProductId, queue.CombinationId);
        return units;
    }

    /// <summary>nopCommerce's stock quantity of the product or combination; null when its stock is not managed or it is gone.</summary>
    protected virtual async Task<int?> StockOnHandAsync(int productId, int combinationId)
    {
        var product = await _productService.GetProductByIdAsync(productId);
        if (product == null || product.ManageInventoryMethod == ManageInventoryMethod.DontManageStock)
            return null;
        if (combinationId == 0)
            return product.StockQuantity;
        return (await _productAttributeService.GetProductAttributeCombinationByIdAsync(combinationId))?.StockQuantity;
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
        if (await StockOnHandAsync(productId, combinationId) is not int stock)
            return 0;
        // a split a crash left half done counts its units twice in the waiting figure: finished first
        await _lineSplitService.CompleteInterruptedSplitsAsync(productId, combinationId, _clock.UtcNow);

        var waiting = await GetWaitingUnitsAsync(productId, combinationId);
        var units = FifoAllocator.AllocatableFromStock(stock, waiting);
        var allocated = units > 0 ? await AllocateAsync(productId, combinationId, units, byCustomerId) : 0;

        // this arrival served the last waiting pre-orders and left surplus on hand: the product sells normally
        // again; existing pre-orders keep their state
        if (combinationId == 0 && allocated > 0 && stock > 0 && await GetWaitingUnitsAsync(productId, 0) == 0
            && (await _catalogService.GetSnapshotAsync(productId)).IsPreorder)
            await _catalogService.ReleaseAsync(productId, byCustomerId, "All pre-orders allocated and stock on hand");
        return allocated;
    }

    /// <summary>
    /// Allocates up to <paramref name="units"/> to the queue in placement order (whole lines; the queue never
    /// skips ahead). When the units left do not cover the head line and its store ships what arrived
    /// (<see cref="PreorderSettings.ShipWhatArrived"/>), the arrived units are split off it (<see cref="LineSplitService"/>)
    /// and the rest keeps its place at the head. Returns the units allocated.
    /// </summary>
    public virtual async Task<int> AllocateAsync(int productId, int combinationId, int units, int byCustomerId = 0)
    {
        await _lineSplitService.CompleteInterruptedSplitsAsync(productId, combinationId, _clock.UtcNow);
        var remaining = units;
        var allocatedUnits = 0;
        DateTime? afterPlaced = null;
        var afterId = 0;

        while (remaining > 0)
        {
            var query = WaitingQuery(productId, combinationId);
            if (afterPlaced is DateTime placed)
                // the first condition repeats the bound of the second in a form an index range can start from
                query = query.Where(l => l.PlacedOnUtc >= placed && (l.PlacedOnUtc > placed || (l.PlacedOnUtc == placed && l.Id > afterId)));
            // the batch with its accounts and line payments in one round trip
            var batch = (await _ledgerService.WithBalancesAsync(query.OrderBy(l => l.PlacedOnUtc).ThenBy(l => l.Id).Take(BatchSize)))
                .OrderBy(b => b.Line.PlacedOnUtc).ThenBy(b => b.Line.Id).ToList();
            if (batch.Count == 0)
                break;

            var byId = batch.ToDictionary(b => b.Line.Id);
            var splitting = await StoresShippingWhatArrivedAsync(batch);
            var pick = FifoAllocator.AllocateSplitting(batch.Select(b => new QueuedLine(b.Line.Id, b.Line.Quantity)), remaining,
                id => splitting.Contains(byId[id].Line.StoreId));
            var chosen = pick.Whole;
            if (chosen.Count > 0)
            {
                var (spent, allocated) = await AllocateBatchAsync(chosen.Select(whole => byId[whole.LineId]).ToList());
                remaining -= spent;
                allocatedUnits += allocated;
            }
            if (pick.Part is { } part && Math.Min(part.Quantity, remaining) is var arrived and > 0)
            {
                var line = byId[part.LineId].Line;
                var (now, due) = await AllocationMomentAsync(line.StoreId);
                if (await _lineSplitService.SplitOffAsync(line, arrived, now, due) != null)
                {
                    remaining -= arrived;
                    allocatedUnits += arrived;
                }
            }

            // the head of the queue did not fit (or its rest after a split): stop, the queue stays in order for the next arrival
            if ((chosen.Count < batch.Count && remaining > 0) || pick.Part != null)
                break;
            var last = batch[^1].Line;
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

    /// <summary>The stores of a batch's lines that ship what arrived (one settings read per store).</summary>
    private async Task<HashSet<int>> StoresShippingWhatArrivedAsync(IEnumerable<LineWithBalance> batch)
    {
        var stores = new HashSet<int>();
        foreach (var storeId in batch.Select(b => b.Line.StoreId).Distinct())
            if ((await _storeSettings.ForStoreAsync(storeId)).ShipWhatArrived)
                stores.Add(storeId);
        return stores;
    }

    /// <summary>Now in whole milliseconds (see <see cref="AllocateBatchAsync"/>) and the balance due date of a line of this store allocated now.</summary>
    private async Task<(DateTime Now, DateTime Due)> AllocationMomentAsync(int storeId)
    {
        var utcNow = _clock.UtcNow;
        var now = utcNow.AddTicks(-(utcNow.Ticks % TimeSpan.TicksPerMillisecond));
        var settings = await _storeSettings.ForStoreAsync(storeId);
        return (now, now.AddDays(Math.Max(0, settings.BalanceDueDays)));
    }

    private IQueryable<PreorderLine> WaitingQuery(int productId, int combinationId) =>
        _lineRepository.Table.Where(l => l.ProductId == productId && l.StateId == (int)PreorderLineState.Waiting && l.CombinationId == combinationId);

    /// <summary>
    /// Moves the chosen lines of one batch (bench 3: per-line work cost 8 round trips and 3 commits a line):
    /// the lines move with one conditional UPDATE per store of the batch ("still waiting"; owing lines to balance
    /// due, the rest to ready; the due date is the line's store's <see cref="PreorderSettings.BalanceDueDays"/>),
    /// and the owing orders' next due date is lowered in one statement. Returns the units the chosen lines spent
    /// (this run's, and another node's that allocated some of them first from the same arrived stock) and the units
    /// this run allocated. No message or webhook is written here: the task records them from
    /// <c>allocated_on_utc</c> (<see cref="AllocationNoticeService"/>), so a big arrival keeps the admin's save short.
    /// </summary>
    private async Task<(int Spent, int Allocated)> AllocateBatchAsync(IReadOnlyList<LineWithBalance> lines)
    {
        // whole milliseconds, which every database keeps exactly: tells this run's moves from a concurrent allocator's
        var utcNow = _clock.UtcNow;
        var now = utcNow.AddTicks(-(utcNow.Ticks % TimeSpan.TicksPerMillisecond));

        var spent = 0;
        var allocated = 0;
        // one statement per store: the due date is part of the statement
        foreach (var ofStore in lines.GroupBy(b => b.Line.StoreId))
        {
            var settings = await _storeSettings.ForStoreAsync(ofStore.Key);
            var due = now.AddDays(Math.Max(0, settings.BalanceDueDays));
            var (storeSpent, storeAllocated) = await AllocateLinesDueAsync(ofStore.ToList(), now, due);
            spent += storeSpent;
            allocated += storeAllocated;
        }
        return (spent, allocated);
    }

    private async Task<(int Spent, int Allocated)> AllocateLinesDueAsync(IReadOnlyList<LineWithBalance> lines, DateTime now, DateTime due)
    {
        var plan = lines.Select(b =>
        {
            var line = b.Line;
            // what the line owes: its total less the money held for it (AccountBalance), not what the order paid gross
            var target = PreorderLineStateMachine.AllocationTarget(b.Owed > 0m);
            PreorderLineStateMachine.EnsureCanMove(line.State, target);
            return (Line: line, Target: target);
        }).ToList();

        var ids = plan.Select(p => p.Line.Id).ToList();
        var owingIds = plan.Where(p => p.Target == PreorderLineState.BalanceDue).Select(p => p.Line.Id).ToHashSet();
        // "pay when it ships": the balance falls due when the merchant ships the line (PayOnShipCollectionService), not on arrival
        var dueOnShipIds = plan.Where(p => p.Target == PreorderLineState.BalanceDue && p.Line.PaymentMode == PreorderPaymentMode.PayOnShip)
            .Select(p => p.Line.Id).ToHashSet();
        var datedIds = ids.Where(id => !dueOnShipIds.Contains(id)).ToList();
        var moved = plan;
        var spent = 0;
        var updated = (datedIds.Count > 0 ? await _conditionalUpdates.AllocateWaitingLinesAsync(datedIds, owingIds, now, due) : 0)
            + (dueOnShipIds.Count > 0 ? await _conditionalUpdates.AllocateWaitingLinesAsync(dueOnShipIds.ToList(), dueOnShipIds, now, null) : 0);
        if (updated != ids.Count)
        {
            // some changed meanwhile (a concurrent allocator, a cancellation): read back which moved in this run
            var current = (await _lineRepository.GetByIdsAsync(ids)).ToDictionary(l => l.Id);
            moved = plan.Where(p => current.TryGetValue(p.Line.Id, out var c) && c.State == p.Target && c.AllocatedOnUtc == now).ToList();
            // another node allocated the rest first from the same arrived stock: those units are spent too
            spent += plan.Where(p => !moved.Contains(p) && current.TryGetValue(p.Line.Id, out var c) && PreorderLineStateMachine.IsAllocated(c.State))
                .Sum(p => p.Line.Quantity);
        }
        foreach (var (line, target) in moved)
        {
            line.State = target;
            line.AllocatedOnUtc = now;
            line.BalanceDueOnUtc = target == PreorderLineState.BalanceDue && !dueOnShipIds.Contains(line.Id) ? due : null;
            line.UpdatedOnUtc = now;
            line.Version++;
        }

        var owingOrders = moved.Where(m => m.Target == PreorderLineState.BalanceDue && m.Line.BalanceDueOnUtc != null).Select(m => m.Line.OrderId).Distinct().ToList();
        await _conditionalUpdates.LowerNextDueAsync(owingOrders, due, now);
        // the balance installment of a schedule (no due date until the stock arrives) falls due with the balance,
        // so the task's charge notice and automatic charge pick it up like the installments before it
        await _conditionalUpdates.DateUndatedInstallmentsAsync(owingOrders, due);

        var allocated = moved.Sum(m => m.Line.Quantity);
        return (spent + allocated, allocated);
    }
}
