using Npgsql;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>
/// A look at the shop's database (PREORDERS_E2E_DB), only where no admin page fits: nopCommerce's
/// "Log" rows (with stacks) and "QueuedEmail" bodies. Without it the suite reads the admin pages instead.
/// The only writes (ShopDatabase.Journeys.cs) stand in for time, which no page can move.
/// </summary>
public static partial class ShopDatabase
{
    public static bool Available => E2EConfig.Database != null;

    /// <summary>Errors (LogLevelId >= 40) of the plugin logged after <paramref name="afterId"/>.</summary>
    public static async Task<List<string>> PluginErrorsAsync(long afterId)
    {
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select \"Id\", \"LogLevelId\", coalesce(\"PageUrl\", ''), coalesce(\"ShortMessage\", ''), coalesce(\"FullMessage\", '') " +
            "from \"Log\" where \"Id\" > @after and \"LogLevelId\" >= 40 " +
            // The plugin's own names (its assembly, its plugin folder and resources) and its pages' routes; not any
            // "preorder" in a message, which also matches a file path of a shop installed under such a folder.
            "and (\"ShortMessage\" like '%Nop.Plugin.Preorders%' or \"ShortMessage\" like '%Misc.Preorders%' " +
            "or \"FullMessage\" like '%Nop.Plugin.Preorders%' or \"FullMessage\" like '%Misc.Preorders%' " +
            "or \"PageUrl\" ilike '%/preorders%') order by \"Id\"", connection);
        command.Parameters.AddWithValue("after", afterId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add($"#{reader.GetInt32(0)} level {reader.GetInt32(1)} {reader.GetString(2)}: {Shop.Clip(reader.GetString(3), 300)} {Shop.Clip(reader.GetString(4), 700)}");
        return rows;
    }

    public static async Task<long> LastLogIdAsync()
    {
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(\"Id\"), 0) from \"Log\"", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Bodies of the e-mails queued for <paramref name="to"/>, newest first.</summary>
    public static async Task<List<(string Subject, string Body)>> QueuedEmailsAsync(string to)
    {
        var rows = new List<(string, string)>();
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(\"Subject\", ''), coalesce(\"Body\", '') from \"QueuedEmail\" where lower(\"To\") = lower(@to) order by \"Id\" desc", connection);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    /// <summary>
    /// When the plugin's scheduled task last started and ended (UTC, nopCommerce's "ScheduleTask" row). Run now does
    /// nothing when the timer's own run holds the task's lock, so a journey checks a run started after its click.
    /// </summary>
    public static async Task<(DateTime? StartedUtc, DateTime? EndedUtc)> PluginTaskLastRunAsync()
    {
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select \"LastStartUtc\", \"LastEndUtc\" from \"ScheduleTask\" where \"Type\" like 'Nop.Plugin.Preorders.%' order by \"Id\" limit 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return (null, null);
        return (reader.IsDBNull(0) ? null : reader.GetDateTime(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1));
    }
}
