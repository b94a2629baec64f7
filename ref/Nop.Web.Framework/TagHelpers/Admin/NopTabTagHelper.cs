using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-tab", ParentTag = "nop-tabs", Attributes = "asp-name")]
public partial class NopTabTagHelper : TagHelper
{
    public NopTabTagHelper(IHtmlHelper htmlHelper) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-title")]
    public string Title { get; set; }

    [HtmlAttributeName("asp-default")]
    public string IsDefault { get; set; }

    [HtmlAttributeName("asp-name")]
    public string Name { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
