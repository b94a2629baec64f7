using Nop.Web.Framework.Models;
using Nop.Web.Framework.Models.ArtificialIntelligence;

namespace Nop.Web.Models.Catalog;

public partial record ProductDetailsModel : BaseNopEntityModel, IMetaTagsSupportedModel
{
    public string Name { get; set; }

    public string Sku { get; set; }

    public string StockAvailability { get; set; }

    public bool DisplayBackInStockSubscription { get; set; }

    public ProductPriceModel ProductPrice { get; set; } = new ProductPriceModel();

    public AddToCartModel AddToCart { get; set; } = new AddToCartModel();

    public IList<ProductAttributeModel> ProductAttributes { get; set; } = new List<ProductAttributeModel>();

    public partial record AddToCartModel : BaseNopModel
    {
        public int ProductId { get; set; }

        public int EnteredQuantity { get; set; }

        public bool DisableBuyButton { get; set; }

        public bool DisableWishlistButton { get; set; }

        public bool AvailableForPreOrder { get; set; }

        public DateTime? PreOrderAvailabilityStartDateTimeUtc { get; set; }

        public string PreOrderAvailabilityStartDateTimeUserTime { get; set; }

        public int UpdatedShoppingCartItemId { get; set; }
    }

    public partial record ProductAttributeModel : BaseNopEntityModel;
}
