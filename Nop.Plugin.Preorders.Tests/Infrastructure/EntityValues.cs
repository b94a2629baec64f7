using System.Reflection;
using Nop.Core;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// Fills every column property of an entity (see <see cref="PreorderMappingSchema.ColumnProperties"/>) with a
/// non-default value that depends on the property and a variant number, within the column's declared length;
/// and compares two entities column by column. Values stay within what every test database keeps exactly:
/// whole milliseconds, at most 4 decimals and 15 significant digits.
/// </summary>
public static class EntityValues
{
    /// <summary>A new entity of <paramref name="type"/> with every column but Id set from <paramref name="variant"/>.</summary>
    public static BaseEntity Create(Type type, int variant, IReadOnlyDictionary<string, int?> maxLengths = null)
    {
        var entity = (BaseEntity)Activator.CreateInstance(type)!;
        Fill(entity, variant, maxLengths);
        return entity;
    }

    /// <summary>Sets every column but Id from <paramref name="variant"/> (variants 1 and 2 differ on every column).</summary>
    public static void Fill(BaseEntity entity, int variant, IReadOnlyDictionary<string, int?> maxLengths = null)
    {
        var type = entity.GetType();
        var properties = PreorderMappingSchema.ColumnProperties(type).Where(p => p.Name != nameof(BaseEntity.Id)).ToList();
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            int? maxLength = null;
            if (maxLengths != null && maxLengths.TryGetValue(PreorderMappingSchema.ColumnName(type, property.Name), out var length))
                maxLength = length;
            property.SetValue(entity, ValueFor(property, i + 1, variant, maxLength));
        }
    }

    private static object ValueFor(PropertyInfo property, int ordinal, int variant, int? maxLength)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var seed = ordinal * 100 + variant;
        if (type == typeof(int))
            return 1000 * variant + ordinal;
        if (type == typeof(long))
            return 10_000_000_000L * variant + ordinal;
        if (type == typeof(bool))
            return variant % 2 == 1;
        if (type == typeof(decimal))
            return 1000m * variant + ordinal + 0.1234m * variant;
        if (type == typeof(DateTime))
            return new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(seed).AddHours(variant).AddMilliseconds(123 * variant + ordinal);
        if (type == typeof(Guid))
            return new Guid(seed, (short)variant, (short)ordinal, 1, 2, 3, 4, 5, 6, 7, 8);
        if (type == typeof(byte[]))
            return new[] { (byte)variant, (byte)ordinal, (byte)255, (byte)0 };
        if (type == typeof(string))
        {
            // the variant letter first so that variants differ even when cut to 2 characters; non-ASCII when room
            var text = $"{(char)('a' + variant - 1)}{variant}-{property.Name}-ü€-{seed}";
            return maxLength.HasValue && text.Length > maxLength.Value ? text[..maxLength.Value] : text;
        }
        throw new NotSupportedException($"No test value for {property.DeclaringType?.Name}.{property.Name} ({property.PropertyType.Name}).");
    }

    /// <summary>Column properties whose values differ ("Name: expected ≠ actual"); DateTime compared by ticks (Kind ignored).</summary>
    public static IReadOnlyList<string> Differences(BaseEntity expected, BaseEntity actual)
    {
        var differences = new List<string>();
        foreach (var property in PreorderMappingSchema.ColumnProperties(expected.GetType()))
        {
            var a = property.GetValue(expected);
            var b = property.GetValue(actual);
            var equal = a switch
            {
                byte[] bytes => b is byte[] other && bytes.SequenceEqual(other),
                _ => Equals(a, b)
            };
            if (!equal)
                differences.Add($"{property.Name}: {Format(a)} ≠ {Format(b)}");
        }
        return differences;
    }

    private static string Format(object value) => value switch
    {
        null => "null",
        DateTime d => d.ToString("O"),
        byte[] b => Convert.ToHexString(b),
        _ => value.ToString()
    };
}
