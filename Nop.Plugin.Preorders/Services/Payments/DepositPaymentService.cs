using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Configuration;
using Nop.Services.Customers;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>
/// The deposit payment method's behaviour. Offline mode: the order is placed pending and an admin confirms
/// the deposit when it arrives. Delegated mode: the amount due now is charged through an installed payment
/// method of the Standard type (its payment form is shown inside ours), and the charge is recorded in the
/// ledger when the order is placed. Redirection and button methods cannot be delegated to: they need the
/// shopper's browser for every charge.
/// </summary>
public class DepositPaymentService
{
    private const string ChoiceValueName = "Preorders.DepositChoice";
    private const string TermsValueName = "Preorders.TermsAccepted";

    private readonly CheckoutSplitService _splitService;
    private readonly DepositCheckoutContext _checkoutContext;
    private readonly ICustomerService _customerService;
    private readonly ILocalizationService _localizationService;
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly IPriceFormatter _priceFormatter;
    private readonly IShoppingCartService _shoppingCartService;
    private readonly ISettingService _settingService;
    private readonly IStoreContext _storeContext;
    private readonly PreorderSettlementService _settlementService;
    private readonly MoneyMovementService _moneyMovementService;

    public DepositPaymentService(CheckoutSplitService splitService,
        DepositCheckoutContext checkoutContext,
        ICustomerService customerService,
        ILocalizationService localizationService,
        IPaymentPluginManager paymentPluginManager,
        IPriceFormatter priceFormatter,
        IShoppingCartService shoppingCartService,
        ISettingService settingService,
        IStoreContext storeContext,
        PreorderSettlementService settlementService,
        MoneyMovementService moneyMovementService)
    {
        _moneyMovementService = moneyMovementService;
        _splitService = splitService;
        _checkoutContext = checkoutContext;
        _customerService = customerService;
        _localizationService = localizationService;
        _paymentPluginManager = paymentPluginManager;
        _priceFormatter = priceFormatter;
        _shoppingCartService = shoppingCartService;
        _settingService = settingService;
        _storeContext = storeContext;
        _settlementService = settlementService;
    }

