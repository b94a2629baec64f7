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
        services.AddScoped<ReservationHoldService>();
        services.AddScoped<ReservationIntentService>();
        services.AddScoped<ReservationService>();
        services.AddScoped<ReservationPlacement>();
        services.AddScoped<ReservationOfferModelFactory>();
        services.AddScoped<CustomerLimitService>();
        services.AddScoped<PreorderCatalogService>();
        services.AddScoped<DepositScopeRuleService>();
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
        services.AddScoped<PreorderSurchargeService>();
        services.AddScoped<SurchargeNoteService>();
        services.AddScoped<PreorderAllocationService>();
        services.AddScoped<LineSplitService>();
        services.AddScoped<AllocationNoticeService>();
        services.AddScoped<Services.Messages.ShipDateNoticeService>();
        services.AddScoped<CheckoutSplitService>();
        services.AddScoped<DepositPaymentService>();
        services.AddScoped<BalanceLinkService>();
        services.AddScoped<BalancePaymentService>();
        services.AddScoped<MoneyMovementService>();
        services.AddScoped<Services.Admin.AttemptResolutionService>();
        services.AddScoped<Services.Customers.PreorderSelfService>();
        services.AddScoped<Services.Customers.ExtensionRequestService>();
        services.AddScoped<Services.Admin.ExtensionRequestAdminService>();
        // one token provider per message kind (or small family of kinds); the token builder takes them all
        // (IEnumerable<IPreorderKindTokens>) and hands each kind to the provider that handles it
        services.AddScoped<OrderProgressMessageTokens>();
        services.AddScoped<PaymentMessageTokens>();
        services.AddScoped<BalanceDueMessageTokens>();
        services.AddScoped<ClosedLineMessageTokens>();
        services.AddScoped<ProductNewsMessageTokens>();
        services.AddScoped<StoreAlertMessageTokens>();
        services.AddScoped<DailyDigestMessageTokens>();
        services.AddScoped<ExtensionRequestMessageTokens>();
        services.AddScoped<MissedShipDateMessageTokens>();
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<OrderProgressMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<PaymentMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<BalanceDueMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<ClosedLineMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<ProductNewsMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<StoreAlertMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<DailyDigestMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<ExtensionRequestMessageTokens>());
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<MissedShipDateMessageTokens>());
        services.AddScoped<MissedShipDateService>();
        services.AddScoped<Services.Campaigns.CampaignUpdateService>();
        services.AddScoped<Services.Campaigns.CampaignOptOutService>();
        services.AddScoped<Services.Campaigns.CampaignUpdateNoticeService>();
        services.AddScoped<Services.Campaigns.CampaignUpdateMessageTokens>();
        // delay compensation and swap (#14.5)
        services.AddScoped<Services.Campaigns.DelayCouponService>();
        services.AddScoped<Services.Campaigns.DelayRefundService>();
        services.AddScoped<Services.Campaigns.DelayRefundTotals>();
        services.AddScoped<Services.Campaigns.DelayCompensationService>();
        services.AddScoped<Services.Campaigns.DelayOfferMessageTokens>();
        services.AddScoped<Services.Campaigns.SwapLineWriter>();
        services.AddScoped<Services.Campaigns.SwapMoneyMover>();
        services.AddScoped<Services.Campaigns.DelaySwapService>();
        services.AddScoped<DelayOfferModelFactory>();
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<Services.Campaigns.CampaignUpdateMessageTokens>());
        // the campaign funnel (#14.6): views counted in this process's memory (a singleton), written by ProductViewStore
        services.AddSingleton<Services.Campaigns.ProductViewCounter>();
        services.AddScoped<Services.Campaigns.ProductViewStore>();
        services.AddScoped<Services.Campaigns.CampaignFunnelService>();
        services.AddScoped<Services.Campaigns.WaitlistService>();
        services.AddScoped<Services.Campaigns.WaitlistAccessService>();
        services.AddScoped<Services.Campaigns.WaitlistNoticeService>();
        services.AddScoped<Services.Campaigns.IWaitlistJoinCounter, Services.Campaigns.WaitlistJoinCounter>();
        services.AddScoped<Services.Campaigns.WaitlistMessageTokens>();
        services.AddScoped<IPreorderKindTokens>(provider => provider.GetRequiredService<Services.Campaigns.WaitlistMessageTokens>());
        services.AddScoped<PreorderCartRules>();
        services.AddScoped<Services.Discounts.PreorderDiscountRequirementService>();
        services.AddScoped<PreorderAutomationService>();
        services.AddScoped<Services.Tasks.ScheduledNotifications>();
        services.AddScoped<PreorderReconciliationService>();
        services.AddScoped<PreorderModelFactory>();
        services.AddScoped<PreorderAdminModelHelper>();
        services.AddScoped<PreorderAdminGridModelFactory>();
        services.AddScoped<PreorderAdminCampaignModelFactory>();
        services.AddScoped<PreorderAdminOrderModelFactory>();
        services.AddScoped<PreorderAdminProductModelFactory>();
        services.AddScoped<DepositScopeRuleModelFactory>();
        services.AddScoped<PreorderAdminConfigurationModelFactory>();
        services.AddScoped<CampaignTimelineModelFactory>();
        services.AddScoped<PreorderAnalyticsModelFactory>();
        services.AddScoped<Services.Admin.PreorderGridQueryService>();
        services.AddScoped<Services.Admin.PreorderDashboardService>();
        services.AddScoped<Services.Admin.PreorderAnalyticsQueryService>();
        services.AddScoped<Services.Admin.PreorderCsvExportService>();
        services.AddScoped<Services.Admin.PreorderAdminActionService>();
        services.AddScoped<Services.Admin.PreorderConfigurationService>();
        services.AddScoped<PreorderMessageTemplateInstaller>();
        services.AddScoped<PreorderMessageFormatter>();
        services.AddScoped<PreorderMessageLinks>();
        services.AddScoped<PreorderMessageContextLoader>();
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
