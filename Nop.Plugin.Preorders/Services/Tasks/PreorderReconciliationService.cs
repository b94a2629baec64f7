using System.Globalization;
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

/// <summary>What the reconciliation remembers between runs (a plain class: a distributed cache stores it as JSON).</summary>
public class ReconciliationState
{
    public DateTime LastRunUtc { get; set; }

    public DateTime LastFullRecountUtc { get; set; }

    /// <summary>
    /// Counter id → "sold:held:first seen (ticks)": a counter above its lines, lowered only when a later run sees the
    /// same pair at least <see cref="PreorderReconciliationService.PlacementOverAfter"/> after it was first seen.
    /// </summary>
    public Dictionary<int, string> Suspects { get; set; } = new();
}

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

    /// <summary>
    /// One run. Each check looks back only to the previous run (less <see cref="LookBackMargin"/> for requests
    /// still in flight then), so a run costs what changed since, not the size of the tables (bench 5); after a
    /// restart (the state lives in nopCommerce's cache) the checks look back their full windows once. The cap
    /// counters are all recounted at most every <see cref="FullRecountInterval"/>; in between, only those found
    /// suspect by the run before.
    /// </summary>
    public virtual async Task<ReconciliationReport> RunAsync()
    {
        var now = _clock.UtcNow;
        var stateKey = StateKey();
        var state = await _staticCacheManager.GetAsync<ReconciliationState>(stateKey, defaultValue: null);
        DateTime? since = state == null ? null : state.LastRunUtc - LookBackMargin;
        var fullRecount = state == null || now - state.LastFullRecountUtc >= FullRecountInterval;

        var resumed = await ResumePlacementsAsync(now, since) + await AttachCheckoutChargesAsync(now);
        var suspects = new Dictionary<int, string>(state?.Suspects ?? new Dictionary<int, string>());
        var (corrected, suspected) = await RecountCountersAsync(fullRecount, suspects, now);
        var refreshed = await RefreshAccountsAsync(now, since);
        await RetryMarkPaidInNopAsync(now);
        var settled = await SettleClosedLinesAsync(now, since);
        var pending = await CountStalePendingChargesAsync();

        await _staticCacheManager.SetAsync(stateKey, new ReconciliationState
        {
            LastRunUtc = now,
            LastFullRecountUtc = fullRecount ? now : state.LastFullRecountUtc,
            Suspects = suspects
        });
        return new ReconciliationReport(corrected, suspected, refreshed, settled, pending, resumed);
    }

    /// <summary>Counters are all recounted at most this often (in between, only the suspects).</summary>
    public static readonly TimeSpan FullRecountInterval = TimeSpan.FromHours(1);

    /// <summary>How far before the previous run each check looks back: longer than any request that was in flight then.</summary>
    public static readonly TimeSpan LookBackMargin = TimeSpan.FromMinutes(15);

    /// <summary>The later of the default window's start and the incremental one's.</summary>
    private static DateTime From(DateTime windowStart, DateTime? since) => since is { } s && s > windowStart ? s : windowStart;

    private CacheKey StateKey() => TaskStateKey(_staticCacheManager, PreorderDefaults.Cache.ReconciliationStateKey);

    /// <summary>A key of the task's memory between runs, kept <see cref="PreorderDefaults.Cache.TaskStateCacheMinutes"/> (longer than nopCommerce's default).</summary>
    public static CacheKey TaskStateKey(IStaticCacheManager cacheManager, CacheKey key)
    {
        var prepared = cacheManager.PrepareKeyForDefaultCache(key);
        prepared.CacheTime = PreorderDefaults.Cache.TaskStateCacheMinutes;
        return prepared;
    }

    /// <summary>
    /// How long after a checkout its placement counts as over (a crash, or nopCommerce failing after it saved the
    /// order: on PostgreSQL its serializable cart clearing fails now and then under concurrent checkouts, after the
    /// deposit was taken and the order saved, and no OrderPlacedEvent follows). Short, because until then the
    /// order holds no units; safe, because resuming a placement that is in fact still running claims the same
    /// account and places nothing twice.
    /// </summary>
    public static readonly TimeSpan PlacementOverAfter = TimeSpan.FromMinutes(2);

    /// <summary>Orders claimed for pre-order whose lines were never written (a crash mid-placement), once the placing request is over.</summary>
    protected virtual async Task<int> ResumePlacementsAsync(DateTime now, DateTime? since)
    {
        var cutoff = now - PlacementOverAfter;
        // an account becomes a candidate that long after it was created: look back that much further
        var windowStart = From(now.AddDays(-7), since - PlacementOverAfter);
        var orphans = await (from account in _accountRepository.Table
                             where account.CreatedOnUtc < cutoff && account.CreatedOnUtc > windowStart && account.StateId != (int)PreorderAccountState.Closed
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

    /// <summary>
    /// Deposits charged in a checkout (in the ledger under the order's guid) that never joined their order: the
    /// request died after nopCommerce saved the order and before the plugin placed it, or mid-placement. The
    /// order is placed now (or its placement completed) and the charge joins it. A charge whose order
    /// nopCommerce never saved stays reported (pending count) for the store to refund at the gateway.
    /// </summary>
    protected virtual async Task<int> AttachCheckoutChargesAsync(DateTime now)
    {
        var cutoff = now - PlacementOverAfter;
        var orphans = await _ledgerRepository.Table
            .Where(e => e.OrderId == 0 && e.IdempotencyKey.StartsWith("checkout:") && e.StatusId != (int)LedgerEntryStatus.Failed && e.CreatedOnUtc < cutoff)
            .Take(100).ToListAsync();
        var attached = 0;
        foreach (var entry in orphans)
        {
            var parts = entry.IdempotencyKey.Split(':');
            if (parts.Length < 2 || !Guid.TryParseExact(parts[1], "N", out var guid)
                || await _orderService.GetOrderByGuidAsync(guid) is not { Deleted: false } order)
                continue;
            await _orderPreorderService.ResumePlacementAsync(order);
            attached++;
        }
        return attached;
    }

    /// <summary>
    /// Counters against the units their lines hold: all of them (<paramref name="full"/>, in one grouped read of
    /// the lines), otherwise only those in <paramref name="suspects"/> (counter id → the sighting of the previous
    /// runs), which is rewritten with what this run suspects. A crash leaves a counter counting too many (never
    /// too few: no oversell), so waiting for the hourly full pass only keeps a few units off sale for up to an
    /// hour; recounting every product with recent sales every run would sum the launch product's whole queue every
    /// 5 minutes (bench 5). A counter is lowered only when the same surplus has lasted longer than a placement:
    /// a placement reserves its units before it writes its lines, so under load (or with the task run every few
    /// seconds on a web farm) two runs can see one in flight; lowering the counter then would sell its units twice.
    /// </summary>
    protected virtual async Task<(int Corrected, int Suspected)> RecountCountersAsync(bool full, Dictionary<int, string> suspects, DateTime now)
    {
        var counters = full
            ? await _capReservationService.GetAllCountersAsync()
            : await _capReservationService.GetCountersByIdsAsync(suspects.Keys.ToList());
        var held = full && counters.Count > 0 ? await _capReservationService.HeldUnitsOfAllAsync() : null;

        var previous = new Dictionary<int, string>(suspects);
        suspects.Clear();
        int corrected = 0, suspected = 0;
        foreach (var counter in counters)
        {
            var heldUnits = held?.For(counter) ?? await _capReservationService.HeldUnitsAsync(counter.ProductId, counter.CombinationId);
            var sighting = CounterSighting.Parse(previous.GetValueOrDefault(counter.Id));
            var same = sighting is { } s && s.Sold == counter.Sold && s.Held == heldUnits;
            // the pair the recount may act on: seen before, first long enough ago that no placement of then is still running
            (int, int)? settled = same && now - sighting.Value.FirstSeenUtc >= PlacementOverAfter ? (counter.Sold, heldUnits) : null;
            switch (await _capReservationService.RecountAsync(counter, settled, heldUnits))
            {
                case RecountOutcome.Suspected:
                    suspected++;
                    suspects[counter.Id] = (same ? sighting.Value : new CounterSighting(counter.Sold, heldUnits, now)).ToString();
                    break;
                case RecountOutcome.Corrected:
                    corrected++;
                    await _catalogService.InvalidateAsync(counter.ProductId);
                    await _logger.WarningAsync($"Pre-orders: cap counter of product {counter.ProductId} (combination {counter.CombinationId}) corrected from {counter.Sold} to {heldUnits}");
                    break;
            }
        }
        return (corrected, suspected);
    }

    /// <summary>
    /// Accounts whose totals differ from their ledger (an entry written, the refresh lost), for orders with entries
    /// since the window's start.
    /// </summary>
    protected virtual async Task<int> RefreshAccountsAsync(DateTime now, DateTime? since)
    {
        var windowStart = From(now.AddDays(-3), since);
        var orderIds = _ledgerRepository.Table.Where(e => e.CreatedOnUtc >= windowStart).Select(e => e.OrderId);
        var refreshed = 0;
        foreach (var (account, totals) in await _ledgerService.AccountsWithTotalsAsync(orderIds))
        {
            if (!totals.Match(account))
            {
                await _ledgerService.RefreshAccountAsync(account.OrderId);
                refreshed++;
            }
        }
        return refreshed;
    }

    /// <summary>
    /// Accounts claimed as marked paid in nopCommerce with no answer from nopCommerce (its call failed, or the
    /// process died after the claim): asked again, however long ago the claim was made (not limited to the
    /// look-back: the claim is found by its own index). Once answered, never again.
    /// </summary>
    protected virtual async Task RetryMarkPaidInNopAsync(DateTime now)
    {
        foreach (var account in await _ledgerService.UnansweredMarkPaidClaimsAsync(now.AddMinutes(-2)))
        {
            try
            {
                await _ledgerService.MarkPaidInNopAsync(account);
            }
            catch (Exception ex)
            {
                // unanswered still: asked again next run
                await _logger.WarningAsync($"Pre-orders: marking order {account.OrderId} paid in nopCommerce failed: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Lines closed recently whose money was never settled (a crash after the state change): settled now, once (ledger keys).</summary>
    protected virtual async Task<int> SettleClosedLinesAsync(DateTime now, DateTime? since)
    {
        var windowStart = From(now.AddDays(-7), since);
        // closed since the previous run, or of an order whose money moved since (a refund the store found failed,
        // an attempt confirmed late): such a line may hold money again, whenever it closed
        var touched = _accountRepository.Table.Where(a => a.UpdatedOnUtc >= windowStart).Select(a => a.OrderId);
        var closed = _lineRepository.Table
            .Where(l => (l.StateId == (int)PreorderLineState.Cancelled || l.StateId == (int)PreorderLineState.Expired)
                && (l.ClosedOnUtc >= windowStart || touched.Contains(l.OrderId)));
        var settled = 0;
        foreach (var line in await _settlementService.HoldingMoneyAsync(closed))
        {
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

/// <summary>A counter seen above its lines: the pair and when it was first seen so (kept in the task's cache between runs).</summary>
public readonly record struct CounterSighting(int Sold, int Held, DateTime FirstSeenUtc)
{
    public override string ToString() => FormattableString.Invariant($"{Sold}:{Held}:{FirstSeenUtc.Ticks}");

    /// <summary>Null for nothing or an unreadable entry (then the counter is simply seen for the first time).</summary>
    public static CounterSighting? Parse(string value) =>
        value?.Split(':') is [var sold, var held, var ticks]
        && int.TryParse(sold, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
        && int.TryParse(held, NumberStyles.Integer, CultureInfo.InvariantCulture, out var h)
        && long.TryParse(ticks, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t >= DateTime.MinValue.Ticks && t <= DateTime.MaxValue.Ticks
            ? new CounterSighting(s, h, new DateTime(t, DateTimeKind.Utc))
            : null;
}
