namespace Nop.Core.Http;

public static partial class NopRouteNames
{
    public static partial class General
    {
        public const string LOGIN = "Login";

        public const string HOMEPAGE = "Homepage";

        public const string CUSTOMER_INFO = "CustomerInfo";

        public const string CUSTOMER_ORDERS = "CustomerOrders";

        public const string CART = "ShoppingCart";
    }

    public static partial class Standard
    {
        public const string ORDER_DETAILS = "OrderDetails";
    }
}
