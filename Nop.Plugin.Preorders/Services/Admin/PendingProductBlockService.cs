using Microsoft.AspNetCore.Http;
using Nop.Core;
using Nop.Core.Domain.Catalog;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Messages;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// The product page's pre-order block between nopCommerce's model event and its product save: validated by
/// <see cref="ProductPreorderEventConsumer"/>, kept in the request, saved here when nopCommerce saves that product.
/// </summary>
public class PendingProductBlockService
{
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IWorkContext _workContext;
    private readonly PreorderCatalogService _catalogService;
    private readonly ReservationHoldService _reservationHolds;

    public PendingProductBlockService(IHttpContextAccessor httpContextAccessor,
        ILocalizationService localizationService,
        INotificationService notificationService,
        IWorkContext workContext,
        PreorderCatalogService catalogService,
        ReservationHoldService reservationHolds)
    {
        _reservationHolds = reservationHolds;
        _httpContextAccessor = httpContextAccessor;
        _localizationService = localizationService;
        _notificationService = notificationService;
        _workContext = workContext;
        _catalogService = catalogService;
    }

    /// <summary>nopCommerce saved <paramref name="product"/>: the block posted with it in this request is saved, once.</summary>
    public virtual async Task SaveAsync(Product product)
    {
        var items = _httpContextAccessor.HttpContext?.Items;
        if (product == null || items == null
            || !items.TryGetValue(ProductPreorderEventConsumer.PendingBlockKey, out var value) || value is not PendingProductBlock pending || pending.ProductId != product.Id)
            return;
        // removed first: saving the block updates the product again (its own pre-order fields)
        items.Remove(ProductPreorderEventConsumer.PendingBlockKey);
        if (!await MayEditAsync(product))
            return;

        var errors = await _catalogService.SaveAsync(pending.Edit, pending.AdminId, product);
        // a reservable product's units: its stock as saved now plus what reservations hold (one statement)
        if (errors.Count == 0 && pending.Edit.Profile.Reservable)
            await _reservationHolds.SyncUnitsAsync(product.Id, product.StockQuantity);
        // checked again on save (a sale since the form was read can refuse a cap); nopCommerce saved the product already
        foreach (var error in errors)
            _notificationService.ErrorNotification(await MessageAsync(error));
    }

    /// <summary>As nopCommerce's product Edit: a vendor-restricted admin edits only the vendor's own products.</summary>
    public virtual async Task<bool> MayEditAsync(Product product)
    {
        var vendor = await _workContext.GetCurrentVendorAsync();
        return vendor == null || product.VendorId == vendor.Id;
    }

    /// <summary>A rule error in the admin's language.</summary>
    public virtual async Task<string> MessageAsync(RuleError error)
    {
        var text = await _localizationService.GetResourceAsync(error.ResourceKey);
        try
        {
            return error.Args is { Length: > 0 } ? string.Format(text, error.Args) : text;
        }
        catch (FormatException)
        {
            return text;
        }
    }
}
