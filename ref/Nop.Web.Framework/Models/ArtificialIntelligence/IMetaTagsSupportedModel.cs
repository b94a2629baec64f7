namespace Nop.Web.Framework.Models.ArtificialIntelligence;

public partial interface IMetaTagsSupportedModel;
