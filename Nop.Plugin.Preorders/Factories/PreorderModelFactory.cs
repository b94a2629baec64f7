using Nop.Core;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Services;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>Storefront models: product block, cart split, payment info, order and account pages. Amounts in the shopper's currency, dates in their time zone.</summary>
public class PreorderModelFactory
{
    private readonly CheckoutSplitService _splitService;
    private readonly IAddressService _addressService;
    private readonly ICountryService _countryService;
    private readonly ICurrencyService _currencyService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IPriceFormatter _priceFormatter;
    private readonly IProductService _productService;
    private readonly ISettingService _settingService;
    private readonly IStoreContext _storeContext;
    private readonly IWorkContext _workContext;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderOrderService _orderPreorderService;
    private readonly DepositScopeRuleService _depositRules;

    public PreorderModelFactory(CheckoutSplitService splitService,
        IAddressService addressService,
        ICountryService countryService,
        ICurrencyService currencyService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        IOrderService orderService,
        IPriceFormatter priceFormatter,
        IProductService productService,
        ISettingService settingService,
        IStoreContext storeContext,
        IWorkContext workContext,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        PreorderLedgerService ledgerService,
        PreorderOrderService orderPreorderService,
        DepositScopeRuleService depositRules)
    {
        _depositRules = depositRules;
        _splitService = splitService;
        _addressService = addressService;
        _countryService = countryService;
        _currencyService = currencyService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _orderService = orderService;
        _priceFormatter = priceFormatter;
        _productService = productService;
        _settingService = settingService;
        _storeContext = storeContext;
        _workContext = workContext;
        _catalogService = catalogService;
        _clock = clock;
        _ledgerService = ledgerService;
        _orderPreorderService = orderPreorderService;
    }

