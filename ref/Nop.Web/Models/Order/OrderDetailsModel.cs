using Nop.Web.Framework.Models;

namespace Nop.Web.Models.Order;

public partial record OrderDetailsModel : BaseNopEntityModel
{
    public string CustomOrderNumber { get; set; }

    public string PaymentMethodStatus { get; set; }

    public string OrderTotal { get; set; }
}
