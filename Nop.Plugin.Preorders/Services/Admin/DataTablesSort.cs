using System.Globalization;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// The sort a DataTables grid asks for in its server-side request ("order[0][column]" = column index,
/// "order[0][dir]" = asc/desc, "columns[i][data]" = the column's model property). Only the column name
/// travels on; the query services map known names and ignore anything else.
/// </summary>
public static class DataTablesSort
{
    public static GridSort Parse(Func<string, string> form)
    {
        if (form == null)
            return GridSort.Default;
        if (!int.TryParse(form("order[0][column]"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) || index < 0)
            return GridSort.Default;
        var column = form($"columns[{index}][data]");
        if (string.IsNullOrWhiteSpace(column))
            return GridSort.Default;
        var descending = string.Equals(form("order[0][dir]"), "desc", StringComparison.OrdinalIgnoreCase);
        return new GridSort(column.Trim(), descending);
    }
}
