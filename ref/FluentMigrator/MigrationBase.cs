using FluentMigrator.Builders.Alter;
using FluentMigrator.Builders.Create;
using FluentMigrator.Builders.IfDatabase;
using FluentMigrator.Builders.Insert;
using FluentMigrator.Builders.Rename;
using FluentMigrator.Builders.Schema;
using FluentMigrator.Infrastructure;

namespace FluentMigrator;

public abstract class MigrationBase : IMigration
{
    public string ConnectionString { get => throw null; protected set => throw null; }

    public abstract void Up();

    public abstract void Down();

    public virtual void GetUpExpressions(IMigrationContext context) => throw null;

    public virtual void GetDownExpressions(IMigrationContext context) => throw null;

    public IAlterExpressionRoot Alter => throw null;

    public ICreateExpressionRoot Create => throw null;

    public IRenameExpressionRoot Rename => throw null;

    public IInsertExpressionRoot Insert => throw null;

    public ISchemaExpressionRoot Schema => throw null;

    public IIfDatabaseExpressionRoot IfDatabase(params string[] databaseType) => throw null;

    public IIfDatabaseExpressionRoot IfDatabase(Predicate<string> databaseTypeFunc) => throw null;
}
