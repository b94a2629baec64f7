using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>The configuration page's lists: policies, payment modes, deposit rules and the installed payment methods that can charge balances.</summary>
public class PreorderAdminConfigurationModelFactory
{
    private readonly PreorderAdminModelHelper _helper;
    private readonly PreorderConfigurationService _configurationService;

    public PreorderAdminConfigurationModelFactory(PreorderAdminModelHelper helper, PreorderConfigurationService configurationService)
    {
        _helper = helper;
        _configurationService = configurationService;
    }

    public virtual async Task<PreorderConfigurationModel> PrepareConfigurationListsAsync(PreorderConfigurationModel model)
    {
        model.AvailableMixedCartPolicies = new List<SelectListItem>();
        foreach (var policy in Enum.GetValues<MixedCartPolicy>())
            model.AvailableMixedCartPolicies.Add(new SelectListItem(await _helper.ResourceAsync("Fields.MixedCart." + policy), ((int)policy).ToString()));
        model.AvailablePaymentModes = await _helper.PaymentModeItemsAsync();
        model.AvailableExpiryPolicies = new List<SelectListItem>();
        foreach (var policy in Enum.GetValues<DepositExpiryPolicy>())
            model.AvailableExpiryPolicies.Add(new SelectListItem(await _helper.ResourceAsync("Fields.ExpiryPolicy." + policy), ((int)policy).ToString()));
        foreach (var policy in Enum.GetValues<MissedShipDatePolicy>())
            model.AvailableMissedShipDatePolicies.Add(new SelectListItem(await _helper.ResourceAsync("Fields.MissedShipDate." + policy), ((int)policy).ToString()));
        model.DepositRule.AvailableCombineModes = await _helper.CombineModeItemsAsync();
        model.PrimaryStoreCurrencyCode = await _helper.PrimaryCurrencyCodeAsync();
        model.AvailableChargeMethods = new List<SelectListItem> { new(await _helper.ResourceAsync("Configure.OfflineOnly"), string.Empty) };
        foreach (var (systemName, friendlyName) in await _configurationService.GetChargeMethodsAsync())
            model.AvailableChargeMethods.Add(new SelectListItem($"{friendlyName} ({systemName})", systemName));
        // a configured method that is no longer installed stays visible, so saving does not silently switch to offline
        if (!string.IsNullOrEmpty(model.ChargeMethodSystemName) && model.AvailableChargeMethods.All(i => i.Value != model.ChargeMethodSystemName))
            model.AvailableChargeMethods.Add(new SelectListItem(model.ChargeMethodSystemName, model.ChargeMethodSystemName));
        return model;
    }
}
