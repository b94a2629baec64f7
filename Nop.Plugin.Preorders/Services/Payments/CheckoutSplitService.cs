using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>The money of a cart as the deposit method sees it: full total, due now, due later.</summary>
public record CheckoutSplit(decimal OrderTotal, decimal DueNow, decimal DueLater, int DepositLines, IReadOnlyList<DepositChoice> Choices)
{
    public bool HasDeposit => DepositLines > 0;
}

/// <summary>
/// Computes what a shopper pays now and later for a cart, in the primary store currency, with the same
/// rules that the order-placed handler applies to the placed order (deposit per line, the rest of the
/// order, shipping and tax included, due now).
/// </summary>
public class CheckoutSplitService
{
    private readonly IOrderTotalCalculationService _orderTotalCalculationService;
    private readonly IShoppingCartService _shoppingCartService;
    private readonly ISettingService _settingService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;

    public CheckoutSplitService(IOrderTotalCalculationService orderTotalCalculationService,
        IShoppingCartService shoppingCartService,
        ISettingService settingService,
        PreorderCatalogService catalogService,
        PreorderClock clock)
    {
        _orderTotalCalculationService = orderTotalCalculationService;
        _shoppingCartService = shoppingCartService;
        _settingService = settingService;
        _catalogService = catalogService;
        _clock = clock;
    }

    public virtual async Task<CheckoutSplit> GetSplitAsync(IList<ShoppingCartItem> cart, int storeId, decimal? chosenPercent = null, decimal? orderTotal = null)
    {
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);
        var total = orderTotal ?? (await _orderTotalCalculationService.GetShoppingCartTotalAsync(cart)).shoppingCartTotal ?? 0m;
        var balances = 0m;
        var depositLines = 0;
        var choices = new List<DepositChoice>();
        foreach (var item in cart)
        {
            var snapshot = await _catalogService.GetSnapshotAsync(item.ProductId);
            if (!snapshot.IsPreorder)
                continue;
            var mode = snapshot.Profile.PaymentModeId == 0 ? settings.DefaultPaymentMode : snapshot.Profile.PaymentMode;
            if (mode == PreorderPaymentMode.FullUpfront)
                continue;

            var lineTotal = (await _shoppingCartService.GetSubTotalAsync(item, true)).subTotal;
            depositLines++;
            if (mode == PreorderPaymentMode.PayOnShip)
            {
                balances += lineTotal;
                continue;
            }

            var rule = _catalogService.ParseRule(snapshot.Profile.DepositRuleJson) ?? _catalogService.ParseRule(settings.DefaultDepositRuleJson) ?? new DepositRule { Percent = 20m };
            choices.AddRange(rule.Choices.Where(c => choices.All(x => x.Percent != c.Percent)));
            var chosen = chosenPercent is decimal p && rule.Choices.Any(c => c.Percent == p) ? p : (decimal?)null;
            var days = snapshot.Profile.ExpectedShipDateUtc is DateTime d && d > _clock.UtcNow ? (int)(d - _clock.UtcNow).TotalDays : 0;
            var quote = DepositCalculator.Calculate(lineTotal, item.Quantity, rule, MoneyCurrency.Primary(), days, chosen, settings.CharmRounding);
            balances += quote.Balance;
        }

        var dueNow = Math.Max(0m, total - balances);
        return new CheckoutSplit(total, dueNow, total - dueNow, depositLines, choices);
    }
}
