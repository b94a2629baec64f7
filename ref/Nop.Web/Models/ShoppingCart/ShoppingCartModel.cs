using Nop.Web.Framework.Models;

namespace Nop.Web.Models.ShoppingCart;

public partial record ShoppingCartModel : BaseNopModel
{
    public bool IsEditable { get; set; }

    public IList<ShoppingCartItemModel> Items { get; set; } = new List<ShoppingCartItemModel>();

    public IList<string> Warnings { get; set; } = new List<string>();

    public partial record ShoppingCartItemModel : BaseNopEntityModel
    {
        public string Sku { get; set; }

        public int ProductId { get; set; }

        public string ProductName { get; set; }

        public int Quantity { get; set; }

        public string AttributeInfo { get; set; }

        public IList<string> Warnings { get; set; } = new List<string>();
    }
}
