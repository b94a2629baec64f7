using System.Globalization;
using Nop.Plugin.Preorders.Services.Admin;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>
/// Amounts typed in the plugin's admin pages: the admin's working culture first, or as a number input sends
/// them; two readings that differ are refused, never guessed. Before: invariant parsing with thousands read
/// "12,50" as 1250 whatever the admin's language.
/// </summary>
[TestFixture]
public class AdminAmountParserTests
{
    private const AmountParseStatus Ok = AmountParseStatus.Ok;
    private const AmountParseStatus Empty = AmountParseStatus.Empty;
    private const AmountParseStatus Invalid = AmountParseStatus.Invalid;
    private const AmountParseStatus Ambiguous = AmountParseStatus.Ambiguous;

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string culture, string text, AmountParseStatus status, string value = null) =>
            new TestCaseData(culture, text, status, value == null ? null : decimal.Parse(value, CultureInfo.InvariantCulture))
                .SetName($"{culture} \"{text}\" is {status}{(value == null ? "" : " " + value)}");

        // en-US: '.' decimal, ',' thousands
        yield return Case("en-US", "12,50", Invalid);
        yield return Case("en-US", "12.50", Ok, "12.50");
        yield return Case("en-US", "1.250,00", Invalid);
        yield return Case("en-US", "1,250.00", Ok, "1250.00");
        yield return Case("en-US", "1,250", Ok, "1250");
        yield return Case("en-US", "12 50", Invalid);
        yield return Case("en-US", "-12.50", Ok, "-12.50");
        yield return Case("en-US", "", Empty);
        yield return Case("en-US", "   ", Empty);
        yield return Case("en-US", "abc", Invalid);
        yield return Case("en-US", "12.5.0", Invalid);
        yield return Case("en-US", "1e3", Invalid);
        yield return Case("en-US", "$12", Invalid);

        // de-DE: ',' decimal, '.' thousands
        yield return Case("de-DE", "12,50", Ok, "12.50");
        yield return Case("de-DE", "12.50", Ok, "12.50");
        yield return Case("de-DE", "1.250,00", Ok, "1250.00");
        yield return Case("de-DE", "1,250.00", Invalid);
        yield return Case("de-DE", "1.250", Ambiguous);
        yield return Case("de-DE", "12 50", Invalid);
        yield return Case("de-DE", "-12,50", Ok, "-12.50");
        yield return Case("de-DE", "", Empty);
        yield return Case("de-DE", "zwölf", Invalid);
        yield return Case("de-DE", "12,", Invalid);

        // fr-FR: ',' decimal, a (narrow) no-break space for thousands; typed spaces accepted
        yield return Case("fr-FR", "12,50", Ok, "12.50");
        yield return Case("fr-FR", "12.50", Ok, "12.50");
        yield return Case("fr-FR", "1.250,00", Invalid);
        yield return Case("fr-FR", "1,250.00", Invalid);
        yield return Case("fr-FR", "1 250,00", Ok, "1250.00");
        yield return Case("fr-FR", "1\u202F250,00", Ok, "1250.00");
        yield return Case("fr-FR", "12 50", Invalid);
        yield return Case("fr-FR", "-12,50", Ok, "-12.50");
        yield return Case("fr-FR", "", Empty);
        yield return Case("fr-FR", "douze", Invalid);

        // ru-RU: ',' decimal, a no-break space for thousands
        yield return Case("ru-RU", "12,50", Ok, "12.50");
        yield return Case("ru-RU", "12.50", Ok, "12.50");
        yield return Case("ru-RU", "1.250,00", Invalid);
        yield return Case("ru-RU", "1,250.00", Invalid);
        yield return Case("ru-RU", "1\u00A0250,00", Ok, "1250.00");
        yield return Case("ru-RU", "1 250", Ok, "1250");
        yield return Case("ru-RU", "12 50", Invalid);
        yield return Case("ru-RU", "-12,50", Ok, "-12.50");
        yield return Case("ru-RU", "", Empty);
        yield return Case("ru-RU", "двенадцать", Invalid);
    }

    [TestCaseSource(nameof(Cases))]
    public void An_amount_is_read_in_the_admins_culture_or_refused(string culture, string text, AmountParseStatus status, decimal? value)
    {
        var result = AdminAmountParser.Parse(text, CultureInfo.GetCultureInfo(culture));

        Assert.That(result.Status, Is.EqualTo(status));
        Assert.That(result.Value, Is.EqualTo(value));
    }

    [Test]
    public void Whatever_the_thread_culture_the_admins_culture_decides()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            Assert.That(AdminAmountParser.Parse("12,50", CultureInfo.GetCultureInfo("de-DE")).Value, Is.EqualTo(12.50m));
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.That(AdminAmountParser.Parse("12,50", CultureInfo.GetCultureInfo("en-US")).Status, Is.EqualTo(Invalid));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [TestCase("de-DE", "de-DE")]
    [TestCase("not a culture!", "")]
    [TestCase(null, "")]
    [TestCase("", "")]
    public void The_culture_of_a_language_or_the_invariant_one(string languageCulture, string expected) =>
        Assert.That(AdminAmountParser.CultureOf(languageCulture).Name, Is.EqualTo(expected));
}
