using System.Reflection;
using FluentMigrator.Runner;
using FluentMigrator.Runner.Conventions;
using FluentMigrator.Runner.Initialization;
using FluentMigrator.Runner.Generators;
using FluentMigrator.Runner.Processors;
using LinqToDB.Data;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core;
using Nop.Core.Infrastructure;
using Nop.Data;
using Nop.Data.Configuration;
using Nop.Data.DataProviders;
using Nop.Data.Extensions;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Data;
using Npgsql;

namespace Nop.Plugin.Preorders.RealNop.Tests;

/// <summary>
/// A fresh PostgreSQL database set up the way a shop sets up the plugin: nopCommerce's data settings, its type
/// finder's view of the plugin assembly, and nopCommerce's own migration manager applying the plugin's migrations
/// (installation, then schema and update migrations as at start-up). Reads and writes then go through
/// nopCommerce's <see cref="PostgreSqlDataProvider"/>, whose mapping is <c>NopMappingSchema</c> with
/// <c>FluentMigratorMetadataReader</c>.
/// </summary>
[SetUpFixture]
public class RealNopDatabase
{
    /// <summary>Npgsql connection string of a server the tests may create a database on.</summary>
    public const string ServerVariable = "PREORDERS_REALNOP_POSTGRES";

    public static string ConnectionString { get; private set; }

    public static INopDataProvider DataProvider { get; private set; }

    public static Assembly PluginAssembly => typeof(PreorderDbNames).Assembly;

    private static string _server;
    private static string _database;

    [OneTimeSetUp]
    public void CreateAndMigrate()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrEmpty(_server))
            Assert.Fail($"{ServerVariable} is not set: give an Npgsql connection string of a PostgreSQL server (CI sets it).");

        _database = "preorders_realnop_" + Guid.NewGuid().ToString("N")[..8];
        Admin($"CREATE DATABASE {_database}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _database, Pooling = false }.ConnectionString;
        // nopCommerce's PostgreSQL processor writes text columns as citext; its installer creates the extension.
        // Through a connection string of its own: Npgsql caches the database's types per connection string.
        Execute(ConnectionString + ";Application Name=setup", "CREATE EXTENSION IF NOT EXISTS citext");

        Singleton<DataConfig>.Instance = new DataConfig { DataProvider = DataProviderType.PostgreSQL, ConnectionString = ConnectionString };
        Singleton<ITypeFinder>.Instance = new AssemblyTypeFinder(PluginAssembly, typeof(NopDbStartup).Assembly);
        EngineContext.Create();

        using (var services = MigrationServices())
        using (var scope = services.CreateScope())
        {
            var migrations = scope.ServiceProvider.GetRequiredService<IMigrationManager>();
            migrations.ApplyUpMigrations(PluginAssembly, MigrationProcessType.Installation);
            migrations.ApplyUpSchemaMigrations(PluginAssembly);
            migrations.ApplyUpMigrations(PluginAssembly, MigrationProcessType.Update);
        }

        DataProvider = DataProviderManager.GetDataProvider(DataProviderType.PostgreSQL);
    }

    [OneTimeTearDown]
    public void Drop()
    {
        if (_database != null)
            Admin($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    /// <summary>The column names of a table as PostgreSQL has them (case-sensitive), with nullability and default.</summary>
    public static IList<(string Name, bool Nullable, string Default)> Columns(string table)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT column_name, is_nullable = 'YES', column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t", connection);
        command.Parameters.AddWithValue("t", table);
        using var reader = command.ExecuteReader();
        var result = new List<(string, bool, string)>();
        while (reader.Read())
            result.Add((reader.GetString(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return result;
    }

    /// <summary>nopCommerce's migration services, registered as <c>NopDbStartup</c> registers them, scanning the plugin.</summary>
    private static ServiceProvider MigrationServices() => new ServiceCollection()
        .AddFluentMigratorCore()
        .AddScoped<IGeneratorAccessor, NopGeneratorAccessor>()
        .AddScoped<IProcessorAccessor, NopProcessorAccessor>()
        .AddScoped<IConnectionStringAccessor>(_ => DataSettingsManager.LoadSettings())
        .AddScoped<IMigrationManager, MigrationManager>()
        .AddScoped<IConventionSet, NopConventionSet>()
        .AddTransient(_ => DataProviderManager.GetDataProvider(DataProviderType.PostgreSQL))
        .AddTransient(p => new Lazy<IVersionLoader>(p.GetRequiredService<IVersionLoader>()))
        .ConfigureRunner(rb => rb.WithVersionTable(new MigrationVersionInfo()).AddNopDbEngines().ScanIn(PluginAssembly).For.Migrations())
        .BuildServiceProvider();

    private static void Admin(string sql) => Execute(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString, sql);

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>nopCommerce's type finder contract over a fixed set of assemblies (what a shop's finder sees of them).</summary>
public class AssemblyTypeFinder : ITypeFinder
{
    private readonly IList<Assembly> _assemblies;

    public AssemblyTypeFinder(params Assembly[] assemblies)
    {
        _assemblies = assemblies;
    }

    public IEnumerable<Type> FindClassesOfType<T>(bool onlyConcreteClasses = true) => FindClassesOfType(typeof(T), onlyConcreteClasses);

    public IEnumerable<Type> FindClassesOfType(Type assignTypeFrom, bool onlyConcreteClasses = true) => _assemblies
        .SelectMany(a => a.GetTypes())
        .Where(t => !t.IsInterface && assignTypeFrom.IsAssignableFrom(t) && (!onlyConcreteClasses || (t.IsClass && !t.IsAbstract)))
        .ToList();

    public IList<Assembly> GetAssemblies() => _assemblies;

    public Assembly GetAssemblyByName(string assemblyFullName) => _assemblies.FirstOrDefault(a => a.FullName == assemblyFullName);
}
