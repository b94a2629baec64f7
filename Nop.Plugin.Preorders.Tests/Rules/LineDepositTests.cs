using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>
/// The one per-line deposit function the product page, the checkout split and placement share. Every figure is
/// worked out by hand in the comments: computed in the shopper's currency, rounded there (nopCommerce's rounding
/// type, after an optional charm figure), converted back to the primary currency with 4 decimals.
/// </summary>
[TestFixture]
public class LineDepositTests
{
    private static readonly DateTime Checkout = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static readonly MoneyCurrency Usd = MoneyCurrency.Primary("USD");
    // a dollar store's rouble shopper: 1 USD = 92.5 RUB; nopCommerce installs RUB with Rounding001
    private static readonly MoneyCurrency RubCents = new("RUB", 92.5m, RoundingType.Rounding001);
    // the same with whole roubles (a shop that set Rounding1)
    private static readonly MoneyCurrency RubWhole = new("RUB", 92.5m, RoundingType.Rounding1);
    private static readonly MoneyCurrency ChfUp = new("CHF", 0.9m, RoundingType.Rounding005Up);
    private static readonly MoneyCurrency ChfDown = new("CHF", 0.9m, RoundingType.Rounding005Down);
    private static readonly MoneyCurrency Eur01Up = new("EUR", 0.86m, RoundingType.Rounding01Up);
    private static readonly MoneyCurrency Eur01Down = new("EUR", 0.86m, RoundingType.Rounding01Down);
    private static readonly MoneyCurrency Eur05 = new("EUR", 0.86m, RoundingType.Rounding05);
    private static readonly MoneyCurrency Sek1 = new("SEK", 8.8m, RoundingType.Rounding1);
    private static readonly MoneyCurrency Sek1Up = new("SEK", 8.8m, RoundingType.Rounding1Up);

    private static DepositTerms Terms(DepositRule rule, bool charm = false, PreorderPaymentMode mode = PreorderPaymentMode.Deposit, DateTime? ship = null) =>
        new(mode, rule, charm, ship ?? Checkout.AddDays(60));

