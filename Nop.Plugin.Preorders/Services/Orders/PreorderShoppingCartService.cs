using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.Routing;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Attributes;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Security;
using Nop.Services.Seo;
using Nop.Services.Shipping;
using Nop.Services.Shipping.Date;
using Nop.Services.Stores;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// nopCommerce's shopping cart service plus the pre-order warnings. A subclass (not a decorator): the cart
/// service calls its own warning methods internally (add to cart, update), and only an override is reached there.
/// Also the place the pre-order surcharge joins a line's subtotal (<see cref="GetSubTotalAsync"/>).
/// </summary>
public class PreorderShoppingCartService : ShoppingCartService
{
    private readonly PreorderCartRules _cartRules;
    private readonly PreorderSurchargeService _surchargeService;
    private readonly Campaigns.WaitlistAccessService _waitlistAccessService;

    public PreorderShoppingCartService(PreorderCartRules cartRules,
        PreorderSurchargeService surchargeService,
        Campaigns.WaitlistAccessService waitlistAccessService,
        CatalogSettings catalogSettings,
        IAclService aclService,
        IActionContextAccessor actionContextAccessor,
        IAttributeParser<CheckoutAttribute, CheckoutAttributeValue> checkoutAttributeParser,
        IAttributeService<CheckoutAttribute, CheckoutAttributeValue> checkoutAttributeService,
        ICurrencyService currencyService,
        ICustomerService customerService,
        IDateRangeService dateRangeService,
        IDateTimeHelper dateTimeHelper,
        IEventPublisher eventPublisher,
        IGenericAttributeService genericAttributeService,
        IGiftCardService giftCardService,
        ILocalizationService localizationService,
        IPermissionService permissionService,
        IPriceCalculationService priceCalculationService,
        IPriceFormatter priceFormatter,
        IProductAttributeParser productAttributeParser,
        IProductAttributeService productAttributeService,
        IProductService productService,
        IRepository<ShoppingCartItem> sciRepository,
        IShippingService shippingService,
        IShortTermCacheManager shortTermCacheManager,
        IStaticCacheManager staticCacheManager,
        IStoreContext storeContext,
        IStoreService storeService,
        IStoreMappingService storeMappingService,
        IUrlHelperFactory urlHelperFactory,
        IUrlRecordService urlRecordService,
        IWorkContext workContext,
        OrderSettings orderSettings,
        ShoppingCartSettings shoppingCartSettings)
        : base(catalogSettings, aclService, actionContextAccessor, checkoutAttributeParser, checkoutAttributeService, currencyService,
            customerService, dateRangeService, dateTimeHelper, eventPublisher, genericAttributeService, giftCardService, localizationService,
            permissionService, priceCalculationService, priceFormatter, productAttributeParser, productAttributeService, productService,
            sciRepository, shippingService, shortTermCacheManager, staticCacheManager, storeContext, storeService, storeMappingService,
            urlHelperFactory, urlRecordService, workContext, orderSettings, shoppingCartSettings)
    {
        _cartRules = cartRules;
        _surchargeService = surchargeService;
        _waitlistAccessService = waitlistAccessService;
    }

    /// <summary>
    /// nopCommerce's subtotal of a line plus the line's pre-order surcharge, once per line. Every figure of the
    /// line is built from this subtotal: the cart's line total and order subtotal (OrderTotalCalculationService),
    /// the order item's PriceExclTax/PriceInclTax at placement (OrderProcessingService), and the plugin's deposit
    /// split. So the surcharge is taxed with the line, paid whatever the payment method, and collected once, inside
    /// the line's deposit and balance. The unit price (GetUnitPriceAsync) is left alone: the surcharge is per line,
    /// not per unit, and the line shows a note saying what its total includes.
    /// </summary>
    public override async Task<(decimal subTotal, decimal discountAmount, List<Discount> appliedDiscounts, int? maximumDiscountQty)> GetSubTotalAsync(
        ShoppingCartItem shoppingCartItem, bool includeDiscounts)
    {
        var (subTotal, discountAmount, appliedDiscounts, maximumDiscountQty) = await base.GetSubTotalAsync(shoppingCartItem, includeDiscounts);
        var surcharge = await _surchargeService.GetLineSurchargeAsync(shoppingCartItem);
        return (SurchargeRules.AddToSubTotal(subTotal, surcharge), discountAmount, appliedDiscounts, maximumDiscountQty);
    }

    public override async Task<IList<string>> GetShoppingCartItemWarningsAsync(Customer customer, ShoppingCartType shoppingCartType,
        Product product, int storeId, string attributesXml, decimal customerEnteredPrice,
        DateTime? rentalStartDate = null, DateTime? rentalEndDate = null, int quantity = 1, bool addRequiredProducts = true,
        int shoppingCartItemId = 0, bool getStandardWarnings = true, bool getAttributesWarnings = true,
        bool getGiftCardWarnings = true, bool getRequiredProductWarnings = true, bool getRentalWarnings = true)
    {
        var warnings = await base.GetShoppingCartItemWarningsAsync(customer, shoppingCartType, product, storeId, attributesXml,
            customerEnteredPrice, rentalStartDate, rentalEndDate, quantity, addRequiredProducts, shoppingCartItemId,
            getStandardWarnings, getAttributesWarnings, getGiftCardWarnings, getRequiredProductWarnings, getRentalWarnings);

        if (shoppingCartType != ShoppingCartType.ShoppingCart || !getStandardWarnings || customer == null || product == null)
            return warnings;

        // the rest of the cart: every line but the one being added or updated
        var cart = await GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart, storeId);
        var others = cart.Where(i => i.Id != shoppingCartItemId
            && !(shoppingCartItemId == 0 && i.ProductId == product.Id && i.AttributesXml == attributesXml)).ToList();
        foreach (var warning in await _cartRules.GetItemWarningsAsync(customer, product, storeId, quantity, others, attributesXml))
            warnings.Add(warning);
        // first access for the waitlist (only when the plugin's rules let the item through: one refusal at a time)
        if (warnings.Count == 0)
            foreach (var warning in await _waitlistAccessService.GetItemWarningsAsync(customer, product))
                warnings.Add(warning);
        return warnings;
    }

    public override async Task<IList<string>> GetShoppingCartWarningsAsync(IList<ShoppingCartItem> shoppingCart, string checkoutAttributesXml, bool validateCheckoutAttributes)
    {
        var warnings = await base.GetShoppingCartWarningsAsync(shoppingCart, checkoutAttributesXml, validateCheckoutAttributes);
        if (shoppingCart.Count > 0)
            foreach (var warning in await _cartRules.GetCartWarningsAsync(shoppingCart, shoppingCart[0].StoreId))
                warnings.Add(warning);
        return warnings;
    }
}
