namespace Nop.Web.Framework.UI;

public partial interface INopHtmlHelper
{
    void AddTitleParts(string part);

    void AppendCssFileParts(string src, string debugSrc = "", bool excludeFromBundle = false);

    void AddEditPageUrl(string url);

    void SetActiveMenuItemSystemName(string systemName);
}
