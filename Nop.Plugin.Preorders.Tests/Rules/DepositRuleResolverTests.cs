using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>The precedence of deposit rules: product mode, customer role, product, category, store.</summary>
[TestFixture]
public class DepositRuleResolverTests
{
    private const int Cameras = 11, Lenses = 12, Vip = 3, NewCustomers = 4, Wholesale = 5;

    private static readonly ScopedDepositRule CamerasRule = new(1, DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, new DepositRule { Percent = 20m }, 0);
    private static readonly ScopedDepositRule LensesRule = new(2, DepositRuleScope.Category, Lenses, PreorderPaymentMode.Deposit, new DepositRule { Percent = 40m }, 0);
    private static readonly ScopedDepositRule VipRule = new(3, DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, new DepositRule { Percent = 10m }, 1);
    private static readonly ScopedDepositRule NewRule = new(4, DepositRuleScope.CustomerRole, NewCustomers, PreorderPaymentMode.Deposit, new DepositRule { Percent = 30m }, 2);
    private static readonly ScopedDepositRule WholesaleRule = new(5, DepositRuleScope.CustomerRole, Wholesale, PreorderPaymentMode.FullUpfront, null, 2);
    private static readonly ScopedDepositRule[] AllRules = { CamerasRule, LensesRule, VipRule, NewRule, WholesaleRule };

    private static readonly PreorderSettings Store = new() { DefaultDepositRuleJson = "{\"Percent\":25}", DefaultPaymentMode = PreorderPaymentMode.Deposit };

    private static PreorderProfile Profile(decimal? ownPercent = null, PreorderPaymentMode mode = PreorderPaymentMode.Deposit) => new()
    {
        ProductId = 9, Enabled = true, PaymentMode = mode,
        DepositRuleJson = ownPercent is decimal p ? $"{{\"Percent\":{p}}}" : null
    };

