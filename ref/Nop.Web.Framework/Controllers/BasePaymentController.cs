namespace Nop.Web.Framework.Controllers;

public abstract partial class BasePaymentController : BasePluginController;
