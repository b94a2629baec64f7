using Nop.Web.Framework.Models;

namespace Nop.Web.Areas.Admin.Models.Orders;

public partial record ShipmentModel : BaseNopEntityModel
{
    public ShipmentModel()
    {
        Items = new List<ShipmentItemModel>();
    }

    public override int Id { get; set; }

    public int OrderId { get; set; }

    public string CustomOrderNumber { get; set; }

    public List<ShipmentItemModel> Items { get; set; }
}
