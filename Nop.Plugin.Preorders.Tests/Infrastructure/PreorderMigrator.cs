using FluentMigrator;
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using Nop.Plugin.Preorders.Data.Migrations;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// Runs the plugin's migrations for real with FluentMigrator's runner (8.0.1, the package that replaces the
/// 7.1.0 declarations the plugin was compiled against). Migrations are passed as instances through
/// <see cref="IMigrationRunner.Up(IMigration)"/>: the runner never scans the plugin assembly, whose
/// <c>[NopMigration]</c> attributes would throw (the attribute's constructor is a compile-only declaration),
/// and no VersionInfo table is written (nopCommerce keeps its own).
/// </summary>
public sealed class PreorderMigrator
{
    private readonly TestDatabase _database;

    internal PreorderMigrator(TestDatabase database)
    {
        _database = database;
    }

    /// <summary>Every migration of the plugin, schema 1.0 to 2.8, in the order a fresh install runs them.</summary>
    private static IMigration[] Chain() => new IMigration[]
    {
        new SchemaMigration(),
        new AutomationSchemaMigration(),
        new ReconciliationIndexMigration(),
        new InstallmentVersionMigration(),
        new MarkPaidRetryMigration(),
        new CustomerLimitMigration(),
        new AllocationNoticeMigration(),
        new CancellationReasonMigration(),
        new PaymentScheduleMigration(),
        new ProductRestoreMigration(),
        new ShipDateNoticeMigration(),
        new LineSplitMigration(),
        new CampaignUpdateMigration(),
        new ReservationMigration(),
        new DepositScopeRuleMigration(),
        new WaitlistMigration(),
        new DelayCompensationMigration(),
        new FunnelMigration()
    };

    /// <summary>Schema 1.0 to 2.8 in order, as a fresh install runs them.</summary>
    public void UpAll()
    {
        foreach (var migration in Chain())
            Up(migration);
    }

    /// <summary>Schema 1.0 only (a shop that installed plugin version 1.0).</summary>
    public void UpSchemaOnly() => Up(new SchemaMigration());

    /// <summary>Schema 1.1 to 2.8 over whatever is there (the update from 1.0).</summary>
    public void UpAutomationOnly()
    {
        foreach (var migration in Chain().Skip(1))
            Up(migration);
    }

    /// <summary>Schema 1.0 and every migration before <typeparamref name="TMigration"/>: a shop of the version just before it.</summary>
    public void UpBefore<TMigration>() where TMigration : IMigration
    {
        foreach (var migration in Chain().TakeWhile(m => m is not TMigration))
            Up(migration);
    }

    /// <summary>Every migration after <typeparamref name="TMigration"/>: the rest of the update, to today's schema.</summary>
    public void UpAfter<TMigration>() where TMigration : IMigration
    {
        foreach (var migration in Chain().SkipWhile(m => m is not TMigration).Skip(1))
            Up(migration);
    }

    /// <summary>Down of 2.8 to 1.0, as an uninstall runs them (newest first).</summary>
    public void DownAll()
    {
        foreach (var migration in Chain().Reverse())
            Down(migration);
    }

    public void Up(IMigration migration) => Run(runner => runner.Up(migration));

    public void Down(IMigration migration) => Run(runner => runner.Down(migration));

    private void Run(Action<IMigrationRunner> action)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddFluentMigratorCore()
            .ConfigureRunner(builder =>
            {
                if (_database.Provider == TestDbProvider.Sqlite)
                    builder.AddSQLite();
                else
                    builder.AddPostgres();
                builder.WithGlobalConnectionString(_database.ConnectionString);
            });

        using var provider = services.BuildServiceProvider(validateScopes: false);
        using var scope = provider.CreateScope();
        action(scope.ServiceProvider.GetRequiredService<IMigrationRunner>());
    }
}
