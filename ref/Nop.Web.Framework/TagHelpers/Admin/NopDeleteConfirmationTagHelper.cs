using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-delete-confirmation", Attributes = "asp-model-id,asp-button-id", TagStructure = TagStructure.WithoutEndTag)]
public partial class NopDeleteConfirmationTagHelper : TagHelper
{
    public NopDeleteConfirmationTagHelper(IHtmlGenerator generator, IHtmlHelper htmlHelper) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-model-id")]
    public string ModelId { get; set; }

    [HtmlAttributeName("asp-button-id")]
    public string ButtonId { get; set; }

    [HtmlAttributeName("asp-action")]
    public string Action { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
