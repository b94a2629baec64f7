using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>Reserving an in-stock item with a deposit: the term, the due date, the merchant's input, who may reserve, the units, the deposit terms.</summary>
[TestFixture]
public class ReservationRulesTests
{
    [TestCase(null, 7, 7)]
    [TestCase(3, 7, 3)]
    [TestCase(30, 1, 30)]
    [TestCase(0, 7, 1)]
    [TestCase(null, 0, 1)]
    [TestCase(999, 7, 365)]
    public void The_term_is_the_products_else_the_stores_within_range(int? product, int store, int expected) =>
        Assert.That(ReservationRules.TermDays(product, store), Is.EqualTo(expected));

    [TestCase(7, "2026-12-18T10:00:00")]
    [TestCase(1, "2026-12-12T10:00:00")]
    [TestCase(30, "2027-01-10T10:00:00")]
    public void The_balance_is_due_when_the_term_ends(int term, string due) =>
        Assert.That(ReservationRules.BalanceDueOnUtc(new DateTime(2026, 12, 11, 10, 0, 0, DateTimeKind.Utc), term),
            Is.EqualTo(DateTime.Parse(due, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)));

    [TestCase(null, null)]
    [TestCase(1, null)]
    [TestCase(365, null)]
    [TestCase(0, R.ReservationTermRange)]
    [TestCase(-5, R.ReservationTermRange)]
    [TestCase(366, R.ReservationTermRange)]
    public void The_merchants_term_is_empty_or_whole_days_in_range(int? term, string error) =>
        Assert.That(ReservationRules.ValidateTerm(term), Is.EqualTo(error));

    // reservable, open pre-order, units free, quantity -> refusal
    [TestCase(true, false, 1, 1, null)]
    [TestCase(true, false, 3, 2, null)]
    [TestCase(true, false, 0, 1, R.ReservationNoStock)]
    [TestCase(true, false, 1, 2, R.ReservationNoStock)]
    [TestCase(true, false, 5, 0, R.ReservationNoStock)]
    [TestCase(false, false, 5, 1, R.ReservationNotOffered)]
    [TestCase(true, true, 5, 1, R.ReservationNotOffered)]
    public void Who_may_reserve(bool reservable, bool isPreorder, int unitsFree, int quantity, string refusal) =>
        Assert.That(ReservationRules.RefusalFor(new PreorderProfile { Reservable = reservable }, isPreorder, unitsFree, quantity), Is.EqualTo(refusal));

    [Test]
    public void A_product_without_a_profile_cannot_be_reserved() =>
        Assert.That(ReservationRules.RefusalFor(null, false, 5, 1), Is.EqualTo(R.ReservationNotOffered));

    [TestCase(1, 0, 1)]
    [TestCase(0, 1, 1)]
    [TestCase(4, 2, 6)]
    [TestCase(-1, 1, 1)]
    [TestCase(0, 0, 0)]
    public void The_units_are_the_stock_plus_what_reservations_hold(int stock, int held, int units) =>
        Assert.That(ReservationRules.UnitsOf(stock, held), Is.EqualTo(units));

    [TestCase(PreorderPaymentMode.FullUpfront)]
    [TestCase(PreorderPaymentMode.PayOnShip)]
    [TestCase(PreorderPaymentMode.Deposit)]
    public void A_reservation_is_always_paid_with_a_deposit_of_the_products_rule_and_has_no_ship_date(PreorderPaymentMode productMode)
    {
        var profile = new PreorderProfile { PaymentMode = productMode, DepositRuleJson = "{\"Percent\":30}", ExpectedShipDateUtc = new DateTime(2027, 1, 1) };
        var terms = ReservationRules.TermsOf(profile, new PreorderSettings());
        Assert.That(terms.Mode, Is.EqualTo(PreorderPaymentMode.Deposit));
        Assert.That(terms.Rule.Percent, Is.EqualTo(30m));
        Assert.That(terms.ExpectedShipDateUtc, Is.Null);
    }

    [TestCase(R.ReservationTermRange)]
    [TestCase(R.ReservationNotOffered)]
    [TestCase(R.ReservationNoStock)]
    [TestCase(R.ReservationUnitTaken)]
    [TestCase(PreorderDefaults.ResourcePrefix + "Reservation.Button")]
    public void Every_text_is_in_english_and_russian(string key)
    {
        Assert.That(PreorderLocaleResources.All.TryGetValue(key, out var texts), Is.True, key);
        Assert.That(texts.En, Is.Not.Empty.And.Not.EqualTo(texts.Ru));
    }
}
