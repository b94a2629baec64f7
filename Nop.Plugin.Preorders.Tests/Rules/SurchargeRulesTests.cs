using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

[TestFixture]
public class SurchargeRulesTests
{
    [TestCase(2.00, true, ShoppingCartType.ShoppingCart, 2.00)]
    [TestCase(0.015, true, ShoppingCartType.ShoppingCart, 0.015)]
    [TestCase(2.00, false, ShoppingCartType.ShoppingCart, 0)]
    [TestCase(2.00, true, ShoppingCartType.Wishlist, 0)]
    [TestCase(0, true, ShoppingCartType.ShoppingCart, 0)]
    [TestCase(-5, true, ShoppingCartType.ShoppingCart, 0)]
    public void A_line_carries_the_setting_only_when_it_is_a_preorder_line_of_a_cart(decimal setting, bool preorder, ShoppingCartType type, decimal expected) =>
        Assert.That(SurchargeRules.PerLine(setting, preorder, type), Is.EqualTo(expected));

    // once per line, never per unit: 3 units at 10 = 30, plus 2
    [TestCase(30.00, 2.00, 32.00)]
    [TestCase(30.00, 0, 30.00)]
    [TestCase(0, 2.00, 2.00)]
    [TestCase(19.99, 0.015, 20.005)]
    public void The_surcharge_joins_the_subtotal_once(decimal subTotal, decimal surcharge, decimal expected) =>
        Assert.That(SurchargeRules.AddToSubTotal(subTotal, surcharge), Is.EqualTo(expected));

    [TestCase(2.00, 1, RoundingType.Rounding001, 2.00)]
    [TestCase(2.20, 92.5, RoundingType.Rounding1, 204)]
    [TestCase(2.00, 92.5, RoundingType.Rounding1, 185)]
    [TestCase(1.99, 0.9, RoundingType.Rounding005Up, 1.80)]
    [TestCase(1.225, 1, RoundingType.Rounding001, 1.22)]
    [TestCase(2.10, 1.07, RoundingType.Rounding01Down, 2.20)]
    public void The_shopper_sees_it_converted_and_rounded_as_their_currency_rounds(decimal primary, decimal rate, RoundingType rounding, decimal expected) =>
        Assert.That(SurchargeRules.InCurrency(primary, new MoneyCurrency("XXX", rate, rounding)), Is.EqualTo(expected));

    [Test]
    public void A_currency_without_a_rate_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SurchargeRules.InCurrency(2m, new MoneyCurrency("XXX", 0m, RoundingType.Rounding001)));

    [TestCase(2.00, true)]
    [TestCase(0, false)]
    public void Only_a_line_with_a_surcharge_shows_the_note(decimal surcharge, bool shown) =>
        Assert.That(SurchargeRules.ShowsNote(surcharge), Is.EqualTo(shown));

    private const string Note = "<span class=\"preorder-surcharge-note\">Includes pre-order surcharge: 2.00 USD</span>";

    [TestCase(null, Note, Note)]
    [TestCase("", Note, Note)]
    [TestCase("Colour: red", Note, "Colour: red<br />" + Note)]
    [TestCase("Colour: red<br />" + Note, Note, "Colour: red<br />" + Note)]
    [TestCase("Colour: red", null, "Colour: red")]
    [TestCase(Note, Note, Note)]
    public void The_note_joins_the_line_text_once(string attributes, string note, string expected) =>
        Assert.That(SurchargeNoteService.AppendNote(attributes, note), Is.EqualTo(expected));
}
