using Nop.Core.Caching;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Services.Logging;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Tasks;

/// <summary>What one automation run did (for logs and tests).</summary>
public record AutomationRunReport(bool Paused, int Overdue, int Expired, int Released, int Allocated, int AutoCharges, int Messages, int Webhooks, ReconciliationReport Reconciliation = null, int AllocationNotices = 0);

/// <summary>
/// The scheduled work: due dates, expiry, window ends, allocation sweep, automatic charges, messages and
/// webhooks. Every step reads state and moves it with compare-and-set or idempotent keys, so a run that
/// repeats, overlaps on two web-farm nodes (nopCommerce's task lock is a non-atomic try-lock) or resumes
/// after a pause does everything once. Only due rows are read (indexed), never the whole table.
/// </summary>
public class PreorderAutomationService
{
    public const int BatchSize = 500;

    private readonly BalancePaymentService _balancePaymentService;
    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly ILogger _logger;
    private readonly IOrderService _orderService;
    private readonly IRepository<PreorderInstallment> _installmentRepository;
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly PreorderAllocationService _allocationService;
    private readonly PreorderStoreSettings _storeSettings;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderOrderService _orderPreorderService;
    private readonly PreorderReconciliationService _reconciliationService;
    private readonly ScheduledNotifications _notifications;
    private readonly IStaticCacheManager _staticCacheManager;

    public PreorderAutomationService(BalancePaymentService balancePaymentService,
        ConditionalUpdates conditionalUpdates,
        ILogger logger,
        IOrderService orderService,
        IRepository<PreorderInstallment> installmentRepository,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderProfile> profileRepository,
        PreorderAllocationService allocationService,
        PreorderStoreSettings storeSettings,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        PreorderLedgerService ledgerService,
        PreorderOrderService orderPreorderService,
        PreorderReconciliationService reconciliationService,
        ScheduledNotifications notifications,
        IStaticCacheManager staticCacheManager)
    {
        _staticCacheManager = staticCacheManager;
        _balancePaymentService = balancePaymentService;
        _conditionalUpdates = conditionalUpdates;
        _logger = logger;
        _orderService = orderService;
        _installmentRepository = installmentRepository;
        _accountRepository = accountRepository;
        _lineRepository = lineRepository;
        _profileRepository = profileRepository;
        _allocationService = allocationService;
        _storeSettings = storeSettings;
        _catalogService = catalogService;
        _clock = clock;
        _ledgerService = ledgerService;
        _orderPreorderService = orderPreorderService;
        _reconciliationService = reconciliationService;
        _notifications = notifications;
    }

    public virtual async Task<AutomationRunReport> RunAsync()
    {
        // the global pause stops every step; a store's own pause skips its expiries and charges
        var settings = await _storeSettings.ForStoreAsync(0);
        if (settings.AutomationPaused)
        {
            // what the pause held back is caught up by a sweep in the first run after it
            await _staticCacheManager.RemoveAsync(PreorderDefaults.Cache.AllocationSweepKey);
            return new AutomationRunReport(true, 0, 0, 0, 0, 0, 0, 0);
        }

        var now = _clock.UtcNow;
        var reconciliation = await _reconciliationService.RunAsync();
        var overdue = await MarkOverdueAsync(now);
        var expired = await ExpireAsync(now);
        var released = await ReleaseEndedWindowsAsync(now);
        var allocated = await SweepAllocationAsync();
        var charges = await ChargeDueInstallmentsAsync(now);
        // after allocation and charges: sends what they and this run's notices record
        var (notices, messages, webhooks) = await _notifications.RunAsync(now);
        return new AutomationRunReport(false, overdue, expired, released, allocated, charges, messages, webhooks, reconciliation, notices);
    }

    /// <summary>
    /// Due dates passed: the lines turn overdue (the grace period runs), all of them in this run, one
    /// conditional UPDATE per batch ("still balance due and still past due": a payment or an extension that
    /// came first wins). Bench 5: line by line, 10,000 due lines took 20 runs of the task and 20,000 round trips.
    /// </summary>
    protected virtual async Task<int> MarkOverdueAsync(DateTime now)
    {
        var count = 0;
        while (true)
        {
            var due = await _lineRepository.Table
                .Where(l => l.StateId == (int)PreorderLineState.BalanceDue && l.BalanceDueOnUtc < now)
                .OrderBy(l => l.BalanceDueOnUtc).Select(l => l.Id).Take(BatchSize).ToListAsync();
            if (due.Count == 0)
                break;
            int moved;
            try
            {
                moved = await _conditionalUpdates.MarkOverdueAsync(due, now);
            }
            catch (Exception ex)
            {
                // retried next run
                await _logger.WarningAsync($"Pre-orders automation: {ex.Message}", ex);
                break;
            }
            count += moved;
            // fewer than a batch: that was the last; none moved: another node is at it
            if (due.Count < BatchSize || moved == 0)
                break;
        }
        return count;
    }

