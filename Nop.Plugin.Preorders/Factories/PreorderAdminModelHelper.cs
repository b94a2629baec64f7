using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>
/// What every admin model factory of the plugin needs: the store's time zone, amounts in the primary store
/// currency, localized names and lists, and the names, e-mails and order numbers of a page's rows (one lookup each).
/// </summary>
public class PreorderAdminModelHelper
{
    private readonly CurrencySettings _currencySettings;
    private readonly ICurrencyService _currencyService;
    private readonly ICustomerService _customerService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IPriceFormatter _priceFormatter;
    private readonly IProductService _productService;

    private Currency _primaryCurrency;

    public PreorderAdminModelHelper(CurrencySettings currencySettings,
        ICurrencyService currencyService,
        ICustomerService customerService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        IOrderService orderService,
        IPriceFormatter priceFormatter,
        IProductService productService)
    {
        _currencySettings = currencySettings;
        _currencyService = currencyService;
        _customerService = customerService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _orderService = orderService;
        _priceFormatter = priceFormatter;
        _productService = productService;
    }

    /// <summary>The store's time zone: merchants type and read dates in it.</summary>
    public virtual TimeZoneInfo StoreTimeZone => _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;

    public static string FormatDate(DateTime? utc, TimeZoneInfo zone) => utc is DateTime d ? StoreTime.ToLocal(d, zone).ToString("d") : null;

    public static string FormatDateTime(DateTime? utc, TimeZoneInfo zone) => utc is DateTime d ? StoreTime.ToLocal(d, zone).ToString("g") : string.Empty;

    public virtual async Task<string> PrimaryCurrencyCodeAsync()
    {
        _primaryCurrency ??= await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId);
        return _primaryCurrency?.CurrencyCode;
    }

    public virtual async Task<string> PriceAsync(decimal amount)
    {
        _primaryCurrency ??= await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId);
        return await _priceFormatter.FormatPriceAsync(amount, true, _primaryCurrency);
    }

    /// <summary>The plugin's resource <paramref name="key"/> (without the plugin's prefix).</summary>
    public virtual Task<string> ResourceAsync(string key) => _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + key);

    /// <summary>nopCommerce's "All" of a filter list.</summary>
    public virtual Task<string> AllTextAsync() => _localizationService.GetResourceAsync("Admin.Common.All");

    public virtual Task<string> ReasonNameAsync(CancellationReason reason) => _localizationService.GetResourceAsync(CancellationReasonRules.ResourceKey(reason));

    /// <summary>The customer of an e-mail a filter was given: 0 without one, -1 when nobody has it (so the filter finds nothing).</summary>
    public virtual async Task<int> CustomerIdOfAsync(string email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return 0;
        var customer = await _customerService.GetCustomerByEmailAsync(email.Trim());
        return customer?.Id ?? -1;
    }

    public virtual async Task<Dictionary<int, string>> EmailsAsync(IEnumerable<int> customerIds)
    {
        var ids = customerIds.Where(id => id > 0).Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, string>();
        return (await _customerService.GetCustomersByIdsAsync(ids) ?? new List<Nop.Core.Domain.Customers.Customer>()).ToDictionary(c => c.Id, c => c.Email);
    }

    public virtual async Task<Dictionary<int, string>> ProductNamesAsync(IEnumerable<int> productIds)
    {
        var ids = productIds.Where(id => id > 0).Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, string>();
        return (await _productService.GetProductsByIdsAsync(ids) ?? new List<Nop.Core.Domain.Catalog.Product>()).ToDictionary(p => p.Id, p => p.Name);
    }

    public virtual async Task<Dictionary<int, string>> OrderNumbersAsync(IEnumerable<int> orderIds)
    {
        var ids = orderIds.Where(id => id > 0).Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, string>();
        return (await _orderService.GetOrdersByIdsAsync(ids) ?? new List<Nop.Core.Domain.Orders.Order>()).ToDictionary(o => o.Id, o => string.IsNullOrEmpty(o.CustomOrderNumber) ? o.Id.ToString() : o.CustomOrderNumber);
    }

    public virtual async Task<Dictionary<int, string>> StateNamesAsync()
    {
        var names = new Dictionary<int, string>();
        foreach (var state in Enum.GetValues<PreorderLineState>())
            names[(int)state] = await ResourceAsync("State." + state);
        return names;
    }

    public virtual async Task<Dictionary<int, string>> PaymentModeNamesAsync()
    {
        var names = new Dictionary<int, string>();
        foreach (var mode in Enum.GetValues<PreorderPaymentMode>())
            names[(int)mode] = await ResourceAsync("Product.PaymentMode." + mode);
        return names;
    }

    public virtual async Task<IList<SelectListItem>> SettlementItemsAsync()
    {
        var items = new List<SelectListItem>();
        foreach (var settlement in Enum.GetValues<AdminSettlement>())
            items.Add(new SelectListItem(await ResourceAsync("Actions.Settlement." + settlement), ((int)settlement).ToString()));
        return items;
    }

    public virtual async Task<IList<SelectListItem>> PaymentModeItemsAsync()
    {
        var items = new List<SelectListItem>();
        foreach (var (id, name) in await PaymentModeNamesAsync())
            items.Add(new SelectListItem(name, id.ToString()));
        return items;
    }

    public virtual async Task<IList<SelectListItem>> CombineModeItemsAsync()
    {
        var items = new List<SelectListItem>();
        foreach (var mode in Enum.GetValues<DepositCombineMode>())
            items.Add(new SelectListItem(await ResourceAsync("Fields.DepositCombine." + mode), ((int)mode).ToString()));
        return items;
    }
}