    public static IEnumerable<TestCaseData> Lines()
    {
        // lineTotal (incl. tax, for the quantity), quantity, terms, currency => deposit in currency, deposit stored (primary, 4 dp)
        yield return new TestCaseData(100m, 1, Terms(new DepositRule { Percent = 15m }), Usd, 15.00m, 15.0000m)
            .SetName("USD shopper: 15 % of 100.00 is 15.00");
        yield return new TestCaseData(100m, 1, Terms(new DepositRule { Percent = 15m }), RubCents, 1387.50m, 15.0000m)
            .SetName("RUB, nop rounding: 9250 RUB x 15 % = 1387.50 RUB = 15.0000 USD");
        yield return new TestCaseData(100m, 1, Terms(new DepositRule { Percent = 15m }), RubWhole, 1388m, 15.0054m)
            .SetName("RUB whole roubles: 1387.50 rounds to 1388 RUB = 1388 / 92.5 = 15.0054 USD, not 15.00");
        yield return new TestCaseData(100m, 1, Terms(new DepositRule { Percent = 15m }, charm: true), RubWhole, 1300m, 14.0541m)
            .SetName("charm in roubles: 1387.50 becomes 1300 RUB = 14.0541 USD (a charm in dollars would say 15.00)");
        yield return new TestCaseData(99.99m, 3, Terms(new DepositRule { Percent = 20m }), RubCents, 1849.82m, 19.9981m)
            .SetName("quantity 3 x 33.33: 99.99 USD = 9249.075 RUB x 20 % = 1849.815 = 1849.82 RUB = 19.9981 USD");
        yield return new TestCaseData(400m, 4, Terms(new DepositRule { FixedPerUnit = 12.34m, Combine = DepositCombineMode.FixedOnly }), RubWhole, 4566m, 49.3622m)
            .SetName("fixed 12.34 USD a unit x 4 = 49.36 USD = 4565.80 RUB, whole: 4566 RUB = 49.3622 USD");
        yield return new TestCaseData(400m, 4, Terms(new DepositRule { Percent = 10m, FixedPerUnit = 30m, Combine = DepositCombineMode.LargerOfBoth }), RubCents, 11100m, 120m)
            .SetName("larger of 10 % (3700 RUB) and 30 USD x 4 (11100 RUB)");
        yield return new TestCaseData(400m, 4, Terms(new DepositRule { Percent = 10m, FixedPerUnit = 30m, Combine = DepositCombineMode.SmallerOfBoth }), RubCents, 3700m, 40m)
            .SetName("smaller of 10 % (3700 RUB) and 30 USD x 4 (11100 RUB)");
        yield return new TestCaseData(99.98m, 2, Terms(new DepositRule { Percent = 10m, FixedPerUnit = 5m, Combine = DepositCombineMode.LargerOfBoth, MaxAmount = 8m }), ChfUp, 7.20m, 8.0000m)
            .SetName("larger of 8.9982 and 9.00 CHF, capped at 8 USD = 7.20 CHF");
        yield return new TestCaseData(100m, 1, Terms(new DepositRule { Percent = 5m, MinAmount = 10m }, charm: true), RubCents, 925m, 10.0000m)
            .SetName("charm 462.50 to 460 RUB, then the 10 USD minimum = 925 RUB");
        yield return new TestCaseData(10m, 1, Terms(new DepositRule { Percent = 33m }), ChfUp, 3.00m, 3.3333m)
            .SetName("Rounding005Up: 2.97 CHF becomes 3.00 = 3.3333 USD");
        yield return new TestCaseData(10m, 1, Terms(new DepositRule { Percent = 33m }), ChfDown, 2.95m, 3.2778m)
            .SetName("Rounding005Down: 2.97 CHF becomes 2.95 = 3.2778 USD");
        yield return new TestCaseData(12.50m, 1, Terms(new DepositRule { Percent = 20m }), Eur01Up, 2.20m, 2.5581m)
            .SetName("Rounding01Up: 10.75 EUR x 20 % = 2.15 becomes 2.20 = 2.5581 USD");
        yield return new TestCaseData(12.50m, 1, Terms(new DepositRule { Percent = 20m }), Eur01Down, 2.10m, 2.4419m)
            .SetName("Rounding01Down: 2.15 EUR becomes 2.10 = 2.4419 USD");
        yield return new TestCaseData(12.50m, 1, Terms(new DepositRule { Percent = 20m }), Eur05, 2.00m, 2.3256m)
            .SetName("Rounding05: 2.15 EUR becomes 2.00 = 2.3256 USD");
        yield return new TestCaseData(12.50m, 1, Terms(new DepositRule { Percent = 40m }), Eur05, 4.50m, 5.2326m)
            .SetName("Rounding05: 4.30 EUR becomes 4.50 = 5.2326 USD");
        yield return new TestCaseData(10m, 1, Terms(new DepositRule { Percent = 15m }), Sek1, 13m, 1.4773m)
            .SetName("Rounding1: 88 SEK x 15 % = 13.20 becomes 13 = 1.4773 USD");
        yield return new TestCaseData(10m, 1, Terms(new DepositRule { Percent = 15m }), Sek1Up, 14m, 1.5909m)
            .SetName("Rounding1Up: 13.20 SEK becomes 14 = 1.5909 USD");
        yield return new TestCaseData(12.25m, 1, Terms(new DepositRule { Percent = 10m }), Usd, 1.22m, 1.2200m)
            .SetName("Rounding001 like nopCommerce: a half cent to even, 1.225 becomes 1.22");
        yield return new TestCaseData(100m, 1, Terms(new DepositRule { Percent = 10m, TermTiers = { new() { MinDaysAhead = 0, Percent = 10m }, new() { MinDaysAhead = 30, Percent = 25m } } },
                ship: Checkout.AddDays(30)), Usd, 25m, 25m)
            .SetName("term tier: exactly 30 days from the checkout moment is the 30-day tier");
        yield return new TestCaseData(100m, 1, Terms(new DepositRule { Percent = 10m, TermTiers = { new() { MinDaysAhead = 0, Percent = 10m }, new() { MinDaysAhead = 30, Percent = 25m } } },
                ship: Checkout.AddDays(30).AddSeconds(-1)), Usd, 10m, 10m)
            .SetName("term tier: a second short of 30 days is 29 whole days");
        yield return new TestCaseData(123.45m, 2, Terms(new DepositRule { Percent = 20m }, mode: PreorderPaymentMode.FullUpfront), RubWhole, 11419.12m, 123.45m)
            .SetName("paid in full: the whole line, 123.45 USD = 11419.125 RUB, half a kopeck to even: 11419.12");
        yield return new TestCaseData(123.45m, 2, Terms(new DepositRule { Percent = 20m }, mode: PreorderPaymentMode.PayOnShip), RubWhole, 0m, 0m)
            .SetName("paid on shipment: nothing now");
    }

