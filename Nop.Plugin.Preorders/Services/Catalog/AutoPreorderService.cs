using Nop.Core.Domain.Catalog;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
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
/// and payment mode (the deposit rule stays the store's default, read at checkout). Only stock kept at product level
/// is watched: nopCommerce's "available for pre-order" is a product field, and a product whose stock is kept per
/// attribute combination sells its other combinations from stock.
/// </summary>
public class AutoPreorderService
{
    private readonly CapReservationService _capReservationService;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly ISettingService _settingService;
    private readonly IStoreMappingService _storeMappingService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;

    public AutoPreorderService(CapReservationService capReservationService,
        IRepository<PreorderProfile> profileRepository,
        ISettingService settingService,
        IStoreMappingService storeMappingService,
        PreorderCatalogService catalogService,
        PreorderClock clock)
    {
        _capReservationService = capReservationService;
        _profileRepository = profileRepository;
        _settingService = settingService;
        _storeMappingService = storeMappingService;
        _catalogService = catalogService;
        _clock = clock;
    }

    /// <summary>The pure decision: a profile's own choice wins over the store's.</summary>
    public static AutoPreorderStep Decide(bool? profileWantsAuto, bool storeWantsAuto, ManageInventoryMethod inventory, int stock, bool profileEnabled, bool autoActivated)
    {
        if (!(profileWantsAuto ?? storeWantsAuto) || inventory != ManageInventoryMethod.ManageStock)
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

    /// <summary>Applies what the product's stock calls for (<see cref="Decide"/>).</summary>
    public virtual async Task ApplyAsync(Product product, PreorderSettings settings)
    {
        var profile = await _catalogService.GetProfileAsync(product.Id);
        var step = Decide(profile?.AutoWhenOutOfStock, settings.AutoPreorderWhenOutOfStock, product.ManageInventoryMethod, product.StockQuantity,
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

        await _catalogService.SyncNopProductAsync(profile, product);
        await _catalogService.InvalidateAsync(product.Id);
    }
}
