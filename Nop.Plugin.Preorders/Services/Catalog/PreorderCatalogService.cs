using Newtonsoft.Json;
using Nop.Core.Caching;
using Nop.Core.Domain.Catalog;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Directory;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>A merchant's edit of a product's pre-order block.</summary>
public class PreorderProfileEdit
{
    public PreorderProfile Profile { get; set; }

    /// <summary>Deposit rule of this product; null = the store default.</summary>
    public DepositRule DepositRule { get; set; }

    /// <summary>combination id → cap (null = counted, no cap of its own).</summary>
    public IDictionary<int, int?> CombinationCaps { get; set; } = new Dictionary<int, int?>();

    public string ShipDateChangeReason { get; set; }

    public bool PenaltyFreeCancel { get; set; }

    /// <summary>The compensation and swap offered with a ship date change (validated by the caller); null: none.</summary>
    public DelayOffer DelayOffer { get; set; }
}

/// <summary>Product pre-order profiles: reading (cached), saving with validation, keeping nopCommerce's own pre-order fields in sync.</summary>
public class PreorderCatalogService
{
    private readonly CapReservationService _capReservationService;
    private readonly CustomerLimitService _customerLimitService;
    private readonly ICountryService _countryService;
    private readonly IEventPublisher _eventPublisher;
    private readonly NopProductSyncService _nopProductSync;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly IRepository<PreorderCapCounter> _counterRepository;
    private readonly IRepository<PreorderShipDateChange> _shipDateChangeRepository;
    private readonly IStaticCacheManager _staticCacheManager;
    private readonly PreorderClock _clock;
    private readonly PreorderAuditService _auditService;

    public PreorderCatalogService(CapReservationService capReservationService,
        CustomerLimitService customerLimitService,
        ICountryService countryService,
        IEventPublisher eventPublisher,
        NopProductSyncService nopProductSync,
        IRepository<PreorderProfile> profileRepository,
        IRepository<PreorderCapCounter> counterRepository,
        IRepository<PreorderShipDateChange> shipDateChangeRepository,
        IStaticCacheManager staticCacheManager,
        PreorderClock clock,
        PreorderAuditService auditService)
    {
        _capReservationService = capReservationService;
        _customerLimitService = customerLimitService;
        _countryService = countryService;
        _eventPublisher = eventPublisher;
        _nopProductSync = nopProductSync;
        _profileRepository = profileRepository;
        _counterRepository = counterRepository;
        _shipDateChangeRepository = shipDateChangeRepository;
        _staticCacheManager = staticCacheManager;
        _clock = clock;
        _auditService = auditService;
    }

    public virtual async Task<PreorderProfile> GetProfileAsync(int productId) =>
        await _profileRepository.Table.Where(p => p.ProductId == productId).FirstOrDefaultAsync();

    /// <summary>Profile and product-level units sold in one query (LEFT JOIN), cached until the profile or its counter changes.</summary>
    public virtual async Task<PreorderSnapshot> GetSnapshotAsync(int productId)
    {
        var key = _staticCacheManager.PrepareKeyForDefaultCache(PreorderDefaults.Cache.ProductSnapshotKey, productId);
        return await _staticCacheManager.GetAsync(key, async () =>
        {
            var query = from profile in _profileRepository.Table
                        where profile.ProductId == productId
                        join counter in _counterRepository.Table.Where(c => c.CombinationId == 0)
                            on profile.ProductId equals counter.ProductId into counters
                        from counter in counters.DefaultIfEmpty()
                        select new { profile, Sold = counter == null ? 0 : counter.Sold };
            var row = await query.FirstOrDefaultAsync();
            return row == null ? PreorderSnapshot.None : new PreorderSnapshot { Profile = row.profile, Sold = row.Sold };
        });
    }

    public virtual async Task InvalidateAsync(int productId)
    {
        await _staticCacheManager.RemoveAsync(PreorderDefaults.Cache.ProductSnapshotKey, productId);
        await _staticCacheManager.RemoveAsync(PreorderDefaults.Cache.ProductCombinationsKey, productId);
    }

    /// <summary>
    /// The product's attribute-combination counters that have a cap of their own (cap, units sold), cached like the
    /// snapshot and invalidated with it: the cart and the product page check a combination's cap from here.
    /// </summary>
    public virtual async Task<IReadOnlyList<CombinationUnits>> GetCombinationCapsAsync(int productId)
    {
        var key = _staticCacheManager.PrepareKeyForDefaultCache(PreorderDefaults.Cache.ProductCombinationsKey, productId);
        return await _staticCacheManager.GetAsync(key, async () =>
        {
            var counters = await _counterRepository.Table
                .Where(c => c.ProductId == productId && c.CombinationId != 0 && c.Cap != null)
                .OrderBy(c => c.CombinationId).ToListAsync();
            return (IReadOnlyList<CombinationUnits>)counters.Select(c => new CombinationUnits(c.CombinationId, c.Cap!.Value, c.Sold)).ToList();
        });
    }

