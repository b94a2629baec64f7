using Nop.Core;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Configuration;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Orders;
using Nop.Services.Tax;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>
/// The money of a cart as the deposit method sees it: full total, due now, due later (primary currency), due
/// now in the shopper's currency, and the checkout moment the deposits were computed at (placement computes
/// the same deposits at the same moment).
/// </summary>
public record CheckoutSplit(decimal OrderTotal, decimal DueNow, decimal DueLater, int DepositLines, IReadOnlyList<DepositChoice> Choices,
    decimal DueNowInCurrency = 0m, string CurrencyCode = null, DateTime CheckoutMomentUtc = default)
{
    public bool HasDeposit => DepositLines > 0;
}

/// <summary>
/// Computes what a shopper pays now and later for a cart with <see cref="LineDeposit"/>, the function the
/// order-placed handler applies to the placed order: each line's price incl. tax as its order item will carry
/// it, the shopper's currency as the order will record it, one checkout moment. So the amount charged at
/// checkout is exactly the amount placement records as due.
/// </summary>
public class CheckoutSplitService
{
    private readonly CurrencySettings _currencySettings;
    private readonly ICurrencyService _currencyService;
    private readonly ICustomerService _customerService;
    private readonly IOrderTotalCalculationService _orderTotalCalculationService;
    private readonly IProductService _productService;
    private readonly IShoppingCartService _shoppingCartService;
    private readonly ISettingService _settingService;
    private readonly ITaxService _taxService;
    private readonly IWorkContext _workContext;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly DepositScopeRuleService _depositRules;
    private readonly ReservationIntentService _reservationIntents;

    public CheckoutSplitService(CurrencySettings currencySettings,
        ICurrencyService currencyService,
        ICustomerService customerService,
        IOrderTotalCalculationService orderTotalCalculationService,
        IProductService productService,
        IShoppingCartService shoppingCartService,
        ISettingService settingService,
        ITaxService taxService,
        IWorkContext workContext,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        DepositScopeRuleService depositRules,
        ReservationIntentService reservationIntents)
    {
        _depositRules = depositRules;
        _reservationIntents = reservationIntents;
        _currencySettings = currencySettings;
        _currencyService = currencyService;
        _customerService = customerService;
        _orderTotalCalculationService = orderTotalCalculationService;
        _productService = productService;
        _shoppingCartService = shoppingCartService;
        _settingService = settingService;
        _taxService = taxService;
        _workContext = workContext;
        _catalogService = catalogService;
        _clock = clock;
    }

    /// <param name="checkoutMomentUtc">The moment the deposits' term ("days ahead") is taken at; now when not given.</param>
    public virtual async Task<CheckoutSplit> GetSplitAsync(IList<ShoppingCartItem> cart, int storeId, decimal? chosenPercent = null, decimal? orderTotal = null,
        DateTime? checkoutMomentUtc = null)
    {
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);
        var total = orderTotal ?? (await _orderTotalCalculationService.GetShoppingCartTotalAsync(cart)).shoppingCartTotal ?? 0m;
        var moment = checkoutMomentUtc ?? _clock.UtcNow;
        var currency = await GetShopperCurrencyAsync();
        var quotes = new List<DepositQuote>();
        var choices = new List<DepositChoice>();
        Customer customer = null;
        foreach (var item in cart)
        {
            var snapshot = await _catalogService.GetSnapshotAsync(item.ProductId);
            DepositTerms terms;
            if (snapshot.IsPreorder)
            {
                // the cart's customer's terms (category and role rules): what the product page showed them, what placement records
                customer ??= await _customerService.GetCustomerByIdAsync(item.CustomerId);
                terms = (await _depositRules.GetTermsAsync(snapshot.Profile, settings, customer)).Terms;
            }
            // an in-stock item reserved with a deposit: the same deposit function, placement records the same figure
            else if (await _reservationIntents.IsReservationAsync(item.CustomerId, item.ProductId))
                terms = ReservationRules.TermsOf(snapshot.Profile, settings);
            else
                continue;
            if (terms.Mode == PreorderPaymentMode.FullUpfront)
                continue;

            customer ??= await _customerService.GetCustomerByIdAsync(item.CustomerId);
            var lineTotal = await LineTotalInclTaxAsync(item, customer);
            if (terms.Mode == PreorderPaymentMode.Deposit)
                choices.AddRange(terms.Rule.Choices.Where(c => choices.All(x => x.Percent != c.Percent)));
            quotes.Add(LineDeposit.Quote(lineTotal, item.Quantity, terms, currency, moment, chosenPercent));
        }

        var due = LineDeposit.DueAtCheckout(total, quotes, currency);
        return new CheckoutSplit(total, due.DueNow, due.DueLater, quotes.Count, choices, due.DueNowInCurrency, currency.Code, moment);
    }

    /// <summary>"Deposit now" of one unit on the product page: the product's price incl. tax for the current shopper, in their currency, as of now.</summary>
    /// <param name="lineSurcharge">The pre-order surcharge a cart line of the product carries (primary currency, before tax): part of the line's total, as in the cart.</param>
    public virtual async Task<DepositQuote> GetProductQuoteAsync(Product product, DepositTerms terms, decimal lineSurcharge = 0m)
    {
        ArgumentNullException.ThrowIfNull(product);
        var customer = await _workContext.GetCurrentCustomerAsync();
        var (price, _) = await _taxService.GetProductPriceAsync(product, SurchargeRules.AddToSubTotal(product.Price, lineSurcharge), true, customer);
        return LineDeposit.Quote(price, 1, terms, await GetShopperCurrencyAsync(), _clock.UtcNow);
    }

    /// <summary>
    /// The currency the order will be recorded in: the working currency, its rate relative to the primary store
    /// currency (as nopCommerce stores <c>Order.CurrencyRate</c>) and its rounding type.
    /// </summary>
    public virtual async Task<MoneyCurrency> GetShopperCurrencyAsync()
    {
        var working = await _workContext.GetWorkingCurrencyAsync();
        if (working == null)
            return MoneyCurrency.Primary();
        var primary = await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId);
        var rate = primary is { Rate: > 0m } ? working.Rate / primary.Rate : working.Rate;
        return new MoneyCurrency(working.CurrencyCode, rate <= 0m ? 1m : rate, working.RoundingType);
    }

    /// <summary>What the order item will carry as <c>PriceInclTax</c>: the cart subtotal of the item (discounts applied) with tax, as nopCommerce's placement computes it.</summary>
    protected virtual async Task<decimal> LineTotalInclTaxAsync(ShoppingCartItem item, Customer customer)
    {
        var subTotal = (await _shoppingCartService.GetSubTotalAsync(item, true)).subTotal;
        var product = await _productService.GetProductByIdAsync(item.ProductId);
        if (product == null)
            return subTotal;
        return (await _taxService.GetProductPriceAsync(product, subTotal, true, customer)).price;
    }
}