    [TestCaseSource(nameof(Lines))]
    public void One_line(decimal lineTotal, int quantity, DepositTerms terms, MoneyCurrency currency, decimal expectedInCurrency, decimal expectedStored)
    {
        var quote = LineDeposit.Quote(lineTotal, quantity, terms, currency, Checkout);

        Assert.That(quote.DepositInCurrency, Is.EqualTo(expectedInCurrency), "what the shopper pays, in their currency");
        Assert.That(quote.Deposit, Is.EqualTo(expectedStored), "what the ledger expects, primary currency");
        Assert.That(quote.Deposit + quote.Balance, Is.EqualTo(lineTotal), "the balance takes the remainder");
    }

    [Test]
    public void Several_lines_in_one_order_rouble_shopper()
    {
        var rub = RubWhole;
        // A: 1 x 100 USD, 15 %: 1387.50 -> 1388 RUB = 15.0054 USD; balance 84.9946 USD, 9250 - 1388 = 7862 RUB
        var a = LineDeposit.Quote(100m, 1, Terms(new DepositRule { Percent = 15m }), rub, Checkout);
        // B: 2 x 33.33 = 66.66 USD, paid on shipment: balance 66.66 USD = 6166.05 RUB
        var b = LineDeposit.Quote(66.66m, 2, Terms(null, mode: PreorderPaymentMode.PayOnShip), rub, Checkout);
        // C: 20 USD paid in full: 1850 RUB now
        var c = LineDeposit.Quote(20m, 1, Terms(null, mode: PreorderPaymentMode.FullUpfront), rub, Checkout);

        // order total 100 + 66.66 + 20 + 10 shipping = 196.66 USD = 18191.05 RUB
        var due = LineDeposit.DueAtCheckout(196.66m, new[] { a, b, c }, rub);

        // now: 196.66 - (84.9946 + 66.66 + 0) = 45.0054 USD = 15.0054 + 20 + 10
        Assert.That(due.DueNow, Is.EqualTo(45.0054m));
        Assert.That(due.DueLater, Is.EqualTo(151.6546m));
        // in roubles: 18191.05 - (7862 + 6166.05) = 4163 = 1388 + 1850 + 925
        Assert.That(due.DueNowInCurrency, Is.EqualTo(4163m));
    }

    [Test]
    public void The_shoppers_chosen_level_applies_only_where_the_rule_offers_it()
    {
        var offering = Terms(new DepositRule { Percent = 10m, Choices = { new() { Percent = 10m }, new() { Percent = 50m } } });
        var plain = Terms(new DepositRule { Percent = 10m });

        Assert.That(LineDeposit.Quote(100m, 1, offering, Usd, Checkout, chosenPercent: 50m).Deposit, Is.EqualTo(50m));
        Assert.That(LineDeposit.Quote(100m, 1, plain, Usd, Checkout, chosenPercent: 50m).Deposit, Is.EqualTo(10m), "another line's level");
    }

    [Test]
    public void Rule_and_mode_fall_back_product_then_store_then_twenty_percent()
    {
        var settings = new PreorderSettings { DefaultPaymentMode = PreorderPaymentMode.PayOnShip, DefaultDepositRuleJson = "{\"Percent\":30}" };
        var inherits = new PreorderProfile { PaymentModeId = 0 };
        var own = new PreorderProfile { PaymentMode = PreorderPaymentMode.Deposit, DepositRuleJson = "{\"Percent\":40}" };

        Assert.That(DepositTerms.Of(inherits, settings).Mode, Is.EqualTo(PreorderPaymentMode.PayOnShip));
        Assert.That(DepositTerms.Of(inherits, settings).Rule.Percent, Is.EqualTo(30m));
        Assert.That(DepositTerms.Of(own, settings).Mode, Is.EqualTo(PreorderPaymentMode.Deposit));
        Assert.That(DepositTerms.Of(own, settings).Rule.Percent, Is.EqualTo(40m));
        Assert.That(DepositTerms.Of(inherits, new PreorderSettings()).Rule.Percent, Is.EqualTo(20m));
    }

    [TestCase(0, 0)]
    [TestCase(-5, 0)]
    [TestCase(29.99, 29)]
    [TestCase(30, 30)]
    public void Days_ahead_are_whole_days_from_the_checkout_moment(double days, int expected) =>
        Assert.That(LineDeposit.DaysAhead(Checkout.AddDays(days), Checkout), Is.EqualTo(expected));
}
