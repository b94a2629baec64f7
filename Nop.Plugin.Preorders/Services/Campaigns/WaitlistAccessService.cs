using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Common;
using Nop.Services.Helpers;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// First access for the waitlist: during the product's first-access hours after the window opens, only confirmed
/// members may pre-order (<see cref="WaitlistRules.MayPreorder"/>). Checked in the cart (nopCommerce re-runs the cart's
/// warnings when the order is placed, so the shopper sees the refusal before paying) and again at placement
/// (<see cref="Orders.PreorderOrderService"/>, the order's own moment), where a refused order is cancelled and refunded
/// with a note in the shopper's language. A member is recognized by account or by address: a guest by the e-mail of
/// the checkout's billing address.
/// </summary>
public class WaitlistAccessService
{
    private readonly IAddressService _addressService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly WaitlistService _waitlistService;

    public WaitlistAccessService(IAddressService addressService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        WaitlistService waitlistService)
    {
        _addressService = addressService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _catalogService = catalogService;
        _clock = clock;
        _waitlistService = waitlistService;
    }

    /// <summary>True when the customer (account, or the given address) may pre-order the product at <paramref name="atUtc"/>.</summary>
    public virtual async Task<bool> MayPreorderAsync(int productId, int customerId, string email, DateTime atUtc)
    {
        var snapshot = await _catalogService.GetSnapshotAsync(productId);
        if (!snapshot.IsPreorder || snapshot.Profile.WindowStartUtc is not DateTime start)
            return true;
        var hours = await _waitlistService.GetFirstAccessHoursAsync(productId);
        if (!WaitlistRules.InFirstAccess(start, hours, atUtc))
            return true;
        var entry = await _waitlistService.GetMembershipAsync(productId, customerId, email);
        return WaitlistRules.MayPreorder(start, hours, atUtc, entry?.ConfirmedOnUtc != null);
    }

    /// <summary>The cart's warning for a product in its first-access hours when the shopper is not a confirmed member; empty otherwise.</summary>
    public virtual async Task<IList<string>> GetItemWarningsAsync(Customer customer, Product product)
    {
        var warnings = new List<string>();
        var now = _clock.UtcNow;
        // the cheap checks first (cached snapshot, then the hours): the address is looked up only during first access
        var snapshot = await _catalogService.GetSnapshotAsync(product.Id);
        if (!snapshot.IsPreorder || snapshot.Profile.WindowStartUtc is not DateTime start || start > now)
            return warnings;
        var hours = await _waitlistService.GetFirstAccessHoursAsync(product.Id);
        if (!WaitlistRules.InFirstAccess(start, hours, now) || await MayPreorderAsync(product.Id, customer?.Id ?? 0, await EmailOfAsync(customer), now))
            return warnings;
        var ends = WaitlistRules.FirstAccessEndsUtc(start, hours)!.Value;
        var local = await _dateTimeHelper.ConvertToUserTimeAsync(ends, DateTimeKind.Utc);
        warnings.Add(string.Format(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.WaitlistFirstAccessOnly), local.ToString("f")));
        return warnings;
    }

    /// <summary>The first of the order's products its customer may not pre-order at the order's moment; 0 when all are allowed.</summary>
    public virtual async Task<int> RefusedProductAsync(Order order, IEnumerable<int> productIds)
    {
        var email = order.BillingAddressId == 0 ? null : (await _addressService.GetAddressByIdAsync(order.BillingAddressId))?.Email;
        foreach (var productId in productIds.Distinct())
            if (!await MayPreorderAsync(productId, order.CustomerId, email, order.CreatedOnUtc))
                return productId;
        return 0;
    }

    /// <summary>The refusal note in the order's language, English when the resource is missing.</summary>
    public virtual async Task<string> RefusalNoteAsync(Order order)
    {
        var key = PreorderDefaults.Resources.WaitlistFirstAccessRefusedNote;
        var text = await _localizationService.GetResourceAsync(key, order.CustomerLanguageId, logIfNotFound: false, defaultValue: string.Empty, returnEmptyIfNotFound: true);
        return string.IsNullOrEmpty(text) || text == key ? Infrastructure.PreorderLocaleResources.All[key].En : text;
    }

    /// <summary>The account's address, else (a guest at checkout) the billing address's.</summary>
    private async Task<string> EmailOfAsync(Customer customer)
    {
        if (customer == null)
            return null;
        if (!string.IsNullOrWhiteSpace(customer.Email))
            return customer.Email;
        return customer.BillingAddressId is int id && id > 0 ? (await _addressService.GetAddressByIdAsync(id))?.Email : null;
    }
}
