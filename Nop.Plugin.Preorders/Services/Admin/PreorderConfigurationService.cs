using System.Linq.Expressions;
using Newtonsoft.Json;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using Nop.Services.Payments;
using Nop.Services.Security;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>A configuration problem: the model field it belongs to (for the page) and the error.</summary>
public record ConfigurationError(string Field, RuleError Error);

/// <summary>
/// The configuration page's logic: settings of a store scope into the model (with nopCommerce's "override
/// for this store" flags), validation of what the merchant entered, and saving each setting for the scope
/// the way nopCommerce's own plugins do (<see cref="ISettingService.SaveSettingOverridablePerStoreAsync"/>).
/// </summary>
public class PreorderConfigurationService
{
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly ISettingService _settingService;

    private readonly IEncryptionService _encryptionService;

    public PreorderConfigurationService(IPaymentPluginManager paymentPluginManager, ISettingService settingService, IEncryptionService encryptionService)
    {
        _paymentPluginManager = paymentPluginManager;
        _settingService = settingService;
        _encryptionService = encryptionService;
    }

    /// <summary>Installed payment methods that can charge later (Standard type, processing payments directly), excluding the plugin itself: (system name, friendly name).</summary>
    public virtual async Task<IList<(string SystemName, string FriendlyName)>> GetChargeMethodsAsync()
    {
        var methods = await _paymentPluginManager.LoadAllPluginsAsync() ?? new List<IPaymentMethod>();
        return methods
            .Where(m => m.PaymentMethodType == PaymentMethodType.Standard && m.PluginDescriptor != null
                && !string.Equals(m.PluginDescriptor.SystemName, PreorderDefaults.SystemName, StringComparison.OrdinalIgnoreCase))
            .Select(m => (m.PluginDescriptor.SystemName, m.PluginDescriptor.FriendlyName ?? m.PluginDescriptor.SystemName))
            .OrderBy(m => m.Item2, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>The settings of a store scope (0 = all stores) as the page shows them.</summary>
    public virtual async Task<PreorderConfigurationModel> PrepareModelAsync(int storeScope)
    {
        var s = await _settingService.LoadSettingAsync<PreorderSettings>(storeScope);
        var rule = ParseRule(s.DefaultDepositRuleJson);
        var model = new PreorderConfigurationModel
        {
            ActiveStoreScopeConfiguration = storeScope,
            AutomationPaused = s.AutomationPaused,
            MixedCartId = (int)s.MixedCart,
            DefaultPaymentModeId = (int)s.DefaultPaymentMode,
            DepositRule = DepositRuleForm.ToModel(rule),
            CharmRounding = s.CharmRounding,
            AutoPreorderWhenOutOfStock = s.AutoPreorderWhenOutOfStock,
            AutoPreorderCap = s.AutoPreorderCap,
            AutoPreorderExpectedSoonText = s.AutoPreorderExpectedSoonText,
            PreorderSurcharge = s.PreorderSurcharge,
            BalanceDueDays = s.BalanceDueDays,
            ShipWhatArrived = s.ShipWhatArrived,
            GracePeriodDays = s.GracePeriodDays,
            ExpiryPolicyId = (int)s.ExpiryPolicy,
            MaxAutoExtensions = s.MaxAutoExtensions,
            ExtensionDays = s.ExtensionDays,
            ReservationTermDays = s.ReservationTermDays,
            RefundableUntilStockArrives = s.RefundableUntilStockArrives,
            AutoRefundDelayDays = s.AutoRefundDelayDays,
            MissedShipDateId = (int)s.MissedShipDate,
            MissedShipDateRefundDays = s.MissedShipDateRefundDays,
            BalanceLinkValidDays = s.BalanceLinkValidDays,
            ReminderDaysBefore = s.ReminderDaysBefore,
            UpcomingChargeNoticeDays = s.UpcomingChargeNoticeDays,
            ChargeRetryCount = s.ChargeRetryCount,
            ChargeRetryBackoffHours = s.ChargeRetryBackoffHours,
            ChargeMethodSystemName = s.ChargeMethodSystemName,
            OfflineInstructions = s.OfflineInstructions,
            ShowUnitsLeft = s.ShowUnitsLeft,
            ShowProgressBar = s.ShowProgressBar,
            ShowCountdown = s.ShowCountdown,
            WebhookUrls = s.WebhookUrls,
            // never rendered back, neither in clear nor encrypted: an empty field on save keeps the stored one
            WebhookSecret = null,
            WebhookSecretIsSet = !string.IsNullOrEmpty(s.WebhookSecret),
            WebhookAllowInternalAddresses = s.WebhookAllowInternalAddresses,
            DailyDigestEnabled = s.DailyDigestEnabled,
            WindowClosingNoticeDays = s.WindowClosingNoticeDays,
            CapNearlyReachedPercent = s.CapNearlyReachedPercent,
            DeleteDataOnUninstall = storeScope == 0 ? s.DeleteDataOnUninstall : (await _settingService.LoadSettingAsync<PreorderSettings>()).DeleteDataOnUninstall
        };

        if (storeScope > 0)
        {
            model.AutomationPaused_OverrideForStore = await ExistsAsync(s, x => x.AutomationPaused, storeScope);
            model.MixedCartId_OverrideForStore = await ExistsAsync(s, x => x.MixedCart, storeScope);
            model.DefaultPaymentModeId_OverrideForStore = await ExistsAsync(s, x => x.DefaultPaymentMode, storeScope);
            model.DepositRule_OverrideForStore = await ExistsAsync(s, x => x.DefaultDepositRuleJson, storeScope);
            model.CharmRounding_OverrideForStore = await ExistsAsync(s, x => x.CharmRounding, storeScope);
            model.AutoPreorderWhenOutOfStock_OverrideForStore = await ExistsAsync(s, x => x.AutoPreorderWhenOutOfStock, storeScope);
            model.AutoPreorderCap_OverrideForStore = await ExistsAsync(s, x => x.AutoPreorderCap, storeScope);
            model.AutoPreorderExpectedSoonText_OverrideForStore = await ExistsAsync(s, x => x.AutoPreorderExpectedSoonText, storeScope);
            model.PreorderSurcharge_OverrideForStore = await ExistsAsync(s, x => x.PreorderSurcharge, storeScope);
            model.BalanceDueDays_OverrideForStore = await ExistsAsync(s, x => x.BalanceDueDays, storeScope);
            model.ShipWhatArrived_OverrideForStore = await ExistsAsync(s, x => x.ShipWhatArrived, storeScope);
            model.GracePeriodDays_OverrideForStore = await ExistsAsync(s, x => x.GracePeriodDays, storeScope);
            model.ExpiryPolicyId_OverrideForStore = await ExistsAsync(s, x => x.ExpiryPolicy, storeScope);
            model.MaxAutoExtensions_OverrideForStore = await ExistsAsync(s, x => x.MaxAutoExtensions, storeScope);
            model.ExtensionDays_OverrideForStore = await ExistsAsync(s, x => x.ExtensionDays, storeScope);
            model.ReservationTermDays_OverrideForStore = await ExistsAsync(s, x => x.ReservationTermDays, storeScope);
            model.RefundableUntilStockArrives_OverrideForStore = await ExistsAsync(s, x => x.RefundableUntilStockArrives, storeScope);
            model.AutoRefundDelayDays_OverrideForStore = await ExistsAsync(s, x => x.AutoRefundDelayDays, storeScope);
            model.MissedShipDateId_OverrideForStore = await ExistsAsync(s, x => x.MissedShipDate, storeScope);
            model.MissedShipDateRefundDays_OverrideForStore = await ExistsAsync(s, x => x.MissedShipDateRefundDays, storeScope);
            model.BalanceLinkValidDays_OverrideForStore = await ExistsAsync(s, x => x.BalanceLinkValidDays, storeScope);
            model.ReminderDaysBefore_OverrideForStore = await ExistsAsync(s, x => x.ReminderDaysBefore, storeScope);
            model.UpcomingChargeNoticeDays_OverrideForStore = await ExistsAsync(s, x => x.UpcomingChargeNoticeDays, storeScope);
            model.ChargeRetryCount_OverrideForStore = await ExistsAsync(s, x => x.ChargeRetryCount, storeScope);
            model.ChargeRetryBackoffHours_OverrideForStore = await ExistsAsync(s, x => x.ChargeRetryBackoffHours, storeScope);
            model.ChargeMethodSystemName_OverrideForStore = await ExistsAsync(s, x => x.ChargeMethodSystemName, storeScope);
            model.OfflineInstructions_OverrideForStore = await ExistsAsync(s, x => x.OfflineInstructions, storeScope);
            model.ShowUnitsLeft_OverrideForStore = await ExistsAsync(s, x => x.ShowUnitsLeft, storeScope);
            model.ShowProgressBar_OverrideForStore = await ExistsAsync(s, x => x.ShowProgressBar, storeScope);
            model.ShowCountdown_OverrideForStore = await ExistsAsync(s, x => x.ShowCountdown, storeScope);
            model.WebhookUrls_OverrideForStore = await ExistsAsync(s, x => x.WebhookUrls, storeScope);
            model.WebhookSecret_OverrideForStore = await ExistsAsync(s, x => x.WebhookSecret, storeScope);
            model.WebhookAllowInternalAddresses_OverrideForStore = await ExistsAsync(s, x => x.WebhookAllowInternalAddresses, storeScope);
            model.DailyDigestEnabled_OverrideForStore = await ExistsAsync(s, x => x.DailyDigestEnabled, storeScope);
        }
        return model;
    }

    /// <summary>
    /// Every problem of the entered values; the rule is checked by <see cref="DepositCalculator.Validate"/>. In a
    /// store scope only the values overridden for the store are checked (the others are not posted: nopCommerce
    /// disables their inputs, and saving removes the store's own value).
    /// </summary>
    public virtual async Task<IList<ConfigurationError>> ValidateAsync(PreorderConfigurationModel model)
    {
        var errors = new List<ConfigurationError>();
        var allStores = model.ActiveStoreScopeConfiguration <= 0;
        void Range(string field, bool overridden, decimal value, decimal min, decimal max)
        {
            if ((allStores || overridden) && (value < min || value > max))
                errors.Add(new ConfigurationError(field, new RuleError(R.SettingsRange, PreorderDefaults.ResourcePrefix + "Fields." + field, Bound(min), Bound(max))));
        }

        if ((allStores || model.MixedCartId_OverrideForStore) && !Enum.IsDefined(typeof(MixedCartPolicy), model.MixedCartId))
            errors.Add(new ConfigurationError(nameof(model.MixedCartId), new RuleError(R.ValueInvalid, model.MixedCartId)));
        if ((allStores || model.DefaultPaymentModeId_OverrideForStore) && !Enum.IsDefined(typeof(PreorderPaymentMode), model.DefaultPaymentModeId))
            errors.Add(new ConfigurationError(nameof(model.DefaultPaymentModeId), new RuleError(R.PaymentModeUnknown)));
        if ((allStores || model.ExpiryPolicyId_OverrideForStore) && !Enum.IsDefined(typeof(DepositExpiryPolicy), model.ExpiryPolicyId))
            errors.Add(new ConfigurationError(nameof(model.ExpiryPolicyId), new RuleError(R.ValueInvalid, model.ExpiryPolicyId)));
        if ((allStores || model.MissedShipDateId_OverrideForStore) && !Enum.IsDefined(typeof(MissedShipDatePolicy), model.MissedShipDateId))
            errors.Add(new ConfigurationError(nameof(model.MissedShipDateId), new RuleError(R.ValueInvalid, model.MissedShipDateId)));

        Range(nameof(model.PreorderSurcharge), model.PreorderSurcharge_OverrideForStore, model.PreorderSurcharge, 0m, 1_000_000m);
        Range(nameof(model.BalanceDueDays), model.BalanceDueDays_OverrideForStore, model.BalanceDueDays, 0, 365);
        Range(nameof(model.AutoPreorderCap), model.AutoPreorderCap_OverrideForStore, model.AutoPreorderCap, 0, 1_000_000);
        Range(nameof(model.GracePeriodDays), model.GracePeriodDays_OverrideForStore, model.GracePeriodDays, 0, 365);
        Range(nameof(model.MaxAutoExtensions), model.MaxAutoExtensions_OverrideForStore, model.MaxAutoExtensions, 0, 10);
        Range(nameof(model.ExtensionDays), model.ExtensionDays_OverrideForStore, model.ExtensionDays, 1, 365);
        Range(nameof(model.ReservationTermDays), model.ReservationTermDays_OverrideForStore, model.ReservationTermDays, ReservationRules.MinTermDays, ReservationRules.MaxTermDays);
        Range(nameof(model.AutoRefundDelayDays), model.AutoRefundDelayDays_OverrideForStore, model.AutoRefundDelayDays, 0, 3650);
        // the days matter only to the policy that refunds (the rule keeps at least one day whatever is stored)
        if (model.MissedShipDateId == (int)MissedShipDatePolicy.NotifyThenRefund)
            Range(nameof(model.MissedShipDateRefundDays), model.MissedShipDateRefundDays_OverrideForStore, model.MissedShipDateRefundDays, 1, MissedShipDateRules.MaxRefundDays);
        Range(nameof(model.BalanceLinkValidDays), model.BalanceLinkValidDays_OverrideForStore, model.BalanceLinkValidDays, 1, BalanceLinkService.MaxValidDays);
        Range(nameof(model.UpcomingChargeNoticeDays), model.UpcomingChargeNoticeDays_OverrideForStore, model.UpcomingChargeNoticeDays, 0, 60);
        Range(nameof(model.ChargeRetryCount), model.ChargeRetryCount_OverrideForStore, model.ChargeRetryCount, 0, 10);
        Range(nameof(model.ChargeRetryBackoffHours), model.ChargeRetryBackoffHours_OverrideForStore, model.ChargeRetryBackoffHours, 1, 720);
        // global only: checked (and saved) for all stores
        Range(nameof(model.WindowClosingNoticeDays), false, model.WindowClosingNoticeDays, 0, 90);
        Range(nameof(model.CapNearlyReachedPercent), false, model.CapNearlyReachedPercent, 0, 99);

        if (allStores || model.ReminderDaysBefore_OverrideForStore)
            foreach (var part in (model.ReminderDaysBefore ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!int.TryParse(part, out var days) || days < 0 || days > 365)
                {
                    errors.Add(new ConfigurationError(nameof(model.ReminderDaysBefore), new RuleError(R.ReminderDaysInvalid, part)));
                    break;
                }

        if (allStores || model.WebhookUrls_OverrideForStore)
            foreach (var url in Lines(model.WebhookUrls))
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                    errors.Add(new ConfigurationError(nameof(model.WebhookUrls), new RuleError(R.WebhookUrlInvalid, url)));
        if ((allStores || model.AutoPreorderExpectedSoonText_OverrideForStore) && model.AutoPreorderExpectedSoonText?.Trim().Length > 400)
            errors.Add(new ConfigurationError(nameof(model.AutoPreorderExpectedSoonText), new RuleError(R.TextTooLong)));
        if ((allStores || model.WebhookSecret_OverrideForStore) && model.WebhookSecret?.Length > 400)
            errors.Add(new ConfigurationError(nameof(model.WebhookSecret), new RuleError(R.TextTooLong)));
        else if (!await WebhookSecretSufficesAsync(model))
            errors.Add(new ConfigurationError(nameof(model.WebhookSecret), new RuleError(R.WebhookSecretTooShort, PreorderWebhookFormat.MinSecretLength)));
        if ((allStores || model.OfflineInstructions_OverrideForStore) && model.OfflineInstructions?.Length > PreorderAdminActionService.MaxTextLength)
            errors.Add(new ConfigurationError(nameof(model.OfflineInstructions), new RuleError(R.TextTooLong)));

        if ((allStores || model.ChargeMethodSystemName_OverrideForStore) && !string.IsNullOrWhiteSpace(model.ChargeMethodSystemName)
            && !(await GetChargeMethodsAsync()).Any(m => string.Equals(m.SystemName, model.ChargeMethodSystemName.Trim(), StringComparison.OrdinalIgnoreCase)))
            errors.Add(new ConfigurationError(nameof(model.ChargeMethodSystemName), new RuleError(R.ChargeMethodInvalid, model.ChargeMethodSystemName)));

        if (allStores || model.DepositRule_OverrideForStore)
            foreach (var error in DepositRuleForm.FromModel(model.DepositRule).Errors)
                errors.Add(new ConfigurationError("DepositRule.Percent", error));
        return errors;
    }

    /// <summary>
    /// With webhook URLs in effect for the scope, a secret of at least <see cref="PreorderWebhookFormat.MinSecretLength"/>
    /// characters: the one entered, else the stored one (of the scope when the secret is set for it, else of all stores),
    /// which must decrypt (a secret stored in clear before version 1.2 must be entered again).
    /// </summary>
    protected virtual async Task<bool> WebhookSecretSufficesAsync(PreorderConfigurationModel model)
    {
        var scope = Math.Max(model.ActiveStoreScopeConfiguration, 0);
        var allStores = scope == 0;
        var secretOwn = allStores || model.WebhookSecret_OverrideForStore;
        var urls = allStores || model.WebhookUrls_OverrideForStore
            ? model.WebhookUrls
            : (await _settingService.LoadSettingAsync<PreorderSettings>()).WebhookUrls;
        if (!Lines(urls).Any())
            return true;
        if (secretOwn && !string.IsNullOrEmpty(model.WebhookSecret))
            return model.WebhookSecret.Trim().Length >= PreorderWebhookFormat.MinSecretLength;
        var stored = (secretOwn ? await _settingService.LoadSettingAsync<PreorderSettings>(scope) : await _settingService.LoadSettingAsync<PreorderSettings>()).WebhookSecret;
        return DecryptedLength(stored) >= PreorderWebhookFormat.MinSecretLength;
    }

    private int DecryptedLength(string stored)
    {
        if (string.IsNullOrEmpty(stored))
            return 0;
        try
        {
            return _encryptionService.DecryptText(stored)?.Length ?? 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    /// <summary>Saves a valid model for the store scope: each setting stored for the store when its override flag is set, else the store's own value removed (all stores: stored globally).</summary>
    public virtual async Task SaveAsync(PreorderConfigurationModel model, int storeScope)
    {
        var s = await _settingService.LoadSettingAsync<PreorderSettings>(storeScope);
        s.AutomationPaused = model.AutomationPaused;
        s.MixedCart = (MixedCartPolicy)model.MixedCartId;
        s.DefaultPaymentMode = (PreorderPaymentMode)model.DefaultPaymentModeId;
        s.DefaultDepositRuleJson = JsonConvert.SerializeObject(DepositRuleForm.FromModel(model.DepositRule).Rule);
        s.CharmRounding = model.CharmRounding;
        s.AutoPreorderWhenOutOfStock = model.AutoPreorderWhenOutOfStock;
        s.AutoPreorderCap = model.AutoPreorderCap;
        s.AutoPreorderExpectedSoonText = string.IsNullOrWhiteSpace(model.AutoPreorderExpectedSoonText) ? null : model.AutoPreorderExpectedSoonText.Trim();
        s.PreorderSurcharge = model.PreorderSurcharge;
        s.BalanceDueDays = model.BalanceDueDays;
        s.ShipWhatArrived = model.ShipWhatArrived;
        s.GracePeriodDays = model.GracePeriodDays;
        s.ExpiryPolicy = (DepositExpiryPolicy)model.ExpiryPolicyId;
        s.MaxAutoExtensions = model.MaxAutoExtensions;
        s.ExtensionDays = model.ExtensionDays;
        s.ReservationTermDays = model.ReservationTermDays;
        s.RefundableUntilStockArrives = model.RefundableUntilStockArrives;
        s.AutoRefundDelayDays = model.AutoRefundDelayDays;
        s.MissedShipDate = (MissedShipDatePolicy)model.MissedShipDateId;
        s.MissedShipDateRefundDays = model.MissedShipDateRefundDays;
        s.BalanceLinkValidDays = model.BalanceLinkValidDays;
        s.ReminderDaysBefore = string.Join(",", (model.ReminderDaysBefore ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        s.UpcomingChargeNoticeDays = model.UpcomingChargeNoticeDays;
        s.ChargeRetryCount = model.ChargeRetryCount;
        s.ChargeRetryBackoffHours = model.ChargeRetryBackoffHours;
        s.ChargeMethodSystemName = string.IsNullOrWhiteSpace(model.ChargeMethodSystemName) ? null : model.ChargeMethodSystemName.Trim();
        s.OfflineInstructions = model.OfflineInstructions;
        s.ShowUnitsLeft = model.ShowUnitsLeft;
        s.ShowProgressBar = model.ShowProgressBar;
        s.ShowCountdown = model.ShowCountdown;
        s.WebhookUrls = string.Join("\n", Lines(model.WebhookUrls));
        // stored encrypted; an empty field keeps the stored secret
        if (!string.IsNullOrWhiteSpace(model.WebhookSecret))
            s.WebhookSecret = _encryptionService.EncryptText(model.WebhookSecret.Trim());
        s.WebhookAllowInternalAddresses = model.WebhookAllowInternalAddresses;
        s.DailyDigestEnabled = model.DailyDigestEnabled;

        // not cleared after each one: nopCommerce's plugins clear the settings cache once at the end
        await SaveAsync(s, x => x.AutomationPaused, model.AutomationPaused_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.MixedCart, model.MixedCartId_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.DefaultPaymentMode, model.DefaultPaymentModeId_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.DefaultDepositRuleJson, model.DepositRule_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.CharmRounding, model.CharmRounding_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.AutoPreorderWhenOutOfStock, model.AutoPreorderWhenOutOfStock_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.AutoPreorderCap, model.AutoPreorderCap_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.AutoPreorderExpectedSoonText, model.AutoPreorderExpectedSoonText_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.PreorderSurcharge, model.PreorderSurcharge_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.BalanceDueDays, model.BalanceDueDays_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ShipWhatArrived, model.ShipWhatArrived_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.GracePeriodDays, model.GracePeriodDays_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ExpiryPolicy, model.ExpiryPolicyId_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.MaxAutoExtensions, model.MaxAutoExtensions_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ExtensionDays, model.ExtensionDays_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ReservationTermDays, model.ReservationTermDays_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.RefundableUntilStockArrives, model.RefundableUntilStockArrives_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.AutoRefundDelayDays, model.AutoRefundDelayDays_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.MissedShipDate, model.MissedShipDateId_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.MissedShipDateRefundDays, model.MissedShipDateRefundDays_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.BalanceLinkValidDays, model.BalanceLinkValidDays_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ReminderDaysBefore, model.ReminderDaysBefore_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.UpcomingChargeNoticeDays, model.UpcomingChargeNoticeDays_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ChargeRetryCount, model.ChargeRetryCount_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ChargeRetryBackoffHours, model.ChargeRetryBackoffHours_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ChargeMethodSystemName, model.ChargeMethodSystemName_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.OfflineInstructions, model.OfflineInstructions_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ShowUnitsLeft, model.ShowUnitsLeft_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ShowProgressBar, model.ShowProgressBar_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.ShowCountdown, model.ShowCountdown_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.WebhookUrls, model.WebhookUrls_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.WebhookSecret, model.WebhookSecret_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.WebhookAllowInternalAddresses, model.WebhookAllowInternalAddresses_OverrideForStore, storeScope);
        await SaveAsync(s, x => x.DailyDigestEnabled, model.DailyDigestEnabled_OverrideForStore, storeScope);
        if (storeScope == 0)
        {
            // uninstall reads the global value only: never a per-store setting
            s.DeleteDataOnUninstall = model.DeleteDataOnUninstall;
            await SaveAsync(s, x => x.DeleteDataOnUninstall, true, 0);
            // the store owner's early warnings are about products, which the stores share
            s.WindowClosingNoticeDays = model.WindowClosingNoticeDays;
            s.CapNearlyReachedPercent = model.CapNearlyReachedPercent;
            await SaveAsync(s, x => x.WindowClosingNoticeDays, true, 0);
            await SaveAsync(s, x => x.CapNearlyReachedPercent, true, 0);
        }
        await _settingService.ClearCacheAsync();
    }

    protected virtual Task SaveAsync<TProp>(PreorderSettings settings, Expression<Func<PreorderSettings, TProp>> key, bool overrideForStore, int storeScope) =>
        _settingService.SaveSettingOverridablePerStoreAsync(settings, key, overrideForStore, storeScope, false);

    protected virtual Task<bool> ExistsAsync<TProp>(PreorderSettings settings, Expression<Func<PreorderSettings, TProp>> key, int storeScope) =>
        _settingService.SettingExistsAsync(settings, key, storeScope);

    private static DepositRule ParseRule(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return DepositTerms.FallbackRule;
        try
        {
            return JsonConvert.DeserializeObject<DepositRule>(json) ?? DepositTerms.FallbackRule;
        }
        catch (JsonException)
        {
            return DepositTerms.FallbackRule;
        }
    }

    /// <summary>Whole bounds shown as whole numbers ("between 0 and 365").</summary>
    private static object Bound(decimal value) => value == decimal.Truncate(value) ? (object)(long)value : value;

    private static IEnumerable<string> Lines(string text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.Trim().TrimEnd('\r')).Where(l => l.Length > 0);
}
