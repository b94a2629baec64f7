using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

[TestFixture]
public class DepositCalculatorTests
{
    private static readonly MoneyCurrency Usd = MoneyCurrency.Primary("USD");
    // 1 USD = 92.5 RUB, whole roubles (nopCommerce's Rounding1)
    private static readonly MoneyCurrency Rub = new("RUB", 92.5m, RoundingType.Rounding1);
    // 1 USD = 0.9 CHF, Swiss cash rounding to 0.05 up
    private static readonly MoneyCurrency Chf = new("CHF", 0.9m, RoundingType.Rounding005Up);

    public static IEnumerable<TestCaseData> Cases()
    {
        // lineTotal, qty, rule, currency, daysAhead, chosen, charm => deposit in currency, balance in currency
        yield return new TestCaseData(100m, 1, new DepositRule { Percent = 20m }, Usd, 0, null, false, 20m, 80m).SetName("20 percent in USD");
        yield return new TestCaseData(99.99m, 1, new DepositRule { Percent = 15m }, Usd, 0, null, false, 15.00m, 84.99m).SetName("15 percent rounds to cents");
        yield return new TestCaseData(100m, 1, new DepositRule { Percent = 33m }, Rub, 0, null, false, 3053m, 6197m).SetName("RUB whole roubles");
        yield return new TestCaseData(10m, 1, new DepositRule { Percent = 33m }, Chf, 0, null, false, 3.00m, 6.00m).SetName("CHF 0.05 up: 2.97 becomes 3.00");
        yield return new TestCaseData(10m, 1, new DepositRule { Percent = 31m }, Chf, 0, null, false, 2.80m, 6.20m).SetName("CHF 0.05 up: 2.79 becomes 2.80");
        yield return new TestCaseData(1000m, 4, new DepositRule { FixedPerUnit = 30m, Combine = DepositCombineMode.FixedOnly }, Usd, 0, null, false, 120m, 880m).SetName("fixed per unit");
        yield return new TestCaseData(1000m, 4, new DepositRule { Percent = 10m, FixedPerUnit = 30m, Combine = DepositCombineMode.LargerOfBoth }, Usd, 0, null, false, 120m, 880m).SetName("larger of both");
        yield return new TestCaseData(1000m, 4, new DepositRule { Percent = 10m, FixedPerUnit = 30m, Combine = DepositCombineMode.SmallerOfBoth }, Usd, 0, null, false, 100m, 900m).SetName("smaller of both");
        yield return new TestCaseData(100m, 1, new DepositRule { Percent = 5m, MinAmount = 10m }, Usd, 0, null, false, 10m, 90m).SetName("minimum applies");
        yield return new TestCaseData(1000m, 1, new DepositRule { Percent = 50m, MaxAmount = 200m }, Usd, 0, null, false, 200m, 800m).SetName("maximum applies");
        yield return new TestCaseData(50m, 1, new DepositRule { Percent = 10m, MinAmount = 80m }, Usd, 0, null, false, 50m, 0m).SetName("minimum never above the line");
        yield return new TestCaseData(123.45m, 1, new DepositRule { Percent = 100m }, Usd, 0, null, false, 123.45m, 0m).SetName("100 percent is the whole line");
        yield return new TestCaseData(100m, 1, new DepositRule { Percent = 10m, TermTiers = { new() { MinDaysAhead = 0, Percent = 10m }, new() { MinDaysAhead = 30, Percent = 20m } } }, Usd, 10, null, false, 10m, 90m).SetName("term tier short");
        yield return new TestCaseData(100m, 1, new DepositRule { Percent = 10m, TermTiers = { new() { MinDaysAhead = 0, Percent = 10m }, new() { MinDaysAhead = 30, Percent = 20m } } }, Usd, 45, null, false, 20m, 80m).SetName("term tier long");
        yield return new TestCaseData(100m, 1, new DepositRule { Percent = 10m, Choices = { new() { Percent = 10m }, new() { Percent = 30m, Perk = "free shipping" } } }, Usd, 0, 30m, false, 30m, 70m).SetName("customer-chosen tier");
        yield return new TestCaseData(25000m, 1, new DepositRule { Percent = 20m }, Usd, 0, null, true, 4900m, 20100m).SetName("charm 5000 becomes 4900");
        yield return new TestCaseData(6170m, 1, new DepositRule { Percent = 20m }, Usd, 0, null, true, 1200m, 4970m).SetName("charm 1234 becomes 1200");
        yield return new TestCaseData(100m, 1, new DepositRule { Percent = 20m }, Rub, 0, null, true, 1800m, 7450m).SetName("charm in roubles 1850 becomes 1800");
    }

