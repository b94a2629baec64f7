using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Razor.TagHelpers;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Nop.Core;
using Nop.Core.Configuration;
using Nop.Web.Framework.UI;
using Nop.Web.Framework.WebOptimizer;

namespace Nop.Web.Framework.TagHelpers.Shared;

// Takes every <script> of a view (asp-location moves an inline script to the footer).
[HtmlTargetElement("script")]
public partial class NopScriptTagHelper : UrlResolutionTagHelper
{
    public NopScriptTagHelper(AppSettings appSettings,
        HtmlEncoder htmlEncoder,
        INopAssetHelper bundleHelper,
        INopHtmlHelper nopHtmlHelper,
        IUrlHelperFactory urlHelperFactory,
        IWebHelper webHelper,
        IWebHostEnvironment webHostEnvironment) : base(urlHelperFactory, htmlEncoder) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-debug-src")]
    public string DebugSrc { get; set; }

    [HtmlAttributeName("asp-location")]
    public ResourceLocation Location { get; set; }

    [HtmlAttributeName("asp-exclude-from-bundle")]
    public bool ExcludeFromBundle { get; set; }

    [HtmlAttributeName("src")]
    public string Src { get; set; }
}
