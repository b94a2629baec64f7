using System.Text;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>Query plans of captured commands (PostgreSQL <c>EXPLAIN (ANALYZE, BUFFERS)</c>, SQLite <c>EXPLAIN QUERY PLAN</c>).</summary>
public static class QueryPlans
{
    /// <summary>The plans of the captured commands; whether none of them scans the big tables sequentially.</summary>
    public static async Task<(string Plan, bool IndexOnly)> ExplainAsync(TestDatabase database, IReadOnlyList<CapturedCommand> commands, params string[] bigTables)
    {
        var sb = new StringBuilder();
        var indexOnly = true;
        await using var connection = database.OpenAdoConnection();
        foreach (var command in commands)
        {
            // SQLite's plan names tables by their alias in the statement
            var aliases = System.Text.RegularExpressions.Regex.Matches(command.Sql, @"(?:FROM|JOIN)\s+[\[""]?(\w+)[\]""]?\s+(?:AS\s+)?[\[""]?(\w+)[\]""]?", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                .GroupBy(m => m.Groups[2].Value).ToDictionary(g => g.Key, g => g.First().Groups[1].Value);
            sb.AppendLine("-- " + Flatten(command.Sql));
            await using var explain = connection.CreateCommand();
            explain.CommandText = (database.Provider == TestDbProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " : "EXPLAIN QUERY PLAN ") + command.Sql;
            foreach (var (name, value, type) in command.Parameters)
            {
                var parameter = explain.CreateParameter();
                parameter.ParameterName = name;
                parameter.DbType = type;
                parameter.Value = value ?? DBNull.Value;
                explain.Parameters.Add(parameter);
            }
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var line = database.Provider == TestDbProvider.Postgres ? reader.GetString(0) : $"{reader.GetValue(0)}|{reader.GetValue(1)}| {reader.GetString(3)}";
                sb.AppendLine(line);
                foreach (var table in bigTables)
                    if (line.Contains($"Seq Scan on {table}"))
                        indexOnly = false;
                if (database.Provider == TestDbProvider.Sqlite
                    && System.Text.RegularExpressions.Regex.Match(line, @"\bSCAN (\w+)(?: AS (\w+))?$") is { Success: true } scan
                    && bigTables.Contains(aliases.GetValueOrDefault(scan.Groups[2].Success ? scan.Groups[2].Value : scan.Groups[1].Value, scan.Groups[1].Value)))
                    indexOnly = false;
            }
            sb.AppendLine();
        }
        return (sb.ToString(), indexOnly);
    }

    private static string Flatten(string sql) => string.Join(" ", sql.Split(new[] { '\r', '\n', '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries));
}
