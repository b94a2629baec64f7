using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Rules;

[TestFixture]
public class DelayCompensationRulesTests
{
    private const int ProductId = 7;

    [TestCase(DelayCompensationKind.None, 0, false, 0, null)]
    [TestCase(DelayCompensationKind.None, 0, false, 8, null)]
    [TestCase(DelayCompensationKind.Coupon, 10, false, 0, null)]
    [TestCase(DelayCompensationKind.Coupon, 15, true, 0, null)]
    [TestCase(DelayCompensationKind.Coupon, 100, true, 0, null)]
    [TestCase(DelayCompensationKind.Coupon, 0, false, 0, R.CompensationAmountInvalid)]
    [TestCase(DelayCompensationKind.Coupon, -5, true, 0, R.CompensationAmountInvalid)]
    [TestCase(DelayCompensationKind.Coupon, 100.01, true, 0, R.CompensationPercentTooHigh)]
    [TestCase(DelayCompensationKind.Refund, 5, false, 0, null)]
    [TestCase(DelayCompensationKind.Refund, 5, true, 0, R.CompensationRefundIsAmount)]
    [TestCase(DelayCompensationKind.Refund, 0, false, 0, R.CompensationAmountInvalid)]
    [TestCase(DelayCompensationKind.FreeShipping, 0, false, 0, null)]
    [TestCase((DelayCompensationKind)15, 5, false, 0, R.CompensationKindUnknown)]
    [TestCase(DelayCompensationKind.None, 0, false, ProductId, R.SwapSameProduct)]
    [TestCase(DelayCompensationKind.None, 0, false, -1, R.ValueInvalid)]
    public void An_offer_is_checked_before_anything_is_saved(DelayCompensationKind kind, decimal amount, bool percent, int swapProductId, string expected)
    {
        var errors = DelayCompensationRules.Validate(new DelayOffer(kind, amount, percent, swapProductId), ProductId);
        Assert.That(errors.Select(e => e.ResourceKey), expected == null ? Is.Empty : Is.EqualTo(new[] { expected }));
    }

    [TestCase(DelayCompensationKind.None, 12, true, 0, false)]
    [TestCase(DelayCompensationKind.FreeShipping, 3, false, 100, true)]
    [TestCase(DelayCompensationKind.Coupon, 12.345678, false, 12.3457, false)]
    [TestCase(DelayCompensationKind.Refund, 4.5, false, 4.5, false)]
    public void The_stored_offer_is_normalized(DelayCompensationKind kind, decimal amount, bool percent, decimal storedAmount, bool storedPercent)
    {
        var stored = DelayCompensationRules.Normalize(new DelayOffer(kind, amount, percent, 0));
        Assert.That((stored.Amount, stored.IsPercent), Is.EqualTo((storedAmount, storedPercent)));
    }

    [TestCase(10, 20, 10)]
    [TestCase(30, 20, 20)]
    [TestCase(30, 0, 0)]
    [TestCase(30, -5, 0)]
    [TestCase(0.01, 100, 0.01)]
    public void A_refund_is_at_most_what_the_line_has_paid(decimal fixedAmount, decimal paid, decimal expected) =>
        Assert.That(DelayCompensationRules.RefundAmount(fixedAmount, paid), Is.EqualTo(expected));

    [TestCase(DelayCompensationKind.Coupon, "coupon:3:customer:11")]
    [TestCase(DelayCompensationKind.FreeShipping, "coupon:3:customer:11")]
    [TestCase(DelayCompensationKind.Refund, "refund:3:line:99")]
    public void A_coupon_is_keyed_per_buyer_and_a_refund_per_line(DelayCompensationKind kind, string key) =>
        Assert.That(DelayCompensationRules.CompensationKey(kind, 3, 11, 99), Is.EqualTo(key));

