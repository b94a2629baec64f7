namespace FluentMigrator.Builders.Create.Table;

public interface ICreateTableWithColumnOrSchemaSyntax : ICreateTableWithColumnSyntax
{
}
