using LinqToDB.Data;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Logging;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// The buyers' e-mails of campaign updates, recorded by the scheduled task rather than inside the admin's post (a
/// campaign may have thousands of buyers), as the stock-arrived notices are (<see cref="Orders.AllocationNoticeService"/>).
/// The task reads the updates not yet through (<see cref="PreorderCampaignUpdate.RecipientsDoneOnUtc"/> null; indexed,
/// oldest first) and, for each:
/// <list type="number">
/// <item>claims its webhook with a conditional UPDATE of <c>announced_on_utc</c> from null and publishes the
/// <see cref="PreorderEventKind.CampaignUpdate"/> event (one webhook per update, never one per buyer);</item>
/// <item>walks the product's buyers in customer id order after the update's cursor (keyset: a batch of distinct customers
/// with a live line, opted-out ones left out by NOT EXISTS), records one e-mail per buyer under a key unique per buyer and
/// update (<see cref="CampaignUpdateMessageTokens.Key"/>), then moves the cursor with a compare-and-set from the value it
/// read. Two nodes reading the same batch record each key once (the unique index); the node whose cursor move fails
/// stops and the next run goes on from the cursor. A run that dies between recording and moving the cursor is
/// resumed by the next run, whose records of the same keys add nothing.</item>
/// </list>
/// The messages step of the same run sends what was recorded.
/// </summary>
public class CampaignUpdateNoticeService
{
    public const int UpdatesPerRun = 20;

    private static readonly string AnnounceSql = $"UPDATE {PreorderDbNames.Table<PreorderCampaignUpdate>()} SET announced_on_utc = @now WHERE id = @id AND announced_on_utc IS NULL";