    [TestCaseSource(nameof(Cases))]
    public void Deposit_and_balance_in_the_shoppers_currency(decimal lineTotal, int quantity, DepositRule rule, MoneyCurrency currency,
        int daysAhead, decimal? chosen, bool charm, decimal expectedDeposit, decimal expectedBalance)
    {
        var quote = DepositCalculator.Calculate(lineTotal, quantity, rule, currency, daysAhead, chosen, charm);

        Assert.That(quote.DepositInCurrency, Is.EqualTo(expectedDeposit));
        Assert.That(quote.BalanceInCurrency, Is.EqualTo(expectedBalance));
        // stored amounts (primary currency) always add up to the line exactly
        Assert.That(quote.Deposit + quote.Balance, Is.EqualTo(lineTotal));
        Assert.That(quote.Deposit, Is.InRange(0m, lineTotal));
    }

    [Test]
    public void A_level_the_rule_does_not_offer_is_refused()
    {
        var rule = new DepositRule { Percent = 10m, Choices = { new() { Percent = 10m }, new() { Percent = 20m } } };
        Assert.Throws<ArgumentException>(() => DepositCalculator.Calculate(100m, 1, rule, Usd, chosenPercent: 50m));
    }

    [Test]
    public void Negative_line_or_rate_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DepositCalculator.Calculate(-1m, 1, new DepositRule { Percent = 10m }, Usd));
        Assert.Throws<ArgumentOutOfRangeException>(() => DepositCalculator.Calculate(10m, 1, new DepositRule { Percent = 10m }, new MoneyCurrency("X", 0m, RoundingType.Rounding001)));
    }

    [TestCase(100, 1, new[] { "100" })]
    [TestCase(100, 3, new[] { "33.33", "33.33", "33.34" })]
    // 0.025 a share rounds to the even cent like nopCommerce (0.02); the last share takes the remainder
    [TestCase(0.05, 2, new[] { "0.02", "0.03" })]
    public void Balance_split_into_installments_adds_up(decimal balance, int installments, string[] expected)
    {
        var parts = DepositCalculator.SplitBalance(balance, installments, Usd);
        Assert.That(parts.Select(p => p.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(expected));
        Assert.That(parts.Sum(), Is.EqualTo(balance));
    }

    public static IEnumerable<TestCaseData> InvalidRules()
    {
        yield return new TestCaseData(new DepositRule { Percent = -5m }, PreorderDefaults.Resources.DepositPercentRange).SetName("negative percent");
        yield return new TestCaseData(new DepositRule { Percent = 0m }, PreorderDefaults.Resources.DepositPercentRange).SetName("zero percent");
        yield return new TestCaseData(new DepositRule { Percent = 150m }, PreorderDefaults.Resources.DepositPercentRange).SetName("over 100 percent");
        yield return new TestCaseData(new DepositRule { Percent = 10m, FixedPerUnit = -1m }, PreorderDefaults.Resources.DepositNegative).SetName("negative fixed");
        yield return new TestCaseData(new DepositRule { Percent = 10m, MinAmount = 50m, MaxAmount = 10m }, PreorderDefaults.Resources.DepositMinAboveMax).SetName("min above max");
        yield return new TestCaseData(new DepositRule { Combine = DepositCombineMode.FixedOnly }, PreorderDefaults.Resources.DepositFixedRequired).SetName("fixed mode without amount");
        yield return new TestCaseData(new DepositRule { Percent = 10m, Installments = 0 }, PreorderDefaults.Resources.DepositInstallmentsRange).SetName("zero installments");
        yield return new TestCaseData(new DepositRule { Percent = 10m, TermTiers = { new() { MinDaysAhead = -1, Percent = 10m } } }, PreorderDefaults.Resources.DepositPercentRange).SetName("negative tier days");
    }

    [TestCaseSource(nameof(InvalidRules))]
    public void Invalid_rules_are_reported(DepositRule rule, string expectedKey) =>
        Assert.That(DepositCalculator.Validate(rule), Does.Contain(expectedKey));

    [Test]
    public void A_sensible_rule_is_valid() =>
        Assert.That(DepositCalculator.Validate(new DepositRule { Percent = 20m, MinAmount = 5m, MaxAmount = 500m }), Is.Empty);
}
