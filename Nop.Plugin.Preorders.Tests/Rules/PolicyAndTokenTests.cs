using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

[TestFixture]
public class RefundPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    private static PreorderLine Line(PreorderLineState state, DateTime? ship = null) =>
        new() { State = state, DepositAmount = 40m, LineTotal = 200m, ExpectedShipDateUtc = ship };

    [Test]
    public void Refundable_until_stock_arrives_then_forfeitable()
    {
        var settings = new PreorderSettings { RefundableUntilStockArrives = true, AutoRefundDelayDays = 0 };
        Assert.That(RefundPolicy.TermsFor(Line(PreorderLineState.Waiting), settings, Now), Is.EqualTo(CancellationTerms.Refundable));
        Assert.That(RefundPolicy.TermsFor(Line(PreorderLineState.BalanceDue), settings, Now), Is.EqualTo(CancellationTerms.DepositForfeited));
    }

    [Test]
    public void A_closed_line_has_the_terms_of_its_allocation_not_of_its_closed_state()
    {
        var settings = new PreorderSettings { RefundableUntilStockArrives = true, AutoRefundDelayDays = 0 };
        var cancelledAfterArrival = Line(PreorderLineState.Cancelled);
        cancelledAfterArrival.AllocatedOnUtc = Now.AddDays(-2);
        Assert.That(RefundPolicy.TermsFor(cancelledAfterArrival, settings, Now), Is.EqualTo(CancellationTerms.DepositForfeited));
        Assert.That(RefundPolicy.TermsFor(Line(PreorderLineState.Cancelled), settings, Now), Is.EqualTo(CancellationTerms.Refundable), "cancelled while waiting");
        Assert.That(RefundPolicy.TermsFor(stockAllocated: true, null, settings, Now), Is.EqualTo(CancellationTerms.DepositForfeited));
    }

    [Test]
    public void A_missed_ship_date_makes_the_deposit_refundable_again()
    {
        var settings = new PreorderSettings { RefundableUntilStockArrives = false, AutoRefundDelayDays = 30 };
        Assert.That(RefundPolicy.TermsFor(Line(PreorderLineState.Waiting, Now.AddDays(-10)), settings, Now), Is.EqualTo(CancellationTerms.DepositForfeited));
        Assert.That(RefundPolicy.TermsFor(Line(PreorderLineState.Waiting, Now.AddDays(-31)), settings, Now), Is.EqualTo(CancellationTerms.Refundable));
    }

    [Test]
    public void Without_refunds_until_arrival_the_deposit_is_forfeitable_from_the_start_unless_penalty_free_is_offered()
    {
        var settings = new PreorderSettings { RefundableUntilStockArrives = false, AutoRefundDelayDays = 0 };
        Assert.That(RefundPolicy.TermsFor(Line(PreorderLineState.Waiting), settings, Now), Is.EqualTo(CancellationTerms.DepositForfeited));
        Assert.That(RefundPolicy.TermsFor(Line(PreorderLineState.Waiting), settings, Now, penaltyFreeOffered: true), Is.EqualTo(CancellationTerms.Refundable));
        Assert.That(RefundPolicy.TermsFor(Line(PreorderLineState.BalanceDue), settings, Now, penaltyFreeOffered: true), Is.EqualTo(CancellationTerms.Refundable));
    }

    [Test]
    public void Settlement_splits_what_is_held()
    {
        Assert.That(RefundPolicy.Settle(100m, 40m, CancellationTerms.Refundable), Is.EqualTo((100m, 0m, 0m)));
        Assert.That(RefundPolicy.Settle(100m, 40m, CancellationTerms.DepositForfeited), Is.EqualTo((60m, 40m, 0m)));
        Assert.That(RefundPolicy.Settle(30m, 40m, CancellationTerms.DepositForfeited), Is.EqualTo((0m, 30m, 0m)));
        Assert.That(RefundPolicy.Settle(100m, 40m, CancellationTerms.Refundable, DepositExpiryPolicy.TransferToGiftCard), Is.EqualTo((0m, 0m, 100m)));
        Assert.That(RefundPolicy.Settle(-5m, 40m, CancellationTerms.Refundable), Is.EqualTo((0m, 0m, 0m)));
        // an expiry follows the store's expiry policy whatever the cancellation terms would be
        Assert.That(RefundPolicy.Settle(100m, 40m, CancellationTerms.DepositForfeited, DepositExpiryPolicy.Refund), Is.EqualTo((100m, 0m, 0m)));
        Assert.That(RefundPolicy.Settle(100m, 40m, CancellationTerms.Refundable, DepositExpiryPolicy.Forfeit), Is.EqualTo((60m, 40m, 0m)));
    }
}

