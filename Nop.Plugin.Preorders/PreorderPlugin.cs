using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Nop.Core;
using Nop.Core.Domain.Cms;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Data;
using Nop.Plugin.Preorders.Components;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services.Discounts;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Cms;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Discounts;
using Nop.Services.Localization;
using Nop.Services.Payments;
using Nop.Services.Plugins;
using Nop.Services.ScheduleTasks;
using Nop.Services.Security;
using Nop.Web.Framework.Infrastructure;
using Nop.Web.Framework.Mvc.Routing;

namespace Nop.Plugin.Preorders;

/// <summary>
/// The plugin: a payment method (deposit now, balance later), widgets (product page, admin product and order
/// blocks, account menu), a discount requirement rule (early-bird prices) and a misc plugin. Install adds
/// settings, locale resources (English, Russian), message templates and the scheduled task; uninstall removes
/// them and keeps money records unless the merchant asked for a purge.
/// </summary>
public class PreorderPlugin : BasePlugin, IPaymentMethod, IWidgetPlugin, IDiscountRequirementRule, IMiscPlugin
{
    private readonly DepositPaymentService _depositPaymentService;
    private readonly ILanguageService _languageService;
    private readonly ILocalizationService _localizationService;
    private readonly INopDataProvider _dataProvider;
    private readonly INopUrlHelper _nopUrlHelper;
    private readonly IPermissionService _permissionService;
    private readonly IScheduleTaskService _scheduleTaskService;
    private readonly ISettingService _settingService;
    private readonly PreorderDiscountRequirementService _discountRequirementService;
    private readonly PreorderMessageTemplateInstaller _templateInstaller;
    private readonly WidgetSettings _widgetSettings;

    public PreorderPlugin(DepositPaymentService depositPaymentService,
        ILanguageService languageService,
        ILocalizationService localizationService,
        INopDataProvider dataProvider,
        INopUrlHelper nopUrlHelper,
        IPermissionService permissionService,
        IScheduleTaskService scheduleTaskService,
        ISettingService settingService,
        PreorderDiscountRequirementService discountRequirementService,
        PreorderMessageTemplateInstaller templateInstaller,
        WidgetSettings widgetSettings)
    {
        _depositPaymentService = depositPaymentService;
        _languageService = languageService;
        _localizationService = localizationService;
        _dataProvider = dataProvider;
        _nopUrlHelper = nopUrlHelper;
        _permissionService = permissionService;
        _scheduleTaskService = scheduleTaskService;
        _settingService = settingService;
        _discountRequirementService = discountRequirementService;
        _templateInstaller = templateInstaller;
        _widgetSettings = widgetSettings;
    }

    #region Plugin

    public override string GetConfigurationPageUrl() => _nopUrlHelper.RouteUrl(PreorderDefaults.Routes.Configure);

    public override async Task InstallAsync()
    {
        if (!await _settingService.SettingExistsAsync(new PreorderSettings(), s => s.BalanceDueDays))
            await _settingService.SaveSettingAsync(new PreorderSettings
            {
                DefaultDepositRuleJson = JsonConvert.SerializeObject(DepositTerms.FallbackRule)
            });

        if (!_widgetSettings.ActiveWidgetSystemNames.Contains(PreorderDefaults.SystemName))
        {
            _widgetSettings.ActiveWidgetSystemNames.Add(PreorderDefaults.SystemName);
            await _settingService.SaveSettingAsync(_widgetSettings);
        }

        await AddLocaleResourcesAsync();
        await EnsureTaskAsync();
        await _templateInstaller.InstallAsync();
        // BasePlugin's InstallAsync/UninstallAsync/UpdateAsync are empty in nopCommerce 4.90: nothing to call
    }

