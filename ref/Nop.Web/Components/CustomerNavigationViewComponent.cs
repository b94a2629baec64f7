using Microsoft.AspNetCore.Mvc;
using Nop.Web.Factories;
using Nop.Web.Framework.Components;

namespace Nop.Web.Components;

public partial class CustomerNavigationViewComponent : NopViewComponent
{
    public CustomerNavigationViewComponent(ICustomerModelFactory customerModelFactory) => throw null;

    public Task<IViewComponentResult> InvokeAsync(int selectedTabId = 0) => throw null;
}
