using Nop.Web.Framework.Models;

namespace Nop.Web.Models.Catalog;

public partial record ProductPriceModel : BaseNopModel
{
    public string Price { get; set; }

    public decimal? PriceValue { get; set; }
}
