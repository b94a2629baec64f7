using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// The pre-order surcharge of a cart line in the primary store currency, as <see cref="PreorderShoppingCartService"/>
/// adds it to the line's subtotal. Kept apart from the cart service (and free of anything that reads the cart) so the
/// cart service can depend on it without a cycle. An ordinary line costs one cached snapshot lookup.
/// </summary>
public class PreorderSurchargeService
{
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderStoreSettings _storeSettings;

    public PreorderSurchargeService(PreorderCatalogService catalogService, PreorderStoreSettings storeSettings)
    {
        _catalogService = catalogService;
        _storeSettings = storeSettings;
    }

    /// <summary>The surcharge the line carries (0 when none), from the settings of the line's store.</summary>
    public virtual async Task<decimal> GetLineSurchargeAsync(ShoppingCartItem item)
    {
        if (item == null || item.ShoppingCartType != ShoppingCartType.ShoppingCart)
            return 0m;
        if (!(await _catalogService.GetSnapshotAsync(item.ProductId)).IsPreorder)
            return 0m;
        var settings = await _storeSettings.ForStoreAsync(item.StoreId);
        return SurchargeRules.PerLine(settings.PreorderSurcharge, isPreorderLine: true, item.ShoppingCartType);
    }
}
