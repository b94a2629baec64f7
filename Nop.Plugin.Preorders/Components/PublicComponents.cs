using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Services.Customers;
using Nop.Services.Orders;
using Nop.Web.Framework.Components;
using Nop.Web.Models.Catalog;
using Nop.Web.Models.Order;

namespace Nop.Plugin.Preorders.Components;

/// <summary>Product page: badge, ship date, units left, progress, countdown, deposit split, the campaign's latest stage and timeline.</summary>
public class ProductPreorderViewComponent : NopViewComponent
{
    private readonly CampaignTimelineModelFactory _campaignTimelineFactory;
    private readonly PreorderModelFactory _modelFactory;
    private readonly Services.Campaigns.ProductViewStore _viewStore;
    private readonly ReservationOfferModelFactory _reservationFactory;

    public ProductPreorderViewComponent(CampaignTimelineModelFactory campaignTimelineFactory, PreorderModelFactory modelFactory,
        Services.Campaigns.ProductViewStore viewStore, ReservationOfferModelFactory reservationFactory)
    {
        _campaignTimelineFactory = campaignTimelineFactory;
        _modelFactory = modelFactory;
        _viewStore = viewStore;
        _reservationFactory = reservationFactory;
    }

    public async Task<IViewComponentResult> InvokeAsync(string widgetZone, object additionalData)
    {
        if (additionalData is not ProductDetailsModel product)
            return Content(string.Empty);
        var model = await _modelFactory.PrepareProductModelAsync(product.Id);
        if (model.Visible)
        {
            model.Campaign = await _campaignTimelineFactory.PrepareAsync(product.Id);
            // the funnel's first step: counted in memory, written by a periodic flush (no query per view)
            await _viewStore.RecordViewAsync(product.Id);
            return View("~/Plugins/Misc.Preorders/Views/Public/ProductPreorder.cshtml", model);
        }
        // not a pre-order: an in-stock product flagged "can be reserved with a deposit" offers the reservation instead
        var reservation = await _reservationFactory.PrepareAsync(product.Id, HttpContext.Request.Path + HttpContext.Request.QueryString);
        return reservation != null ? View("~/Plugins/Misc.Preorders/Views/Public/ProductReservation.cshtml", reservation) : Content(string.Empty);
    }
}

/// <summary>Cart summary: which items are pre-orders and what is due now and later.</summary>
public class CartPreorderViewComponent : NopViewComponent
{
    private readonly IShoppingCartService _shoppingCartService;
    private readonly IStoreContext _storeContext;
    private readonly IWorkContext _workContext;
    private readonly PreorderModelFactory _modelFactory;

    public CartPreorderViewComponent(IShoppingCartService shoppingCartService, IStoreContext storeContext, IWorkContext workContext, PreorderModelFactory modelFactory)
    {
        _shoppingCartService = shoppingCartService;
        _storeContext = storeContext;
        _workContext = workContext;
        _modelFactory = modelFactory;
    }

    public async Task<IViewComponentResult> InvokeAsync(string widgetZone, object additionalData)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        var store = await _storeContext.GetCurrentStoreAsync();
        var cart = await _shoppingCartService.GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart, store.Id);
        var model = await _modelFactory.PrepareCartModelAsync(cart);
        return model.HasPreorders ? View("~/Plugins/Misc.Preorders/Views/Public/CartPreorder.cshtml", model) : Content(string.Empty);
    }
}

/// <summary>Order details page: pre-order state, ledger and the way to pay the balance.</summary>
public class OrderPreorderViewComponent : NopViewComponent
{
    private readonly IOrderService _orderService;
    private readonly IWorkContext _workContext;
    private readonly PreorderModelFactory _modelFactory;

    public OrderPreorderViewComponent(IOrderService orderService, IWorkContext workContext, PreorderModelFactory modelFactory)
    {
        _orderService = orderService;
        _workContext = workContext;
        _modelFactory = modelFactory;
    }

    public async Task<IViewComponentResult> InvokeAsync(string widgetZone, object additionalData)
    {
        if (additionalData is not OrderDetailsModel details)
            return Content(string.Empty);
        var customer = await _workContext.GetCurrentCustomerAsync();
        var order = await _orderService.GetOrderByIdAsync(details.Id);
        // nopCommerce checked ownership for its page already; checked again, the widget never shows another customer's order
        if (order == null || order.CustomerId != customer.Id)
            return Content(string.Empty);
        var model = await _modelFactory.PrepareOrderModelAsync(order);
        return model == null ? Content(string.Empty) : View("~/Plugins/Misc.Preorders/Views/Public/OrderPreorder.cshtml", model);
    }
}

/// <summary>"My pre-orders" in the account menu, for registered customers.</summary>
public class AccountPreorderMenuViewComponent : NopViewComponent
{
    private readonly ICustomerService _customerService;
    private readonly IWorkContext _workContext;

    public AccountPreorderMenuViewComponent(ICustomerService customerService, IWorkContext workContext)
    {
        _customerService = customerService;
        _workContext = workContext;
    }

    public async Task<IViewComponentResult> InvokeAsync(string widgetZone, object additionalData)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        if (await _customerService.IsGuestAsync(customer))
            return Content(string.Empty);
        return View("~/Plugins/Misc.Preorders/Views/Public/AccountMenu.cshtml");
    }
}

/// <summary>The deposit method's payment-info step: the split, the terms to accept, deposit levels, and the charging method's own form.</summary>
public class DepositPaymentInfoViewComponent : NopViewComponent
{
    private readonly DepositPaymentService _depositPaymentService;
    private readonly IShoppingCartService _shoppingCartService;
    private readonly IStoreContext _storeContext;
    private readonly IWorkContext _workContext;
    private readonly PreorderModelFactory _modelFactory;

    public DepositPaymentInfoViewComponent(DepositPaymentService depositPaymentService, IShoppingCartService shoppingCartService,
        IStoreContext storeContext, IWorkContext workContext, PreorderModelFactory modelFactory)
    {
        _depositPaymentService = depositPaymentService;
        _shoppingCartService = shoppingCartService;
        _storeContext = storeContext;
        _workContext = workContext;
        _modelFactory = modelFactory;
    }

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        var store = await _storeContext.GetCurrentStoreAsync();
        var cart = await _shoppingCartService.GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart, store.Id);
        var chargeMethod = await _depositPaymentService.GetChargeMethodAsync(store.Id);
        var model = await _modelFactory.PreparePaymentInfoModelAsync(cart, chargeMethod?.GetPublicViewComponent());
        return View("~/Plugins/Misc.Preorders/Views/Public/PaymentInfo.cshtml", model);
    }
}
