using Newtonsoft.Json;
using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// What the store asks of one pre-order product's lines once the fallbacks are applied: the product's payment
/// mode, else the store's; the product's deposit rule, else the store default, else 20 %. Built in one place so
/// the product page, the checkout split and placement cannot pick different rules for the same line.
/// </summary>
public sealed record DepositTerms(PreorderPaymentMode Mode, DepositRule Rule, bool CharmRounding, DateTime? ExpectedShipDateUtc)
{
    /// <summary>The rule of a store that never saved one (what the install writes too).</summary>
    public static DepositRule FallbackRule => new() { Percent = 20m };

    public static DepositTerms Of(PreorderProfile profile, PreorderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(settings);
        // payment mode 0 on a profile means "the store's default"
        var mode = profile.PaymentModeId == 0 ? settings.DefaultPaymentMode : profile.PaymentMode;
        var rule = ParseRule(profile.DepositRuleJson) ?? ParseRule(settings.DefaultDepositRuleJson) ?? FallbackRule;
        return new DepositTerms(mode, rule, settings.CharmRounding, profile.ExpectedShipDateUtc);
    }

    /// <summary>A stored rule (JSON), or null when none is stored.</summary>
    public static DepositRule ParseRule(string json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonConvert.DeserializeObject<DepositRule>(json);
}

/// <summary>What a cart or order pays at checkout, in the primary currency and in the shopper's.</summary>
public sealed record CheckoutDue(decimal DueNow, decimal DueLater, decimal DueNowInCurrency);

/// <summary>
/// The one deposit function of a pre-order line. The product page ("deposit now"), the checkout split (what is
/// charged) and placement (what the ledger records as due) all call it with the same inputs, so the figure
/// the shopper is charged is the figure the plugin expects:
/// - the line as the cart/order item carries it: its price for the quantity including tax as charged (after
///   discounts; nopCommerce's <c>OrderItem.PriceInclTax</c>, which the cart's subtotal plus tax becomes) and
///   its quantity (fixed-per-unit rules);
/// - the product's <see cref="DepositTerms"/>;
/// - the order's currency (rate from the primary currency and nopCommerce's rounding type);
/// - one "days ahead" moment: the checkout moment, passed explicitly, because a clock read at each call
///   can cross a term-tier boundary between the charge and the placement.
/// The deposit is computed and rounded in the shopper's currency (what they actually pay) and converted back
/// to the primary currency with 4 decimals for the ledger (see <see cref="DepositCalculator"/>).
/// </summary>
public static class LineDeposit
{
    public static DepositQuote Quote(decimal lineTotal, int quantity, DepositTerms terms, MoneyCurrency currency,
        DateTime checkoutMomentUtc, decimal? chosenPercent = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(currency);
        if (lineTotal < 0m)
            throw new ArgumentOutOfRangeException(nameof(lineTotal));
        if (currency.Rate <= 0m)
            throw new ArgumentOutOfRangeException(nameof(currency));

        var totalInCurrency = MoneyRounding.Round(lineTotal * currency.Rate, RoundingType.Rounding001);
        return terms.Mode switch
        {
            PreorderPaymentMode.FullUpfront => new DepositQuote(lineTotal, lineTotal, 0m, totalInCurrency, 0m, 100m),
            PreorderPaymentMode.PayOnShip => new DepositQuote(lineTotal, 0m, lineTotal, 0m, totalInCurrency, 0m),
            _ => DepositCalculator.Calculate(lineTotal, quantity, terms.Rule, currency,
                DaysAhead(terms.ExpectedShipDateUtc, checkoutMomentUtc), OfferedChoice(terms.Rule, chosenPercent), terms.CharmRounding)
        };
    }

    /// <summary>
    /// Due at checkout = the order total less the balances of its pre-order lines, so shipping, fees, tax on
    /// other items and in-stock items are paid now. The figure in the shopper's currency is built from the same
    /// rounded line figures, so it is what the shopper sees charged (the ledger keeps it beside the primary amount).
    /// </summary>
    public static CheckoutDue DueAtCheckout(decimal orderTotal, IEnumerable<DepositQuote> lines, MoneyCurrency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var quotes = lines.ToList();
        var dueNow = DueNow(orderTotal, quotes.Select(q => q.Balance));
        var totalInCurrency = MoneyRounding.Round(orderTotal * currency.Rate, RoundingType.Rounding001);
        var dueNowInCurrency = Math.Max(0m, totalInCurrency - quotes.Sum(q => q.BalanceInCurrency));
        return new CheckoutDue(dueNow, orderTotal - dueNow, dueNowInCurrency);
    }

    /// <summary>The order total less the lines' balances (primary currency), never below zero.</summary>
    public static decimal DueNow(decimal orderTotal, IEnumerable<decimal> lineBalances) =>
        Math.Max(0m, orderTotal - lineBalances.Sum());

    /// <summary>Whole days from the checkout moment to the expected ship date (0 when unknown or past): the term the deposit rule's tiers read.</summary>
    public static int DaysAhead(DateTime? shipDateUtc, DateTime checkoutMomentUtc) =>
        shipDateUtc is DateTime ship && ship > checkoutMomentUtc ? (int)(ship - checkoutMomentUtc).TotalDays : 0;

    /// <summary>The shopper's chosen level when this rule offers it; otherwise none (another line's level does not apply here).</summary>
    public static decimal? OfferedChoice(DepositRule rule, decimal? chosenPercent) =>
        chosenPercent is decimal chosen && rule.Choices.Any(c => c.Percent == chosen) ? chosen : null;
}
