using Nop.Web.Framework.Models;
using Nop.Web.Framework.Models.ArtificialIntelligence;
using Nop.Web.Framework.Models.Translation;

namespace Nop.Web.Areas.Admin.Models.Catalog;

public partial record ProductModel : BaseNopEntityModel,
    IAclSupportedModel, IDiscountSupportedModel, ITranslationSupportedModel, ILocalizedModel<ProductLocalizedModel>, IStoreMappingSupportedModel, IMetaTagsSupportedModel
{
    public string Name { get; set; }

    public int StockQuantity { get; set; }

    public int LastStockQuantity { get; set; }

    public int BackorderModeId { get; set; }

    public int LowStockActivityId { get; set; }

    public bool DisableBuyButton { get; set; }

    public bool Published { get; set; }

    public bool AvailableForPreOrder { get; set; }

    public DateTime? PreOrderAvailabilityStartDateTimeUtc { get; set; }
}

public partial record ProductLocalizedModel : ILocalizedLocaleModel, IMetaTagsSupportedModel
{
    public int LanguageId { get; set; }
}
