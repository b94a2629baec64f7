using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Services.Catalog;
using Nop.Web.Controllers;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The product page's pre-order block asks here, when the shopper picks attributes, how many units of the picked
/// attribute combination are left (its own cap). The block's script posts the product form (with its antiforgery
/// token) after nopCommerce's own attribute-change call; the answer comes from the cached counters.
/// </summary>
[AutoValidateAntiforgeryToken]
public class PreorderProductController : BasePublicController
{
    private readonly IProductAttributeParser _productAttributeParser;
    private readonly IProductService _productService;
    private readonly PreorderCartRules _cartRules;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderModelFactory _modelFactory;

    public PreorderProductController(IProductAttributeParser productAttributeParser,
        IProductService productService,
        PreorderCartRules cartRules,
        PreorderCatalogService catalogService,
        PreorderModelFactory modelFactory)
    {
        _productAttributeParser = productAttributeParser;
        _productService = productService;
        _cartRules = cartRules;
        _catalogService = catalogService;
        _modelFactory = modelFactory;
    }

    [HttpPost]
    public virtual async Task<IActionResult> CombinationUnits(int productId, IFormCollection form)
    {
        var product = await _productService.GetProductByIdAsync(productId);
        if (product == null || product.Deleted || !product.Published || !(await _catalogService.GetSnapshotAsync(productId)).IsPreorder)
            return Answer(await _modelFactory.PrepareCombinationUnitsModelAsync(productId, null));
        var attributesXml = await _productAttributeParser.ParseProductAttributesAsync(product, form, new List<string>());
        var units = await _cartRules.CombinationCapOfAsync(product, attributesXml);
        return Answer(await _modelFactory.PrepareCombinationUnitsModelAsync(productId, units));
    }

    // lower-case names whatever contract resolver the shop's JSON uses (nopCommerce keeps property names as written)
    private JsonResult Answer(Models.CombinationUnitsModel model) => Json(new { text = model.Text, soldOut = model.SoldOut });
}
