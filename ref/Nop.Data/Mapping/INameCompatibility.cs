namespace Nop.Data.Mapping;

public partial interface INameCompatibility
{
    Dictionary<Type, string> TableNames { get; }

    Dictionary<(Type, string), string> ColumnName { get; }
}
