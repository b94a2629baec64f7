using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Factories;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>The "For the delay" block of the signed-in shopper's "My pre-orders" page (the delay e-mail's swap link lands here); nothing when there is nothing to show.</summary>
public class DelayOffersViewComponent : NopViewComponent
{
    private readonly DelayOfferModelFactory _modelFactory;
    private readonly IWorkContext _workContext;

    public DelayOffersViewComponent(DelayOfferModelFactory modelFactory, IWorkContext workContext)
    {
        _modelFactory = modelFactory;
        _workContext = workContext;
    }

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        var model = await _modelFactory.PrepareAsync(customer?.Id ?? 0);
        return model.IsEmpty ? Content(string.Empty) : View("~/Plugins/Misc.Preorders/Views/Public/_DelayOffers.cshtml", model);
    }
}
