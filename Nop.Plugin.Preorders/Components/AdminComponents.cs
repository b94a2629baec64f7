using Microsoft.AspNetCore.Mvc;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>The pre-order block of the admin product page. Being written for the catalog issue.</summary>
public class AdminProductPreorderViewComponent : NopViewComponent
{
    public IViewComponentResult Invoke(string widgetZone, object additionalData) => Content(string.Empty);
}

/// <summary>The pre-order block of the admin order page. Being written for the admin issue.</summary>
public class AdminOrderPreorderViewComponent : NopViewComponent
{
    public IViewComponentResult Invoke(string widgetZone, object additionalData) => Content(string.Empty);
}
