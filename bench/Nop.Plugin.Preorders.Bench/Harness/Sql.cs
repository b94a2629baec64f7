using System.Data;
using System.Data.Common;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>Hand-written ADO.NET for the baselines: prepared, parameterised commands on a plain connection.</summary>
public static class Sql
{
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, DbType Type, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static DbCommand Prepared(DbConnection connection, string sql, params (string Name, DbType Type, object Value)[] parameters)
    {
        var command = Command(connection, sql, parameters);
        command.Prepare();
        return command;
    }

    public static void Set(this DbCommand command, string name, object value) => command.Parameters[name].Value = value ?? DBNull.Value;

    public static async Task<long> ScalarAsync(DbConnection connection, string sql, params (string Name, DbType Type, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? 0 : Convert.ToInt64(value);
    }
}
