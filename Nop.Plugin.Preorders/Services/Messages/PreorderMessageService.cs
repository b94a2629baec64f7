using System.Globalization;
using LinqToDB;
using LinqToDB.Data;
using Nop.Core.Domain.Messages;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Configuration;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Messages;
using Nop.Services.Stores;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// Exactly-once notifications through nopCommerce's own pipeline (message templates, e-mail accounts, queued
/// e-mails, so the shop's account, BCC and retry settings apply).
/// <para>
/// Every message has a key (<see cref="PreorderMessageKey"/>) stored with a unique index in
/// <c>preorder_message_log</c>. The row is written first; a repeated event, a task run twice or a second
/// web-farm node finds the key taken and does nothing. Sending then claims the row with compare-and-set on
/// its attempt counter (one node wins); while a claim is fresh, <c>sent_on_utc</c> holds the claim time, and
/// only a claim older than <see cref="ClaimLease"/> (a crashed node) is taken over. A failure leaves the row
/// Failed and the scheduled run retries it with backoff, forever: nothing is lost. The message is rebuilt
/// from the key and the current data on every attempt. While automation is paused, rows are recorded but
/// nothing is sent; the next unpaused run sends them.
/// </para>
/// <para>
/// Balance links are issued while a message is built, once per attempt: only a link's hash is stored, so a retry
/// cannot resend the link of a failed attempt. An attempt that queues no e-mail (failure, no active template,
/// nothing to send) revokes the links it issued, so a message leaves exactly one valid link: the one it delivered.
/// </para>
/// </summary>
public class PreorderMessageService
{
    public const int BatchSize = 500;

    /// <summary>Local hour of the store from which the day's digest goes out.</summary>
    public const int DigestLocalHour = 7;

    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    /// <summary>Batches of <see cref="BatchSize"/> e-mails one scheduled run sends at most.</summary>
    public const int SendBatchesPerRun = 20;

    private static readonly string ClaimSql =
        $"UPDATE {PreorderDbNames.Table<PreorderMessageLog>()} SET attempts = attempts + 1, status_id = @pending, sent_on_utc = @now " +
        "WHERE id = @id AND attempts = @attempts AND status_id <> @sent";

    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly IEmailAccountService _emailAccountService;
    private readonly EmailAccountSettings _emailAccountSettings;
    private readonly IEventPublisher _eventPublisher;
    private readonly ILocalizationService _localizationService;
    private readonly ILogger _logger;
    private readonly IMessageTemplateService _messageTemplateService;
    private readonly IMessageTokenProvider _messageTokenProvider;
    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderAuditEntry> _auditRepository;
    private readonly IRepository<PreorderCapCounter> _counterRepository;
    private readonly IRepository<PreorderInstallment> _installmentRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderMessageLog> _messageLogRepository;
    private readonly ISettingService _settingService;
    private readonly IStoreService _storeService;
    private readonly IWorkflowMessageService _workflowMessageService;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;
    private readonly PreorderMessageTokenBuilder _tokenBuilder;

    /// <summary>Merchant texts this instance has already kept (one "e-mail all buyers" request publishes one event per order).</summary>
    private readonly HashSet<string> _keptMerchantTexts = new(StringComparer.Ordinal);

    public PreorderMessageService(IDateTimeHelper dateTimeHelper,
        IEmailAccountService emailAccountService,
        EmailAccountSettings emailAccountSettings,
        IEventPublisher eventPublisher,
        ILocalizationService localizationService,
        ILogger logger,
        IMessageTemplateService messageTemplateService,
        IMessageTokenProvider messageTokenProvider,
        INopDataProvider dataProvider,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderAuditEntry> auditRepository,
        IRepository<PreorderCapCounter> counterRepository,
        IRepository<PreorderInstallment> installmentRepository,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderMessageLog> messageLogRepository,
        ISettingService settingService,
        IStoreService storeService,
        IWorkflowMessageService workflowMessageService,
        PreorderAuditService auditService,
        PreorderClock clock,
        PreorderMessageTokenBuilder tokenBuilder)
    {
        _dateTimeHelper = dateTimeHelper;
        _emailAccountService = emailAccountService;
        _emailAccountSettings = emailAccountSettings;
        _eventPublisher = eventPublisher;
        _localizationService = localizationService;
        _logger = logger;
        _messageTemplateService = messageTemplateService;
        _messageTokenProvider = messageTokenProvider;
        _dataProvider = dataProvider;
        _accountRepository = accountRepository;
        _auditRepository = auditRepository;
        _counterRepository = counterRepository;
        _installmentRepository = installmentRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _messageLogRepository = messageLogRepository;
        _settingService = settingService;
        _storeService = storeService;
        _workflowMessageService = workflowMessageService;
        _auditService = auditService;
        _clock = clock;
        _tokenBuilder = tokenBuilder;
    }

