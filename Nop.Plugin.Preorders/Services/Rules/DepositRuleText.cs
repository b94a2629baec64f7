using System.Globalization;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// A deposit rule in a few words for the merchant ("20%", "the larger of 20% and 50.00 USD per unit (at least 30.00 USD)",
/// "no deposit: the whole price at checkout"). Pure: the wording comes from <paramref name="text"/> (resource key → format),
/// amounts are in the primary currency with its code.
/// </summary>
public static class DepositRuleText
{
    public const string KeyPrefix = PreorderDefaults.ResourcePrefix + "DepositRules.Text.";

    public static string Describe(PreorderPaymentMode mode, DepositRule rule, string currencyCode, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (mode == PreorderPaymentMode.FullUpfront)
            return text(KeyPrefix + "FullUpfront");
        if (mode == PreorderPaymentMode.PayOnShip)
            return text(KeyPrefix + "PayOnShip");
        rule ??= DepositTerms.FallbackRule;

        var percent = Percent(rule.Percent);
        var tiers = rule.TermTiers.Count == 0 ? null
            : string.Join(", ", rule.TermTiers.OrderBy(t => t.MinDaysAhead).Select(t => string.Format(text(KeyPrefix + "Tier"), Percent(t.Percent), t.MinDaysAhead)));
        if (rule.Percent == null && tiers != null)
            percent = tiers;
        else if (tiers != null)
            percent += string.Format(text(KeyPrefix + "Tiers"), tiers);
        var perUnit = string.Format(text(KeyPrefix + "Fixed"), Money(rule.FixedPerUnit ?? 0m, currencyCode));

        var main = rule.Combine switch
        {
            DepositCombineMode.FixedOnly => perUnit,
            DepositCombineMode.LargerOfBoth => string.Format(text(KeyPrefix + "Larger"), percent, perUnit),
            DepositCombineMode.SmallerOfBoth => string.Format(text(KeyPrefix + "Smaller"), percent, perUnit),
            _ => percent
        };
        if (rule.Choices.Count > 0)
            main += string.Format(text(KeyPrefix + "Choices"), string.Join(", ", rule.Choices.OrderBy(c => c.Percent).Select(c => Percent(c.Percent))));
        if (rule.MinAmount is decimal min)
            main += string.Format(text(KeyPrefix + "Min"), Money(min, currencyCode));
        if (rule.MaxAmount is decimal max)
            main += string.Format(text(KeyPrefix + "Max"), Money(max, currencyCode));
        return main;
    }

    private static string Percent(decimal? percent) => (percent ?? 0m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Money(decimal amount, string currencyCode) =>
        amount.ToString("0.00", CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(currencyCode) ? string.Empty : " " + currencyCode);
}
