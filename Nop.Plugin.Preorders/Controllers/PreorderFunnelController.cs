using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Services.Catalog;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>The campaign funnels' CSV download: one campaign (the campaign dashboard) or all (the analytics page). Read-only; the View permission first.</summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderFunnelController : BasePluginController
{
    private readonly CampaignFunnelService _funnelService;
    private readonly IPermissionService _permissionService;
    private readonly IProductService _productService;

    public PreorderFunnelController(CampaignFunnelService funnelService, IPermissionService permissionService, IProductService productService)
    {
        _funnelService = funnelService;
        _permissionService = permissionService;
        _productService = productService;
    }

    /// <param name="productId">The campaign's product; 0 for every campaign.</param>
    public virtual async Task<IActionResult> FunnelCsv(int productId = 0)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.View))
            return AccessDeniedView();
        if (productId < 0)
            return BadRequest();

        var funnels = productId > 0 ? new List<Nop.Plugin.Preorders.Services.Rules.CampaignFunnel> { await _funnelService.GetFunnelAsync(productId) } : await _funnelService.GetAllFunnelsAsync();
        var products = await _productService.GetProductsByIdsAsync(funnels.Select(f => f.ProductId).ToArray());
        var names = products.ToDictionary(p => p.Id, p => p.Name);
        var csv = Services.Admin.FunnelCsv.Write(funnels, names);
        var scope = productId > 0 ? productId.ToString() : "all";
        return File(CsvFormat.Encoding.GetPreamble().Concat(CsvFormat.Encoding.GetBytes(csv)).ToArray(), "text/csv",
            $"preorder_funnel_{scope}_{DateTime.UtcNow:yyyy-MM-dd_HH-mm-ss}.csv");
    }
}
