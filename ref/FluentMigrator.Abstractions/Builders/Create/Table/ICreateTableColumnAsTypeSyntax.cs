namespace FluentMigrator.Builders.Create.Table;

public interface ICreateTableColumnAsTypeSyntax : IColumnTypeSyntax<ICreateTableColumnOptionOrWithColumnSyntax>
{
}
