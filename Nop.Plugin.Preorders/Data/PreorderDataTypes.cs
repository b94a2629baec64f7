using LinqToDB;

namespace Nop.Plugin.Preorders.Data;

/// <summary>
/// linq2db <see cref="DataType"/> members for the plugin's SQL parameters, looked up by NAME in the linq2db the
/// shop runs. <see cref="DataType"/> is an enum, so writing <c>DataType.DateTime2</c> would compile the number of
/// the linq2db the plugin was built against (5.4.1, nopCommerce 4.90's) into the plugin; linq2db 6 renumbered
/// the enum from <c>Single</c> on, and in a shop running linq2db 6 that number means <c>Time</c> (PostgreSQL:
/// "Writing values of 'System.DateTime' is not supported for parameters having NpgsqlDbType 'Time'") and
/// 5.4.1's <c>Decimal</c> means <c>Double</c>. By name, the same plugin binary is right on both.
/// </summary>
public static class PreorderDataTypes
{
    public static readonly DataType Int32 = Resolve(nameof(Int32));
    public static readonly DataType Int64 = Resolve(nameof(Int64));
    public static readonly DataType Boolean = Resolve(nameof(Boolean));
    public static readonly DataType Decimal = Resolve(nameof(Decimal));
    public static readonly DataType DateTime2 = Resolve(nameof(DateTime2));
    public static readonly DataType NVarChar = Resolve(nameof(NVarChar));

    private static DataType Resolve(string name) => (DataType)Enum.Parse(typeof(DataType), name);
}
