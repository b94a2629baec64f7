using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core.Infrastructure;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Infrastructure;

/// <summary>
/// Registers the plugin's services. Runs after nopCommerce's own registrations (plugins at order 3000), so
/// the shopping cart service registered here replaces nopCommerce's: that is how cart and checkout
/// validation is extended, since nopCommerce raises no cart-validation event.
/// </summary>
public class NopStartup : INopStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IShoppingCartService, PreorderShoppingCartService>();

        services.AddSingleton<PreorderClock>();
        services.AddScoped<PreorderStoreSettings>();
        services.AddScoped<ConditionalUpdates>();
        services.AddScoped<DepositCheckoutContext>();
        services.AddScoped<PreorderAuditService>();
        services.AddScoped<CapReservationService>();
        services.AddScoped<CustomerLimitService>();
        services.AddScoped<PreorderCatalogService>();
        services.AddScoped<AutoPreorderService>();
        services.AddScoped<NopProductSyncService>();
        services.AddScoped<Services.Admin.PendingProductBlockService>();
        services.AddScoped<PreorderLedgerService>();
        services.AddScoped<PreorderSettlementService>();
        services.AddScoped<PreorderOrderService>();
        services.AddScoped<PreorderShipmentService>();
        services.AddScoped<PayOnShipCollectionService>();
        services.AddScoped<HeldShipmentService>();
        services.AddScoped<PlacedOrderItems>();
        services.AddScoped<PreorderAllocationService>();
        services.AddScoped<AllocationNoticeService>();
        services.AddScoped<CheckoutSplitService>();
        services.AddScoped<DepositPaymentService>();
        services.AddScoped<BalanceLinkService>();
        services.AddScoped<BalancePaymentService>();
        services.AddScoped<MoneyMovementService>();
        services.AddScoped<Services.Admin.AttemptResolutionService>();
        services.AddScoped<Services.Customers.PreorderSelfService>();
        services.AddScoped<Services.Customers.ExtensionRequestService>();
        services.AddScoped<Services.Admin.ExtensionRequestAdminService>();
        // the message kinds built outside the token builder, which takes them all (IEnumerable<IPreorderKindTokens>)
        services.AddScoped<ExtensionRequestMessageTokens>();
        services.AddScoped<MissedShipDateMessageTokens>();
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<ExtensionRequestMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<MissedShipDateMessageTokens>());
        services.AddScoped<MissedShipDateService>();
        services.AddScoped<Services.Campaigns.CampaignUpdateService>();
        services.AddScoped<Services.Campaigns.CampaignOptOutService>();
        services.AddScoped<Services.Campaigns.CampaignUpdateNoticeService>();
        services.AddScoped<Services.Campaigns.CampaignUpdateMessageTokens>();
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<Services.Campaigns.CampaignUpdateMessageTokens>());
        services.AddScoped<PreorderCartRules>();
        services.AddScoped<Services.Discounts.PreorderDiscountRequirementService>();
        services.AddScoped<PreorderAutomationService>();
        services.AddScoped<Services.Tasks.ScheduledNotifications>();
        services.AddScoped<PreorderReconciliationService>();
        services.AddScoped<PreorderModelFactory>();
        services.AddScoped<CampaignTimelineModelFactory>();
        services.AddScoped<PreorderAdminModelFactory>();
        services.AddScoped<PreorderAnalyticsModelFactory>();
        services.AddScoped<Services.Admin.PreorderGridQueryService>();
        services.AddScoped<Services.Admin.PreorderDashboardService>();
        services.AddScoped<Services.Admin.PreorderAnalyticsQueryService>();
        services.AddScoped<Services.Admin.PreorderCsvExportService>();
        services.AddScoped<Services.Admin.PreorderAdminActionService>();
        services.AddScoped<Services.Admin.PreorderConfigurationService>();
        services.AddScoped<PreorderMessageTemplateInstaller>();
        services.AddScoped<PreorderMessageTokenBuilder>();
        services.AddScoped<PreorderMessageService>();
        services.AddScoped<StoreAlertService>();
        services.AddSingleton<IWebhookAddressResolver, DnsWebhookAddressResolver>();
        services.AddScoped<PreorderWebhookService>();
        // no redirects, no proxy, every connection's addresses checked (WebhookAddressGuard)
        services.AddHttpClient(PreorderWebhookService.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider => WebhookAddressGuard.CreateHandler(provider.GetRequiredService<IWebhookAddressResolver>()));
    }

    public void Configure(IApplicationBuilder application)
    {
    }

    public int Order => 3000;
}
