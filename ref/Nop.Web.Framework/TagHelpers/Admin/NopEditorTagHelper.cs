using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-editor", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public partial class NopEditorTagHelper : TagHelper
{
    public NopEditorTagHelper(IHtmlHelper htmlHelper) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; }

    [HtmlAttributeName("html-attributes")]
    public object CustomHtmlAttributes { get; set; }

    [HtmlAttributeName("asp-required")]
    public string IsRequired { get; set; }

    [HtmlAttributeName("asp-render-form-control-class")]
    public string RenderFormControlClass { get; set; }

    [HtmlAttributeName("asp-template")]
    public string Template { get; set; }

    [HtmlAttributeName("asp-postfix")]
    public string Postfix { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
