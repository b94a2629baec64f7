using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>Creates the tests' <see cref="TestDatabase"/> (migrated by the plugin's own migrations) for a chosen provider.</summary>
public static class BenchDatabase
{
    /// <summary>The local PostgreSQL of the development machine and CI (role preorders/preorders).</summary>
    public const string DefaultPostgres = "Host=127.0.0.1;Username=preorders;Password=preorders;Database=postgres";

    private static readonly object Gate = new();

    /// <summary>Connection string of the PostgreSQL maintenance database: the environment's, else the local default.</summary>
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("PREORDERS_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable(TestDatabase.PostgresEnvironmentVariable) is { Length: > 0 } tests ? tests
        : DefaultPostgres;

    /// <summary>A fresh database of <paramref name="provider"/> with the plugin's schema (TestDatabase reads the provider from the environment).</summary>
    public static TestDatabase Create(TestDbProvider provider)
    {
        lock (Gate)
        {
            var saved = Environment.GetEnvironmentVariable(TestDatabase.PostgresEnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(TestDatabase.PostgresEnvironmentVariable, provider == TestDbProvider.Postgres ? PostgresConnectionString : null);
                return TestDatabase.CreateMigrated();
            }
            finally
            {
                Environment.SetEnvironmentVariable(TestDatabase.PostgresEnvironmentVariable, saved);
            }
        }
    }

    /// <summary>Whether PostgreSQL answers (the bench skips it, with a note, when not).</summary>
    public static bool PostgresAvailable(out string error)
    {
        try
        {
            using var connection = new Npgsql.NpgsqlConnection(PostgresConnectionString);
            connection.Open();
            error = null;
            return true;
        }
        catch (Exception ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
