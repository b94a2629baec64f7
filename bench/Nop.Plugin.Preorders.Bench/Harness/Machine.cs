using System.Runtime.InteropServices;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>The machine the figures come from.</summary>
public static class Machine
{
    public static IReadOnlyList<(string Name, string Value)> Describe(bool withPostgres)
    {
        var items = new List<(string, string)>
        {
            ("CPU", $"{Cpu()} ({Environment.ProcessorCount} logical cores, `nproc` = {Environment.ProcessorCount})"),
            ("Memory", MemTotal()),
            ("OS", $"{OsName()}, kernel {Environment.OSVersion.Version}"),
            (".NET", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture}), Release, workstation GC"),
            ("SQLite", SqliteVersion())
        };
        if (withPostgres)
            items.Add(("PostgreSQL", PostgresVersion()));
        return items;
    }

    private static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string MemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            var kb = long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0]);
            return $"{kb / 1024.0 / 1024.0:0.0} GiB";
        }
        catch (Exception)
        {
            return $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024:0.0} GiB available to .NET";
        }
    }

    private static string OsName()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            return line?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        }
        catch (IOException)
        {
            return RuntimeInformation.OSDescription;
        }
    }

    private static string SqliteVersion()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var version = command.ExecuteScalar();
        command.CommandText = "PRAGMA synchronous";
        var synchronous = Convert.ToInt32(command.ExecuteScalar()) switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", var n => n.ToString() };
        return $"{version} (Microsoft.Data.Sqlite; a temp file in WAL mode, synchronous={synchronous}, the library's default)";
    }

    private static string PostgresVersion()
    {
        try
        {
            using var connection = new Npgsql.NpgsqlConnection(BenchDatabase.PostgresConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version(), current_setting('shared_buffers'), current_setting('synchronous_commit'), current_setting('work_mem')";
            using var reader = command.ExecuteReader();
            reader.Read();
            return $"{reader.GetString(0)}; shared_buffers {reader.GetString(1)}, work_mem {reader.GetString(3)}, synchronous_commit {reader.GetString(2)} (server defaults, local TCP)";
        }
        catch (Exception ex)
        {
            return $"not reachable ({ex.Message})";
        }
    }
}
