namespace FluentMigrator.Builders.Create.Table;

// FluentMigrator 7.1.0's builder that nopCommerce hands to IEntityBuilder.MapEntity. Its real base class and
// the other syntax interfaces it implements are left out: the plugin only starts a column on it, through
// ICreateTableWithColumnSyntax (declared in FluentMigrator.Abstractions).
public class CreateTableExpressionBuilder : ICreateTableWithColumnOrSchemaOrDescriptionSyntax
{
    public ICreateTableColumnAsTypeSyntax WithColumn(string name) => throw null;
}
