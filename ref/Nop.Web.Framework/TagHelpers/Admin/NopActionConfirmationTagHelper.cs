using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-action-confirmation", Attributes = "asp-button-id", TagStructure = TagStructure.WithoutEndTag)]
public partial class NopActionConfirmationTagHelper : TagHelper
{
    public NopActionConfirmationTagHelper(IHtmlGenerator generator, IHtmlHelper htmlHelper) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-button-id")]
    public string ButtonId { get; set; }

    [HtmlAttributeName("asp-action")]
    public string Action { get; set; }

    [HtmlAttributeName("asp-additional-confirm")]
    public string ConfirmText { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
