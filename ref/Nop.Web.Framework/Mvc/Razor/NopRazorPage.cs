using Nop.Services.Localization;
using Nop.Web.Framework.Localization;

namespace Nop.Web.Framework.Mvc.Razor;

// The base of every view of the plugin (Views/_ViewImports.cshtml): declared completely.
public abstract partial class NopRazorPage<TModel> : Microsoft.AspNetCore.Mvc.Razor.RazorPage<TModel>
{
    protected ILocalizationService _localizationService;

    protected Localizer _localizer;

    public Localizer T => throw null;
}
