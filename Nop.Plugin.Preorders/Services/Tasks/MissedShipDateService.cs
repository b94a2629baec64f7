using System.Globalization;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Logging;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;

namespace Nop.Plugin.Preorders.Services.Tasks;

/// <summary>
/// The task's step for waiting lines whose expected ship date passed (<see cref="PreorderSettings.MissedShipDate"/>,
/// per store; the rules in <see cref="MissedShipDateRules"/>). Each line is handled once, whatever the number of runs
/// or nodes: the notice is claimed by inserting the line's <see cref="PreorderMissedShipDate"/> row (unique per line),
/// the refund by a conditional UPDATE of its <c>refund_handled_on_utc</c> from null. The refund is the shopper's
/// penalty-free cancellation (<see cref="PreorderOrderService.CancelLineAsync"/>): the existing settlement moves the
/// money and sends the cancellation e-mail saying what was refunded. Stores paused on their own are left out.
/// </summary>
public class MissedShipDateService
{
    public const int BatchSize = 500;

    /// <summary>Lines one run handles at most per step; the rest wait for the next run.</summary>
    public const int LinesPerRun = 2000;

    private static readonly string ClaimRefundSql =
        $"UPDATE {PreorderDbNames.Table<PreorderMissedShipDate>()} SET refund_handled_on_utc = @on WHERE id = @id AND refund_handled_on_utc IS NULL";

    private static readonly string ReleaseRefundSql =
        $"UPDATE {PreorderDbNames.Table<PreorderMissedShipDate>()} SET refund_handled_on_utc = NULL WHERE id = @id AND refund_handled_on_utc = @on";

    private static readonly string MarkRefundedSql =
        $"UPDATE {PreorderDbNames.Table<PreorderMissedShipDate>()} SET refunded = @yes WHERE id = @id";

    private readonly ILogger _logger;
    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderMissedShipDate> _missedRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly PreorderMessageService _messageService;
    private readonly PreorderOrderService _orderPreorderService;
    private readonly PreorderStoreSettings _storeSettings;

    public MissedShipDateService(ILogger logger,
        INopDataProvider dataProvider,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderMissedShipDate> missedRepository,
        IRepository<PreorderProfile> profileRepository,
        PreorderMessageService messageService,
        PreorderOrderService orderPreorderService,
        PreorderStoreSettings storeSettings)
    {
        _logger = logger;
        _dataProvider = dataProvider;
        _lineRepository = lineRepository;
        _missedRepository = missedRepository;
        _profileRepository = profileRepository;
        _messageService = messageService;
        _orderPreorderService = orderPreorderService;
        _storeSettings = storeSettings;
    }

    /// <summary>Notices first, then the refunds that came due. Returns how many lines were told and how many refunded by this run.</summary>
    public virtual async Task<(int Notified, int Refunded)> RunAsync(DateTime nowUtc)
    {
        var notified = await NotifyAsync(nowUtc);
        var refunded = await RefundDueAsync(nowUtc);
        return (notified, refunded);
    }

    /// <summary>
    /// Records the notice of each late waiting line of a store whose policy tells the shopper; the messages step of the
    /// same run sends it. The ship date is the product's current one (the line's snapshot when the product has none), so a
    /// date the merchant moved ahead (with its own delay notice) is not late.
    /// </summary>
    protected virtual async Task<int> NotifyAsync(DateTime nowUtc)
    {
        var stores = await StoresWithPolicyAsync();
        if (stores.Count == 0)
            return 0;
        var storeIds = stores.Keys.ToArray();
        // a first cut in SQL (the ship date's day is over), the rule itself below
        var today = nowUtc.Date;
        var count = 0;
        var skip = new HashSet<int>();
        while (count < LinesPerRun)
        {
            var batch = await (from l in _lineRepository.Table
                               join p in _profileRepository.Table on l.ProductId equals p.ProductId into profiles
                               from p in profiles.DefaultIfEmpty()
                               let ship = p != null && p.ExpectedShipDateUtc != null ? p.ExpectedShipDateUtc : l.ExpectedShipDateUtc
                               where l.StateId == (int)PreorderLineState.Waiting && ship != null && ship < today && storeIds.Contains(l.StoreId)
                                     && !_missedRepository.Table.Any(m => m.PreorderLineId == l.Id)
                               orderby l.Id
                               select new { Line = l, Ship = ship }).Take(BatchSize).ToListAsync();
            batch = batch.Where(b => !skip.Contains(b.Line.Id)).ToList();
            if (batch.Count == 0)
                break;
            foreach (var item in batch)
            {
                skip.Add(item.Line.Id);
                var settings = stores[item.Line.StoreId];
                if (MissedShipDateRules.NoticeAction(settings.MissedShipDate, item.Line.State, item.Ship, nowUtc, alreadyNotified: false) != MissedShipDateAction.Notify)
                    continue;
                if (await TryNotifyAsync(item.Line, item.Ship!.Value, settings, nowUtc))
                    count++;
                if (count >= LinesPerRun)
                    break;
            }
            if (batch.Count < BatchSize)
                break;
        }
        return count;
    }

