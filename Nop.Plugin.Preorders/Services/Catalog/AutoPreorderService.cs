using Nop.Core.Domain.Catalog;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Catalog;
using Nop.Services.Configuration;
using Nop.Services.Stores;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>What a stock change does to a product that turns into a pre-order at zero stock.</summary>
public enum AutoPreorderStep
{
    None,

    /// <summary>Out of stock: the product becomes a pre-order (its profile, or one with the store's defaults).</summary>
    Activate,

    /// <summary>Stock arrived for a product the plugin had turned into a pre-order: it is sold from stock again.</summary>
    Release
}

/// <summary>
/// Auto pre-order: at zero stock a product whose profile (or its store) asks for it becomes a pre-order; when stock
/// arrives it turns back, and nopCommerce's backorder mode and low-stock activity are put back as they were
/// (<see cref="NopPreorderFields"/>). A profile created this way takes its store's defaults: cap, "expected soon" text
/// and payment mode (the deposit rule stays the store's default, read at checkout). Stock kept per attribute
/// combination counts as out of stock when every combination is (nopCommerce's "available for pre-order" is a product
/// field: the product is a pre-order as a whole, and sold from stock again as soon as one combination has stock).
/// </summary>
public class AutoPreorderService
{
    private readonly CapReservationService _capReservationService;
    private readonly NopProductSyncService _nopProductSync;
    private readonly IProductAttributeService _productAttributeService;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly ISettingService _settingService;
    private readonly IStoreMappingService _storeMappingService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;

    public AutoPreorderService(CapReservationService capReservationService,
        NopProductSyncService nopProductSync,
        IProductAttributeService productAttributeService,
        IRepository<PreorderProfile> profileRepository,
        ISettingService settingService,
        IStoreMappingService storeMappingService,
        PreorderCatalogService catalogService,
        PreorderClock clock)
    {
        _capReservationService = capReservationService;
        _nopProductSync = nopProductSync;
        _productAttributeService = productAttributeService;
        _profileRepository = profileRepository;
        _settingService = settingService;
        _storeMappingService = storeMappingService;
        _catalogService = catalogService;
        _clock = clock;
    }

    /// <summary>
    /// The pure decision: a profile's own choice wins over the store's. <paramref name="stock"/>: the product's, or
    /// for stock kept per combination the largest of its combinations' (null: no combination, nothing to judge).
    /// </summary>
    public static AutoPreorderStep Decide(bool? profileWantsAuto, bool storeWantsAuto, ManageInventoryMethod inventory, int? stock, bool profileEnabled, bool autoActivated)
    {
        if (!(profileWantsAuto ?? storeWantsAuto) || inventory == ManageInventoryMethod.DontManageStock || stock == null)
            return AutoPreorderStep.None;
        if (stock <= 0 && !profileEnabled)
            return AutoPreorderStep.Activate;
        return stock > 0 && profileEnabled && autoActivated ? AutoPreorderStep.Release : AutoPreorderStep.None;
    }

    /// <summary>The settings of the store the product is sold in: its only store when it is limited to one, else every store's.</summary>
    public virtual async Task<PreorderSettings> SettingsForAsync(Product product)
    {
        var storeIds = product.LimitedToStores ? await _storeMappingService.GetStoresIdsWithAccessAsync(product) : Array.Empty<int>();
        return await _settingService.LoadSettingAsync<PreorderSettings>(storeIds.Length == 1 ? storeIds[0] : 0);
    }

    /// <summary>A new profile for a product turned into a pre-order automatically: the store's defaults.</summary>
    public static PreorderProfile NewProfile(int productId, PreorderSettings settings, DateTime nowUtc) => new()
    {
        ProductId = productId,
        AutoWhenOutOfStock = true,
        Cap = settings.AutoPreorderCap > 0 ? settings.AutoPreorderCap : null,
        ExpectedSoonText = string.IsNullOrWhiteSpace(settings.AutoPreorderExpectedSoonText) ? null : settings.AutoPreorderExpectedSoonText.Trim(),
        PaymentMode = settings.DefaultPaymentMode,
        CreatedOnUtc = nowUtc
    };

    /// <summary>
    /// Applies what the product's stock calls for (<see cref="Decide"/>). <paramref name="cachedProfile"/> is the profile of the
    /// product's cached snapshot, which the caller has already read (null: none). This runs for every stock change of every
    /// product the store may switch, so the cheap check comes first: a profile that does not want auto pre-order costs no
    /// read of the store's settings (a store mapping and a settings load); only a product without a profile asks its store.
    /// </summary>
    public virtual async Task ApplyAsync(Product product, PreorderProfile cachedProfile)
    {
        if (cachedProfile is { AutoWhenOutOfStock: false })
            return;
        var settings = await SettingsForAsync(product);
        if (cachedProfile == null && !settings.AutoPreorderWhenOutOfStock)
            return;
        var profile = await _catalogService.GetProfileAsync(product.Id);
        var stock = product.ManageInventoryMethod == ManageInventoryMethod.ManageStockByAttributes
            ? (await _productAttributeService.GetAllProductAttributeCombinationsAsync(product.Id) ?? new List<ProductAttributeCombination>())
                .Select(c => (int?)c.StockQuantity).Max()
            : product.StockQuantity;
        var step = Decide(profile?.AutoWhenOutOfStock, settings.AutoPreorderWhenOutOfStock, product.ManageInventoryMethod, stock,
            profile?.Enabled == true, profile?.AutoActivated == true);
        if (step == AutoPreorderStep.None)
            return;

        var now = _clock.UtcNow;
        if (step == AutoPreorderStep.Activate)
        {
            var created = profile == null;
            profile ??= NewProfile(product.Id, settings, now);
            profile.Enabled = true;
            profile.AutoActivated = true;
            profile.ReleasedOnUtc = null;
            profile.UpdatedOnUtc = now;
            if (created)
            {
                await _profileRepository.InsertAsync(profile, false);
                if (profile.Cap is int cap)
                    await _capReservationService.TrySetCapAsync(product.Id, 0, cap);
            }
            else
                await _profileRepository.UpdateAsync(profile, false);
        }
        else
        {
            profile.Enabled = false;
            profile.AutoActivated = false;
            profile.UpdatedOnUtc = now;
            await _profileRepository.UpdateAsync(profile, false);
        }

        await _nopProductSync.SyncAsync(profile, product);
        await _catalogService.InvalidateAsync(product.Id);
    }
}
