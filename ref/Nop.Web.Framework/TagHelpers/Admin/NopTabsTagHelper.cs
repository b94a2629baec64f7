using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-tabs", Attributes = "id")]
public partial class NopTabsTagHelper : TagHelper
{
    public NopTabsTagHelper(IHtmlHelper htmlHelper) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-tab-name-to-select")]
    public string TabNameToSelect { get; set; }

    [HtmlAttributeName("asp-render-selected-tab-input")]
    public string RenderSelectedTabInput { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
