namespace Nop.Web.Framework.Infrastructure;

public static partial class AdminWidgetZones
{
    public static string OrderDetailsBlock => "admin_order_details_block";
    public static string OrderDetailsButtons => "admin_order_details_buttons";
    public static string OrderShipmentAddButtons => "admin_order_shipment_add_buttons";
    public static string OrderShipmentDetailsButtons => "admin_order_shipment_details_buttons";
    public static string ProductDetailsBlock => "admin_product_details_block";
    public static string ProductDetailsButtons => "admin_product_details_buttons";
    public static string ProductListButtons => "admin_product_list_buttons";
}