    // own rule %, categories (in the product's order), roles, expected mode, expected %, expected source
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(null, new int[0], new int[0], PreorderPaymentMode.Deposit, 25m, DepositRuleSource.Store).SetName("No rule anywhere: the store's");
        yield return new TestCaseData(null, new[] { Cameras }, new int[0], PreorderPaymentMode.Deposit, 20m, DepositRuleSource.Category).SetName("A guest, a product of a category with a rule: the category's");
        yield return new TestCaseData(50m, new[] { Cameras }, new int[0], PreorderPaymentMode.Deposit, 50m, DepositRuleSource.Product).SetName("The product's own rule beats its category's");
        yield return new TestCaseData(null, new[] { Lenses, Cameras }, new int[0], PreorderPaymentMode.Deposit, 40m, DepositRuleSource.Category).SetName("Several categories: the first in the product's order");
        yield return new TestCaseData(null, new[] { 99, Cameras }, new int[0], PreorderPaymentMode.Deposit, 20m, DepositRuleSource.Category).SetName("A category without a rule is passed over");
        yield return new TestCaseData(null, new[] { Cameras }, new[] { Vip }, PreorderPaymentMode.Deposit, 10m, DepositRuleSource.CustomerRole).SetName("A role's rule beats the category's");
        yield return new TestCaseData(50m, new[] { Cameras }, new[] { Vip }, PreorderPaymentMode.Deposit, 10m, DepositRuleSource.CustomerRole).SetName("A role's rule beats the product's own");
        yield return new TestCaseData(null, new[] { Cameras }, new[] { NewCustomers, Vip }, PreorderPaymentMode.Deposit, 10m, DepositRuleSource.CustomerRole).SetName("Two roles: the lowest priority wins");
        yield return new TestCaseData(null, new[] { Cameras }, new[] { Wholesale, NewCustomers }, PreorderPaymentMode.Deposit, 30m, DepositRuleSource.CustomerRole).SetName("Equal priorities: the lowest role id wins");
        yield return new TestCaseData(null, new[] { Cameras }, new[] { Wholesale }, PreorderPaymentMode.FullUpfront, 20m, DepositRuleSource.CustomerRole).SetName("Wholesale: no deposit, pays in full (the base rule kept)");
        yield return new TestCaseData(null, new[] { Cameras }, new[] { 77 }, PreorderPaymentMode.Deposit, 20m, DepositRuleSource.Category).SetName("A role without a rule changes nothing");
    }

    [TestCaseSource(nameof(Cases))]
    public void Precedence(decimal? ownPercent, int[] categories, int[] roles, PreorderPaymentMode mode, decimal percent, DepositRuleSource source)
    {
        var resolved = DepositRuleResolver.Resolve(Profile(ownPercent), Store, categories, roles, AllRules);

        Assert.Multiple(() =>
        {
            Assert.That(resolved.Terms.Mode, Is.EqualTo(mode));
            Assert.That(resolved.Terms.Rule.Percent, Is.EqualTo(percent));
            Assert.That(resolved.Source, Is.EqualTo(source));
        });
    }

    [TestCase(PreorderPaymentMode.FullUpfront)]
    [TestCase(PreorderPaymentMode.PayOnShip)]
    public void A_product_sold_without_deposit_keeps_its_mode_for_every_role(PreorderPaymentMode productMode)
    {
        var resolved = DepositRuleResolver.Resolve(Profile(mode: productMode), Store, new[] { Cameras }, new[] { Vip }, AllRules);

        Assert.That(resolved.Terms.Mode, Is.EqualTo(productMode));
        Assert.That(resolved.RoleRule, Is.Null, "no role rule applies to a product without deposit");
    }

    [Test]
    public void The_store_s_default_mode_counts_as_the_product_s_when_the_product_has_none()
    {
        var store = new PreorderSettings { DefaultDepositRuleJson = "{\"Percent\":25}", DefaultPaymentMode = PreorderPaymentMode.PayOnShip };
        var profile = Profile();
        profile.PaymentModeId = 0;

        Assert.That(DepositRuleResolver.Resolve(profile, store, new[] { Cameras }, new[] { Vip }, AllRules).Terms.Mode, Is.EqualTo(PreorderPaymentMode.PayOnShip));
    }

    [Test]
    public void Without_scoped_rules_the_terms_are_exactly_the_product_s_and_the_store_s()
    {
        var profile = Profile(35m);
        profile.ExpectedShipDateUtc = new DateTime(2027, 1, 1);
        var settings = new PreorderSettings { DefaultDepositRuleJson = "{\"Percent\":25}", CharmRounding = true };

        var resolved = DepositRuleResolver.Resolve(profile, settings, null, null, Array.Empty<ScopedDepositRule>());
        var plain = DepositTerms.Of(profile, settings);

        Assert.That((resolved.Terms.Mode, resolved.Terms.Rule.Percent, resolved.Terms.CharmRounding, resolved.Terms.ExpectedShipDateUtc),
            Is.EqualTo((plain.Mode, plain.Rule.Percent, plain.CharmRounding, plain.ExpectedShipDateUtc)));
    }

    [Test]
    public void The_category_rule_is_reported_even_when_the_product_s_own_is_used()
    {
        var resolved = DepositRuleResolver.Resolve(Profile(50m), Store, new[] { Cameras }, Array.Empty<int>(), AllRules);

        Assert.That(resolved.CategoryRule, Is.SameAs(CamerasRule));
        Assert.That(resolved.Source, Is.EqualTo(DepositRuleSource.Product));
    }

    [TestCase(DepositRuleScope.Category, PreorderPaymentMode.Deposit, true)]
    [TestCase(DepositRuleScope.Category, PreorderPaymentMode.FullUpfront, false)]
    [TestCase(DepositRuleScope.Category, PreorderPaymentMode.PayOnShip, false)]
    [TestCase(DepositRuleScope.CustomerRole, PreorderPaymentMode.Deposit, true)]
    [TestCase(DepositRuleScope.CustomerRole, PreorderPaymentMode.FullUpfront, true)]
    [TestCase(DepositRuleScope.CustomerRole, PreorderPaymentMode.PayOnShip, true)]
    [TestCase(DepositRuleScope.CustomerRole, (PreorderPaymentMode)0, false)]
    [TestCase((DepositRuleScope)9, PreorderPaymentMode.Deposit, false)]
    public void Modes_a_scope_allows(DepositRuleScope scope, PreorderPaymentMode mode, bool allowed) =>
        Assert.That(DepositRuleResolver.ModeAllowed(scope, mode), Is.EqualTo(allowed));

    [Test]
    public void Role_rules_are_listed_in_the_order_they_win() =>
        Assert.That(DepositRuleResolver.InPrecedence(new[] { WholesaleRule, NewRule, VipRule }).Select(r => r.TargetId), Is.EqualTo(new[] { Vip, NewCustomers, Wholesale }));

    private static string Text(string key) => key.Replace(DepositRuleText.KeyPrefix, string.Empty) switch
    {
        "FullUpfront" => "pay in full",
        "PayOnShip" => "pay on shipment",
        "Tier" => "{0} from {1} days",
        "Tiers" => " (by term: {0})",
        "Fixed" => "{0} per unit",
        "Larger" => "the larger of {0} and {1}",
        "Smaller" => "the smaller of {0} and {1}",
        "Choices" => "; choice {0}",
        "Min" => ", at least {0}",
        "Max" => ", at most {0}",
        var other => other
    };

    private static IEnumerable<TestCaseData> Texts()
    {
        yield return new TestCaseData(PreorderPaymentMode.Deposit, new DepositRule { Percent = 20m }, "20%");
        yield return new TestCaseData(PreorderPaymentMode.Deposit, new DepositRule { FixedPerUnit = 50m, Combine = DepositCombineMode.FixedOnly }, "50.00 USD per unit");
        yield return new TestCaseData(PreorderPaymentMode.Deposit, new DepositRule { Percent = 12.5m, FixedPerUnit = 5m, Combine = DepositCombineMode.LargerOfBoth, MinAmount = 30m },
            "the larger of 12.5% and 5.00 USD per unit, at least 30.00 USD");
        yield return new TestCaseData(PreorderPaymentMode.Deposit, new DepositRule { Percent = 10m, FixedPerUnit = 5m, Combine = DepositCombineMode.SmallerOfBoth, MaxAmount = 80m },
            "the smaller of 10% and 5.00 USD per unit, at most 80.00 USD");
        yield return new TestCaseData(PreorderPaymentMode.Deposit, new DepositRule { Percent = 10m, TermTiers = { new() { MinDaysAhead = 60, Percent = 30m } } }, "10% (by term: 30% from 60 days)");
        yield return new TestCaseData(PreorderPaymentMode.Deposit, new DepositRule { TermTiers = { new() { MinDaysAhead = 0, Percent = 10m } } }, "10% from 0 days");
        yield return new TestCaseData(PreorderPaymentMode.Deposit, new DepositRule { Percent = 20m, Choices = { new() { Percent = 50m }, new() { Percent = 25m } } }, "20%; choice 25%, 50%");
        yield return new TestCaseData(PreorderPaymentMode.FullUpfront, null, "pay in full");
        yield return new TestCaseData(PreorderPaymentMode.PayOnShip, null, "pay on shipment");
    }

    [TestCaseSource(nameof(Texts))]
    public void A_rule_in_words(PreorderPaymentMode mode, DepositRule rule, string expected) =>
        Assert.That(DepositRuleText.Describe(mode, rule, "USD", Text), Is.EqualTo(expected));
}
