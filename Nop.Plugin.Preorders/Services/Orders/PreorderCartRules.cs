using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Directory;
using Nop.Services.Helpers;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// The plugin's cart and checkout warnings: window, country, cap, per-customer limit, mixed carts.
/// nopCommerce re-runs these when the order is placed, so they guard checkout too; they only check, the
/// cap itself is enforced atomically when the order is placed (<see cref="PreorderOrderService.PlaceAsync"/>).
/// Kept free of the order and cart services, which depend on the cart service this feeds.
/// </summary>
public class PreorderCartRules
{
    private readonly IAddressService _addressService;
    private readonly ICountryService _countryService;
    private readonly CustomerLimitService _customerLimitService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly IProductAttributeParser _productAttributeParser;
    private readonly ISettingService _settingService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;

    public PreorderCartRules(IAddressService addressService,
        ICountryService countryService,
        CustomerLimitService customerLimitService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        IProductAttributeParser productAttributeParser,
        ISettingService settingService,
        PreorderCatalogService catalogService,
        PreorderClock clock)
    {
        _addressService = addressService;
        _countryService = countryService;
        _customerLimitService = customerLimitService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _productAttributeParser = productAttributeParser;
        _settingService = settingService;
        _catalogService = catalogService;
        _clock = clock;
    }

    /// <summary>
    /// Warnings for adding or updating one cart item (<paramref name="otherItems"/>: the rest of the cart;
    /// <paramref name="attributesXml"/>: the item's attributes, for the cap of its attribute combination).
    /// </summary>
    public virtual async Task<IList<string>> GetItemWarningsAsync(Customer customer, Product product, int storeId, int quantity, IList<ShoppingCartItem> otherItems,
        string attributesXml = null)
    {
        var warnings = new List<string>();
        var snapshot = await _catalogService.GetSnapshotAsync(product.Id);
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);

        if (settings.MixedCart == MixedCartPolicy.Forbid && otherItems.Count > 0)
        {
            foreach (var other in otherItems)
                if ((await _catalogService.GetSnapshotAsync(other.ProductId)).IsPreorder != snapshot.IsPreorder)
                {
                    warnings.Add(await TextAsync(PreorderDefaults.Resources.MixedCartForbidden));
                    break;
                }
        }
        if (!snapshot.IsPreorder)
            return warnings;

        var offer = PreorderAvailability.Evaluate(snapshot.Profile, snapshot.Sold, _clock.UtcNow, await CountryCodeOfAsync(customer));
        switch (offer.State)
        {
            case PreorderOfferState.NotYetOpen:
                var opens = await _dateTimeHelper.ConvertToUserTimeAsync(snapshot.Profile.WindowStartUtc!.Value, DateTimeKind.Utc);
                warnings.Add(await TextAsync(PreorderDefaults.Resources.WindowNotOpen, opens.ToString("f")));
                return warnings;
            case PreorderOfferState.Closed:
                warnings.Add(await TextAsync(PreorderDefaults.Resources.WindowClosed));
                return warnings;
            case PreorderOfferState.CountryExcluded:
                warnings.Add(await TextAsync(PreorderDefaults.Resources.CountryExcluded));
                return warnings;
        }

        // the same product in other cart lines (other attribute combinations) counts against the same cap
        var inCart = quantity + otherItems.Where(i => i.ProductId == product.Id).Sum(i => i.Quantity);
        if (offer.Cap.HasValue && inCart > offer.UnitsLeft)
            warnings.Add(await TextAsync(PreorderDefaults.Resources.CapReached, offer.UnitsLeft));

        // the combination's own cap (the same rule placement enforces): this item and the cart's other lines of that combination
        if (!string.IsNullOrEmpty(attributesXml) && await CombinationCapOfAsync(product, attributesXml) is { } combination)
        {
            var sameCombination = quantity;
            foreach (var other in otherItems.Where(i => i.ProductId == product.Id && !string.IsNullOrEmpty(i.AttributesXml)))
                if ((await _productAttributeParser.FindProductAttributeCombinationAsync(product, other.AttributesXml))?.Id == combination.CombinationId)
                    sameCombination += other.Quantity;
            if (sameCombination > combination.UnitsLeft)
                warnings.Add(await TextAsync(PreorderDefaults.Resources.CombinationCapReached, combination.UnitsLeft));
        }

        // counted by the account and by its e-mail address (a guest's orders under the same address count at placement)
        if (snapshot.Profile.PerCustomerLimit is int limit)
        {
            var held = await _customerLimitService.HeldAsync(product.Id, customer.Id, CustomerLimitService.HashEmail(customer.Email));
            if (held + inCart > limit)
                warnings.Add(await TextAsync(PreorderDefaults.Resources.PerCustomerLimitReached, limit));
        }
        return warnings;
    }

    /// <summary>The cap of the attribute combination these attributes pick, when it has one of its own (cached; nopCommerce's combinations are cached too).</summary>
    public virtual async Task<CombinationUnits> CombinationCapOfAsync(Product product, string attributesXml)
    {
        var caps = await _catalogService.GetCombinationCapsAsync(product.Id);
        if (caps.Count == 0 || string.IsNullOrEmpty(attributesXml))
            return null;
        var combination = await _productAttributeParser.FindProductAttributeCombinationAsync(product, attributesXml);
        return combination == null ? null : caps.FirstOrDefault(c => c.CombinationId == combination.Id);
    }

    /// <summary>Cart-wide warnings (checkout): the mixed-cart rule.</summary>
    public virtual async Task<IList<string>> GetCartWarningsAsync(IList<ShoppingCartItem> cart, int storeId)
    {
        var warnings = new List<string>();
        var cartItems = cart.Where(i => i.ShoppingCartType == ShoppingCartType.ShoppingCart).ToList();
        if (cartItems.Count < 2)
            return warnings;
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);
        if (settings.MixedCart != MixedCartPolicy.Forbid)
            return warnings;

        var kinds = new HashSet<bool>();
        foreach (var item in cartItems)
            kinds.Add((await _catalogService.GetSnapshotAsync(item.ProductId)).IsPreorder);
        if (kinds.Count > 1)
            warnings.Add(await TextAsync(PreorderDefaults.Resources.MixedCartForbidden));
        return warnings;
    }

    private async Task<string> TextAsync(string key, params object[] args)
    {
        var text = await _localizationService.GetResourceAsync(key);
        return args.Length == 0 ? text : string.Format(text, args);
    }

    private async Task<string> CountryCodeOfAsync(Customer customer)
    {
        var addressId = customer?.ShippingAddressId ?? customer?.BillingAddressId;
        if (addressId is not int id || await _addressService.GetAddressByIdAsync(id) is not { CountryId: int countryId })
            return null;
        return (await _countryService.GetCountryByIdAsync(countryId))?.TwoLetterIsoCode;
    }
}