    public override async Task UninstallAsync()
    {
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>();
        if (settings.DeleteDataOnUninstall)
            await DropTablesAsync();

        if (_widgetSettings.ActiveWidgetSystemNames.Remove(PreorderDefaults.SystemName))
            await _settingService.SaveSettingAsync(_widgetSettings);

        if (await _scheduleTaskService.GetTaskByTypeAsync(PreorderDefaults.TaskType) is { } task)
            await _scheduleTaskService.DeleteTaskAsync(task);

        await _templateInstaller.UninstallAsync();
        await _discountRequirementService.DeleteAllAsync();
        foreach (var permission in new PreorderPermissionConfigManager().AllConfigs)
            await _permissionService.DeletePermissionAsync(permission.SystemName);

        await _settingService.DeleteSettingAsync<PreorderSettings>();
        await _localizationService.DeleteLocaleResourcesAsync(PreorderDefaults.ResourcePrefix.TrimEnd('.'));
        foreach (var key in PreorderLocaleResources.All.Keys.Where(k => !k.StartsWith(PreorderDefaults.ResourcePrefix)))
            await _localizationService.DeleteLocaleResourcesAsync(key);
    }

    public override async Task UpdateAsync(string currentVersion, string targetVersion)
    {
        // resources and templates added by newer versions; existing texts edited by the merchant are overwritten only for new keys
        await AddLocaleResourcesAsync();
        await EnsureTaskAsync();
        await _templateInstaller.InstallAsync();
    }

    /// <summary>English for every language, Russian texts for Russian languages.</summary>
    protected virtual async Task AddLocaleResourcesAsync()
    {
        await _localizationService.AddOrUpdateLocaleResourceAsync(PreorderLocaleResources.All.ToDictionary(r => r.Key, r => r.Value.En));
        foreach (var language in await _languageService.GetAllLanguagesAsync(showHidden: true))
            if (language.LanguageCulture?.StartsWith("ru", StringComparison.OrdinalIgnoreCase) == true)
                await _localizationService.AddOrUpdateLocaleResourceAsync(PreorderLocaleResources.All.ToDictionary(r => r.Key, r => r.Value.Ru), language.Id);
    }

    protected virtual async Task EnsureTaskAsync()
    {
        if (await _scheduleTaskService.GetTaskByTypeAsync(PreorderDefaults.TaskType) != null)
            return;
        await _scheduleTaskService.InsertTaskAsync(new ScheduleTask
        {
            Enabled = true,
            LastEnabledUtc = DateTime.UtcNow,
            Seconds = PreorderDefaults.TaskPeriodSeconds,
            Name = PreorderDefaults.TaskName,
            Type = PreorderDefaults.TaskType
        });
    }

    /// <summary>The explicit purge (DeleteDataOnUninstall): table names are the plugin's own constants, no input reaches this SQL.</summary>
    protected virtual async Task DropTablesAsync()
    {
        foreach (var type in PreorderDbNames.EntityTypes.Reverse())
            await _dataProvider.ExecuteNonQueryAsync($"DROP TABLE {PreorderDbNames.Table(type)}");
    }

    #endregion

    #region Widgets

    public bool HideInWidgetList => false;

    public Task<IList<string>> GetWidgetZonesAsync() => Task.FromResult<IList<string>>(new List<string>
    {
        PublicWidgetZones.ProductDetailsOverviewTop,
        PublicWidgetZones.OrderSummaryContentBefore,
        PublicWidgetZones.OrderDetailsPageOverview,
        PublicWidgetZones.AccountNavigationAfter,
        AdminWidgetZones.ProductDetailsBlock,
        AdminWidgetZones.OrderDetailsBlock,
        AdminWidgetZones.OrderShipmentAddButtons,
        AdminWidgetZones.OrderShipmentDetailsButtons
    });

