using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>The currency a deposit is shown and rounded in: its rate from the primary currency and rounding type.</summary>
public record MoneyCurrency(string Code, decimal Rate, RoundingType Rounding)
{
    public static MoneyCurrency Primary(string code = "USD") => new(code, 1m, RoundingType.Rounding001);
}

/// <summary>What one line owes now and later, in both currencies.</summary>
public record DepositQuote(decimal LineTotal, decimal Deposit, decimal Balance, decimal DepositInCurrency, decimal BalanceInCurrency, decimal AppliedPercent);

/// <summary>
/// Deposit math. The deposit is a part payment of what the shopper actually owes for the line (after
/// discounts and coupons, tax included as charged); shipping and order-level fees are paid with the
/// balance, so the nopCommerce order total stays the full total. Amounts come in the primary store
/// currency; the deposit is rounded in the shopper's currency (so they see a clean figure), and the
/// balance takes the remainder, so deposit + balance always equals the line total exactly.
/// The product page, checkout split and placement reach it only through <see cref="LineDeposit.Quote"/>, which
/// resolves the payment mode, the shopper's chosen level and the term from one checkout moment.
/// </summary>
public static class DepositCalculator
{
    public static DepositQuote Calculate(decimal lineTotal, int quantity, DepositRule rule, MoneyCurrency currency,
        int daysAhead = 0, decimal? chosenPercent = null, bool charm = false)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(currency);
        if (lineTotal < 0m)
            throw new ArgumentOutOfRangeException(nameof(lineTotal));
        if (currency.Rate <= 0m)
            throw new ArgumentOutOfRangeException(nameof(currency));

        var percent = EffectivePercent(rule, daysAhead, chosenPercent);
        var totalInCurrency = lineTotal * currency.Rate;

        if (percent >= 100m && rule.Combine == DepositCombineMode.PercentOnly)
            return new DepositQuote(lineTotal, lineTotal, 0m, MoneyRounding.Round(totalInCurrency, RoundingType.Rounding001), 0m, 100m);

        var byPercent = totalInCurrency * percent / 100m;
        var byFixed = (rule.FixedPerUnit ?? 0m) * Math.Max(quantity, 0) * currency.Rate;
        var raw = rule.Combine switch
        {
            DepositCombineMode.FixedOnly => byFixed,
            DepositCombineMode.LargerOfBoth => Math.Max(byPercent, byFixed),
            DepositCombineMode.SmallerOfBoth => Math.Min(byPercent, byFixed),
            _ => byPercent
        };

        if (charm)
            raw = MoneyRounding.Charm(raw);
        if (rule.MinAmount is decimal min)
            raw = Math.Max(raw, min * currency.Rate);
        if (rule.MaxAmount is decimal max)
            raw = Math.Min(raw, max * currency.Rate);

        var depositInCurrency = MoneyRounding.Round(raw, currency.Rounding);
        var totalRounded = MoneyRounding.Round(totalInCurrency, RoundingType.Rounding001);
        depositInCurrency = Math.Clamp(depositInCurrency, 0m, totalRounded);

        // Stored in the primary currency with the database's 4 decimals; the balance takes the remainder.
        var deposit = depositInCurrency >= totalRounded ? lineTotal : Math.Round(depositInCurrency / currency.Rate, 4);
        deposit = Math.Min(deposit, lineTotal);
        return new DepositQuote(lineTotal, deposit, lineTotal - deposit, depositInCurrency, totalRounded - depositInCurrency, percent);
    }

    /// <summary>The shopper's chosen level, else the term tier, else the rule's percentage.</summary>
    public static decimal EffectivePercent(DepositRule rule, int daysAhead, decimal? chosenPercent)
    {
        if (chosenPercent is decimal chosen)
        {
            if (!rule.Choices.Any(c => c.Percent == chosen))
                throw new ArgumentException("The chosen deposit level is not offered.", nameof(chosenPercent));
            return chosen;
        }

        var tier = rule.TermTiers.Where(t => t.MinDaysAhead <= daysAhead).OrderByDescending(t => t.MinDaysAhead).FirstOrDefault();
        return tier?.Percent ?? rule.Percent ?? 0m;
    }

    /// <summary>
    /// Splits the balance into the rule's installments in the shopper's currency (equal rounded shares, the
    /// remainder on the last one, which falls due on allocation). Returns primary-currency amounts.
    /// </summary>
    public static IReadOnlyList<decimal> SplitBalance(decimal balance, int installments, MoneyCurrency currency)
    {
        if (installments < 1)
            throw new ArgumentOutOfRangeException(nameof(installments));
        if (balance <= 0m)
            return Array.Empty<decimal>();

        var parts = new List<decimal>(installments);
        var share = MoneyRounding.Round(balance * currency.Rate / installments, RoundingType.Rounding001);
        var assigned = 0m;
        for (var i = 0; i < installments - 1; i++)
        {
            var part = Math.Round(share / currency.Rate, 4);
            parts.Add(part);
            assigned += part;
        }
        parts.Add(balance - assigned);
        return parts;
    }

    /// <summary>Validation of a rule as a merchant enters it: resource keys of the problems found.</summary>
    public static IList<string> Validate(DepositRule rule)
    {
        var errors = new List<string>();
        if (rule.Percent is decimal p && (p < 1m || p > 100m))
            errors.Add(PreorderDefaults.Resources.DepositPercentRange);
        if (rule.FixedPerUnit is < 0m)
            errors.Add(PreorderDefaults.Resources.DepositNegative);
        if (rule.MinAmount is < 0m || rule.MaxAmount is < 0m)
            errors.Add(PreorderDefaults.Resources.DepositNegative);
        if (rule.MinAmount is decimal min && rule.MaxAmount is decimal max && min > max)
            errors.Add(PreorderDefaults.Resources.DepositMinAboveMax);
        if (rule.Combine != DepositCombineMode.FixedOnly && rule.Percent is null && rule.TermTiers.Count == 0 && rule.Choices.Count == 0)
            errors.Add(PreorderDefaults.Resources.DepositPercentRange);
        if ((rule.Combine is DepositCombineMode.FixedOnly or DepositCombineMode.LargerOfBoth or DepositCombineMode.SmallerOfBoth) && rule.FixedPerUnit is null)
            errors.Add(PreorderDefaults.Resources.DepositFixedRequired);
        if (rule.TermTiers.Any(t => t.Percent < 1m || t.Percent > 100m || t.MinDaysAhead < 0)
            || rule.Choices.Any(c => c.Percent < 1m || c.Percent > 100m))
            errors.Add(PreorderDefaults.Resources.DepositPercentRange);
        if (rule.Installments < 1 || rule.Installments > 24 || rule.InstallmentIntervalDays < 1)
            errors.Add(PreorderDefaults.Resources.DepositInstallmentsRange);
        return errors.Distinct().ToList();
    }
}
