using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Orders;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// The pre-order surcharge (<see cref="PreorderSettings.PreorderSurcharge"/>): a fixed amount in the primary store
/// currency added once to every pre-order line of a shopping cart, whatever its quantity and whatever payment
/// method pays the order. It becomes part of the line's subtotal (see docs/DESIGN.md, "Pre-order surcharge"), so it
/// is taxed, shown and recorded with the line and collected exactly once, through the line's deposit and balance.
/// </summary>
public static class SurchargeRules
{
    /// <summary>
    /// The surcharge one cart line carries: the setting on a pre-order line of a shopping cart; nothing on an
    /// ordinary line, on a wishlist (nothing is bought from it) or when the setting is zero or negative.
    /// </summary>
    public static decimal PerLine(decimal setting, bool isPreorderLine, ShoppingCartType cartType) =>
        isPreorderLine && cartType == ShoppingCartType.ShoppingCart && setting > 0m ? setting : 0m;

    /// <summary>A line's subtotal (quantity x unit price, discounts applied) with the line's surcharge added once, never per unit.</summary>
    public static decimal AddToSubTotal(decimal subTotal, decimal lineSurcharge) =>
        lineSurcharge > 0m ? subTotal + lineSurcharge : subTotal;

    /// <summary>
    /// The surcharge as the shopper sees it: converted at the rate of their currency and rounded the way that
    /// currency is rounded (the figure shown beside the line).
    /// </summary>
    public static decimal InCurrency(decimal primaryAmount, MoneyCurrency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (currency.Rate <= 0m)
            throw new ArgumentOutOfRangeException(nameof(currency));
        return MoneyRounding.Round(primaryAmount * currency.Rate, currency.Rounding);
    }

    /// <summary>Whether a line shows the "includes pre-order surcharge" note: only when it carries one.</summary>
    public static bool ShowsNote(decimal lineSurcharge) => lineSurcharge > 0m;
}
