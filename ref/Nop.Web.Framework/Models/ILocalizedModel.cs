namespace Nop.Web.Framework.Models;

public partial interface ILocalizedModel;

public partial interface ILocalizedModel<TLocalizedModel> : ILocalizedModel;
