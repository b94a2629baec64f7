using System.Reflection;
using Nop.Core;
using Nop.Data.Mapping;

namespace Nop.Plugin.Preorders.Data;

/// <summary>Tells nopCommerce's mapping the plugin's snake_case names (found by nopCommerce's type scan).</summary>
public class PreorderNameCompatibility : INameCompatibility
{
    public Dictionary<Type, string> TableNames { get; } = PreorderDbNames.EntityTypes.ToDictionary(t => t, PreorderDbNames.Table);

    public Dictionary<(Type, string), string> ColumnName { get; } = PreorderDbNames.EntityTypes
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || p.Name == nameof(BaseEntity.Id))
            .Select(p => (Key: (t, p.Name), Value: PreorderDbNames.ToSnakeCase(p.Name))))
        .ToDictionary(x => x.Key, x => x.Value);
}
