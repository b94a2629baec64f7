using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-alert", Attributes = "asp-alert-id", TagStructure = TagStructure.WithoutEndTag)]
public partial class NopAlertTagHelper : TagHelper
{
    public NopAlertTagHelper(IHtmlGenerator generator, IHtmlHelper htmlHelper) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-alert-id")]
    public string AlertId { get; set; }

    [HtmlAttributeName("asp-alert-message")]
    public string Message { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