    /// <summary>What the product page says about the picked attribute combination's own cap (<paramref name="units"/>: null = none).</summary>
    public virtual async Task<CombinationUnitsModel> PrepareCombinationUnitsModelAsync(int productId, CombinationUnits units)
    {
        var model = new CombinationUnitsModel();
        if (units == null)
            return model;
        var store = await _storeContext.GetCurrentStoreAsync();
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(store.Id);
        model.SoldOut = units.UnitsLeft == 0;
        if (model.SoldOut)
            model.Text = await _localizationService.GetResourceAsync(PreorderDefaults.Resources.CombinationSoldOut);
        else if (settings.ShowUnitsLeft)
            model.Text = string.Format(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.CombinationUnitsLeft), units.UnitsLeft);
        return model;
    }

    public virtual async Task<ProductPreorderModel> PrepareProductModelAsync(int productId)
    {
        var model = new ProductPreorderModel { ProductId = productId };
        var snapshot = await _catalogService.GetSnapshotAsync(productId);
        if (!snapshot.IsPreorder)
            return model;

        var customer = await _workContext.GetCurrentCustomerAsync();
        var offer = PreorderAvailability.Evaluate(snapshot.Profile, snapshot.Sold, _clock.UtcNow, await CountryCodeOfAsync(customer));
        var store = await _storeContext.GetCurrentStoreAsync();
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(store.Id);
        var profile = snapshot.Profile;

        model.State = offer.State;
        model.BadgeText = await TextAsync("Product.Badge");
        model.ShopperNote = profile.ShopperNote;
        model.ExpectedShipText = profile.ExpectedShipDateUtc is DateTime ship
            ? string.Format(await TextAsync("Product.ExpectedShip"), await DateTextAsync(ship))
            : string.IsNullOrWhiteSpace(profile.ExpectedSoonText) ? await TextAsync("Product.ExpectedSoon") : profile.ExpectedSoonText;

        model.StatusText = offer.State switch
        {
            PreorderOfferState.NotYetOpen => string.Format(await TextAsync("Product.NotYetOpen"), await DateTextAsync(profile.WindowStartUtc!.Value)),
            PreorderOfferState.Closed => await TextAsync("Product.Closed"),
            PreorderOfferState.SoldOut => await TextAsync("Product.SoldOut"),
            PreorderOfferState.CountryExcluded => await TextAsync("Product.CountryExcluded"),
            _ => null
        };

        // a combination's own cap is shown when the shopper picks it (PreorderProductController); cached, no query
        model.HasCombinationCaps = offer.State == PreorderOfferState.Open && (await _catalogService.GetCombinationCapsAsync(productId)).Count > 0;

        if (offer.Cap is int cap)
        {
            if (settings.ShowUnitsLeft && offer.State == PreorderOfferState.Open)
                model.UnitsLeftText = string.Format(await TextAsync("Product.UnitsLeft"), offer.UnitsLeft);
            if (settings.ShowProgressBar)
            {
                model.ProgressPercent = offer.ProgressPercent;
                model.ProgressText = string.Format(await TextAsync("Product.Progress"), offer.Sold, cap);
            }
        }

        if (settings.ShowCountdown)
        {
            if (offer.State == PreorderOfferState.NotYetOpen && profile.WindowStartUtc.HasValue)
            {
                model.CountdownToUtc = AsUtcIso(profile.WindowStartUtc.Value);
                model.CountdownLabel = await TextAsync("Product.OpensIn");
                model.CountdownText = string.Format(await TextAsync("Product.NotYetOpen"), await DateTextAsync(profile.WindowStartUtc.Value));
            }
            else if (offer.State == PreorderOfferState.Open && profile.WindowEndUtc.HasValue)
            {
                model.CountdownToUtc = AsUtcIso(profile.WindowEndUtc.Value);
                model.CountdownLabel = await TextAsync("Product.EndsIn");
                model.CountdownText = string.Format(await TextAsync("Product.EndsOn"), await DateTextAsync(profile.WindowEndUtc.Value));
            }
        }

        // the current shopper's terms (their roles' rule, else the product's, its category's, the store's): what checkout charges them
        var terms = (await _depositRules.GetTermsAsync(profile, settings, customer)).Terms;
        model.PaymentModeText = await TextAsync("Product.PaymentMode." + terms.Mode);
        if (terms.Mode == PreorderPaymentMode.Deposit && offer.State == PreorderOfferState.Open
            && await _productService.GetProductByIdAsync(productId) is { } product)
        {
            // the checkout split's own per-line deposit, so the page promises what checkout will charge for one unit
            // (a cart line of it carries the pre-order surcharge, and the deposit rule applies to the line with it)
            var quote = await _splitService.GetProductQuoteAsync(product, terms,
                SurchargeRules.PerLine(settings.PreorderSurcharge, isPreorderLine: true, ShoppingCartType.ShoppingCart));
            var currency = await _workContext.GetWorkingCurrencyAsync();
            model.DepositNowText = string.Format(await TextAsync("Product.DepositNow"), await _priceFormatter.FormatPriceAsync(quote.DepositInCurrency, true, currency));
            model.BalanceLaterText = string.Format(await TextAsync("Product.BalanceLater"), await _priceFormatter.FormatPriceAsync(quote.BalanceInCurrency, true, currency));
        }
        return model;
    }

    public virtual async Task<CartPreorderModel> PrepareCartModelAsync(IList<ShoppingCartItem> cart)
    {
        var model = new CartPreorderModel();
        foreach (var item in cart)
            if ((await _catalogService.GetSnapshotAsync(item.ProductId)).IsPreorder && await _productService.GetProductByIdAsync(item.ProductId) is { } product)
                model.PreorderProductNames.Add(await _localizationService.GetLocalizedAsync(product, p => p.Name));
        model.HasPreorders = model.PreorderProductNames.Count > 0;
        if (!model.HasPreorders)
            return model;

        var store = await _storeContext.GetCurrentStoreAsync();
        var split = await _splitService.GetSplitAsync(cart, store.Id);
        model.HasDeposit = split.HasDeposit;
        model.OrderTotalText = await MoneyTextAsync(split.OrderTotal);
        model.DueNowText = await MoneyTextAsync(split.DueNow);
        model.DueLaterText = await MoneyTextAsync(split.DueLater);
        return model;
    }

    public virtual async Task<DepositPaymentInfoModel> PreparePaymentInfoModelAsync(IList<ShoppingCartItem> cart, Type chargeMethodViewComponent)
    {
        var store = await _storeContext.GetCurrentStoreAsync();
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(store.Id);
        var split = await _splitService.GetSplitAsync(cart, store.Id);
        var model = new DepositPaymentInfoModel
        {
            SplitText = string.Format(await TextAsync("Checkout.Split"), await MoneyTextAsync(split.OrderTotal), await MoneyTextAsync(split.DueNow), await MoneyTextAsync(split.DueLater)),
            TermsText = string.Format(await TextAsync("Checkout.Terms"), settings.BalanceDueDays, settings.GracePeriodDays),
            OfflineInstructions = chargeMethodViewComponent == null ? settings.OfflineInstructions : null,
            ChargeMethodViewComponent = chargeMethodViewComponent
        };
        foreach (var choice in split.Choices.OrderBy(c => c.Percent))
            model.Choices.Add((choice.Percent, string.IsNullOrWhiteSpace(choice.Perk) ? $"{choice.Percent:0.##}%" : $"{choice.Percent:0.##}% — {choice.Perk}"));
        return model;
    }

    /// <summary>The owner's view of an order's pre-orders (the caller has checked ownership or the link token).</summary>
    public virtual async Task<OrderPreorderModel> PrepareOrderModelAsync(Order order)
    {
        var account = await _ledgerService.GetAccountAsync(order.Id);
        if (account == null)
            return null;
        // every amount from the one definition: what the order is to be paid, what is held for it, what it owes
        var balance = await _ledgerService.GetBalanceAsync(account);

        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(order.StoreId);
        var model = new OrderPreorderModel
        {
            OrderId = order.Id,
            CustomOrderNumber = order.CustomOrderNumber,
            AccountStateText = await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Account." + account.State),
            OrderTotalText = await OrderMoneyTextAsync(balance.Due, order),
            PaidText = await OrderMoneyTextAsync(balance.Held, order),
            OutstandingText = await OrderMoneyTextAsync(balance.Owed, order),
            HasOutstanding = balance.Owed > 0m,
            NextDueText = account.NextDueOnUtc is DateTime due ? await DateTextAsync(due) : null,
            OfflineOnly = string.IsNullOrEmpty(account.ChargeMethodSystemName) || account.ChargeMethodSystemName == PreorderDefaults.SystemName,
            OfflineInstructions = settings.OfflineInstructions,
            AccountVersion = account.Version
        };

        foreach (var line in await _orderPreorderService.GetLinesAsync(order.Id))
        {
            var product = await _productService.GetProductByIdAsync(line.ProductId);
            var remaining = balance.LineOwed(line.Id);
            model.Lines.Add(new PreorderLineModel
            {
                LineId = line.Id,
                ProductName = product == null ? $"#{line.ProductId}" : await _localizationService.GetLocalizedAsync(product, p => p.Name),
                Quantity = line.Quantity,
                StateText = await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "State." + line.State),
                ExpectedShipText = line.ExpectedShipDateUtc is DateTime ship ? await DateTextAsync(ship) : null,
                DueOnText = line.BalanceDueOnUtc is DateTime due2 ? await DateTextAsync(due2) : null,
                RemainingText = remaining > 0m ? await OrderMoneyTextAsync(remaining, order) : null,
                CanCancel = SelfServiceRules.CanCancel(line.State),
                CanExtend = SelfServiceRules.CanExtend(line)
            });
        }

        foreach (var entry in await _ledgerService.GetEntriesAsync(order.Id))
            if (entry.Status == LedgerEntryStatus.Succeeded)
                model.Ledger.Add((await DateTextAsync(entry.CreatedOnUtc), entry.Kind.ToString(), await OrderMoneyTextAsync(entry.Amount, order)));
        return model;
    }

    /// <summary>What cancelling a line would do with its money, in the order's currency (the confirmation step of a cancellation through a link).</summary>
    public virtual async Task<CancelPreviewModel> PrepareCancelPreviewModelAsync(Order order, Services.Customers.CancelPreview preview)
    {
        var product = await _productService.GetProductByIdAsync(preview.Line.ProductId);
        var kept = preview.Kept + preview.Transferred;
        return new CancelPreviewModel
        {
            LineId = preview.Line.Id,
            ProductName = product == null ? $"#{preview.Line.ProductId}" : await _localizationService.GetLocalizedAsync(product, p => p.Name),
            RefundText = preview.Refund > 0m ? await OrderMoneyTextAsync(preview.Refund, order) : null,
            KeptText = kept > 0m ? await OrderMoneyTextAsync(kept, order) : null
        };
    }

    public virtual async Task<CustomerPreordersModel> PrepareCustomerModelAsync(Customer customer, IList<int> orderIds)
    {
        var model = new CustomerPreordersModel();
        foreach (var orderId in orderIds)
            if (await _orderService.GetOrderByIdAsync(orderId) is { Deleted: false } order && order.CustomerId == customer.Id
                && await PrepareOrderModelAsync(order) is { } orderModel)
                model.Orders.Add(orderModel);
        return model;
    }

    /// <summary>An amount kept in the primary currency, shown in the shopper's working currency.</summary>
    public virtual async Task<string> MoneyTextAsync(decimal primaryAmount)
    {
        var currency = await _workContext.GetWorkingCurrencyAsync();
        var converted = await _currencyService.ConvertFromPrimaryStoreCurrencyAsync(primaryAmount, currency);
        return await _priceFormatter.FormatPriceAsync(converted, true, currency);
    }

    /// <summary>An order amount shown in the currency and at the rate of the order (what the shopper agreed to).</summary>
    protected virtual async Task<string> OrderMoneyTextAsync(decimal primaryAmount, Order order)
    {
        var currency = string.IsNullOrEmpty(order.CustomerCurrencyCode) ? null : await _currencyService.GetCurrencyByCodeAsync(order.CustomerCurrencyCode);
        if (currency == null)
            return await MoneyTextAsync(primaryAmount);
        return await _priceFormatter.FormatPriceAsync(primaryAmount * (order.CurrencyRate <= 0m ? 1m : order.CurrencyRate), true, currency);
    }

    protected virtual async Task<string> DateTextAsync(DateTime utc) =>
        (await _dateTimeHelper.ConvertToUserTimeAsync(utc, DateTimeKind.Utc)).ToString("D");

    /// <summary>Dates come back from the database without a kind; the browser must read them as UTC ("Z").</summary>
    private static string AsUtcIso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("o");

    protected virtual Task<string> TextAsync(string key) => _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + key);

    protected virtual async Task<string> CountryCodeOfAsync(Customer customer)
    {
        var addressId = customer?.ShippingAddressId ?? customer?.BillingAddressId;
        if (addressId is not int id || await _addressService.GetAddressByIdAsync(id) is not { CountryId: int countryId })
            return null;
        return (await _countryService.GetCountryByIdAsync(countryId))?.TwoLetterIsoCode;
    }
}
