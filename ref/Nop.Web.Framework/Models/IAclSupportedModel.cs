namespace Nop.Web.Framework.Models;

public partial interface IAclSupportedModel;