    #region Events

    /// <summary>
    /// The messages a plugin event calls for: recorded once, then queued at once (unless automation is paused,
    /// or the event fans out to many orders: those are queued by the scheduled run, outside the admin's request).
    /// Returns how many e-mails were queued now.
    /// </summary>
    public virtual async Task<int> HandleEventAsync(PreorderEvent preorderEvent)
    {
        var (keys, fanOut) = await KeysForEventAsync(preorderEvent);
        return await RecordAndSendAsync(keys, sendNow: !fanOut);
    }

    /// <summary>nopCommerce marked a shipment delivered: the thank-you with a review request, once per order.</summary>
    public virtual async Task<int> HandleDeliveredAsync(int orderId)
    {
        if (!await _accountRepository.Table.Where(a => a.OrderId == orderId).AnyAsync())
            return 0;
        return await RecordAndSendAsync(new[] { (PreorderMessageKey.Format(K.ThankYou, new[] { ("order", orderId) }), orderId, 0) }, sendNow: true);
    }

    protected virtual async Task<(IList<(string Key, int OrderId, int ProductId)> Keys, bool FanOut)> KeysForEventAsync(PreorderEvent e)
    {
        var keys = new List<(string, int, int)>();
        void Add(PreorderMessageKind kind, int orderId, int productId, params (string, int)[] ids) =>
            keys.Add((PreorderMessageKey.Format(kind, new[] { ("order", orderId) }.Concat(ids).ToArray()), orderId, productId));

        switch (e.Kind)
        {
            case PreorderEventKind.LinePlaced:
                // one confirmation per order, however many pre-order lines it has
                Add(K.Confirmed, e.OrderId, e.ProductId);
                Add(K.StoreNewPreorder, e.OrderId, e.ProductId);
                break;

            case PreorderEventKind.PaymentRecorded:
                var payment = await EntryOfAsync(e.Key);
                if (payment is not { Status: LedgerEntryStatus.Succeeded })
                    break;
                if (payment.Kind == LedgerEntryKind.Deposit)
                {
                    Add(K.DepositReceived, payment.OrderId, e.ProductId, ("entry", payment.Id));
                    Add(K.StoreDepositConfirmed, payment.OrderId, e.ProductId, ("entry", payment.Id));
                }
                else if (payment.Kind is LedgerEntryKind.Balance or LedgerEntryKind.Installment or LedgerEntryKind.Extra)
                    Add(K.PaymentReceived, payment.OrderId, e.ProductId, ("entry", payment.Id));
                break;

            case PreorderEventKind.ChargeFailed:
                var failed = await EntryOfAsync(e.Key);
                if (failed is { Status: LedgerEntryStatus.Failed })
                    Add(K.ChargeFailed, failed.OrderId, e.ProductId, ("entry", failed.Id));
                break;

            case PreorderEventKind.StockAllocated:
                // raised by the task for every allocated line (AllocationNoticeService, at most its LinesPerRun per
                // run), never inside the request that raised the stock
                Add(K.StockArrived, e.OrderId, e.ProductId, ("line", e.LineId));
                break;

            case PreorderEventKind.LineCancelled:
                // through the balance link: the message says so, to the billing address, in place of the plain one
                Add(e.ThroughBalanceLink ? K.CancelledThroughLink : K.Cancelled, e.OrderId, e.ProductId, ("line", e.LineId));
                break;

            case PreorderEventKind.ExtensionGranted:
                // "extended:{line}:{count}" (the shopper's or the merchant's extension) or "rescheduled:{line}:v{version}"
                // (the merchant's new date, also in bulk): each one a message of its own
                if (e.LineId > 0 && ExtensionStep(e.Key) is { } extension)
                    keys.Add((PreorderMessageKey.Format(K.ExtensionGranted, new[] { ("order", e.OrderId), ("line", e.LineId) }, extension), e.OrderId, e.ProductId));
                break;

            case PreorderEventKind.Refunded:
                var refund = await EntryOfAsync(e.Key);
                // a refund on its way is told when it completes (the ledger raises the event again); nopCommerce's own
                // refund buttons send nopCommerce's refund e-mail; a cancellation's or expiry's message says what it refunded
                if (refund is not { Status: LedgerEntryStatus.Succeeded, Kind: LedgerEntryKind.Refund }
                    || refund.IdempotencyKey?.StartsWith("nop-refund:", StringComparison.Ordinal) == true
                    || refund.PreorderLineId is int refundedLine && refundedLine > 0 && await _lineRepository.Table.Where(l => l.Id == refundedLine
                        && (l.StateId == (int)PreorderLineState.Cancelled || l.StateId == (int)PreorderLineState.Expired)).AnyAsync())
                    break;
                Add(K.RefundMade, refund.OrderId, e.ProductId, ("entry", refund.Id));
                break;

            case PreorderEventKind.LineShipped:
                if (e.LineId > 0)
                    Add(K.LineShipped, e.OrderId, e.ProductId, ("line", e.LineId));
                break;

            case PreorderEventKind.LineExpired:
                Add(K.ReservationExpired, e.OrderId, e.ProductId, ("line", e.LineId));
                Add(K.StoreReservationExpired, e.OrderId, e.ProductId, ("line", e.LineId));
                break;

            case PreorderEventKind.CapReached:
                var counter = await _counterRepository.Table.Where(c => c.ProductId == e.ProductId && c.CombinationId == 0).FirstOrDefaultAsync();
                keys.Add((PreorderMessageKey.Format(K.StoreCapReached, new[] { ("product", e.ProductId) }, $"cap{counter?.Cap ?? 0}"), 0, e.ProductId));
                break;

            case PreorderEventKind.ShipDateChanged:
                // one notice per affected order, tens of thousands on a popular product: recorded by the task from the
                // change row (ShipDateNoticeService), never inside the admin's product save; the event's webhook stays
                break;

            case PreorderEventKind.MerchantMessage:
                // one event per order of one request ("merchant-message:{request}:{order}"): the request id makes the key,
                // so a repeated event finds its message recorded; the text is kept once per request for the (re)builds
                if (e.OrderId <= 0 || e.ProductId <= 0 || string.IsNullOrWhiteSpace(e.Reason))
                    break;
                var request = PreorderMessageKey.StepFrom("m", EventPart(e.Key, "merchant-message:", e.OrderId));
                await KeepMerchantTextAsync(request, e.ProductId, e.Reason);
                keys.Add((PreorderMessageKey.Format(K.MerchantMessage, new[] { ("order", e.OrderId), ("product", e.ProductId) }, request), e.OrderId, e.ProductId));
                // many orders: queued by the scheduled run, outside the admin's request
                return (keys, true);

            case PreorderEventKind.BalanceLinkRequested:
                // "balance-link:{order}:{ticks}": every resend is a message of its own; the link is issued when it is built
                if (e.OrderId <= 0)
                    break;
                var resend = PreorderMessageKey.StepFrom("t", EventPart(e.Key, $"balance-link:{e.OrderId.ToString(CultureInfo.InvariantCulture)}:", 0));
                keys.Add((PreorderMessageKey.Format(K.BalanceLink, new[] { ("order", e.OrderId) }, resend), e.OrderId, 0));
                break;
        }
        return (keys, false);
    }

