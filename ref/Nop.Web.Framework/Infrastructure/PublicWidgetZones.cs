namespace Nop.Web.Framework.Infrastructure;

public static partial class PublicWidgetZones
{
    public static string AccountNavigationAfter => "account_navigation_after";
    public static string AccountNavigationBefore => "account_navigation_before";
    public static string CheckoutCompletedTop => "checkout_completed_top";
    public static string CheckoutConfirmTop => "checkout_confirm_top";
    public static string CheckoutPaymentInfoTop => "checkout_payment_info_top";
    public static string CustomerOrdersBottom => "customer_orders_bottom";
    public static string CustomerOrdersTop => "customer_orders_top";
    public static string OpCheckoutConfirmTop => "op_checkout_confirm_top";
    public static string OpCheckoutPaymentInfoTop => "op_checkout_payment_info_top";
    public static string OrderDetailsPageAfterproducts => "orderdetails_page_afterproducts";
    public static string OrderDetailsPageBeforeproducts => "orderdetails_page_beforeproducts";
    public static string OrderDetailsPageBottom => "orderdetails_page_bottom";
    public static string OrderDetailsPageOverview => "orderdetails_page_overview";
    public static string OrderDetailsPageTop => "orderdetails_page_top";
    public static string OrderSummaryContentAfter => "order_summary_content_after";
    public static string OrderSummaryContentBefore => "order_summary_content_before";
    public static string OrderSummaryTotals => "order_summary_totals";
    public static string ProductBoxAddinfoAfter => "productbox_addinfo_after";
    public static string ProductBoxAddinfoBefore => "productbox_addinfo_before";
    public static string ProductBoxAddinfoMiddle => "productbox_addinfo_middle";
    public static string ProductDetailsAddInfo => "productdetails_add_info";
    public static string ProductDetailsEssentialBottom => "productdetails_essential_bottom";
    public static string ProductDetailsEssentialTop => "productdetails_essential_top";
    public static string ProductDetailsInsideOverviewButtonsAfter => "productdetails_inside_overview_buttons_after";
    public static string ProductDetailsInsideOverviewButtonsBefore => "productdetails_inside_overview_buttons_before";
    public static string ProductDetailsOverviewBottom => "productdetails_overview_bottom";
    public static string ProductDetailsOverviewTop => "productdetails_overview_top";
    public static string ProductPriceBottom => "product_price_bottom";
    public static string ProductPriceTop => "product_price_top";
}
