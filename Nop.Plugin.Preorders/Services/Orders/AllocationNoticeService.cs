using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Logging;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// The stock-arrived notifications of allocated lines, recorded by the scheduled task rather than inside the
/// request that raised the stock: a big arrival allocates thousands of lines in an admin's product save, and one
/// message row and one webhook row per line made that save slow. The task reads the lines allocated and not yet
/// notified (<see cref="PreorderLine.AllocationNotifiedOnUtc"/> null; indexed, oldest allocation first), claims each
/// with a conditional UPDATE (<see cref="ConditionalUpdates.TryClaimAllocationNoticeAsync"/>: two nodes running the
/// task at once never both take a line) and publishes its <see cref="PreorderEventKind.StockAllocated"/> event, which
/// records the e-mail and the webhook deliveries under their unique keys (a second event for the same allocation adds
/// nothing). The messages step of the same run sends them.
/// </summary>
public class AllocationNoticeService
{
    /// <summary>Lines one run notifies at most; the rest wait for the next run (five minutes later).</summary>
    public const int LinesPerRun = 2000;

    public const int BatchSize = 500;

    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly IEventPublisher _eventPublisher;
    private readonly ILogger _logger;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;

    public AllocationNoticeService(ConditionalUpdates conditionalUpdates,
        IEventPublisher eventPublisher,
        ILogger logger,
        IRepository<PreorderLine> lineRepository,
        PreorderClock clock,
        PreorderLedgerService ledgerService)
    {
        _conditionalUpdates = conditionalUpdates;
        _eventPublisher = eventPublisher;
        _logger = logger;
        _lineRepository = lineRepository;
        _clock = clock;
        _ledgerService = ledgerService;
    }

    /// <summary>Claims and notifies the allocations not notified yet; returns how many lines this run notified.</summary>
    public virtual async Task<int> NotifyAllocatedAsync()
    {
        var notified = 0;
        var skip = new HashSet<int>();
        while (notified < LinesPerRun)
        {
            var query = _lineRepository.Table
                .Where(l => l.AllocationNotifiedOnUtc == null && l.AllocatedOnUtc != null)
                .OrderBy(l => l.AllocatedOnUtc).ThenBy(l => l.Id);
            // with what each owes now: the event carries it (the webhook's amount)
            var batch = (await _ledgerService.WithBalancesAsync(query.Take(BatchSize))).Where(b => !skip.Contains(b.Line.Id)).ToList();
            if (batch.Count == 0)
                break;
            var progress = false;
            foreach (var item in batch.OrderBy(b => b.Line.AllocatedOnUtc).ThenBy(b => b.Line.Id))
            {
                var line = item.Line;
                var claimedOn = _clock.UtcNow;
                // another node took it first: it records its notifications
                if (!await _conditionalUpdates.TryClaimAllocationNoticeAsync(line.Id, claimedOn))
                {
                    skip.Add(line.Id);
                    continue;
                }
                progress = true;
                skip.Add(line.Id);
                // a line closed since its allocation has nothing to announce any more
                if (!PreorderLineStateMachine.IsAllocated(line.State))
                    continue;
                try
                {
                    await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.StockAllocated, $"allocated:{line.Id}", line.OrderId, line.ProductId, line.Id)
                    {
                        NewDateUtc = line.BalanceDueOnUtc,
                        Amount = line.State is PreorderLineState.BalanceDue or PreorderLineState.Overdue ? item.Owed : 0m
                    });
                    notified++;
                }
                catch (Exception ex)
                {
                    // given back: the next run claims it again (the unique keys keep what was recorded once)
                    await _conditionalUpdates.ReleaseAllocationNoticeAsync(line.Id, claimedOn);
                    await _logger.WarningAsync($"Pre-orders: stock-arrived notices of line {line.Id} not recorded, retried next run: {ex.Message}", ex);
                }
                if (notified >= LinesPerRun)
                    break;
            }
            if (!progress || batch.Count < BatchSize)
                break;
        }
        return notified;
    }
}
