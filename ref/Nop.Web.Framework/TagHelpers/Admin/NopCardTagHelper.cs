using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Nop.Web.Framework.Factories;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-card", Attributes = "asp-name")]
public partial class NopCardTagHelper : TagHelper
{
    public NopCardTagHelper(IViewComponentHelper viewComponentHelper, IWidgetModelFactory widgetModelFactory) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-title")]
    public string Title { get; set; }

    [HtmlAttributeName("asp-name")]
    public string Name { get; set; }

    [HtmlAttributeName("asp-hide-block-attribute-name")]
    public string HideBlockAttributeName { get; set; }

    [HtmlAttributeName("asp-hide")]
    public bool IsHide { get; set; }

    [HtmlAttributeName("asp-advanced")]
    public bool IsAdvanced { get; set; }

    [HtmlAttributeName("asp-icon")]
    public string CardIconIsAdvanced { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
