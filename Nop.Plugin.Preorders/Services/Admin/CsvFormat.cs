using System.Globalization;
using System.Text;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// RFC 4180 fields: quoted when they hold a separator, a quote or a line break. Text that a spreadsheet
/// would run as a formula (starting with = + - @ or a control character) gets a leading apostrophe, so an
/// exported customer or merchant text cannot execute in Excel (CSV injection).
/// </summary>
public static class CsvFormat
{
    public const char Separator = ',';

    public const string NewLine = "\r\n";

    /// <summary>UTF-8 with a byte order mark, so Excel opens non-ASCII text (Russian, accents) correctly.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static string Text(string value)
    {
        if (string.IsNullOrEmpty(value))
            return string.Empty;
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny(new[] { Separator, '"', '\r', '\n' }) >= 0
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;
    }

    public static string Number(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Line(IEnumerable<string> fields) => string.Join(Separator, fields) + NewLine;
}
