namespace Nop.Services.Security;

public partial class StandardPermission
{
    public partial class Orders
    {
        public const string ORDERS_VIEW = $"{nameof(Orders)}.OrdersView";
        public const string ORDERS_CREATE_EDIT_DELETE = $"{nameof(Orders)}.OrdersCreateEditDelete";
    }

    public partial class Catalog
    {
        public const string PRODUCTS_VIEW = $"{nameof(Catalog)}.ProductsView";
        public const string PRODUCTS_CREATE_EDIT_DELETE = $"{nameof(Catalog)}.ProductsCreateEditDelete";
    }

    public partial class Configuration
    {
        public const string MANAGE_WIDGETS = $"{nameof(Configuration)}.ManageWidgets";
        public const string MANAGE_SETTINGS = $"{nameof(Configuration)}.ManageSettings";
        public const string MANAGE_PAYMENT_METHODS = $"{nameof(Configuration)}.ManagePaymentMethods";
        public const string MANAGE_PLUGINS = $"{nameof(Configuration)}.ManagePlugins";
    }

    public partial class Promotions
    {
        public const string DISCOUNTS_VIEW = $"{nameof(Promotions)}.DiscountsView";
        public const string DISCOUNTS_CREATE_EDIT_DELETE = $"{nameof(Promotions)}.DiscountsCreateEditDelete";
    }

    public partial class Security
    {
        public const string ACCESS_ADMIN_PANEL = $"{nameof(Security)}.AccessAdminPanel";
    }
}
