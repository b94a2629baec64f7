using System.Globalization;
using System.Text;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>What reading an amount typed in an admin page gave.</summary>
public enum AmountParseStatus
{
    /// <summary>Read: <see cref="AmountParseResult.Value"/>.</summary>
    Ok,
    /// <summary>Nothing typed.</summary>
    Empty,
    /// <summary>Not a number in the admin's culture, nor as a number input sends it.</summary>
    Invalid,
    /// <summary>Two readings give different amounts ("1.250" in de-DE: 1250 or 1.25).</summary>
    Ambiguous
}

public readonly record struct AmountParseResult(AmountParseStatus Status, decimal? Value)
{
    public bool Ok => Status == AmountParseStatus.Ok;
}

/// <summary>
/// Reads an amount a merchant typed in a plugin admin page. Two readings are tried, each strict:
/// the admin's working culture (its decimal separator; its group separator only between groups of three
/// digits; for cultures grouping with a space, any space), and the form an HTML number input and nopCommerce's
/// own number binder use (digits, '.' as the decimal point, no grouping). One reading, or two that agree, is the
/// amount; two that differ ("1.250" for a de-DE admin) are ambiguous and refused; none is invalid. So "12,50"
/// is 12.50 for de-DE, fr-FR and ru-RU and refused for en-US (never 1250, which invariant parsing with
/// thousands gave); "12.50" is 12.50 everywhere. Pure: no nopCommerce, no current thread culture.
/// </summary>
public static class AdminAmountParser
{
    /// <summary>The culture of a nopCommerce language (its LanguageCulture); the invariant culture when unknown.</summary>
    public static CultureInfo CultureOf(string languageCulture)
    {
        if (string.IsNullOrWhiteSpace(languageCulture))
            return CultureInfo.InvariantCulture;
        try
        {
            return CultureInfo.GetCultureInfo(languageCulture.Trim());
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    public static AmountParseResult Parse(string text, CultureInfo culture)
    {
        culture ??= CultureInfo.InvariantCulture;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            return new AmountParseResult(AmountParseStatus.Empty, null);

        var format = culture.NumberFormat;
        var inCulture = Read(trimmed, format.NumberDecimalSeparator, format.NumberGroupSeparator, format.NegativeSign);
        var asNumberInput = Read(trimmed, ".", null, "-");
        return (inCulture, asNumberInput) switch
        {
            (null, null) => new AmountParseResult(AmountParseStatus.Invalid, null),
            ({ } a, null) => new AmountParseResult(AmountParseStatus.Ok, a),
            (null, { } b) => new AmountParseResult(AmountParseStatus.Ok, b),
            ({ } a, { } b) when a == b => new AmountParseResult(AmountParseStatus.Ok, a),
            _ => new AmountParseResult(AmountParseStatus.Ambiguous, null)
        };
    }

    /// <summary>
    /// Reads <c>[-]digits[(group)digits{3}]*[decimal digits+]</c>; null when the text is not in that form.
    /// </summary>
    private static decimal? Read(string text, string decimalSeparator, string groupSeparator, string negativeSign)
    {
        var i = 0;
        var negative = false;
        if (text.StartsWith('-') || (!string.IsNullOrEmpty(negativeSign) && text.StartsWith(negativeSign, StringComparison.Ordinal)))
        {
            negative = true;
            i = text.StartsWith('-') ? 1 : negativeSign.Length;
        }

        var spaceGroups = !string.IsNullOrEmpty(groupSeparator) && groupSeparator.All(char.IsWhiteSpace);
        var digits = new StringBuilder();
        var groupLength = 0;
        var grouped = false;
        var fraction = false;
        var fractionDigits = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
                if (fraction)
                    fractionDigits++;
                else
                    groupLength++;
                i++;
                continue;
            }
            if (!fraction && !string.IsNullOrEmpty(decimalSeparator) && string.CompareOrdinal(text, i, decimalSeparator, 0, decimalSeparator.Length) == 0)
            {
                if (digits.Length == 0 || (grouped && groupLength != 3))
                    return null;
                fraction = true;
                digits.Append('.');
                i += decimalSeparator.Length;
                continue;
            }
            var groupLengthHere = !fraction && groupSeparator != null
                ? spaceGroups && char.IsWhiteSpace(c) ? 1
                : groupSeparator.Length > 0 && string.CompareOrdinal(text, i, groupSeparator, 0, groupSeparator.Length) == 0 ? groupSeparator.Length : 0
                : 0;
            if (groupLengthHere > 0)
            {
                // the first group has 1 to 3 digits, every later one exactly 3
                if (groupLength == 0 || groupLength > 3 || (grouped && groupLength != 3))
                    return null;
                grouped = true;
                groupLength = 0;
                i += groupLengthHere;
                continue;
            }
            return null;
        }
        if (digits.Length == 0 || (fraction && fractionDigits == 0) || (grouped && !fraction && groupLength != 3))
            return null;
        if (!decimal.TryParse(digits.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return null;
        return negative ? -value : value;
    }
}
