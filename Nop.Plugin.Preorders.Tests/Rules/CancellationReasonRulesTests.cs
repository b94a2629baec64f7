using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>Which cancellation reasons each side may pick, and how the text with them is checked and normalised.</summary>
[TestFixture]
public class CancellationReasonRulesTests
{
    [TestCase(CancellationActor.Shopper, CancellationReason.FoundCheaper)]
    [TestCase(CancellationActor.Shopper, CancellationReason.ShipDateTooLate)]
    [TestCase(CancellationActor.Shopper, CancellationReason.OrderedByMistake)]
    [TestCase(CancellationActor.Shopper, CancellationReason.NoLongerNeeded)]
    [TestCase(CancellationActor.Shopper, CancellationReason.Other)]
    [TestCase(CancellationActor.Merchant, CancellationReason.CustomerRequest)]
    [TestCase(CancellationActor.Merchant, CancellationReason.SupplyProblem)]
    [TestCase(CancellationActor.Merchant, CancellationReason.PaymentProblem)]
    [TestCase(CancellationActor.Merchant, CancellationReason.SuspectedFraud)]
    [TestCase(CancellationActor.Merchant, CancellationReason.Other)]
    public void A_listed_reason_is_accepted(CancellationActor actor, CancellationReason reason)
    {
        var choice = CancellationReasonRules.Validate(actor, (int)reason, "  why  ");
        Assert.That((choice.Reason, choice.Text), Is.EqualTo((reason, "why")), "the text is stored trimmed");
    }

    [TestCase(CancellationActor.Shopper, 0, R.CancelReasonRequired)]
    [TestCase(CancellationActor.Merchant, 0, R.CancelReasonRequired)]
    [TestCase(CancellationActor.Shopper, 999, R.CancelReasonUnknown)]
    [TestCase(CancellationActor.Shopper, -10, R.CancelReasonUnknown)]
    [TestCase(CancellationActor.Shopper, 15, R.CancelReasonUnknown)]
    [TestCase(CancellationActor.Merchant, 999, R.CancelReasonUnknown)]
    [TestCase(CancellationActor.Shopper, (int)CancellationReason.SuspectedFraud, R.CancelReasonUnknown)]
    [TestCase(CancellationActor.Shopper, (int)CancellationReason.CustomerRequest, R.CancelReasonUnknown)]
    [TestCase(CancellationActor.Merchant, (int)CancellationReason.FoundCheaper, R.CancelReasonUnknown)]
    [TestCase(CancellationActor.Merchant, (int)CancellationReason.NoLongerNeeded, R.CancelReasonUnknown)]
    public void A_reason_not_on_the_actors_list_is_refused(CancellationActor actor, int code, string expectedKey)
    {
        var ex = Assert.Throws<PreorderRuleException>(() => CancellationReasonRules.Validate(actor, code, "text"));
        Assert.That(ex!.ResourceKey, Is.EqualTo(expectedKey));
        if (expectedKey == R.CancelReasonUnknown)
            Assert.That(ex.Args, Is.EqualTo(new object[] { code }), "the message names the value refused");
    }

    [TestCase(CancellationActor.Shopper, 500, null)]
    [TestCase(CancellationActor.Shopper, 501, R.CancelReasonTooLong)]
    [TestCase(CancellationActor.Merchant, 1000, null)]
    [TestCase(CancellationActor.Merchant, 1001, R.CancelReasonTooLong)]
    public void The_text_is_bounded_per_actor(CancellationActor actor, int length, string expectedKey)
    {
        var text = "  " + new string('x', length) + "\n";
        var code = (int)CancellationReason.Other;
        if (expectedKey == null)
        {
            Assert.That(CancellationReasonRules.Validate(actor, code, text).Text, Has.Length.EqualTo(length), "the surrounding blanks do not count");
            return;
        }
        var ex = Assert.Throws<PreorderRuleException>(() => CancellationReasonRules.Validate(actor, code, text));
        Assert.That((ex!.ResourceKey, ex.Args.Single()), Is.EqualTo((expectedKey, (object)CancellationReasonRules.MaxTextLength(actor))));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   \t ")]
    public void The_shoppers_comment_is_optional_the_merchants_note_is_not(string text)
    {
        Assert.That(CancellationReasonRules.Validate(CancellationActor.Shopper, (int)CancellationReason.NoLongerNeeded, text).Text, Is.Null, "blank is stored as none");
        var ex = Assert.Throws<PreorderRuleException>(() => CancellationReasonRules.Validate(CancellationActor.Merchant, (int)CancellationReason.SupplyProblem, text));
        Assert.That(ex!.ResourceKey, Is.EqualTo(R.ReasonRequired), "the merchant's note is what the shopper is told");
    }

    [Test]
    public void Text_is_kept_as_typed_and_encoded_only_where_shown()
    {
        var choice = CancellationReasonRules.Validate(CancellationActor.Shopper, (int)CancellationReason.Other, " <script>alert(1)</script> & more ");
        Assert.That(choice.Text, Is.EqualTo("<script>alert(1)</script> & more"));
    }

    [TestCase(CancellationReason.ShipDateTooLate, true)]
    [TestCase(CancellationReason.Other, true)]
    [TestCase(CancellationReason.SuspectedFraud, false)]
    [TestCase(CancellationReason.PaymentProblem, false)]
    [TestCase(CancellationReason.NotGiven, false)]
    public void Only_the_shoppers_own_reasons_are_named_in_their_e_mail(CancellationReason reason, bool shown) =>
        Assert.That(CancellationReasonRules.ShownToShopper(reason), Is.EqualTo(shown));

    [Test]
    public void Every_reason_has_a_name_in_english_and_russian()
    {
        foreach (var reason in Enum.GetValues<CancellationReason>())
        {
            Assert.That(PreorderLocaleResources.All.TryGetValue(CancellationReasonRules.ResourceKey(reason), out var texts), Is.True, reason.ToString());
            Assert.That(texts.En, Is.Not.Empty);
            Assert.That(texts.Ru, Is.Not.Empty.And.Not.EqualTo(texts.En));
        }
        Assert.That(CancellationReasonRules.ShopperReasons.Concat(CancellationReasonRules.MerchantReasons), Does.Not.Contain(CancellationReason.NotGiven),
            "\"not given\" is what the system stores, never a choice");
    }
}
