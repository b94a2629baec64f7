using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Core.Http;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Services.Catalog;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Web.Controllers;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// "Reserve with deposit" on the product page (schema 2.4): the plugin's rules, then nopCommerce's add to cart; the shopper
/// goes on to the cart and checks out with the deposit method. A refusal is told on the product page and changes nothing.
/// </summary>
[AutoValidateAntiforgeryToken]
public class PreorderReservationController : BasePublicController
{
    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IProductService _productService;
    private readonly IStoreContext _storeContext;
    private readonly IWorkContext _workContext;
    private readonly ReservationService _reservationService;

    public PreorderReservationController(ILocalizationService localizationService,
        INotificationService notificationService,
        IProductService productService,
        IStoreContext storeContext,
        IWorkContext workContext,
        ReservationService reservationService)
    {
        _localizationService = localizationService;
        _notificationService = notificationService;
        _productService = productService;
        _storeContext = storeContext;
        _workContext = workContext;
        _reservationService = reservationService;
    }

    [HttpPost]
    public virtual async Task<IActionResult> Reserve(int productId, string returnUrl)
    {
        var back = !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : Url.RouteUrl(NopRouteNames.General.HOMEPAGE);
        var product = await _productService.GetProductByIdAsync(productId);
        if (product == null || product.Deleted || !product.Published)
        {
            _notificationService.ErrorNotification(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.ReservationNotOffered));
            return LocalRedirect(back);
        }
        var customer = await _workContext.GetCurrentCustomerAsync();
        var store = await _storeContext.GetCurrentStoreAsync();
        var (refusal, warnings) = await _reservationService.ReserveAsync(customer, product, store.Id);
        if (refusal != null)
        {
            _notificationService.ErrorNotification(await _localizationService.GetResourceAsync(refusal));
            return LocalRedirect(back);
        }
        if (warnings.Count > 0)
        {
            foreach (var warning in warnings)
                _notificationService.WarningNotification(warning);
            return LocalRedirect(back);
        }
        return RedirectToRoute(NopRouteNames.General.CART);
    }
}