[TestFixture]
public class BalanceTokenCodecTests
{
    [Test]
    public void Tokens_are_random_256_bit_and_url_safe()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => BalanceTokenCodec.NewToken()).ToList();
        Assert.That(tokens.Distinct().Count(), Is.EqualTo(1000));
        Assert.That(tokens.All(BalanceTokenCodec.IsWellFormed), Is.True);
        Assert.That(Convert.FromBase64String(tokens[0].Replace('-', '+').Replace('_', '/') + "=").Length, Is.EqualTo(32));
    }

    [Test]
    public void Only_the_hash_is_comparable_and_tampering_fails()
    {
        var token = BalanceTokenCodec.NewToken();
        var hash = BalanceTokenCodec.Hash(token);
        Assert.That(hash, Has.Length.EqualTo(64));
        Assert.That(hash, Does.Not.Contain(token));
        Assert.That(BalanceTokenCodec.HashEquals(hash, token), Is.True);
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];
        Assert.That(BalanceTokenCodec.HashEquals(hash, tampered), Is.False);
        Assert.That(BalanceTokenCodec.IsWellFormed(token + "x"), Is.False);
        Assert.That(BalanceTokenCodec.IsWellFormed("<script>"), Is.False);
        Assert.That(BalanceTokenCodec.IsWellFormed(null), Is.False);
    }
}

[TestFixture]
public class PreorderProfileValidatorTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ISet<string> Countries = new HashSet<string> { "US", "DE", "RU" };

    private static IList<string> Keys(PreorderProfile profile, int sold = 0, DepositRule rule = null) =>
        PreorderProfileValidator.Validate(profile, sold, Now, Countries, rule).Select(e => e.ResourceKey).ToList();

    private static PreorderProfile Valid() => new() { ProductId = 1, Enabled = true, PaymentMode = PreorderPaymentMode.Deposit, Cap = 10 };

    [Test]
    public void A_valid_profile_has_no_errors() => Assert.That(Keys(Valid()), Is.Empty);

    [Test]
    public void Each_bad_input_is_named()
    {
        var p = Valid(); p.WindowStartUtc = Now.AddDays(2); p.WindowEndUtc = Now.AddDays(1);
        Assert.That(Keys(p), Does.Contain(PreorderDefaults.Resources.WindowEndBeforeStart));
        p = Valid(); p.Cap = 3;
        Assert.That(Keys(p, sold: 5), Does.Contain(PreorderDefaults.Resources.CapBelowSold));
        p = Valid(); p.Cap = -1;
        Assert.That(Keys(p), Does.Contain(PreorderDefaults.Resources.CapNegative));
        p = Valid(); p.ExpectedShipDateUtc = Now.AddDays(-2);
        Assert.That(Keys(p), Does.Contain(PreorderDefaults.Resources.ShipDateInPast));
        p = Valid(); p.AllowedCountryCodes = "US,XX";
        var errors = PreorderProfileValidator.Validate(p, 0, Now, Countries);
        Assert.That(errors.Single().ResourceKey, Is.EqualTo(PreorderDefaults.Resources.CountryUnknown));
        Assert.That(errors.Single().Args, Is.EqualTo(new object[] { "XX" }));
        p = Valid(); p.PerCustomerLimit = 0;
        Assert.That(Keys(p), Does.Contain(PreorderDefaults.Resources.PerCustomerLimitRange));
        p = Valid(); p.PaymentModeId = 99;
        Assert.That(Keys(p), Does.Contain(PreorderDefaults.Resources.PaymentModeUnknown));
        p = Valid(); p.ShopperNote = new string('x', 5000);
        Assert.That(Keys(p), Does.Contain(PreorderDefaults.Resources.TextTooLong));
        Assert.That(Keys(Valid(), rule: new DepositRule { Percent = 120m }), Does.Contain(PreorderDefaults.Resources.DepositPercentRange));
    }
}
