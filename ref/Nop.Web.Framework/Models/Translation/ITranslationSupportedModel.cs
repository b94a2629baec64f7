namespace Nop.Web.Framework.Models.Translation;

public partial interface ITranslationSupportedModel;