    private static readonly string AdvanceSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCampaignUpdate>()} SET recipients_after_customer_id = @after, recipients_recorded = recipients_recorded + @recorded " +
        "WHERE id = @id AND recipients_after_customer_id = @from AND recipients_done_on_utc IS NULL";

    private static readonly string DoneSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCampaignUpdate>()} SET recipients_after_customer_id = @after, recipients_recorded = recipients_recorded + @recorded, recipients_done_on_utc = @now " +
        "WHERE id = @id AND recipients_after_customer_id = @from AND recipients_done_on_utc IS NULL";

    private static readonly string DeletedDoneSql = $"UPDATE {PreorderDbNames.Table<PreorderCampaignUpdate>()} SET recipients_done_on_utc = @now WHERE id = @id AND recipients_done_on_utc IS NULL";

    private readonly IEventPublisher _eventPublisher;
    private readonly ILogger _logger;
    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderCampaignOptOut> _optOutRepository;
    private readonly IRepository<PreorderCampaignUpdate> _updateRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderClock _clock;
    private readonly PreorderMessageService _messageService;

    public CampaignUpdateNoticeService(IEventPublisher eventPublisher,
        ILogger logger,
        INopDataProvider dataProvider,
        IRepository<PreorderCampaignOptOut> optOutRepository,
        IRepository<PreorderCampaignUpdate> updateRepository,
        IRepository<PreorderLine> lineRepository,
        PreorderClock clock,
        PreorderMessageService messageService)
    {
        _eventPublisher = eventPublisher;
        _logger = logger;
        _dataProvider = dataProvider;
        _optOutRepository = optOutRepository;
        _updateRepository = updateRepository;
        _lineRepository = lineRepository;
        _clock = clock;
        _messageService = messageService;
    }

    /// <summary>Buyers one run records at most, over all updates; the rest wait for the next run (five minutes later).</summary>
    public virtual int BuyersPerRun { get; set; } = 2000;

    /// <summary>Buyers per batch (one query for the batch's customers, one for their orders, then one insert per buyer).</summary>
    public virtual int BatchSize { get; set; } = 500;

    /// <summary>Records the buyers' e-mails of the updates not yet through; returns how many e-mails this run recorded.</summary>
    public virtual async Task<int> RecordDueAsync()
    {
        var recorded = 0;
        var pending = await _updateRepository.Table.Where(u => u.RecipientsDoneOnUtc == null)
            .OrderBy(u => u.Id).Take(UpdatesPerRun).ToListAsync();
        foreach (var update in pending)
        {
            if (recorded >= BuyersPerRun)
                break;
            try
            {
                if (update.DeletedOnUtc != null)
                {
                    // deleted before its buyers were all reached: nobody else is e-mailed, and it leaves the task's queue
                    await _dataProvider.ExecuteNonQueryAsync(DeletedDoneSql, Parameters(("id", update.Id), ("now", _clock.UtcNow)));
                    continue;
                }
                await AnnounceAsync(update);
                recorded += await RecordBuyersAsync(update.Id, update.ProductId, BuyersPerRun - recorded);
            }
            catch (Exception ex)
            {
                // the cursor stays where it was: the next run goes on from there (the unique keys keep what was recorded)
                await _logger.WarningAsync($"Pre-orders: campaign update {update.Id} e-mails not all recorded, resumed next run: {ex.Message}", ex);
            }
        }
        return recorded;
    }

    /// <summary>The update's webhook event, published by the one node whose claim of <c>announced_on_utc</c> succeeds.</summary>
    protected virtual async Task AnnounceAsync(PreorderCampaignUpdate update)
    {
        if (update.AnnouncedOnUtc != null || await _dataProvider.ExecuteNonQueryAsync(AnnounceSql, Parameters(("id", update.Id), ("now", _clock.UtcNow))) != 1)
            return;
        await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.CampaignUpdate, $"campaign-update:{update.Id}", productId: update.ProductId)
        {
            Reason = update.Text,
            Stage = CampaignUpdateRules.Code(update.Stage),
            OccurredOnUtc = update.CreatedOnUtc
        });
    }

    /// <summary>Batches of buyers after the update's cursor, up to <paramref name="limit"/> e-mails; returns how many were recorded.</summary>
    protected virtual async Task<int> RecordBuyersAsync(int updateId, int productId, int limit)
    {
        var recorded = 0;
        var states = CampaignUpdateRules.BuyerStates.Select(s => (int)s).ToArray();
        while (recorded < limit)
        {
            // the cursor as stored now: another node may have moved it since the run read the update
            var current = await _updateRepository.Table.Where(u => u.Id == updateId)
                .Select(u => new { u.RecipientsAfterCustomerId, u.RecipientsDoneOnUtc, u.DeletedOnUtc }).FirstOrDefaultAsync();
            if (current == null || current.RecipientsDoneOnUtc != null || current.DeletedOnUtc != null)
                break;
            var after = current.RecipientsAfterCustomerId;
            var size = Math.Max(1, BatchSize);
            var customers = await _lineRepository.Table
                .Where(l => l.ProductId == productId && l.CustomerId > after && states.Contains(l.StateId)
                    && !_optOutRepository.Table.Any(o => o.CustomerId == l.CustomerId))
                .Select(l => l.CustomerId).Distinct().OrderBy(c => c).Take(size).ToListAsync();
            var orders = customers.Count == 0 ? new Dictionary<int, int>() : (await _lineRepository.Table
                    .Where(l => l.ProductId == productId && customers.Contains(l.CustomerId) && states.Contains(l.StateId))
                    .Select(l => new { l.CustomerId, l.OrderId }).ToListAsync())
                .GroupBy(x => x.CustomerId).ToDictionary(g => g.Key, g => g.Max(x => x.OrderId));

            var inBatch = 0;
            foreach (var customerId in customers)
            {
                // the order is where the e-mail is built from; the key is the buyer's, so another order never makes a second e-mail
                var orderId = orders.TryGetValue(customerId, out var id) ? id : 0;
                if (await _messageService.TryRecordAsync(CampaignUpdateMessageTokens.Key(productId, customerId, updateId), orderId, productId) != null)
                    inBatch++;
            }
            recorded += inBatch;
            var last = customers.Count > 0 ? customers[^1] : after;
            var done = customers.Count < size;
            // the update's count is of the batch's buyers, every one of whom now has their e-mail's row (this node's or a
            // twin's: TryRecordAsync returns null only for a key already recorded). Not inBatch: two nodes reading the
            // same batch split its rows between them, and only the node whose cursor move wins adds its count.
            var parameters = Parameters(("id", updateId), ("from", after), ("after", last), ("recorded", customers.Count), ("now", _clock.UtcNow));
            var moved = done
                ? await _dataProvider.ExecuteNonQueryAsync(DoneSql, parameters)
                : await _dataProvider.ExecuteNonQueryAsync(AdvanceSql, parameters);
            // another node moved the cursor first: it goes on from there
            if (moved != 1 || done)
                break;
        }
        return recorded;
    }

    /// <summary>The statements' parameters: the dates as DateTime2, every other value an int.</summary>
    private static DataParameter[] Parameters(params (string Name, object Value)[] values) =>
        values.Select(p => p.Value is DateTime
            ? new DataParameter(p.Name, p.Value, PreorderDataTypes.DateTime2)
            : new DataParameter(p.Name, p.Value, PreorderDataTypes.Int32)).ToArray();
}
