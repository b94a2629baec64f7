using System.Reflection;
using System.Text.RegularExpressions;
using LinqToDB;
using LinqToDB.Data;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// The plugin is compiled against the linq2db 5.4.1 declarations (ref/linq2db, what nopCommerce 4.90 ships) and
/// runs in the tests against the real linq2db 6.5.1. <see cref="DataType"/> is an enum, so the plugin's code holds
/// the 5.4.1 <em>numbers</em>, and linq2db 6 renumbered the enum from <c>Single</c> on (5.4.1
/// <c>DataType.Decimal</c> = 23 is 6.5.1's <c>Double</c>, 5.4.1 <c>DateTime2</c> = 30 is 6.5.1's <c>Time</c>).
/// A shop may run either (nopCommerce 4.90 ships 5.4.1; the test shop of the end-to-end tier runs 6.5.1), so the
/// plugin never compiles a DataType number in: it names them (<c>PreorderDataTypes</c>), and the test data
/// provider hands its parameters to linq2db untranslated, as a shop does. This class reads the 5.4.1 numbering
/// from the ref declaration itself (embedded at build time) for the tests that show the difference.
/// </summary>
public static class Linq2DbCompatibility
{
    private const string RefDataTypeResource = "Ref.linq2db.DataType.cs";

    private static readonly Lazy<IReadOnlyDictionary<int, DataType>> Legacy = new(LoadLegacyTable);

    /// <summary>linq2db 5.4.1 number → linq2db 6.5.1 member (by name).</summary>
    public static IReadOnlyDictionary<int, DataType> LegacyDataTypes => Legacy.Value;

    /// <summary>Whether an assembly was compiled against linq2db 5.x (the numbering of ref/linq2db).</summary>
    public static bool UsesLegacyDataTypeNumbering(Assembly assembly)
    {
        var linq2db = assembly?.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "linq2db");
        return linq2db?.Version is { Major: < 6 };
    }

    /// <summary>The 6.5.1 data type for a number written by code compiled against linq2db 5.4.1.</summary>
    public static DataType FromLegacy(DataType legacyNumber) =>
        LegacyDataTypes.TryGetValue((int)legacyNumber, out var type)
            ? type
            : throw new NotSupportedException($"DataType number {(int)legacyNumber} is not declared in ref/linq2db/DataType.cs.");

    private static IReadOnlyDictionary<int, DataType> LoadLegacyTable()
    {
        using var stream = typeof(Linq2DbCompatibility).Assembly.GetManifestResourceStream(RefDataTypeResource)
            ?? throw new InvalidOperationException($"Embedded resource {RefDataTypeResource} (ref/linq2db/DataType.cs) is missing.");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();

        var body = source[(source.IndexOf('{') + 1)..source.LastIndexOf('}')];
        body = Regex.Replace(body, @"//[^\n]*|/\*.*?\*/", string.Empty, RegexOptions.Singleline);
        var table = new Dictionary<int, DataType>();
        var next = 0;
        foreach (var raw in body.Split(','))
        {
            var member = raw.Trim();
            if (member.Length == 0)
                continue;
            var match = Regex.Match(member, @"^(?:\[[^\]]*\]\s*)*(\w+)\s*(?:=\s*(-?\d+))?$");
            if (!match.Success)
                throw new InvalidOperationException($"Cannot read enum member '{member}' of ref/linq2db/DataType.cs.");
            var value = match.Groups[2].Success ? int.Parse(match.Groups[2].Value) : next;
            next = value + 1;
            if (!Enum.TryParse<DataType>(match.Groups[1].Value, out var current))
                throw new InvalidOperationException($"linq2db 6.5.1 has no DataType.{match.Groups[1].Value}.");
            table[value] = current;
        }
        return table;
    }
}
