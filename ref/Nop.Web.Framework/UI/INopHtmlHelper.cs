namespace Nop.Web.Framework.UI;

public partial interface INopHtmlHelper
{
    void AddTitleParts(string part);

    void AddEditPageUrl(string url);

    void SetActiveMenuItemSystemName(string systemName);
}
