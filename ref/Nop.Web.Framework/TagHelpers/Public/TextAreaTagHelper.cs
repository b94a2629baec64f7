using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nop.Web.Framework.TagHelpers.Public;

[HtmlTargetElement("textarea", Attributes = "asp-for")]
public partial class TextAreaTagHelper : Microsoft.AspNetCore.Mvc.TagHelpers.TextAreaTagHelper
{
    public TextAreaTagHelper(IHtmlGenerator generator) : base(generator) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-disabled")]
    public string IsDisabled { get; set; }
}
