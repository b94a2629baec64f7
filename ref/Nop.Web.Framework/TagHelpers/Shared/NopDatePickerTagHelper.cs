using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Nop.Services.Localization;

namespace Nop.Web.Framework.TagHelpers.Shared;

[HtmlTargetElement("nop-date-picker", Attributes = "asp-day-name,asp-month-name,asp-year-name", TagStructure = TagStructure.WithoutEndTag)]
public partial class NopDatePickerTagHelper : TagHelper
{
    public NopDatePickerTagHelper(IHtmlGenerator generator, IHtmlHelper htmlHelper, ILocalizationService localizationService) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-day-name")]
    public string DayName { get; set; }

    [HtmlAttributeName("asp-month-name")]
    public string MonthName { get; set; }

    [HtmlAttributeName("asp-year-name")]
    public string YearName { get; set; }

    [HtmlAttributeName("asp-begin-year")]
    public DateTime? BeginYear { get; set; }

    [HtmlAttributeName("asp-end-year")]
    public DateTime? EndYear { get; set; }

    [HtmlAttributeName("asp-selected-date")]
    public DateTime? SelectedDate { get; set; }

    [HtmlAttributeName("asp-wrap-tags")]
    public string WrapTags { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
