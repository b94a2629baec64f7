namespace Nop.Web.Framework.Models.DataTables;

public static partial class NopColumnClassDefaults
{
    public static string CenterAll => throw null;

    public static string ChildControl => throw null;

    public static string Button => throw null;
}
