using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-textarea", Attributes = "asp-for")]
public partial class NopTextAreaTagHelper : TextAreaTagHelper
{
    public NopTextAreaTagHelper(IHtmlGenerator generator) : base(generator) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("html-attributes")]
    public object CustomHtmlAttributes { get; set; }

    [HtmlAttributeName("asp-required")]
    public string IsRequired { get; set; }
}