    /// <summary>The product's offer for a shopper's country right now.</summary>
    public virtual async Task<PreorderOffer> GetOfferAsync(int productId, string countryCode)
    {
        var snapshot = await GetSnapshotAsync(productId);
        return PreorderAvailability.Evaluate(snapshot.Profile, snapshot.Sold, _clock.UtcNow, countryCode);
    }

    public virtual DepositRule ParseRule(string json) => DepositTerms.ParseRule(json);

    /// <summary>
    /// Checks a pre-order block without saving it (what <see cref="SaveAsync"/> would refuse): the product
    /// page validates the posted block before nopCommerce decides whether to save the product.
    /// </summary>
    public virtual async Task<IList<RuleError>> ValidateAsync(PreorderProfileEdit edit) => (await CheckAsync(edit)).Errors;

    /// <summary>
    /// Validates and saves a pre-order block. Returns the problems found (nothing is changed when there are
    /// any). Caps are set with a conditional UPDATE so a concurrent sale cannot slip a cap below units sold.
    /// <paramref name="product"/>: the product instance nopCommerce is saving, when the block is saved with it,
    /// so its own pre-order fields are synced on the instance its save goes on with.
    /// </summary>
    public virtual async Task<IList<RuleError>> SaveAsync(PreorderProfileEdit edit, int byCustomerId, Product product = null)
    {
        var incoming = edit.Profile;
        var (errors, existing, shipDateChanged) = await CheckAsync(edit);
        var now = _clock.UtcNow;
        if (errors.Count > 0)
            return errors;

        // caps first: the statement itself refuses a cap below what sold meanwhile
        if (!await _capReservationService.TrySetCapAsync(incoming.ProductId, 0, incoming.Cap))
            return new List<RuleError> { new(PreorderDefaults.Resources.CapBelowSold, (await _capReservationService.GetCounterAsync(incoming.ProductId))?.Sold ?? 0) };
        foreach (var (combinationId, cap) in edit.CombinationCaps)
            if (!await _capReservationService.TrySetCapAsync(incoming.ProductId, combinationId, cap))
                return new List<RuleError> { new(PreorderDefaults.Resources.CapBelowSold, (await _capReservationService.GetCounterAsync(incoming.ProductId, combinationId))?.Sold ?? 0) };

        // a per-customer limit switched on or off: its counters start again from the lines (a limit set later counts
        // what was bought before it; counters not kept while there was no limit are never trusted)
        var limitSwitched = (existing?.PerCustomerLimit == null) != (incoming.PerCustomerLimit == null);
        incoming.DepositRuleJson = edit.DepositRule == null ? null : JsonConvert.SerializeObject(edit.DepositRule);
        incoming.AllowedCountryCodes = string.Join(",", PreorderAvailability.ParseCountryCodes(incoming.AllowedCountryCodes));
        incoming.UpdatedOnUtc = now;
        if (existing == null)
        {
            incoming.CreatedOnUtc = now;
            await _profileRepository.InsertAsync(incoming, false);
        }
        else
        {
            incoming.Id = existing.Id;
            incoming.CreatedOnUtc = existing.CreatedOnUtc;
            incoming.AutoActivated = existing.AutoActivated;
            // the form does not carry them: what the product was before the plugin changed it
            incoming.NopBackorderModeBeforeId = existing.NopBackorderModeBeforeId;
            incoming.NopLowStockActivityBeforeId = existing.NopLowStockActivityBeforeId;
            incoming.NopCombinationsAllowedOutOfStock = existing.NopCombinationsAllowedOutOfStock;
            incoming.ReleasedOnUtc = incoming.Enabled ? null : existing.ReleasedOnUtc;
            await _profileRepository.UpdateAsync(incoming, false);
        }

        PreorderShipDateChange change = null;
        if (shipDateChanged && existing != null)
        {
            change = new PreorderShipDateChange
            {
                ProductId = incoming.ProductId,
                OldDateUtc = existing.ExpectedShipDateUtc,
                NewDateUtc = incoming.ExpectedShipDateUtc,
                Reason = edit.ShipDateChangeReason,
                PenaltyFreeCancel = edit.PenaltyFreeCancel,
                ChangedByCustomerId = byCustomerId,
                CreatedOnUtc = now
            };
            // the offer is written with the change (one row): the task never sees the change without its offer
            if (edit.DelayOffer is { IsEmpty: false } offer)
            {
                change.CompensationKind = offer.Kind;
                change.CompensationAmount = offer.Amount;
                change.CompensationIsPercent = offer.IsPercent;
                change.SwapProductId = offer.SwapProductId;
            }
            await _shipDateChangeRepository.InsertAsync(change, true);
        }

        if (limitSwitched)
            await _customerLimitService.ResetAsync(incoming.ProductId);
        await _nopProductSync.SyncAsync(incoming, product != null && product.Id == incoming.ProductId ? product : null);
        await InvalidateAsync(incoming.ProductId);
        await _auditService.RecordAsync("ProfileSaved", byCustomerId, productId: incoming.ProductId,
            details: $"enabled={incoming.Enabled}; cap={incoming.Cap?.ToString() ?? "none"}; ship={incoming.ExpectedShipDateUtc:u}");
        // after the profile is saved, so delay notices and webhooks read the new date
        if (change != null)
            await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.ShipDateChanged, $"shipdate:{change.Id}", productId: change.ProductId)
            {
                OldDateUtc = change.OldDateUtc,
                NewDateUtc = change.NewDateUtc,
                Reason = change.Reason,
                PenaltyFreeCancel = change.PenaltyFreeCancel,
                OccurredOnUtc = now
            });
        return errors;
    }

    private async Task<(IList<RuleError> Errors, PreorderProfile Existing, bool ShipDateChanged)> CheckAsync(PreorderProfileEdit edit)
    {
        var incoming = edit.Profile;
        var existing = await GetProfileAsync(incoming.ProductId);
        var counters = await _capReservationService.GetCountersAsync(incoming.ProductId);
        var sold = counters.FirstOrDefault(c => c.CombinationId == 0)?.Sold ?? 0;

        var countries = (await _countryService.GetAllCountriesAsync(showHidden: true))
            .Select(c => c.TwoLetterIsoCode?.ToUpperInvariant()).Where(c => c != null).ToHashSet();
        var now = _clock.UtcNow;
        // an unchanged ship date already in the past is not an error (only a newly entered one is)
        var shipDateChanged = existing?.ExpectedShipDateUtc != incoming.ExpectedShipDateUtc;
        var check = shipDateChanged ? incoming : CloneWith(incoming, shipDate: null);
        var errors = PreorderProfileValidator.Validate(check, sold, now, countries, edit.DepositRule);
        foreach (var (combinationId, cap) in edit.CombinationCaps)
        {
            var error = CapRules.ValidateNewCap(cap, counters.FirstOrDefault(c => c.CombinationId == combinationId)?.Sold ?? 0);
            if (error != null)
                errors.Add(new RuleError(error, counters.FirstOrDefault(c => c.CombinationId == combinationId)?.Sold ?? 0));
        }
        if (shipDateChanged && existing?.ExpectedShipDateUtc != null && string.IsNullOrWhiteSpace(edit.ShipDateChangeReason) && sold > 0)
            errors.Add(new RuleError(PreorderDefaults.Resources.ReasonRequired));
        return (errors, existing, shipDateChanged);
    }

    /// <summary>Takes a product out of pre-order (window ended, merchant's release, or fully allocated); existing pre-orders keep their state.</summary>
    public virtual async Task ReleaseAsync(int productId, int byCustomerId, string reason)
    {
        var profile = await GetProfileAsync(productId);
        if (profile == null || profile.ReleasedOnUtc.HasValue)
            return;
        profile.ReleasedOnUtc = _clock.UtcNow;
        profile.Enabled = false;
        profile.UpdatedOnUtc = _clock.UtcNow;
        await _profileRepository.UpdateAsync(profile, false);
        await _nopProductSync.SyncAsync(profile);
        await InvalidateAsync(productId);
        await _auditService.RecordAsync("ProductReleased", byCustomerId, productId: productId, details: reason);
    }

    public virtual async Task<IList<PreorderShipDateChange>> GetShipDateChangesAsync(int productId) =>
        await _shipDateChangeRepository.Table.Where(c => c.ProductId == productId).OrderByDescending(c => c.Id).ToListAsync();

    private static PreorderProfile CloneWith(PreorderProfile p, DateTime? shipDate) => new()
    {
        ProductId = p.ProductId, Enabled = p.Enabled, Cap = p.Cap, WindowStartUtc = p.WindowStartUtc, WindowEndUtc = p.WindowEndUtc,
        ExpectedShipDateUtc = shipDate, ExpectedSoonText = p.ExpectedSoonText, PaymentModeId = p.PaymentModeId,
        PerCustomerLimit = p.PerCustomerLimit, AllowedCountryCodes = p.AllowedCountryCodes, ShopperNote = p.ShopperNote,
        AutoWhenOutOfStock = p.AutoWhenOutOfStock
    };
}
