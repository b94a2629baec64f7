using LinqToDB;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Logging;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The delay notices of a ship date change, recorded by the scheduled task rather than inside the admin's product
/// save: one message row per affected order made a save of a product with 50,000 waiting lines take over a minute.
/// The save only records the <see cref="PreorderShipDateChange"/> (and raises its one store-level webhook); the task
/// walks the affected orders of each change not done yet in keyset batches (order id ascending, after
/// <see cref="PreorderShipDateChange.NotifiedThroughOrderId"/>), records one message per order under its unique key
/// ("order, change": a key recorded before, by this node or a twin, adds nothing), then moves the cursor with a
/// compare-and-set from the value it read. Two nodes running the task at once may read the same batch: the unique keys
/// keep one row per order and only one of them moves the cursor; the other re-reads the change and goes on from there.
/// Recording before moving the cursor means a crash between the two repeats a batch (finding its keys taken) and never
/// skips one. The messages step of the same run sends what was recorded.
/// </summary>
public class ShipDateNoticeService
{
    /// <summary>Orders one run walks at most over all changes; the rest wait for the next run (five minutes later).</summary>
    public const int OrdersPerRun = 2000;

    public const int BatchSize = 500;

    private static readonly string AdvanceSql =
        $"UPDATE {PreorderDbNames.Table<PreorderShipDateChange>()} SET notified_through_order_id = @to " +
        "WHERE id = @id AND notified_through_order_id = @from AND notices_done_on_utc IS NULL";

    private static readonly string FinishSql =
        $"UPDATE {PreorderDbNames.Table<PreorderShipDateChange>()} SET notified_through_order_id = @to, notices_done_on_utc = @done " +
        "WHERE id = @id AND notified_through_order_id = @from AND notices_done_on_utc IS NULL";

    private readonly ILogger _logger;
    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderMessageLog> _messageLogRepository;
    private readonly IRepository<PreorderShipDateChange> _shipDateChangeRepository;
    private readonly PreorderClock _clock;
    private readonly PreorderMessageService _messageService;

    public ShipDateNoticeService(ILogger logger,
        INopDataProvider dataProvider,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderMessageLog> messageLogRepository,
        IRepository<PreorderShipDateChange> shipDateChangeRepository,
        PreorderClock clock,
        PreorderMessageService messageService)
    {
        _logger = logger;
        _dataProvider = dataProvider;
        _lineRepository = lineRepository;
        _messageLogRepository = messageLogRepository;
        _shipDateChangeRepository = shipDateChangeRepository;
        _clock = clock;
        _messageService = messageService;
    }

    /// <summary>Records the delay notices still owed, at most <see cref="OrdersPerRun"/> orders; returns the message rows this call created.</summary>
    public virtual async Task<int> RecordDueAsync(int ordersPerRun = OrdersPerRun)
    {
        var created = 0;
        var budget = ordersPerRun;
        // a change whose notices failed this run waits for the next one; the others go on
        var failed = new HashSet<int>();
        while (budget > 0)
        {
            var change = await _shipDateChangeRepository.Table
                // a change with a compensation waits for it (DelayCompensationService), so each e-mail names what its buyer got
                .Where(c => c.NoticesDoneOnUtc == null && !failed.Contains(c.Id)
                    && (c.CompensationKindId == (int)DelayCompensationKind.None || c.CompensationDoneOnUtc != null))
                .OrderBy(c => c.Id).FirstOrDefaultAsync();
            if (change == null)
                break;
            try
            {
                var take = Math.Min(BatchSize, budget);
                var orderIds = await AffectedOrdersAsync(change, take);
                created += await RecordAsync(change, orderIds);
                budget -= orderIds.Count;
                // a short batch is the last one; a lost compare-and-set means a twin moved the cursor: re-read it
                if (!await MoveCursorAsync(change, orderIds.Count > 0 ? orderIds[^1] : change.NotifiedThroughOrderId, done: orderIds.Count < take)
                    && await _shipDateChangeRepository.Table.Where(c => c.Id == change.Id && c.NoticesDoneOnUtc == null
                        && c.NotifiedThroughOrderId == change.NotifiedThroughOrderId).AnyAsync())
                    throw new InvalidOperationException("the cursor did not move");
            }
            catch (Exception ex)
            {
                failed.Add(change.Id);
                await _logger.WarningAsync($"Pre-orders: delay notices of ship date change {change.Id} not recorded, retried next run: {ex.Message}", ex);
            }
        }
        return created;
    }

    /// <summary>
    /// The next orders after the cursor with an open line of the product, placed before the change (an order placed
    /// later was placed with the new date), ordered by id.
    /// </summary>
    protected virtual Task<List<int>> AffectedOrdersAsync(PreorderShipDateChange change, int take) =>
        _lineRepository.Table
            .Where(l => l.ProductId == change.ProductId && l.OrderId > change.NotifiedThroughOrderId && l.PlacedOnUtc <= change.CreatedOnUtc
                && (l.StateId == (int)PreorderLineState.Waiting || l.StateId == (int)PreorderLineState.BalanceDue
                    || l.StateId == (int)PreorderLineState.Overdue || l.StateId == (int)PreorderLineState.Ready || l.StateId == (int)PreorderLineState.PaidInFull))
            .Select(l => l.OrderId).Distinct().OrderBy(id => id).Take(take).ToListAsync();

    private async Task<int> RecordAsync(PreorderShipDateChange change, IList<int> orderIds)
    {
        var created = 0;
        for (var offset = 0; offset < orderIds.Count; offset += 100)
        {
            var chunk = orderIds.Skip(offset).Take(100)
                .Select(orderId => (Key: PreorderMessageKey.Format(K.ShipDateChanged, new[] { ("order", orderId), ("change", change.Id) }), OrderId: orderId))
                .ToList();
            var names = chunk.Select(k => k.Key).ToArray();
            var taken = (await _messageLogRepository.Table.Where(m => names.Contains(m.MessageKey)).Select(m => m.MessageKey).ToListAsync()).ToHashSet();
            foreach (var (key, orderId) in chunk.Where(k => !taken.Contains(k.Key)))
                if (await _messageService.TryRecordAsync(key, orderId, change.ProductId) != null)
                    created++;
        }
        return created;
    }

    private async Task<bool> MoveCursorAsync(PreorderShipDateChange change, int throughOrderId, bool done)
    {
        var parameters = new List<DataParameter>
        {
            new("to", throughOrderId, PreorderDataTypes.Int32),
            new("id", change.Id, PreorderDataTypes.Int32),
            new("from", change.NotifiedThroughOrderId, PreorderDataTypes.Int32)
        };
        if (!done)
            return await _dataProvider.ExecuteNonQueryAsync(AdvanceSql, parameters.ToArray()) == 1;
        parameters.Add(new DataParameter("done", _clock.UtcNow, PreorderDataTypes.DateTime2));
        return await _dataProvider.ExecuteNonQueryAsync(FinishSql, parameters.ToArray()) == 1;
    }
}