    /// <summary>The step of an extension's message from its event key: "x{count}" for an extension, "r{version}" for a reschedule.</summary>
    private static string ExtensionStep(string key)
    {
        var parts = (key ?? string.Empty).Split(':');
        if (parts.Length == 3 && parts[0] == "extended" && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return "x" + count.ToString(CultureInfo.InvariantCulture);
        if (parts.Length == 3 && parts[0] == "rescheduled" && parts[2].StartsWith('v')
            && int.TryParse(parts[2][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return "r" + version.ToString(CultureInfo.InvariantCulture);
        return key == null ? null : PreorderMessageKey.StepFrom("e", key);
    }

    /// <summary>
    /// What identifies one occurrence inside a plugin event key: the part after <paramref name="prefix"/> (and before
    /// ":{orderId}" when <paramref name="orderId"/> is set); the whole key when it has another shape.
    /// </summary>
    private static string EventPart(string key, string prefix, int orderId)
    {
        key ??= string.Empty;
        var suffix = orderId > 0 ? ":" + orderId.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return key.Length > prefix.Length + suffix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(suffix, StringComparison.Ordinal)
            ? key[prefix.Length..^suffix.Length]
            : key;
    }

    /// <summary>
    /// Keeps the merchant's text of one "e-mail all buyers" request (a product-level audit row) so that every order's
    /// message, and every retry, is built from it: the event itself is gone after this request.
    /// </summary>
    private async Task KeepMerchantTextAsync(string request, int productId, string text)
    {
        var action = PreorderMessageTokenBuilder.MerchantTextAction(request);
        if (_keptMerchantTexts.Contains(action))
            return;
        if (!await _auditRepository.Table.Where(a => a.OrderId == 0 && a.ProductId == productId && a.Action == action).AnyAsync())
            await _auditService.RecordAsync(action, 0, productId: productId, details: text);
        _keptMerchantTexts.Add(action);
    }

    private async Task<PreorderLedgerEntry> EntryOfAsync(string eventKey)
    {
        var id = IdAfter(eventKey, "ledger:");
        return id == 0 ? null : await _ledgerRepository.GetByIdAsync(id);
    }

    private static int IdAfter(string key, string prefix) =>
        key != null && key.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(key[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    #endregion

    #region Scheduled run

    /// <summary>
    /// The task's part: finds what has come due (reminders, charge notices, overdue and expiring reservations,
    /// the daily digest), records it once, then sends everything pending or failed. Returns e-mails queued.
    /// </summary>
    public virtual async Task<int> RunScheduledAsync(DateTime nowUtc)
    {
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>();
        if (settings.AutomationPaused)
            return 0;

        var due = new List<(string Key, int OrderId, int ProductId)>();
        var settingsByStore = new Dictionary<int, PreorderSettings> { [0] = settings };
        async Task<PreorderSettings> SettingsOf(int storeId)
        {
            if (!settingsByStore.TryGetValue(storeId, out var s))
                settingsByStore[storeId] = s = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);
            return s;
        }

        await DueRemindersAsync(nowUtc, settings, SettingsOf, due);
        await DueOverdueNoticesAsync(due);
        await DueDigestsAsync(nowUtc, SettingsOf, due);
        await RecordAsync(due);
        return await SendPendingAsync(nowUtc);
    }

    /// <summary>Balance reminders (lines and installments of offline payers) and notices of automatic charges.</summary>
    protected virtual async Task DueRemindersAsync(DateTime nowUtc, PreorderSettings defaults, Func<int, Task<PreorderSettings>> settingsOf,
        List<(string Key, int OrderId, int ProductId)> due)
    {
        // only what falls due within the longest configured notice of any store is read
        var noticeDays = 0;
        foreach (var storeId in new[] { 0 }.Concat((await _storeService.GetAllStoresAsync() ?? new List<Nop.Core.Domain.Stores.Store>()).Select(s => s.Id)))
        {
            var settings = await settingsOf(storeId);
            noticeDays = Math.Max(noticeDays, Math.Max(settings.UpcomingChargeNoticeDays, ParseDays(settings.ReminderDaysBefore).DefaultIfEmpty(0).Max()));
        }
        var horizon = nowUtc.AddDays(noticeDays);

        for ((DateTime Due, int Id)? after = null; ;)
        {
            var lines = await LinesByDueAsync(PreorderLineState.BalanceDue, nowUtc, horizon, after);
            foreach (var line in lines)
            {
                // the nearest reminder that has come due; one whose moment passed before the stock arrived is covered by the stock-arrived e-mail
                var days = ReminderDayDue(ParseDays((await settingsOf(line.StoreId)).ReminderDaysBefore), line.BalanceDueOnUtc.Value, nowUtc, line.AllocatedOnUtc);
                if (days != null)
                    due.Add((PreorderMessageKey.Format(K.BalanceReminder, new[] { ("order", line.OrderId), ("line", line.Id) }, $"x{line.ExtensionCount}", $"d{days}"), line.OrderId, line.ProductId));
            }
            if (lines.Count < BatchSize)
                break;
            after = (lines[^1].BalanceDueOnUtc.Value, lines[^1].Id);
        }

        // keyset on (due date, id), the order of the installments' due index (see LinesByDueAsync)
        for ((DateTime Due, int Id) after = (nowUtc, 0); ;)
        {
            var (afterDue, afterId) = after;
            var installments = await (from i in _installmentRepository.Table
                                      join a in _accountRepository.Table on i.OrderId equals a.OrderId
                                      where i.Sequence > 0 && i.DueOnUtc > nowUtc && i.DueOnUtc <= horizon && i.PaidAmount < i.Amount
                                            && a.StateId == (int)PreorderAccountState.AwaitingBalance
                                            // an offline payer with a balance due is reminded by the line, which asks for all it owes:
                                            // not twice for the balance installment that got the line's due date
                                            && (a.ChargeMethodSystemName != null || !_lineRepository.Table.Any(l => l.OrderId == i.OrderId
                                                && (l.StateId == (int)PreorderLineState.BalanceDue || l.StateId == (int)PreorderLineState.Overdue)))
                                            && i.DueOnUtc >= afterDue && (i.DueOnUtc > afterDue || i.Id > afterId)
                                      orderby i.DueOnUtc, i.Id
                                      select new { i.Id, i.OrderId, i.Sequence, i.DueOnUtc, a.StoreId, a.ChargeMethodSystemName }).Take(BatchSize).ToListAsync();
            foreach (var installment in installments)
            {
                var settings = await settingsOf(installment.StoreId);
                var ids = new[] { ("order", installment.OrderId), ("inst", installment.Sequence) };
                if (!string.IsNullOrEmpty(installment.ChargeMethodSystemName))
                {
                    if (installment.DueOnUtc.Value.AddDays(-Math.Max(0, settings.UpcomingChargeNoticeDays)) <= nowUtc)
                        due.Add((PreorderMessageKey.Format(K.UpcomingCharge, ids), installment.OrderId, 0));
                }
                else if (ReminderDayDue(ParseDays(settings.ReminderDaysBefore), installment.DueOnUtc.Value, nowUtc) is int days)
                    due.Add((PreorderMessageKey.Format(K.BalanceReminder, ids, $"d{days}"), installment.OrderId, 0));
            }
            if (installments.Count < BatchSize)
                break;
            after = (installments[^1].DueOnUtc.Value, installments[^1].Id);
        }
    }

    /// <summary>Overdue lines: the shopper is told the reservation will lapse, the store owner that a balance is overdue (again after each extension).</summary>
    protected virtual async Task DueOverdueNoticesAsync(List<(string Key, int OrderId, int ProductId)> due)
    {
        for ((DateTime Due, int Id)? after = null; ;)
        {
            var overdue = await LinesByDueAsync(PreorderLineState.Overdue, null, null, after);
            foreach (var line in overdue)
            {
                var ids = new[] { ("order", line.OrderId), ("line", line.Id) };
                due.Add((PreorderMessageKey.Format(K.ReservationExpiring, ids, $"x{line.ExtensionCount}"), line.OrderId, line.ProductId));
                due.Add((PreorderMessageKey.Format(K.StoreBalanceOverdue, ids, $"x{line.ExtensionCount}"), line.OrderId, line.ProductId));
            }
            if (overdue.Count < BatchSize)
                break;
            after = (overdue[^1].BalanceDueOnUtc.Value, overdue[^1].Id);
        }
    }

    /// <summary>
    /// A page of lines in a state, due in (<paramref name="dueAfter"/>, <paramref name="dueUpTo"/>], in the order of
    /// the (state, balance due) index, after the keyset <paramref name="after"/>. Paging by id instead made the
    /// database walk the table in id order looking for the state (bench 5: the whole table, in pieces).
    /// </summary>
    private async Task<List<PreorderLine>> LinesByDueAsync(PreorderLineState state, DateTime? dueAfter, DateTime? dueUpTo, (DateTime Due, int Id)? after)
    {
        var query = _lineRepository.Table.Where(l => l.StateId == (int)state && l.BalanceDueOnUtc != null);
        if (dueAfter is { } from)
            query = query.Where(l => l.BalanceDueOnUtc > from);
        if (dueUpTo is { } to)
            query = query.Where(l => l.BalanceDueOnUtc <= to);
        if (after is { } last)
        {
            var (due, id) = last;
            // the plain range lets the index seek; the pair decides the ties
            query = query.Where(l => l.BalanceDueOnUtc >= due && (l.BalanceDueOnUtc > due || l.Id > id));
        }
        return await query.OrderBy(l => l.BalanceDueOnUtc).ThenBy(l => l.Id).Take(BatchSize).ToListAsync();
    }

    /// <summary>One digest per store and local day, from <see cref="DigestLocalHour"/> on.</summary>
    protected virtual async Task DueDigestsAsync(DateTime nowUtc, Func<int, Task<PreorderSettings>> settingsOf, List<(string Key, int OrderId, int ProductId)> due)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc);
        if (local.Hour < DigestLocalHour)
            return;
        foreach (var store in await _storeService.GetAllStoresAsync() ?? new List<Nop.Core.Domain.Stores.Store>())
            if ((await settingsOf(store.Id)).DailyDigestEnabled)
                due.Add((PreorderMessageKey.Format(K.StoreDailyDigest, new[] { ("store", store.Id) }, local.ToString("yyyyMMdd", CultureInfo.InvariantCulture)), 0, 0));
    }

    /// <summary>
    /// The smallest configured "days before" whose moment has come (and did not come before <paramref name="notBeforeUtc"/>),
    /// or null. Several reminders due at once (the task was paused) give one reminder, the nearest.
    /// </summary>
    public static int? ReminderDayDue(IEnumerable<int> daysBefore, DateTime dueUtc, DateTime nowUtc, DateTime? notBeforeUtc = null) =>
        daysBefore.Where(d => dueUtc.AddDays(-d) <= nowUtc && (notBeforeUtc == null || dueUtc.AddDays(-d) >= notBeforeUtc)).Select(d => (int?)d).Min();

    /// <summary>"3,1" → [3, 1]; blanks and nonsense are ignored.</summary>
    public static IList<int> ParseDays(string value) =>
        (value ?? string.Empty).Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : -1)
            .Where(d => d >= 0 && d <= 365).Distinct().ToList();

    /// <summary>Sends what is pending (fresh first), failed and due for a retry, or claimed by a node that never finished.</summary>
    protected virtual async Task<int> SendPendingAsync(DateTime nowUtc)
    {
        var leaseCutoff = nowUtc - ClaimLease;
        var sent = 0;
        // batch after batch (a fan-out or a big stock arrival records thousands), until a batch is not full or
        // sends nothing (only failures waiting for their backoff), at most SendBatchesPerRun per run
        for (var batch = 0; batch < SendBatchesPerRun; batch++)
        {
            var candidates = await _messageLogRepository.Table
                .Where(m => m.StatusId != (int)DeliveryStatus.Sent
                    && (m.StatusId == (int)DeliveryStatus.Failed || m.Attempts == 0 || m.SentOnUtc == null || m.SentOnUtc < leaseCutoff))
                .OrderBy(m => m.Attempts).ThenBy(m => m.Id).Take(BatchSize).ToListAsync();
            var sentInBatch = 0;
            foreach (var log in candidates)
            {
                if (log.Status == DeliveryStatus.Failed && log.SentOnUtc + DeliveryBackoff.After(log.Attempts) > nowUtc)
                    continue;
                try
                {
                    if (await TrySendAsync(log, nowUtc))
                        sentInBatch++;
                }
                catch (Exception ex)
                {
                    // the claim itself failed (database busy): the row is untouched and the next run takes it
                    await _logger.WarningAsync($"Pre-orders: message {log.MessageKey} not claimed: {ex.Message}", ex);
                }
            }
            sent += sentInBatch;
            if (candidates.Count < BatchSize || sentInBatch == 0)
                break;
        }
        return sent;
    }

    #endregion

    #region Exactly once

    private async Task<int> RecordAndSendAsync(IList<(string Key, int OrderId, int ProductId)> keys, bool sendNow)
    {
        var recorded = await RecordAsync(keys);
        if (!sendNow || recorded.Count == 0 || (await _settingService.LoadSettingAsync<PreorderSettings>()).AutomationPaused)
            return 0;
        var sent = 0;
        var now = _clock.UtcNow;
        foreach (var log in recorded)
            if (await TrySendAsync(log, now))
                sent++;
        return sent;
    }

    /// <summary>Records the keys not recorded yet; returns the rows this call created (a key taken before, or by a concurrent twin, is skipped).</summary>
    protected virtual async Task<IList<PreorderMessageLog>> RecordAsync(IList<(string Key, int OrderId, int ProductId)> keys)
    {
        var created = new List<PreorderMessageLog>();
        var distinct = keys.GroupBy(k => k.Key).Select(g => g.First()).ToList();
        for (var offset = 0; offset < distinct.Count; offset += 100)
        {
            var chunk = distinct.Skip(offset).Take(100).ToList();
            var names = chunk.Select(k => k.Key).ToArray();
            var existing = (await _messageLogRepository.Table.Where(m => names.Contains(m.MessageKey)).Select(m => m.MessageKey).ToListAsync()).ToHashSet();
            foreach (var (key, orderId, productId) in chunk.Where(k => !existing.Contains(k.Key)))
                if (await TryRecordAsync(key, orderId, productId) is { } log)
                    created.Add(log);
        }
        return created;
    }

    /// <summary>Inserts the log row of a key; null when the key is already recorded (the unique index decides between concurrent twins).</summary>
    public virtual async Task<PreorderMessageLog> TryRecordAsync(string key, int orderId, int productId)
    {
        var kind = PreorderMessageKey.Parse(key)?.Kind ?? throw new ArgumentException($"Unknown message key {key}.", nameof(key));
        var log = new PreorderMessageLog
        {
            MessageKey = key,
            TemplateName = kind.TemplateName,
            OrderId = orderId,
            ProductId = productId,
            Status = DeliveryStatus.Pending,
            CreatedOnUtc = _clock.UtcNow
        };
        try
        {
            await _messageLogRepository.InsertAsync(log, false);
            return log;
        }
        catch (Exception)
        {
            if (await _messageLogRepository.Table.Where(m => m.MessageKey == key).AnyAsync())
                return null;
            throw;
        }
    }

    /// <summary>Claims the row (one node wins), builds and queues the e-mail, and records the outcome. True when an e-mail was queued.</summary>
    public virtual async Task<bool> TrySendAsync(PreorderMessageLog log, DateTime nowUtc)
    {
        var claimed = await _dataProvider.ExecuteNonQueryAsync(ClaimSql,
            new DataParameter("pending", (int)DeliveryStatus.Pending, PreorderDataTypes.Int32),
            new DataParameter("now", nowUtc, PreorderDataTypes.DateTime2),
            new DataParameter("id", log.Id, PreorderDataTypes.Int32),
            new DataParameter("attempts", log.Attempts, PreorderDataTypes.Int32),
            new DataParameter("sent", (int)DeliveryStatus.Sent, PreorderDataTypes.Int32));
        if (claimed != 1)
            return false;
        log.Attempts++;
        log.Status = DeliveryStatus.Pending;
        log.SentOnUtc = nowUtc;

        PreorderMessageContext context = null;
        try
        {
            var key = PreorderMessageKey.Parse(log.MessageKey);
            if (key == null)
            {
                await CompleteAsync(log, 0, "unknown message kind", nowUtc);
                return false;
            }
            context = await _tokenBuilder.BuildAsync(key, nowUtc);
            if (context.SkipReason != null)
            {
                await CompleteAsync(log, 0, context.SkipReason, nowUtc);
                return false;
            }
            var queuedEmailId = await QueueAsync(context);
            if (!context.Queued)
                await _tokenBuilder.RevokeUndeliveredLinksAsync(context, nowUtc);
            else
                await _tokenBuilder.RevokeSupersededLinksAsync(context);
            await CompleteAsync(log, queuedEmailId, queuedEmailId == 0 ? "no active message template" : null, nowUtc);
            return queuedEmailId != 0;
        }
        catch (Exception ex)
        {
            // a link of this attempt that no e-mail carries is revoked: the retry issues a fresh one
            if (context is { Queued: false })
                await _tokenBuilder.RevokeUndeliveredLinksAsync(context, nowUtc);
            log.Status = DeliveryStatus.Failed;
            log.LastError = StoredText.Truncate(ex.Message, 2000);
            await _messageLogRepository.UpdateAsync(log, false);
            await _logger.WarningAsync($"Pre-orders: message {log.MessageKey} failed (attempt {log.Attempts}), retried later: {ex.Message}", ex);
            return false;
        }
    }

    /// <summary>Done: sent (with the queued e-mail's id) or nothing to send (the reason kept in last_error, never retried).</summary>
    private async Task CompleteAsync(PreorderMessageLog log, int queuedEmailId, string note, DateTime nowUtc)
    {
        log.Status = DeliveryStatus.Sent;
        log.QueuedEmailId = queuedEmailId;
        log.SentOnUtc = nowUtc;
        log.LastError = note;
        await _messageLogRepository.UpdateAsync(log, false);
    }

    #endregion

    #region Queueing

    /// <summary>nopCommerce's flow: the store's active templates of the name, their e-mail account, store/order/customer tokens and ours, then the queue.</summary>
    protected virtual async Task<int> QueueAsync(PreorderMessageContext context)
    {
        var kind = context.Key.Kind;
        var templates = (await _messageTemplateService.GetMessageTemplatesByNameAsync(kind.TemplateName, context.Store.Id) ?? new List<MessageTemplate>())
            .Where(t => t.IsActive).ToList();
        var first = 0;
        foreach (var template in templates)
        {
            var emailAccount = await EmailAccountOfAsync(template, context.LanguageId)
                ?? throw new InvalidOperationException("No e-mail account is configured.");

            var tokens = new List<Token>();
            await _messageTokenProvider.AddStoreTokensAsync(tokens, context.Store, emailAccount, context.LanguageId);
            if (context.Order != null)
            {
                await _messageTokenProvider.AddOrderTokensAsync(tokens, context.Order, context.LanguageId);
                await _messageTokenProvider.AddCustomerTokensAsync(tokens, context.Order.CustomerId);
            }
            tokens.AddRange(context.Tokens);
            if (context.Line != null)
                await _eventPublisher.PublishAsync(new EntityTokensAddedEvent<PreorderLine>(context.Line, tokens));
            await _eventPublisher.PublishAsync(new MessageTokensAddedEvent(template, tokens));

            var toCustomer = kind.Audience == MessageAudience.Customer;
            var id = await _workflowMessageService.SendNotificationAsync(template, emailAccount, context.LanguageId, tokens,
                toCustomer ? context.ToEmail : emailAccount.Email,
                toCustomer ? context.ToName : emailAccount.DisplayName);
            if (id > 0)
                context.Queued = true;
            if (first == 0)
                first = id;
        }
        return first;
    }

    /// <summary>The template's account (per language), else the default account, else any.</summary>
    protected virtual async Task<EmailAccount> EmailAccountOfAsync(MessageTemplate template, int languageId)
    {
        var accountId = await _localizationService.GetLocalizedAsync(template, t => t.EmailAccountId, languageId);
        if (accountId == 0)
            accountId = template.EmailAccountId;
        return await _emailAccountService.GetEmailAccountByIdAsync(accountId)
            ?? await _emailAccountService.GetEmailAccountByIdAsync(_emailAccountSettings.DefaultEmailAccountId)
            ?? (await _emailAccountService.GetAllEmailAccountsAsync())?.FirstOrDefault();
    }

    #endregion
}
