using Microsoft.AspNetCore.Razor.TagHelpers;
using Nop.Core.Domain.Common;

namespace Nop.Web.Framework.TagHelpers.Admin;

[HtmlTargetElement("nop-doc-reference", Attributes = "asp-string-resource", TagStructure = TagStructure.WithoutEndTag)]
public partial class NopDocReferenceTagHelper : TagHelper
{
    public NopDocReferenceTagHelper(AdminAreaSettings adminAreaSettings) => throw null;

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output) => throw null;

    [HtmlAttributeName("asp-string-resource")]
    public string StringResource { get; set; }

    [HtmlAttributeName("asp-add-wrapper")]
    public bool AddWrapper { get; set; } = true;
}
