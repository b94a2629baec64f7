namespace FluentMigrator.Builders.Create.Table;

public interface ICreateTableColumnOptionOrWithColumnSyntax :
    IColumnOptionSyntax<ICreateTableColumnOptionOrWithColumnSyntax, ICreateTableColumnOptionOrForeignKeyCascadeOrWithColumnSyntax>,
    ICreateTableWithColumnSyntax
{
}
