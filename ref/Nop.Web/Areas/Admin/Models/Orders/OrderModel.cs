using Nop.Web.Framework.Models;

namespace Nop.Web.Areas.Admin.Models.Orders;

public partial record OrderModel : BaseNopEntityModel
{
    public override int Id { get; set; }

    public string CustomOrderNumber { get; set; }
}
