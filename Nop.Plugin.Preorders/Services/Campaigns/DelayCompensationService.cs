using LinqToDB;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Logging;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// The task's step that carries out the compensations merchants attached to ship date changes (never the admin's save:
/// a product with thousands of waiting lines would make it a long request). Copies the delay notices' pattern
/// (<see cref="Messages.ShipDateNoticeService"/>): the lines of each change not done yet are walked in keyset batches
/// (line id ascending, after <see cref="PreorderShipDateChange.CompensatedThroughLineId"/>), each line's compensation is
/// claimed under its unique key (a coupon per buyer: <see cref="DelayCouponService"/>; a refund per line:
/// <see cref="DelayRefundService"/>), then the cursor moves with a compare-and-set from the value read. Two nodes reading
/// the same batch make each compensation once (the key) and only one moves the cursor. A short batch stamps
/// <see cref="PreorderShipDateChange.CompensationDoneOnUtc"/>, which lets the delay notices of the change go out: each
/// e-mail then names what its buyer got. Claims left pending (a coupon whose discount a crash interrupted, a refund
/// without the gateway's answer) are finished by later runs from what they recorded.
/// </summary>
public class DelayCompensationService
{
    /// <summary>Lines one run compensates at most over all changes; the rest wait for the next run.</summary>
    public const int LinesPerRun = 2000;

    public const int BatchSize = 200;

    private static readonly string AdvanceSql =
        $"UPDATE {PreorderDbNames.Table<PreorderShipDateChange>()} SET compensated_through_line_id = @to " +
        "WHERE id = @id AND compensated_through_line_id = @from AND compensation_done_on_utc IS NULL";

    private static readonly string FinishSql =
        $"UPDATE {PreorderDbNames.Table<PreorderShipDateChange>()} SET compensated_through_line_id = @to, compensation_done_on_utc = @done " +
        "WHERE id = @id AND compensated_through_line_id = @from AND compensation_done_on_utc IS NULL";

    private readonly DelayCouponService _couponService;
    private readonly DelayRefundService _refundService;
    private readonly ILogger _logger;
    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderDelayCompensation> _compensationRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderShipDateChange> _shipDateChangeRepository;
    private readonly PreorderClock _clock;

    public DelayCompensationService(DelayCouponService couponService,
        DelayRefundService refundService,
        ILogger logger,
        INopDataProvider dataProvider,
        IRepository<PreorderDelayCompensation> compensationRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderShipDateChange> shipDateChangeRepository,
        PreorderClock clock)
    {
        _couponService = couponService;
        _refundService = refundService;
        _logger = logger;
        _dataProvider = dataProvider;
        _compensationRepository = compensationRepository;
        _lineRepository = lineRepository;
        _shipDateChangeRepository = shipDateChangeRepository;
        _clock = clock;
    }

    /// <summary>Compensates the lines still owed a compensation, at most <paramref name="linesPerRun"/>; returns the compensations this call finished.</summary>
    public virtual async Task<int> RunDueAsync(int linesPerRun = LinesPerRun)
    {
        var finished = await ResumePendingAsync();
        var budget = linesPerRun;
        var failed = new HashSet<int>();
        while (budget > 0)
        {
            var change = await _shipDateChangeRepository.Table
                .Where(c => c.CompensationKindId != (int)DelayCompensationKind.None && c.CompensationDoneOnUtc == null && !failed.Contains(c.Id))
                .OrderBy(c => c.Id).FirstOrDefaultAsync();
            if (change == null)
                break;
            try
            {
                var take = Math.Min(BatchSize, budget);
                var lines = await LinesToCompensateAsync(change, take);
                foreach (var line in lines)
                {
                    var row = DelayCompensationRules.PerBuyer(change.CompensationKind)
                        ? await _couponService.EnsureAsync(change, line.CustomerId, line.OrderId)
                        : await _refundService.EnsureAsync(change, line);
                    if (row?.Status == DelayCompensationStatus.Done)
                        finished++;
                }
                budget -= lines.Count;
                if (!await MoveCursorAsync(change, lines.Count > 0 ? lines[^1].Id : change.CompensatedThroughLineId, done: lines.Count < take)
                    && await _shipDateChangeRepository.Table.Where(c => c.Id == change.Id && c.CompensationDoneOnUtc == null
                        && c.CompensatedThroughLineId == change.CompensatedThroughLineId).AnyAsync())
                    throw new InvalidOperationException("the cursor did not move");
            }
            catch (Exception ex)
            {
                failed.Add(change.Id);
                await _logger.WarningAsync($"Pre-orders: delay compensation of ship date change {change.Id} stopped, resumed next run: {ex.Message}", ex);
            }
        }
        return finished;
    }

    /// <summary>
    /// The next waiting lines after the cursor: of the change's product, placed before the change (a later order was placed
    /// with the new date), still waiting for or holding their unit; ordered by id.
    /// </summary>
    protected virtual Task<List<PreorderLine>> LinesToCompensateAsync(PreorderShipDateChange change, int take)
    {
        var states = DelayCompensationRules.CompensatedStates.Select(s => (int)s).ToArray();
        return _lineRepository.Table
            .Where(l => l.ProductId == change.ProductId && l.Id > change.CompensatedThroughLineId && l.PlacedOnUtc <= change.CreatedOnUtc && states.Contains(l.StateId))
            .OrderBy(l => l.Id).Take(take).ToListAsync();
    }

    /// <summary>Claims still pending: a coupon whose run stopped before its discount (after the claim's grace), a refund waiting for its entry's outcome.</summary>
    protected virtual async Task<int> ResumePendingAsync()
    {
        var before = _clock.UtcNow - MoneyMovementService.ResumeAfter;
        var pending = await _compensationRepository.Table
            .Where(c => c.StatusId == (int)DelayCompensationStatus.Pending && (c.KindId == (int)DelayCompensationKind.Refund || c.CreatedOnUtc <= before))
            .OrderBy(c => c.Id).Take(BatchSize).ToListAsync();
        var finished = 0;
        foreach (var row in pending)
        {
            try
            {
                var change = await _shipDateChangeRepository.GetByIdAsync(row.ShipDateChangeId);
                if (change == null)
                    continue;
                var done = row.Kind == DelayCompensationKind.Refund ? await _refundService.RefundAsync(change, row) : await _couponService.ResumeAsync(change, row);
                if (done.Status == DelayCompensationStatus.Done)
                    finished++;
            }
            catch (Exception ex)
            {
                await _logger.WarningAsync($"Pre-orders: delay compensation {row.CompensationKey} not finished, retried next run: {ex.Message}", ex);
            }
        }
        return finished;
    }

    private async Task<bool> MoveCursorAsync(PreorderShipDateChange change, int throughLineId, bool done)
    {
        var parameters = new List<DataParameter>
        {
            new("to", throughLineId, PreorderDataTypes.Int32),
            new("id", change.Id, PreorderDataTypes.Int32),
            new("from", change.CompensatedThroughLineId, PreorderDataTypes.Int32)
        };
        if (!done)
            return await _dataProvider.ExecuteNonQueryAsync(AdvanceSql, parameters.ToArray()) == 1;
        parameters.Add(new DataParameter("done", _clock.UtcNow, PreorderDataTypes.DateTime2));
        return await _dataProvider.ExecuteNonQueryAsync(FinishSql, parameters.ToArray()) == 1;
    }
}
