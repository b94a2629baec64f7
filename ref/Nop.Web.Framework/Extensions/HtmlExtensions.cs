namespace Nop.Web.Framework.Extensions;

// Imported by the plugin's views (Views/_ViewImports.cshtml) as nopCommerce's own views import it; no member used yet.
public static class HtmlExtensions
{
}
