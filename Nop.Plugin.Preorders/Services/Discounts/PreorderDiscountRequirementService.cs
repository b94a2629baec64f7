using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using Nop.Services.Discounts;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Web.Framework.Mvc.Routing;

namespace Nop.Plugin.Preorders.Services.Discounts;

/// <summary>
/// The discount requirement "the item is bought as a pre-order" (optionally "within the first N units"), so
/// merchants price early birds with nopCommerce's own discounts. nopCommerce checks a requirement per customer
/// (the request has the customer and the store, not the cart line), so the rule looks at the customer's cart:
/// valid while it holds a product whose pre-order is open and, with N &gt; 0, whose units already pre-ordered
/// plus the cart's quantity stay within N. The merchant assigns the discount to the pre-order products, so
/// only their prices change. N is kept per requirement in a setting, like nopCommerce's own requirement rules.
/// </summary>
public class PreorderDiscountRequirementService
{
    private readonly IDiscountService _discountService;
    private readonly ILocalizationService _localizationService;
    private readonly INopUrlHelper _nopUrlHelper;
    private readonly ISettingService _settingService;
    private readonly IShoppingCartService _shoppingCartService;
    private readonly IWebHelper _webHelper;
    private readonly PreorderCatalogService _catalogService;

    public PreorderDiscountRequirementService(IDiscountService discountService,
        ILocalizationService localizationService,
        INopUrlHelper nopUrlHelper,
        ISettingService settingService,
        IShoppingCartService shoppingCartService,
        IWebHelper webHelper,
        PreorderCatalogService catalogService)
    {
        _discountService = discountService;
        _localizationService = localizationService;
        _nopUrlHelper = nopUrlHelper;
        _settingService = settingService;
        _shoppingCartService = shoppingCartService;
        _webHelper = webHelper;
        _catalogService = catalogService;
    }

    /// <summary>The setting key holding N of a requirement.</summary>
    public static string SettingKey(int discountRequirementId) =>
        string.Format(PreorderDefaults.DiscountRequirementSettingsKey, discountRequirementId);

    public virtual async Task<DiscountRequirementValidationResult> CheckRequirementAsync(DiscountRequirementValidationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var result = new DiscountRequirementValidationResult();
        if (request.Customer == null)
            return result;

        var firstUnits = await GetFirstUnitsAsync(request.DiscountRequirementId);
        var cart = await _shoppingCartService.GetShoppingCartAsync(request.Customer, ShoppingCartType.ShoppingCart, request.Store?.Id ?? 0);
        foreach (var product in cart.GroupBy(item => item.ProductId))
        {
            // no country: the price does not depend on it, and the cart rules refuse a pre-order the shopper's country is excluded from
            var offer = await _catalogService.GetOfferAsync(product.Key, countryCode: null);
            if (EarlyBirdRules.Qualifies(offer.State, offer.Sold, product.Sum(item => item.Quantity), firstUnits))
            {
                result.IsValid = true;
                return result;
            }
        }

        result.UserError = await _localizationService.GetResourceAsync(PreorderDefaults.Resources.DiscountNotApplicable);
        return result;
    }

    public virtual string GetConfigurationUrl(int discountId, int? discountRequirementId) =>
        _nopUrlHelper.RouteUrl(PreorderDefaults.Routes.DiscountRequirementConfigure,
            new { discountId, discountRequirementId }, _webHelper.GetCurrentRequestProtocol());

    /// <summary>N of the requirement's "first N units"; 0 = no limit (also for a requirement never configured).</summary>
    public virtual Task<int> GetFirstUnitsAsync(int discountRequirementId) =>
        _settingService.GetSettingByKeyAsync<int>(SettingKey(discountRequirementId));

    public virtual Task SaveFirstUnitsAsync(int discountRequirementId, int firstUnits) =>
        _settingService.SetSettingAsync(SettingKey(discountRequirementId), firstUnits);

    /// <summary>Removes a requirement's setting (the requirement was deleted).</summary>
    public virtual async Task DeleteSettingAsync(int discountRequirementId)
    {
        var setting = await _settingService.GetSettingAsync(SettingKey(discountRequirementId));
        if (setting != null)
            await _settingService.DeleteSettingAsync(setting);
    }

    /// <summary>
    /// Uninstall: deletes the discount requirements that point to the plugin (nopCommerce would otherwise keep
    /// requirements whose rule is gone) and every setting of the plugin's requirements, orphans included.
    /// </summary>
    public virtual async Task DeleteAllAsync()
    {
        var requirements = (await _discountService.GetAllDiscountRequirementsAsync() ?? [])
            .Where(requirement => requirement.DiscountRequirementRuleSystemName == PreorderDefaults.SystemName)
            .ToList();
        foreach (var requirement in requirements)
            await _discountService.DeleteDiscountRequirementAsync(requirement, false);

        // nopCommerce stores setting names in lower case
        var prefix = string.Format(PreorderDefaults.DiscountRequirementSettingsKey, string.Empty);
        var settings = (await _settingService.GetAllSettingsAsync() ?? [])
            .Where(setting => setting.Name?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        if (settings.Count > 0)
            await _settingService.DeleteSettingsAsync(settings);
    }
}
