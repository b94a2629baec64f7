namespace Nop.Web.Framework.Models.DataTables;

public partial class FilterParameter
{
    public FilterParameter(string name) => throw null;

    public FilterParameter(string name, string modelName) => throw null;

    public FilterParameter(string name, Type type) => throw null;

    public FilterParameter(string name, object value) => throw null;

    public FilterParameter(string name, string parentName, bool isParentChildParameter = true) => throw null;

    public string Name { get; }

    public string ModelName { get; }

    public Type Type { get; }

    public object Value { get; set; }

    public string ParentName { get; set; }
}