    /// <summary>The installed Standard method deposits are charged through, or null for offline payment.</summary>
    public virtual async Task<IPaymentMethod> GetChargeMethodAsync(int storeId)
    {
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);
        if (string.IsNullOrWhiteSpace(settings.ChargeMethodSystemName) || settings.ChargeMethodSystemName == PreorderDefaults.SystemName)
            return null;
        var method = await _paymentPluginManager.LoadPluginBySystemNameAsync(settings.ChargeMethodSystemName, storeId: storeId);
        return method is { PaymentMethodType: PaymentMethodType.Standard } ? method : null;
    }

    /// <summary>Offered only when the cart holds an item with a deposit or pay-later mode.</summary>
    public virtual async Task<bool> HideAsync(IList<ShoppingCartItem> cart)
    {
        if (cart == null || cart.Count == 0)
            return true;
        var store = await _storeContext.GetCurrentStoreAsync();
        var split = await _splitService.GetSplitAsync(cart, store.Id, orderTotal: 0m);
        return !split.HasDeposit;
    }

    public virtual async Task<IList<string>> ValidatePaymentFormAsync(IFormCollection form)
    {
        var errors = new List<string>();
        if (!IsChecked(form[PreorderDefaults.FormAcceptTerms]))
            errors.Add(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.TermsNotAccepted));

        var choice = form[PreorderDefaults.FormDepositChoice].ToString();
        if (!string.IsNullOrEmpty(choice) && !decimal.TryParse(choice, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            errors.Add(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.DepositChoiceUnknown));

        var store = await _storeContext.GetCurrentStoreAsync();
        if (await GetChargeMethodAsync(store.Id) is { } chargeMethod)
            errors.AddRange(await chargeMethod.ValidatePaymentFormAsync(form));
        return errors;
    }

    public virtual async Task<ProcessPaymentRequest> GetPaymentInfoAsync(IFormCollection form)
    {
        var store = await _storeContext.GetCurrentStoreAsync();
        var request = await GetChargeMethodAsync(store.Id) is { } chargeMethod
            ? await chargeMethod.GetPaymentInfoAsync(form) ?? new ProcessPaymentRequest()
            : new ProcessPaymentRequest();

        // kept in the request (nopCommerce stores it between the payment-info and confirm steps), not shown to the shopper
        request.CustomValues.Add(new CustomValue(TermsValueName, IsChecked(form[PreorderDefaults.FormAcceptTerms]) ? "true" : "false", displayToCustomer: false));
        var choice = form[PreorderDefaults.FormDepositChoice].ToString();
        if (!string.IsNullOrEmpty(choice))
            request.CustomValues.Add(new CustomValue(ChoiceValueName, choice, displayToCustomer: false));
        return request;
    }

    /// <summary>Charges (delegated mode) or registers (offline mode) what is due now; the ledger records it once the order exists.</summary>
    public virtual async Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest request)
    {
        var customer = await _customerService.GetCustomerByIdAsync(request.CustomerId);
        var cart = await _shoppingCartService.GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart, request.StoreId);
        var chosen = decimal.TryParse(ValueOf(request, ChoiceValueName), NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : (decimal?)null;
        var split = await _splitService.GetSplitAsync(cart, request.StoreId, chosen, request.OrderTotal);

        var result = new ProcessPaymentResult();
        if (ValueOf(request, TermsValueName) != "true")
        {
            result.Errors.Add(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.TermsNotAccepted));
            return result;
        }

        _checkoutContext.OrderGuid = request.OrderGuid;
        _checkoutContext.TermsAccepted = true;
        _checkoutContext.ChosenDepositPercent = chosen;
        _checkoutContext.CheckoutMomentUtc = split.CheckoutMomentUtc;

        var chargeMethod = await GetChargeMethodAsync(request.StoreId);
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(request.StoreId);
        // balances are charged through it later even when nothing is due now (pay when it ships)
        if (chargeMethod != null)
            _checkoutContext.ChargeMethodSystemName = settings.ChargeMethodSystemName;
        if (chargeMethod != null && split.DueNow > 0m)
        {
            var originalTotal = request.OrderTotal;
            // written as pending under the order's guid before the card is charged; placement attaches it to the order
            var charged = await _moneyMovementService.ChargeAtCheckoutAsync(request.OrderGuid, split.DueNow, settings.ChargeMethodSystemName, request.CustomerId,
                amountInCurrency: split.DueNowInCurrency, currencyCode: split.CurrencyCode, call: async () =>
                {
                    request.OrderTotal = split.DueNow;
                    try
                    {
                        return await chargeMethod.ProcessPaymentAsync(request);
                    }
                    finally
                    {
                        request.OrderTotal = originalTotal;
                    }
                });
            if (charged.Status is LedgerEntryStatus.Failed or LedgerEntryStatus.Pending)
            {
                foreach (var error in charged.Errors.DefaultIfEmpty(await _localizationService.GetResourceAsync(PreorderDefaults.Resources.PaymentInProgress)))
                    result.Errors.Add(error);
                return result;
            }

            result.AuthorizationTransactionId = charged.Status == LedgerEntryStatus.Authorized ? charged.Entry.Reference : null;
            result.CaptureTransactionId = charged.Status == LedgerEntryStatus.Succeeded ? charged.Entry.Reference : null;
            // nopCommerce's order status follows what the gateway did with the deposit: money in or authorized is
            // "authorized" (the order is not paid until the money held covers it, AccountBalance); details taken
            // without money (Payments.Manual) stay "pending" for the store to confirm
            result.NewPaymentStatus = charged.Status == LedgerEntryStatus.AwaitingConfirmation
                ? Nop.Core.Domain.Payments.PaymentStatus.Pending
                : Nop.Core.Domain.Payments.PaymentStatus.Authorized;
        }

        request.CustomValues.Add(new CustomValue(PreorderDefaults.CustomValueDepositNow, await _priceFormatter.FormatPriceAsync(split.DueNow)));
        request.CustomValues.Add(new CustomValue(PreorderDefaults.CustomValueBalanceLater, await _priceFormatter.FormatPriceAsync(split.DueLater)));
        return result;
    }

    /// <summary>A refund started from nopCommerce's order page: recorded in the ledger once per amount and time.</summary>
    public virtual async Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest request)
    {
        var result = new RefundPaymentResult();
        try
        {
            await _settlementService.RefundAsync(request.Order.Id, 0, request.AmountToRefund,
                NopRefundKey.For(request.Order.Id, request.Order.RefundedAmount + request.AmountToRefund), 0, "Refund from the order page", startedByNop: true);
            result.NewPaymentStatus = request.IsPartialRefund
                ? Nop.Core.Domain.Payments.PaymentStatus.PartiallyRefunded
                : Nop.Core.Domain.Payments.PaymentStatus.Refunded;
        }
        catch (PreorderRuleException ex)
        {
            result.Errors.Add(string.Format(await _localizationService.GetResourceAsync(ex.ResourceKey), ex.DisplayArgs));
        }
        return result;
    }

    private static string ValueOf(ProcessPaymentRequest request, string name) =>
        request.CustomValues?.FirstOrDefault(v => v.Name == name)?.Value;

    private static bool IsChecked(string value) =>
        value != null && (value.Split(',').Contains("true", StringComparer.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));
}
