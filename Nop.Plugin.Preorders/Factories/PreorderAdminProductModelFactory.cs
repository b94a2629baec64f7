using Nop.Core;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Security;
using static Nop.Plugin.Preorders.Factories.PreorderAdminModelHelper;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>
/// The pre-order block of nopCommerce's admin product page: the profile (or, after a failed save, what the merchant
/// typed), caps and units sold per combination, and the ship date's history. Dates in the store's time zone.
/// </summary>
public class PreorderAdminProductModelFactory
{
    private readonly CapReservationService _capReservationService;
    private readonly IPermissionService _permissionService;
    private readonly IProductAttributeService _productAttributeService;
    private readonly IWorkContext _workContext;
    private readonly PreorderAdminModelHelper _helper;
    private readonly PreorderCatalogService _catalogService;
    private readonly DepositScopeRuleModelFactory _depositRuleModelFactory;

    public PreorderAdminProductModelFactory(CapReservationService capReservationService,
        IPermissionService permissionService,
        IProductAttributeService productAttributeService,
        IWorkContext workContext,
        PreorderAdminModelHelper helper,
        PreorderCatalogService catalogService,
        DepositScopeRuleModelFactory depositRuleModelFactory)
    {
        _depositRuleModelFactory = depositRuleModelFactory;
        _capReservationService = capReservationService;
        _permissionService = permissionService;
        _productAttributeService = productAttributeService;
        _workContext = workContext;
        _helper = helper;
        _catalogService = catalogService;
    }

    /// <summary>The product page's block; with <paramref name="postedForm"/> (a failed save) the merchant's entries are shown again.</summary>
    public virtual async Task<AdminProductBlockModel> PrepareProductBlockModelAsync(int productId, Func<string, string> postedForm = null)
    {
        if (productId <= 0)
            return new AdminProductBlockModel { NewProduct = true };

        var zone = _helper.StoreTimeZone;
        var profile = await _catalogService.GetProfileAsync(productId);
        var counters = await _capReservationService.GetCountersAsync(productId);
        var combinations = await _productAttributeService.GetAllProductAttributeCombinationsAsync(productId) ?? new List<Nop.Core.Domain.Catalog.ProductAttributeCombination>();

        AdminProductPreorderModel model;
        if (postedForm != null && ProductPreorderForm.IsPresent(postedForm))
        {
            var culture = AdminAmountParser.CultureOf((await _workContext.GetWorkingLanguageAsync())?.LanguageCulture);
            model = ProductPreorderForm.Parse(productId, postedForm, zone, combinations.Select(c => c.Id), null, profile, culture).Model;
            model.HasProfile = profile != null;
            model.Released = profile?.ReleasedOnUtc != null;
        }
        else
        {
            model = ProductPreorderForm.ToModel(productId, profile, profile == null ? null : _catalogService.ParseRule(profile.DepositRuleJson), zone);
            foreach (var combination in combinations)
                model.CombinationCaps.Add(new CombinationCapModel { CombinationId = combination.Id, Cap = counters.FirstOrDefault(c => c.CombinationId == combination.Id)?.Cap });
        }
        if (profile == null && model.PaymentModeId == 0)
            model.PaymentModeId = (int)PreorderPaymentMode.Deposit;

        foreach (var cap in model.CombinationCaps)
        {
            var combination = combinations.FirstOrDefault(c => c.Id == cap.CombinationId);
            cap.Label = string.IsNullOrEmpty(combination?.Sku) ? $"#{cap.CombinationId}" : combination.Sku;
            cap.Sold = counters.FirstOrDefault(c => c.CombinationId == cap.CombinationId)?.Sold ?? 0;
        }
        model.Sold = counters.FirstOrDefault(c => c.CombinationId == 0)?.Sold ?? 0;
        model.SavedExpectedShipDate = profile?.ExpectedShipDateUtc is DateTime saved ? StoreTime.ToLocal(saved, zone).Date : null;
        model.AvailablePaymentModes = await _helper.PaymentModeItemsAsync();
        model.DepositRule.AvailableCombineModes = await _helper.CombineModeItemsAsync();
        model.TimeZoneName = zone.DisplayName;
        model.PrimaryStoreCurrencyCode = await _helper.PrimaryCurrencyCodeAsync();
        model.CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        // as saved (not as typed): the rule the product's lines are charged by now
        model.DepositRuleExplanation = await _depositRuleModelFactory.PrepareProductExplanationAsync(profile);
        foreach (var change in (await _catalogService.GetShipDateChangesAsync(productId)).Take(10))
            model.ShipDateHistory.Add($"{FormatDateTime(change.CreatedOnUtc, zone)}: {FormatDate(change.OldDateUtc, zone) ?? "—"} → {FormatDate(change.NewDateUtc, zone) ?? "—"} — {change.Reason}");
        return new AdminProductBlockModel { Preorder = model };
    }
}
