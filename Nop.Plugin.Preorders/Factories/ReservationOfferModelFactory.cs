using Nop.Core;
using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Services.Catalog;
using Nop.Services.Configuration;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>The product page's "Reserve with deposit" (schema 2.4), or null when the product cannot be reserved now.</summary>
public class ReservationOfferModelFactory
{
    private readonly IProductService _productService;
    private readonly ISettingService _settingService;
    private readonly IStoreContext _storeContext;
    private readonly ReservationIntentService _reservationIntents;

    public ReservationOfferModelFactory(IProductService productService, ISettingService settingService, IStoreContext storeContext,
        ReservationIntentService reservationIntents)
    {
        _productService = productService;
        _settingService = settingService;
        _storeContext = storeContext;
        _reservationIntents = reservationIntents;
    }

    public virtual async Task<ProductReservationModel> PrepareAsync(int productId, string returnUrl)
    {
        var product = await _productService.GetProductByIdAsync(productId);
        if (product == null || await _reservationIntents.RefusalForAsync(product, 1) != null)
            return null;
        var store = await _storeContext.GetCurrentStoreAsync();
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(store.Id);
        return new ProductReservationModel(productId, await _reservationIntents.TermDaysAsync(productId, settings), returnUrl);
    }
}
