using Nop.Web.Framework.Models;

namespace Nop.Web.Areas.Admin.Models.Orders;

public partial record ShipmentItemModel : BaseNopEntityModel
{
    public int OrderItemId { get; set; }

    public int ProductId { get; set; }

    public string ProductName { get; set; }
}
