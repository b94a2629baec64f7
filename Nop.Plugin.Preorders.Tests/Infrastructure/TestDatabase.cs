using System.Data.Common;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.PostgreSQL;
using LinqToDB.DataProvider.SQLite;
using LinqToDB.Mapping;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

public enum TestDbProvider
{
    Sqlite,
    Postgres
}

/// <summary>
/// A fresh, empty database owned by one fixture (or one test).
/// <list type="bullet">
/// <item>SQLite by default: a temp file (not in-memory, so any number of connections share it), WAL journal
/// and a busy timeout so parallel writers wait for each other instead of failing with SQLITE_BUSY.</item>
/// <item>PostgreSQL when <c>PREORDERS_TEST_POSTGRES</c> holds an Npgsql connection string (to a maintenance
/// database such as <c>postgres</c>): a uniquely named database is created per instance and dropped on dispose.</item>
/// </list>
/// The database starts without tables: call <see cref="MigrateUp"/> (or the finer migration methods) first.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresEnvironmentVariable = "PREORDERS_TEST_POSTGRES";

    /// <summary>Seconds a SQLite writer waits for a lock before failing.</summary>
    private const int SqliteBusyTimeoutSeconds = 30;

    private readonly string _sqlitePath;
    private readonly string _postgresMaintenance;
    private readonly string _postgresDatabase;
    private bool _disposed;

    private TestDatabase(TestDbProvider provider, string connectionString, string sqlitePath, string postgresMaintenance, string postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresMaintenance = postgresMaintenance;
        _postgresDatabase = postgresDatabase;
        MappingSchema = PreorderMappingSchema.For(provider);
        Options = BuildOptions();
        Migrator = new PreorderMigrator(this);
    }

    /// <summary>The provider chosen by the environment (see the class summary).</summary>
    public static TestDbProvider CurrentProvider =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresEnvironmentVariable)) ? TestDbProvider.Sqlite : TestDbProvider.Postgres;

    public TestDbProvider Provider { get; }

    /// <summary>ADO.NET connection string of this database (Microsoft.Data.Sqlite or Npgsql).</summary>
    public string ConnectionString { get; }

    /// <summary>linq2db mapping of the plugin's entities, as nopCommerce builds it at run time.</summary>
    public MappingSchema MappingSchema { get; }

    /// <summary>linq2db options (provider, connection string, mapping) for new <see cref="DataConnection"/>s.</summary>
    public DataOptions Options { get; }

    /// <summary>Runs the plugin's FluentMigrator migrations on this database.</summary>
    public PreorderMigrator Migrator { get; }

    /// <summary>Creates an empty database for the current provider.</summary>
    public static TestDatabase Create()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresEnvironmentVariable);
        return string.IsNullOrWhiteSpace(postgres) ? CreateSqlite() : CreatePostgres(postgres);
    }

    /// <summary>Creates an empty database for the current provider with the full schema (1.0 + 1.1).</summary>
    public static TestDatabase CreateMigrated()
    {
        var db = Create();
        try
        {
            db.MigrateUp();
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "preorders-tests");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"preorders-{Guid.NewGuid():N}.db");

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // Microsoft.Data.Sqlite retries a busy/locked statement until the command timeout elapses;
            // PRAGMA busy_timeout (set on every open below) makes SQLite itself wait as well.
            DefaultTimeout = SqliteBusyTimeoutSeconds,
            // No pooling: Dispose can delete the file, and every DataConnection really is a connection of its own.
            Pooling = false
        }.ToString();

        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL is a property of the database file: set once, every later connection uses it.
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"SQLite refused WAL mode (journal_mode = {mode}).");
        }

        return new TestDatabase(TestDbProvider.Sqlite, connectionString, path, null, null);
    }

    private static TestDatabase CreatePostgres(string maintenanceConnectionString)
    {
        // at most 62 characters (PostgreSQL identifiers stop at 63)
        var name = $"preorders_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(maintenanceConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(maintenanceConnectionString)
        {
            Database = name,
            // parallel tests must not starve each other; a missing connection fails fast
            Timeout = 15
        }.ToString();

        return new TestDatabase(TestDbProvider.Postgres, connectionString, null, maintenanceConnectionString, name);
    }

    private DataOptions BuildOptions()
    {
        var options = Provider switch
        {
            TestDbProvider.Sqlite => new DataOptions()
                .UseSQLite(ConnectionString, SQLiteProvider.Microsoft)
                .UseAfterConnectionOpened(
                    connection => SetBusyTimeout(connection),
                    async (connection, cancellationToken) =>
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = $"PRAGMA busy_timeout = {SqliteBusyTimeoutSeconds * 1000};";
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }),
            TestDbProvider.Postgres => new DataOptions().UsePostgreSQL(ConnectionString, PostgreSQLVersion.v95),
            _ => throw new NotSupportedException(Provider.ToString())
        };
        return options.UseMappingSchema(MappingSchema);
    }

    private static void SetBusyTimeout(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {SqliteBusyTimeoutSeconds * 1000};";
        command.ExecuteNonQuery();
    }

    /// <summary>A new linq2db connection to this database (the caller disposes it).</summary>
    public DataConnection CreateConnection() => new(Options);

    /// <summary>A new, opened ADO.NET connection to this database (the caller disposes it).</summary>
    public DbConnection OpenAdoConnection()
    {
        DbConnection connection = Provider == TestDbProvider.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        connection.Open();
        if (Provider == TestDbProvider.Sqlite)
            SetBusyTimeout(connection);
        return connection;
    }

    /// <summary>Runs raw SQL (DDL or DML) outside linq2db; returns rows affected.</summary>
    public int ExecuteSql(string sql)
    {
        using var connection = OpenAdoConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a scalar query outside linq2db.</summary>
    public object ExecuteScalar(string sql)
    {
        using var connection = OpenAdoConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Whether a table exists (lower-case name).</summary>
    public bool TableExists(string table) => Convert.ToInt64(ExecuteScalar(Provider == TestDbProvider.Sqlite
        ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
        : $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'")) == 1;

    /// <summary>Column names of a table, in declaration order.</summary>
    public IReadOnlyList<string> Columns(string table)
    {
        using var connection = OpenAdoConnection();
        using var command = connection.CreateCommand();
        command.CommandText = Provider == TestDbProvider.Sqlite
            ? $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
            : $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
            columns.Add(reader.GetString(0));
        return columns;
    }

    /// <summary>Declared maximum length of each character column of a table (null: unlimited or not declared).</summary>
    public IReadOnlyDictionary<string, int?> ColumnMaxLengths(string table)
    {
        using var connection = OpenAdoConnection();
        using var command = connection.CreateCommand();
        command.CommandText = Provider == TestDbProvider.Sqlite
            ? $"SELECT name, type FROM pragma_table_info('{table}')"
            : $"SELECT column_name, character_maximum_length FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'";
        using var reader = command.ExecuteReader();
        var lengths = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            int? length = null;
            if (Provider == TestDbProvider.Postgres)
                length = reader.IsDBNull(1) ? null : Convert.ToInt32(reader.GetValue(1));
            else
            {
                // SQLite keeps the declared type text, e.g. "VARCHAR(2)" (it does not enforce it)
                var match = System.Text.RegularExpressions.Regex.Match(reader.GetString(1), @"\((\d+)\)");
                if (match.Success)
                    length = int.Parse(match.Groups[1].Value);
            }
            lengths[reader.GetString(0)] = length;
        }
        return lengths;
    }

    /// <summary>Names of the unique indexes of a table (constraints included on PostgreSQL).</summary>
    public IReadOnlyList<string> UniqueIndexes(string table) => Indexes(table, uniqueOnly: true);

    /// <summary>The indexes created on the table (not the primary key), by name.</summary>
    public IReadOnlyList<string> Indexes(string table, bool uniqueOnly = false)
    {
        using var connection = OpenAdoConnection();
        using var command = connection.CreateCommand();
        command.CommandText = Provider == TestDbProvider.Sqlite
            ? $"SELECT name FROM pragma_index_list('{table}') WHERE origin = 'c'{(uniqueOnly ? " AND \"unique\" = 1" : "")} ORDER BY name"
            : $"SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid " +
              $"WHERE t.relname = '{table}'{(uniqueOnly ? " AND x.indisunique" : "")} AND NOT x.indisprimary ORDER BY i.relname";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Applies schema 1.0 (<c>SchemaMigration</c>), 1.1 (<c>AutomationSchemaMigration</c>), 1.2 (<c>ReconciliationIndexMigration</c>), 1.3 (<c>InstallmentVersionMigration</c>) , 1.4 (<c>MarkPaidRetryMigration</c>), 1.5 (<c>CustomerLimitMigration</c>), 1.6 (<c>AllocationNoticeMigration</c>) and 1.7 (<c>CancellationReasonMigration</c>).</summary>
    public void MigrateUp() => Migrator.UpAll();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;

        if (Provider == TestDbProvider.Sqlite)
        {
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                try
                {
                    if (File.Exists(file))
                        File.Delete(file);
                }
                catch (IOException)
                {
                    // a connection leaked by a failing test still holds the file: leave it to the temp folder
                }
            }
            return;
        }

        using (var pooled = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(_postgresMaintenance);
        connection.Open();
        using var command = connection.CreateCommand();
        // FORCE (PostgreSQL 13+) ends connections a failing test may have leaked.
        command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