    private async Task<bool> TryNotifyAsync(PreorderLine line, DateTime shipDateUtc, PreorderSettings settings, DateTime nowUtc)
    {
        var missed = new PreorderMissedShipDate
        {
            PreorderLineId = line.Id,
            OrderId = line.OrderId,
            StoreId = line.StoreId,
            ShipDateUtc = shipDateUtc,
            NotifiedOnUtc = nowUtc,
            RefundDueOnUtc = MissedShipDateRules.RefundDueOn(settings.MissedShipDate, settings.MissedShipDateRefundDays, nowUtc)
        };
        try
        {
            await _missedRepository.InsertAsync(missed, false);
        }
        catch (Exception)
        {
            // the unique line index: another node claimed this line first and tells the shopper
            if (await _missedRepository.Table.Where(m => m.PreorderLineId == line.Id).AnyAsync())
                return false;
            throw;
        }
        try
        {
            var key = PreorderMessageKey.Format(K.MissedShipDate, new[] { ("order", line.OrderId), ("line", line.Id) });
            await _messageService.TryRecordAsync(key, line.OrderId, line.ProductId);
            return true;
        }
        catch (Exception ex)
        {
            // given back: the next run claims the line again (the message key keeps a recorded notice once)
            await _missedRepository.DeleteAsync(missed, false);
            await _logger.WarningAsync($"Pre-orders: missed ship date notice of line {line.Id} not recorded, retried next run: {ex.Message}", ex);
            return false;
        }
    }

    /// <summary>The notices whose refund date came: a line still late is cancelled and refunded in full, once; any other is closed without a refund.</summary>
    protected virtual async Task<int> RefundDueAsync(DateTime nowUtc)
    {
        var count = 0;
        var skip = new HashSet<int>();
        while (skip.Count < LinesPerRun)
        {
            var batch = (await _missedRepository.Table
                .Where(m => m.RefundDueOnUtc != null && m.RefundDueOnUtc <= nowUtc && m.RefundHandledOnUtc == null)
                .OrderBy(m => m.RefundDueOnUtc).ThenBy(m => m.Id).Take(BatchSize).ToListAsync())
                .Where(m => !skip.Contains(m.Id)).ToList();
            if (batch.Count == 0)
                break;
            foreach (var missed in batch)
            {
                skip.Add(missed.Id);
                // a store paused on its own keeps its refunds for when it resumes
                if ((await _storeSettings.ForStoreAsync(missed.StoreId)).AutomationPaused)
                    continue;
                if (await TryRefundAsync(missed, nowUtc))
                    count++;
            }
            if (batch.Count < BatchSize)
                break;
        }
        return count;
    }

    private async Task<bool> TryRefundAsync(PreorderMissedShipDate missed, DateTime nowUtc)
    {
        var line = await _lineRepository.GetByIdAsync(missed.PreorderLineId);
        var profileDate = line == null ? null
            : await _profileRepository.Table.Where(p => p.ProductId == line.ProductId).Select(p => p.ExpectedShipDateUtc).FirstOrDefaultAsync();
        var action = line == null
            ? MissedShipDateAction.NoRefund
            : MissedShipDateRules.RefundAction(missed.RefundDueOnUtc, alreadyHandled: false, line.State, profileDate ?? line.ExpectedShipDateUtc, nowUtc);
        if (action == MissedShipDateAction.None)
            return false;
        // one node decides the line
        if (!await ClaimRefundAsync(missed.Id, nowUtc))
            return false;
        if (action == MissedShipDateAction.NoRefund)
            return false;
        try
        {
            var reason = string.Format(CultureInfo.InvariantCulture,
                "Refunded automatically: the expected ship date {0:yyyy-MM-dd} passed and the item had not arrived by {1:yyyy-MM-dd}", missed.ShipDateUtc, missed.RefundDueOnUtc);
            if (!await _orderPreorderService.CancelLineAsync(line!.Id, reason, 0, penaltyFreeOffered: true))
                return false;
            await _dataProvider.ExecuteNonQueryAsync(MarkRefundedSql,
                new DataParameter("yes", true, PreorderDataTypes.Boolean),
                new DataParameter("id", missed.Id, PreorderDataTypes.Int32));
            return true;
        }
        catch (Exception ex)
        {
            // given back: the next run decides again (a line cancelled meanwhile is then closed without a second refund)
            await _dataProvider.ExecuteNonQueryAsync(ReleaseRefundSql,
                new DataParameter("id", missed.Id, PreorderDataTypes.Int32),
                new DataParameter("on", nowUtc, PreorderDataTypes.DateTime2));
            await _logger.WarningAsync($"Pre-orders: automatic refund of line {missed.PreorderLineId} (missed ship date) failed, retried next run: {ex.Message}", ex);
            return false;
        }
    }

    private async Task<bool> ClaimRefundAsync(int id, DateTime on) =>
        await _dataProvider.ExecuteNonQueryAsync(ClaimRefundSql,
            new DataParameter("on", on, PreorderDataTypes.DateTime2),
            new DataParameter("id", id, PreorderDataTypes.Int32)) == 1;

    /// <summary>The stores (by id) of waiting lines whose policy tells shoppers about a missed ship date, with their settings; stores paused on their own are left out.</summary>
    private async Task<Dictionary<int, PreorderSettings>> StoresWithPolicyAsync()
    {
        var result = new Dictionary<int, PreorderSettings>();
        foreach (var storeId in await StoreIdsAsync())
        {
            var settings = await _storeSettings.ForStoreAsync(storeId);
            if (settings.MissedShipDate != MissedShipDatePolicy.Nothing && !settings.AutomationPaused)
                result[storeId] = settings;
        }
        return result;
    }

    private async Task<IList<int>> StoreIdsAsync() =>
        await _lineRepository.Table.Where(l => l.StateId == (int)PreorderLineState.Waiting).Select(l => l.StoreId).Distinct().ToListAsync();
}
