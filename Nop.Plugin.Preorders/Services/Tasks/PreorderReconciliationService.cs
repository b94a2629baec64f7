using Nop.Core.Caching;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Services.Logging;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Tasks;

/// <summary>What a reconciliation run found and fixed.</summary>
public record ReconciliationReport(int CountersCorrected, int CountersSuspected, int AccountsRefreshed, int LinesSettled, int PendingCharges, int PlacementsResumed);

/// <summary>
/// The safety net behind every multi-step change. nopCommerce gives each repository call its own
/// connection, so the plugin does not wrap steps in one database transaction (several connections in one
/// TransactionScope would need a distributed transaction); instead every step is ordered so that a crash
/// between two of them errs on the safe side (units over-counted, money not yet settled), each step is
/// idempotent, and this run, part of the scheduled task, completes or corrects what a crash left:
/// cap counters against the lines, accounts against the ledger, closed lines against their settlement,
/// and it reports charges whose outcome never came back (crash between charge and record).
/// </summary>
public class PreorderReconciliationService
{
    private readonly CapReservationService _capReservationService;
    private readonly ILogger _logger;
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IStaticCacheManager _staticCacheManager;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderSettlementService _settlementService;
    private readonly IOrderService _orderService;
    private readonly PreorderOrderService _orderPreorderService;

    public PreorderReconciliationService(CapReservationService capReservationService,
        ILogger logger,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        IRepository<PreorderLine> lineRepository,
        IStaticCacheManager staticCacheManager,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        PreorderLedgerService ledgerService,
        PreorderSettlementService settlementService,
        IOrderService orderService,
        PreorderOrderService orderPreorderService)
    {
        _orderService = orderService;
        _orderPreorderService = orderPreorderService;
        _capReservationService = capReservationService;
        _logger = logger;
        _accountRepository = accountRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _staticCacheManager = staticCacheManager;
        _catalogService = catalogService;
        _clock = clock;
        _ledgerService = ledgerService;
        _settlementService = settlementService;
    }

    public virtual async Task<ReconciliationReport> RunAsync()
    {
        var resumed = await ResumePlacementsAsync();
        var (corrected, suspected) = await RecountCountersAsync();
        var refreshed = await RefreshAccountsAsync();
        var settled = await SettleClosedLinesAsync();
        var pending = await CountStalePendingChargesAsync();
        return new ReconciliationReport(corrected, suspected, refreshed, settled, pending, resumed);
    }

    /// <summary>Orders claimed for pre-order whose lines were never written (a crash mid-placement), once the placing request is long over.</summary>
    protected virtual async Task<int> ResumePlacementsAsync()
    {
        var cutoff = _clock.UtcNow.AddMinutes(-10);
        var since = _clock.UtcNow.AddDays(-7);
        var orphans = await (from account in _accountRepository.Table
                             where account.CreatedOnUtc < cutoff && account.CreatedOnUtc > since && account.StateId != (int)PreorderAccountState.Closed
                                   && !_lineRepository.Table.Any(l => l.OrderId == account.OrderId)
                             select account.OrderId).Take(100).ToListAsync();
        var resumed = 0;
        foreach (var orderId in orphans)
        {
            var order = await _orderService.GetOrderByIdAsync(orderId);
            if (order == null || order.Deleted || order.OrderStatus == Nop.Core.Domain.Orders.OrderStatus.Cancelled)
                continue;
            if (await _orderPreorderService.ResumePlacementAsync(order) == PlacementOutcome.Placed)
                resumed++;
        }
        return resumed;
    }

    protected virtual async Task<(int Corrected, int Suspected)> RecountCountersAsync()
    {
        int corrected = 0, suspected = 0;
        foreach (var counter in await _capReservationService.GetAllCountersAsync())
        {
            var key = _staticCacheManager.PrepareKeyForDefaultCache(PreorderDefaults.Cache.RecountObservationKey, counter.Id);
            var seen = await _staticCacheManager.GetAsync<string>(key, defaultValue: null);
            (int, int)? previous = seen?.Split(':') is [var sold, var held] ? (int.Parse(sold), int.Parse(held)) : null;

            var outcome = await _capReservationService.RecountAsync(counter, previous);
            switch (outcome)
            {
                case RecountOutcome.Suspected:
                    suspected++;
                    await _staticCacheManager.SetAsync(key, $"{counter.Sold}:{await _capReservationService.HeldUnitsAsync(counter.ProductId, counter.CombinationId)}");
                    break;
                case RecountOutcome.Corrected:
                    corrected++;
                    await _staticCacheManager.RemoveAsync(PreorderDefaults.Cache.RecountObservationKey, counter.Id);
                    await _catalogService.InvalidateAsync(counter.ProductId);
                    await _logger.WarningAsync($"Pre-orders: cap counter of product {counter.ProductId} (combination {counter.CombinationId}) corrected from {counter.Sold}");
                    break;
                default:
                    await _staticCacheManager.RemoveAsync(PreorderDefaults.Cache.RecountObservationKey, counter.Id);
                    break;
            }
        }
        return (corrected, suspected);
    }

    /// <summary>Accounts whose totals differ from their ledger (an entry written, the refresh lost), for entries of the last days.</summary>
    protected virtual async Task<int> RefreshAccountsAsync()
    {
        var since = _clock.UtcNow.AddDays(-3);
        var orderIds = await _ledgerRepository.Table.Where(e => e.CreatedOnUtc >= since).Select(e => e.OrderId).Distinct().ToListAsync();
        var refreshed = 0;
        foreach (var orderId in orderIds)
        {
            var account = await _ledgerService.GetAccountAsync(orderId);
            if (account == null)
                continue;
            var totals = await _ledgerService.SumAsync(orderId);
            if (account.PaidAmount == totals.Paid && account.RefundedAmount == totals.Refunded
                && account.ForfeitedAmount == totals.Forfeited && account.TransferredAmount == totals.Transferred)
                continue;
            await _ledgerService.RefreshAccountAsync(orderId);
            refreshed++;
        }
        return refreshed;
    }

    /// <summary>Lines closed recently whose money was never settled (a crash after the state change): settled now, once (ledger keys).</summary>
    protected virtual async Task<int> SettleClosedLinesAsync()
    {
        var since = _clock.UtcNow.AddDays(-7);
        var closed = await _lineRepository.Table
            .Where(l => (l.StateId == (int)PreorderLineState.Cancelled || l.StateId == (int)PreorderLineState.Expired) && l.ClosedOnUtc >= since)
            .ToListAsync();
        var settled = 0;
        foreach (var line in closed)
        {
            if (await _settlementService.HeldForLineAsync(line) <= 0m)
                continue;
            var expiry = line.State == PreorderLineState.Expired;
            await _settlementService.SettleLineAsync(line, expiry ? CancellationTerms.DepositForfeited : null,
                expiry ? (await _settlementService.SettingsAsync(line.StoreId)).ExpiryPolicy : null, 0);
            settled++;
        }
        return settled;
    }

    protected virtual Task<int> CountStalePendingChargesAsync()
    {
        var stale = _clock.UtcNow.AddMinutes(-15);
        return Task.FromResult(_ledgerRepository.Table.Count(e => e.StatusId == (int)LedgerEntryStatus.Pending && e.CreatedOnUtc < stale));
    }
}
