using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
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
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly ISettingService _settingService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;

    public PreorderCartRules(IAddressService addressService,
        ICountryService countryService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        IRepository<PreorderLine> lineRepository,
        ISettingService settingService,
        PreorderCatalogService catalogService,
        PreorderClock clock)
    {
        _addressService = addressService;
        _countryService = countryService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _lineRepository = lineRepository;
        _settingService = settingService;
        _catalogService = catalogService;
        _clock = clock;
    }

    /// <summary>Warnings for adding or updating one cart item (<paramref name="otherItems"/>: the rest of the cart).</summary>
    public virtual async Task<IList<string>> GetItemWarningsAsync(Customer customer, Product product, int storeId, int quantity, IList<ShoppingCartItem> otherItems)
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

        if (snapshot.Profile.PerCustomerLimit is int limit)
        {
            var held = _lineRepository.Table
                .Where(l => l.CustomerId == customer.Id && l.ProductId == product.Id
                    && l.StateId != (int)PreorderLineState.Cancelled && l.StateId != (int)PreorderLineState.Expired)
                .Sum(l => (int?)l.Quantity) ?? 0;
            if (held + inCart > limit)
                warnings.Add(await TextAsync(PreorderDefaults.Resources.PerCustomerLimitReached, limit));
        }
        return warnings;
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