    /// <summary>
    /// Overdue lines past their store's grace period expire, settled by their store's expiry policy. The read covers
    /// the shortest grace of any store; each line is then held to its own store's.
    /// </summary>
    protected virtual async Task<int> ExpireAsync(DateTime now)
    {
        var count = 0;
        var shortestGrace = (await _storeSettings.AllAsync()).Min(s => Math.Max(0, s.GracePeriodDays));
        var cutoff = now.AddDays(-shortestGrace);
        var lapsed = await _lineRepository.Table
            .Where(l => l.StateId == (int)PreorderLineState.Overdue && l.BalanceDueOnUtc < cutoff)
            .OrderBy(l => l.BalanceDueOnUtc).Select(l => new { l.Id, l.StoreId, l.BalanceDueOnUtc }).Take(BatchSize).ToListAsync();
        foreach (var line in lapsed)
        {
            var settings = await _storeSettings.ForStoreAsync(line.StoreId);
            if (settings.AutomationPaused || line.BalanceDueOnUtc >= now.AddDays(-Math.Max(0, settings.GracePeriodDays)))
                continue;
            if (await Guarded(() => _orderPreorderService.ExpireLineAsync(line.Id, settings)))
                count++;
        }
        return count;
    }

    protected virtual async Task<int> ReleaseEndedWindowsAsync(DateTime now)
    {
        var ended = await _profileRepository.Table
            .Where(p => p.Enabled && p.ReleasedOnUtc == null && p.WindowEndUtc < now)
            .Select(p => p.ProductId).Take(BatchSize).ToListAsync();
        foreach (var productId in ended)
            await _catalogService.ReleaseAsync(productId, 0, "Pre-order window ended");
        return ended.Count;
    }

    /// <summary>The allocation sweep runs at most this often: stock arrivals allocate through nopCommerce's events, the sweep is the safety net.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Catches up allocation an event missed (or a pause held back): products with a queue, allocated from
    /// stock on hand. It reads every waiting line (one grouped read), so it grows with the queues: hourly, and in
    /// the first run after a pause or a restart.
    /// </summary>
    protected virtual async Task<int> SweepAllocationAsync()
    {
        var key = PreorderReconciliationService.TaskStateKey(_staticCacheManager, PreorderDefaults.Cache.AllocationSweepKey);
        var now = _clock.UtcNow;
        if (await _staticCacheManager.GetAsync<DateTime?>(key, defaultValue: null) is { } last && now - last < SweepInterval && now >= last)
            return 0;
        await _staticCacheManager.SetAsync<DateTime?>(key, now);

        return await _allocationService.AllocateWhereStockArrivedAsync();
    }

    /// <summary>Installments due today, charged automatically where the charging method supports stored payments; retried with exponential backoff (the order's store's retry settings).</summary>
    protected virtual async Task<int> ChargeDueInstallmentsAsync(DateTime now)
    {
        var charged = 0;
        var due = await (from installment in _installmentRepository.Table
                         join account in _accountRepository.Table on installment.OrderId equals account.OrderId
                         where installment.Sequence > 0 && installment.DueOnUtc <= now && installment.PaidAmount < installment.Amount
                               // an order with nothing due at checkout (pay when it ships) awaits only its balance, though nothing is held yet
                               && (account.StateId == (int)PreorderAccountState.AwaitingBalance
                                   || (account.StateId == (int)PreorderAccountState.AwaitingDeposit && account.DueAtCheckout == 0m))
                               && account.ChargeMethodSystemName != null
                         orderby installment.DueOnUtc
                         select new { Installment = installment, account.StoreId }).Take(BatchSize).ToListAsync();
        foreach (var (installment, storeId) in due.Select(d => (d.Installment, d.StoreId)))
        {
            // the retry policy (and a pause) of the order's store
            var settings = await _storeSettings.ForStoreAsync(storeId);
            if (settings.AutomationPaused)
                continue;
            var dueKey = $"i{installment.Sequence}";
            var failed = await _balancePaymentService.FailedAttemptsAsync(installment.OrderId, dueKey);
            if (failed >= settings.ChargeRetryCount)
                continue;
            // backoff: attempt n waits base * 2^(n-1) hours after the due date
            var wait = failed == 0 ? TimeSpan.Zero : TimeSpan.FromHours(settings.ChargeRetryBackoffHours * Math.Pow(2, failed - 1));
            if (installment.DueOnUtc.Value + wait > now)
                continue;
            var order = await _orderService.GetOrderByIdAsync(installment.OrderId);
            var account = await _ledgerService.GetAccountAsync(installment.OrderId);
            if (order == null || account == null)
                continue;
            var amount = Math.Min(installment.Amount - installment.PaidAmount, (await _ledgerService.GetBalanceAsync(account)).Owed);
            if (amount <= 0m)
                continue;
            var result = await _balancePaymentService.ChargeAutomaticallyAsync(order, amount, dueKey, failed + 1);
            if (result.Succeeded && !result.Duplicate)
                charged++;
        }
        return charged;
    }

    private async Task<bool> Guarded(Func<Task<bool>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception ex)
        {
            // one bad row must not stop the run; it is retried next time
            await _logger.WarningAsync($"Pre-orders automation: {ex.Message}", ex);
            return false;
        }
    }
}
