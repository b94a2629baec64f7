using Nop.Core.Domain.Catalog;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>
/// nopCommerce's own product fields that follow a pre-order profile, and putting back what the plugin changed.
/// AvailableForPreOrder makes the buy button read "Pre-order" (localized by nopCommerce), and
/// PreOrderAvailabilityStartDateTimeUtc, which nopCommerce treats as the moment the button turns back into "Add to
/// cart", is the window end. While the product is a pre-order with tracked stock, backorders are allowed (nopCommerce
/// counts pre-ordered units below zero stock) and the low-stock activity is "nothing" (else the first pre-order would
/// hide the buy button or the product); what they were before is kept on the profile and put back when the product
/// stops being a pre-order, unless the merchant changed them meanwhile.
/// </summary>
public static class NopPreorderFields
{
    /// <summary>Brings <paramref name="product"/> in line with <paramref name="profile"/>; records or clears on the profile what it changes.</summary>
    public static (bool ProductChanged, bool ProfileChanged) Sync(Product product, PreorderProfile profile)
    {
        var active = profile.Enabled && profile.ReleasedOnUtc == null;
        var windowEnd = active ? profile.WindowEndUtc : null;
        var productChanged = product.AvailableForPreOrder != active || product.PreOrderAvailabilityStartDateTimeUtc != windowEnd;
        product.AvailableForPreOrder = active;
        product.PreOrderAvailabilityStartDateTimeUtc = windowEnd;
        var profileChanged = false;

        if (active && product.ManageInventoryMethod == ManageInventoryMethod.ManageStock)
        {
            if (product.BackorderMode == BackorderMode.NoBackorders)
            {
                profile.NopBackorderModeBeforeId ??= (int)product.BackorderMode;
                product.BackorderMode = BackorderMode.AllowQtyBelow0;
                productChanged = profileChanged = true;
            }
            if (product.LowStockActivity != LowStockActivity.Nothing && profile.NopLowStockActivityBeforeId == null)
            {
                profile.NopLowStockActivityBeforeId = (int)product.LowStockActivity;
                profileChanged = true;
            }
            productChanged |= KeepBuyButtonThroughLowStock(product);
        }
        else if (!active)
        {
            if (profile.NopBackorderModeBeforeId is int backorderMode)
            {
                // the merchant's own change since (another backorder mode) stays
                if (product.BackorderMode == BackorderMode.AllowQtyBelow0)
                {
                    product.BackorderMode = (BackorderMode)backorderMode;
                    productChanged = true;
                }
                profile.NopBackorderModeBeforeId = null;
                profileChanged = true;
            }
            if (profile.NopLowStockActivityBeforeId is int lowStockActivity)
            {
                if (product.LowStockActivity == LowStockActivity.Nothing)
                {
                    product.LowStockActivity = (LowStockActivity)lowStockActivity;
                    productChanged = true;
                }
                profile.NopLowStockActivityBeforeId = null;
                profileChanged = true;
            }
        }
        return (productChanged, profileChanged);
    }

    /// <summary>
    /// nopCommerce's low-stock activity reacts to the stock falling to the minimum: "disable buy button" or
    /// "unpublish". Pre-ordered units are counted below zero stock, so the first pre-order would hide the buy
    /// button (or the product) of a pre-order product with no stock: while the product is a pre-order the
    /// activity is "nothing", and what it already did is undone. Returns whether the product changed.
    /// </summary>
    public static bool KeepBuyButtonThroughLowStock(Product product)
    {
        var changed = false;
        if (product.LowStockActivity == LowStockActivity.DisableBuyButton && product.DisableBuyButton)
        {
            product.DisableBuyButton = false;
            changed = true;
        }
        else if (product.LowStockActivity == LowStockActivity.Unpublish && !product.Published)
        {
            product.Published = true;
            changed = true;
        }
        if (product.LowStockActivity != LowStockActivity.Nothing)
        {
            product.LowStockActivity = LowStockActivity.Nothing;
            changed = true;
        }
        return changed;
    }
}

/// <summary>
/// nopCommerce refuses a combination beyond its stock unless the combination allows out-of-stock orders (its
/// "available for pre-order" is a product field it does not consult there), so while a product whose stock is kept
/// per attribute combination is a pre-order, its combinations allow them; the ones the plugin switched are kept on the
/// profile and switched back when the product stops being a pre-order.
/// </summary>
public static class NopCombinationPreorderFields
{
    /// <summary>The combinations to save, and whether the profile's record changed.</summary>
    public static (IList<ProductAttributeCombination> Changed, bool ProfileChanged) Sync(Product product, IList<ProductAttributeCombination> combinations, PreorderProfile profile)
    {
        var active = profile.Enabled && profile.ReleasedOnUtc == null && product.ManageInventoryMethod == ManageInventoryMethod.ManageStockByAttributes;
        var switched = ParseIds(profile.NopCombinationsAllowedOutOfStock);
        var changed = new List<ProductAttributeCombination>();
        if (active)
        {
            foreach (var combination in combinations.Where(c => !c.AllowOutOfStockOrders))
            {
                combination.AllowOutOfStockOrders = true;
                switched.Add(combination.Id);
                changed.Add(combination);
            }
        }
        else if (switched.Count > 0)
        {
            // a combination the merchant switched off meanwhile (or deleted) is left as it is
            foreach (var combination in combinations.Where(c => switched.Contains(c.Id) && c.AllowOutOfStockOrders))
            {
                combination.AllowOutOfStockOrders = false;
                changed.Add(combination);
            }
            switched.Clear();
        }
        var record = switched.Count == 0 ? null : string.Join(",", switched.Order());
        var profileChanged = record != (string.IsNullOrEmpty(profile.NopCombinationsAllowedOutOfStock) ? null : profile.NopCombinationsAllowedOutOfStock);
        profile.NopCombinationsAllowedOutOfStock = record;
        return (changed, profileChanged);
    }

    private static HashSet<int> ParseIds(string value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(v => int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
        .Where(id => id > 0).ToHashSet();
}