    [Test]
    public void Ledger_keys_name_the_server_s_intent() =>
        Assert.That((DelayCompensationRules.RefundLedgerKey(3, 99), DelayCompensationRules.SwapOutKey(5), DelayCompensationRules.SwapInKey(5)),
            Is.EqualTo(("delay-refund:3:line:99", "swap:5:out", "swap:5:in")));

    [Test]
    public void A_coupon_code_uses_only_unambiguous_characters()
    {
        var code = DelayCompensationRules.CouponCode(Enumerable.Range(0, 256).Select(i => (byte)i).Skip(40).Take(10).ToArray());
        Assert.That(code, Does.StartWith(DelayCompensationRules.CodePrefix));
        Assert.That(code, Has.Length.EqualTo(DelayCompensationRules.CodePrefix.Length + DelayCompensationRules.CodeLength));
        Assert.That(code[DelayCompensationRules.CodePrefix.Length..].All(c => DelayCompensationRules.CodeAlphabet.Contains(c)), Is.True);
        Assert.That(DelayCompensationRules.CodeAlphabet.Intersect("01OIL").Any(), Is.False);
        Assert.Throws<ArgumentException>(() => DelayCompensationRules.CouponCode(new byte[3]));
    }

    private static readonly DateTime Placed = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [TestCase(PreorderLineState.Waiting, 8, ProductId, 1, null)]
    [TestCase(PreorderLineState.Waiting, 0, ProductId, 1, R.SwapNotOffered)]
    [TestCase(PreorderLineState.Waiting, 8, 99, 1, R.SwapNotOffered)]
    [TestCase(PreorderLineState.Waiting, 8, ProductId, -1, R.SwapNotOffered)]
    [TestCase(PreorderLineState.BalanceDue, 8, ProductId, 1, R.SwapLineNotWaiting)]
    [TestCase(PreorderLineState.Ready, 8, ProductId, 1, R.SwapLineNotWaiting)]
    [TestCase(PreorderLineState.Cancelled, 8, ProductId, 1, R.SwapLineNotWaiting)]
    public void Only_a_waiting_line_placed_before_the_change_may_swap(PreorderLineState state, int swapProductId, int changeProductId, int changeDaysAfterPlaced, string expected)
    {
        var line = new PreorderLine { ProductId = ProductId, State = state, PlacedOnUtc = Placed };
        var change = new PreorderShipDateChange { ProductId = changeProductId, SwapProductId = swapProductId, CreatedOnUtc = Placed.AddDays(changeDaysAfterPlaced) };
        Assert.That(DelayCompensationRules.CanSwap(line, change), Is.EqualTo(expected));
        Assert.That(DelayCompensationRules.CanSwap(line, null), Is.EqualTo(R.SwapNotOffered));
    }

    [TestCase(20, 20, 150, 20, 0, 20)]
    [TestCase(100, 20, 150, 100, 0, 20)]
    [TestCase(100, 20, 60, 60, 40, 20)]
    [TestCase(30, 40, 25, 25, 5, 25)]
    [TestCase(0, 20, 150, 0, 0, 20)]
    public void A_swap_moves_what_the_old_line_holds_up_to_the_new_line_s_total(decimal held, decimal oldDeposit, decimal newTotal, decimal moved, decimal rest, decimal newDeposit)
    {
        var money = DelayCompensationRules.Move(held, oldDeposit, newTotal);
        Assert.That((money.Moved, money.Rest, money.NewDeposit), Is.EqualTo((moved, rest, newDeposit)));
        Assert.That(money.Moved + money.Rest, Is.EqualTo(held), "nothing lost or made");
    }

    [Test]
    public void Coupons_are_per_buyer_and_refunds_per_line()
    {
        Assert.That(DelayCompensationRules.PerBuyer(DelayCompensationKind.Coupon), Is.True);
        Assert.That(DelayCompensationRules.PerBuyer(DelayCompensationKind.FreeShipping), Is.True);
        Assert.That(DelayCompensationRules.PerBuyer(DelayCompensationKind.Refund), Is.False);
    }
}
