using System.Net;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Localization;
using Nop.Services.Tax;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// "Includes pre-order surcharge: $2.00" beside a pre-order line: the line's total (nopCommerce's subtotal plus the
/// surcharge) differs from its unit price x quantity, and the note says why. The amount is shown the way nopCommerce
/// shows the line's subtotal: with or without tax per the shopper's tax display (ITaxService's two-argument overload,
/// the one the cart uses), in the shopper's currency and its rounding.
/// </summary>
public class SurchargeNoteService
{
    /// <summary>Marks the note in a line's HTML, so a model prepared twice (cart page and its order summary) gets it once.</summary>
    public const string NoteCssClass = "preorder-surcharge-note";

    private readonly CheckoutSplitService _splitService;
    private readonly ILocalizationService _localizationService;
    private readonly IPriceFormatter _priceFormatter;
    private readonly IProductService _productService;
    private readonly ITaxService _taxService;
    private readonly IWorkContext _workContext;
    private readonly PreorderSurchargeService _surchargeService;

    public SurchargeNoteService(CheckoutSplitService splitService,
        ILocalizationService localizationService,
        IPriceFormatter priceFormatter,
        IProductService productService,
        ITaxService taxService,
        IWorkContext workContext,
        PreorderSurchargeService surchargeService)
    {
        _splitService = splitService;
        _localizationService = localizationService;
        _priceFormatter = priceFormatter;
        _productService = productService;
        _taxService = taxService;
        _workContext = workContext;
        _surchargeService = surchargeService;
    }

    /// <summary>The note of a cart line as HTML (text encoded), or null when the line carries no surcharge.</summary>
    public virtual async Task<string> GetNoteHtmlAsync(ShoppingCartItem item)
    {
        var surcharge = await _surchargeService.GetLineSurchargeAsync(item);
        if (!SurchargeRules.ShowsNote(surcharge))
            return null;

        var product = await _productService.GetProductByIdAsync(item.ProductId);
        var shown = product == null ? surcharge : (await _taxService.GetProductPriceAsync(product, surcharge)).price;
        var amount = SurchargeRules.InCurrency(shown, await _splitService.GetShopperCurrencyAsync());
        var text = string.Format(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.SurchargeIncluded),
            await _priceFormatter.FormatPriceAsync(amount, true, await _workContext.GetWorkingCurrencyAsync()));
        return $"<span class=\"{NoteCssClass}\">{WebUtility.HtmlEncode(text)}</span>";
    }

    /// <summary>A line's attribute HTML (nopCommerce separates its lines with &lt;br /&gt;) with the note added once.</summary>
    public static string AppendNote(string attributeHtml, string noteHtml)
    {
        if (string.IsNullOrEmpty(noteHtml))
            return attributeHtml;
        if (string.IsNullOrEmpty(attributeHtml))
            return noteHtml;
        return attributeHtml.Contains(NoteCssClass, StringComparison.Ordinal) ? attributeHtml : attributeHtml + "<br />" + noteHtml;
    }
}
