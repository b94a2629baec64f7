using FluentMigrator.Builders.Create.Index;
using FluentMigrator.Builders.Create.Table;
using FluentMigrator.Infrastructure;

namespace FluentMigrator.Builders.Create;

public interface ICreateExpressionRoot : IFluentSyntax
{
    ICreateTableWithColumnOrSchemaOrDescriptionSyntax Table(string tableName);

    ICreateIndexForTableSyntax Index(string indexName);
}
