using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Services.Logging;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// The waitlist's e-mails, recorded by the scheduled task (never inside the shopper's or merchant's request), in
/// throttled batches:
/// <list type="number">
/// <item>the guests' confirmation e-mails (double opt-in) of rows not confirmed and not yet recorded;</item>
/// <item>the launch e-mail ("pre-orders are open") of every confirmed row whose product's window is open, once per row.</item>
/// </list>
/// Each walk is a keyset over the row id (<c>id &gt; last</c>, oldest first, <see cref="BatchSize"/> rows a batch, at most
/// <see cref="EmailsPerRun"/> e-mails a run; the rest wait for the next run). Every e-mail is recorded under a key unique
/// per row (<see cref="WaitlistMessageTokens.LaunchKey"/>), so two nodes reading the same batch record it once (the
/// message log's unique index); the row is then marked with a conditional UPDATE from null, so a later run skips it.
/// A run that dies between the two is resumed by the next, whose record of the same key adds nothing.
/// The messages step of the same run sends what was recorded.
/// </summary>
public class WaitlistNoticeService
{
    private static readonly string ConfirmRecordedSql =
        $"UPDATE {PreorderDbNames.Table<PreorderWaitlistEntry>()} SET confirm_recorded_on_utc = @now WHERE id = @id AND confirm_recorded_on_utc IS NULL";

    private static readonly string LaunchRecordedSql =
        $"UPDATE {PreorderDbNames.Table<PreorderWaitlistEntry>()} SET launch_recorded_on_utc = @now WHERE id = @id AND launch_recorded_on_utc IS NULL";

    private readonly ILogger _logger;
    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly IRepository<PreorderWaitlistEntry> _entryRepository;
    private readonly PreorderMessageService _messageService;

    public WaitlistNoticeService(ILogger logger,
        INopDataProvider dataProvider,
        IRepository<PreorderProfile> profileRepository,
        IRepository<PreorderWaitlistEntry> entryRepository,
        PreorderMessageService messageService)
    {
        _logger = logger;
        _dataProvider = dataProvider;
        _profileRepository = profileRepository;
        _entryRepository = entryRepository;
        _messageService = messageService;
    }

    /// <summary>E-mails one run records at most (confirmations and launches together); the rest wait for the next run.</summary>
    public virtual int EmailsPerRun { get; set; } = 1000;

    /// <summary>Rows read per batch.</summary>
    public virtual int BatchSize { get; set; } = 200;

    /// <summary>Records the due confirmation and launch e-mails; returns how many this run recorded.</summary>
    public virtual async Task<int> RecordDueAsync(DateTime nowUtc)
    {
        var recorded = 0;
        try
        {
            recorded += await RecordConfirmationsAsync(nowUtc, EmailsPerRun);
        }
        catch (Exception ex)
        {
            // the rows stay unmarked: the next run records them (the unique keys keep what was recorded)
            await _logger.WarningAsync($"Pre-orders: waitlist confirmation e-mails not all recorded, resumed next run: {ex.Message}", ex);
        }
        try
        {
            recorded += await RecordLaunchesAsync(nowUtc, EmailsPerRun - recorded);
        }
        catch (Exception ex)
        {
            await _logger.WarningAsync($"Pre-orders: waitlist launch e-mails not all recorded, resumed next run: {ex.Message}", ex);
        }
        return recorded;
    }

    /// <summary>The guests' confirmation e-mails: rows not confirmed whose e-mail is not recorded yet.</summary>
    protected virtual async Task<int> RecordConfirmationsAsync(DateTime nowUtc, int limit)
    {
        var recorded = 0;
        var after = 0;
        var size = Math.Max(1, BatchSize);
        while (recorded < limit)
        {
            var last = after;
            var batch = await _entryRepository.Table
                .Where(e => e.Id > last && e.ConfirmedOnUtc == null && e.ConfirmRecordedOnUtc == null)
                .OrderBy(e => e.Id).Take(Math.Min(size, limit - recorded))
                .Select(e => new { e.Id, e.ProductId, e.StoreId }).ToListAsync();
            foreach (var row in batch)
            {
                if (await _messageService.TryRecordAsync(WaitlistMessageTokens.ConfirmKey(row.ProductId, row.StoreId, row.Id), 0, row.ProductId) != null)
                    recorded++;
                await _dataProvider.ExecuteNonQueryAsync(ConfirmRecordedSql, Parameters(row.Id, nowUtc));
            }
            if (batch.Count < size)
                break;
            after = batch[^1].Id;
        }
        return recorded;
    }

    /// <summary>The launch e-mails: confirmed rows not yet e-mailed whose product's window is open now.</summary>
    protected virtual async Task<int> RecordLaunchesAsync(DateTime nowUtc, int limit)
    {
        var recorded = 0;
        var after = 0;
        var size = Math.Max(1, BatchSize);
        // read from the table, not the catalog's cache: the window may have been moved by another node a moment ago
        var openProducts = _profileRepository.Table
            .Where(p => p.Enabled && p.ReleasedOnUtc == null && p.WindowStartUtc != null && p.WindowStartUtc <= nowUtc
                && (p.WindowEndUtc == null || p.WindowEndUtc > nowUtc))
            .Select(p => p.ProductId);
        while (recorded < limit)
        {
            var last = after;
            var batch = await _entryRepository.Table
                .Where(e => e.Id > last && e.LaunchRecordedOnUtc == null && e.ConfirmedOnUtc != null && openProducts.Contains(e.ProductId))
                .OrderBy(e => e.Id).Take(Math.Min(size, limit - recorded))
                .Select(e => new { e.Id, e.ProductId, e.StoreId }).ToListAsync();
            foreach (var row in batch)
            {
                if (await _messageService.TryRecordAsync(WaitlistMessageTokens.LaunchKey(row.ProductId, row.StoreId, row.Id), 0, row.ProductId) != null)
                    recorded++;
                await _dataProvider.ExecuteNonQueryAsync(LaunchRecordedSql, Parameters(row.Id, nowUtc));
            }
            if (batch.Count < size)
                break;
            after = batch[^1].Id;
        }
        return recorded;
    }

    /// <summary>The marks' parameters: the row and the run's moment.</summary>
    private static DataParameter[] Parameters(int id, DateTime nowUtc) => new[]
    {
        new DataParameter("now", nowUtc, PreorderDataTypes.DateTime2),
        new DataParameter("id", id, PreorderDataTypes.Int32)
    };
}
