namespace Nop.Data.Mapping;

public static partial class NameCompatibilityManager
{
    public static List<Type> AdditionalNameCompatibilities { get; } = new List<Type>();
}