    public Type GetWidgetViewComponent(string widgetZone)
    {
        if (widgetZone == PublicWidgetZones.ProductDetailsOverviewTop)
            return typeof(ProductPreorderViewComponent);
        if (widgetZone == PublicWidgetZones.OrderSummaryContentBefore)
            return typeof(CartPreorderViewComponent);
        if (widgetZone == PublicWidgetZones.OrderDetailsPageOverview)
            return typeof(OrderPreorderViewComponent);
        if (widgetZone == PublicWidgetZones.AccountNavigationAfter)
            return typeof(AccountPreorderMenuViewComponent);
        if (widgetZone == AdminWidgetZones.ProductDetailsBlock)
            return typeof(AdminProductPreorderViewComponent);
        if (widgetZone == AdminWidgetZones.OrderDetailsBlock)
            return typeof(AdminOrderPreorderViewComponent);
        if (widgetZone == AdminWidgetZones.OrderShipmentAddButtons || widgetZone == AdminWidgetZones.OrderShipmentDetailsButtons)
            return typeof(AdminShipmentPreorderViewComponent);
        return null;
    }

    #endregion

    #region Discount requirement rule

    public Task<DiscountRequirementValidationResult> CheckRequirementAsync(DiscountRequirementValidationRequest request) =>
        _discountRequirementService.CheckRequirementAsync(request);

    public string GetConfigurationUrl(int discountId, int? discountRequirementId) =>
        _discountRequirementService.GetConfigurationUrl(discountId, discountRequirementId);

    #endregion

    #region Payment method

    public Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest) =>
        _depositPaymentService.ProcessPaymentAsync(processPaymentRequest);

    public Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest) => Task.CompletedTask;

    public Task<bool> HidePaymentMethodAsync(IList<ShoppingCartItem> cart) => _depositPaymentService.HideAsync(cart);

    /// <summary>
    /// No fee: the pre-order surcharge is part of each pre-order line's subtotal (PreorderShoppingCartService), paid
    /// with every payment method; a fee here would charge it a second time.
    /// </summary>
    public Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart) => Task.FromResult(0m);

    public Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest) =>
        Task.FromResult(new CapturePaymentResult { Errors = new[] { "Capture is not used: deposits and balances are recorded in the pre-order ledger." } });

    /// <summary>Refunds from nopCommerce's order page go through the ledger (and the charging method where it can).</summary>
    public Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest) => _depositPaymentService.RefundAsync(refundPaymentRequest);

    public Task<VoidPaymentResult> VoidAsync(VoidPaymentRequest voidPaymentRequest) =>
        Task.FromResult(new VoidPaymentResult { Errors = new[] { "Void is not supported: cancel the pre-order to settle its deposit." } });

    public Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest) =>
        Task.FromResult(new ProcessPaymentResult { Errors = new[] { "Recurring payments are not supported." } });

    public Task<CancelRecurringPaymentResult> CancelRecurringPaymentAsync(CancelRecurringPaymentRequest cancelPaymentRequest) =>
        Task.FromResult(new CancelRecurringPaymentResult { Errors = new[] { "Recurring payments are not supported." } });

    /// <summary>The balance is paid from the plugin's own balance page, not by re-posting the order.</summary>
    public Task<bool> CanRePostProcessPaymentAsync(Order order) => Task.FromResult(false);

    public Task<IList<string>> ValidatePaymentFormAsync(IFormCollection form) => _depositPaymentService.ValidatePaymentFormAsync(form);

    public Task<ProcessPaymentRequest> GetPaymentInfoAsync(IFormCollection form) => _depositPaymentService.GetPaymentInfoAsync(form);

    public Type GetPublicViewComponent() => typeof(DepositPaymentInfoViewComponent);

    public Task<string> GetPaymentMethodDescriptionAsync() =>
        _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "PaymentMethodDescription");

    public bool SupportCapture => false;

    public bool SupportPartiallyRefund => true;

    public bool SupportRefund => true;

    public bool SupportVoid => false;

    public RecurringPaymentType RecurringPaymentType => RecurringPaymentType.NotSupported;

    public PaymentMethodType PaymentMethodType => PaymentMethodType.Standard;

    public bool SkipPaymentInfo => false;

    #endregion
}
