using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

[TestFixture]
public class MoneyRoundingTests
{
    [TestCase(1.234, RoundingType.Rounding001, 1.23)]
    [TestCase(1.235, RoundingType.Rounding001, 1.24)]
    [TestCase(1.21, RoundingType.Rounding005Up, 1.25)]
    [TestCase(1.24, RoundingType.Rounding005Down, 1.20)]
    [TestCase(1.25, RoundingType.Rounding005Up, 1.25)]
    [TestCase(1.14, RoundingType.Rounding01Up, 1.10)]
    [TestCase(1.15, RoundingType.Rounding01Up, 1.20)]
    [TestCase(1.15, RoundingType.Rounding01Down, 1.10)]
    [TestCase(1.24, RoundingType.Rounding05, 1.00)]
    [TestCase(1.26, RoundingType.Rounding05, 1.50)]
    [TestCase(1.75, RoundingType.Rounding05, 2.00)]
    [TestCase(1.49, RoundingType.Rounding1, 1.00)]
    [TestCase(1.50, RoundingType.Rounding1, 2.00)]
    [TestCase(1.01, RoundingType.Rounding1Up, 2.00)]
    [TestCase(3053.125, RoundingType.Rounding1, 3053)]
    // nopCommerce's first step is Math.Round(value, 2): a half cent goes to the even cent
    [TestCase(1.225, RoundingType.Rounding001, 1.22)]
    [TestCase(2.345, RoundingType.Rounding001, 2.34)]
    [TestCase(1.3449, RoundingType.Rounding001, 1.34)]
    [TestCase(1.225, RoundingType.Rounding005Up, 1.25)]
    [TestCase(1.275, RoundingType.Rounding005Down, 1.25)]
    [TestCase(1.245, RoundingType.Rounding01Up, 1.20)]
    [TestCase(1.255, RoundingType.Rounding01Down, 1.30)]
    [TestCase(0.245, RoundingType.Rounding05, 0.00)]
    [TestCase(0.255, RoundingType.Rounding05, 0.50)]
    [TestCase(1.495, RoundingType.Rounding1, 2.00)]
    [TestCase(2.005, RoundingType.Rounding1Up, 2.00)]
    // nopCommerce's cash rounding, one row per rounding type (PriceCalculationService.Round)
    [TestCase(1.23, RoundingType.Rounding005Up, 1.25)]
    [TestCase(1.28, RoundingType.Rounding005Up, 1.30)]
    [TestCase(1.27, RoundingType.Rounding005Down, 1.25)]
    [TestCase(1.25, RoundingType.Rounding01Up, 1.30)]
    [TestCase(1.25, RoundingType.Rounding01Down, 1.20)]
    [TestCase(1.26, RoundingType.Rounding01Down, 1.30)]
    [TestCase(1.25, RoundingType.Rounding05, 1.50)]
    [TestCase(1.74, RoundingType.Rounding05, 1.50)]
    [TestCase(1.99, RoundingType.Rounding1Up, 2.00)]
    [TestCase(2.00, RoundingType.Rounding1Up, 2.00)]
    public void Rounds_like_the_currency_asks(decimal value, RoundingType type, decimal expected) =>
        Assert.That(MoneyRounding.Round(value, type), Is.EqualTo(expected));

    [TestCase(5000, 4900)]
    [TestCase(5049, 4900)]
    [TestCase(1234, 1200)]
    [TestCase(47.30, 47)]
    [TestCase(100, 90)]
    [TestCase(9.99, 9.99)]
    public void Charm_figures_never_raise_the_amount(decimal value, decimal expected)
    {
        Assert.That(MoneyRounding.Charm(value), Is.EqualTo(expected));
        Assert.That(MoneyRounding.Charm(value), Is.LessThanOrEqualTo(value));
    }
}
