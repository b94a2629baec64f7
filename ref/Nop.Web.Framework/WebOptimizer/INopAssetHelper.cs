namespace Nop.Web.Framework.WebOptimizer;

public partial interface INopAssetHelper
{
}
