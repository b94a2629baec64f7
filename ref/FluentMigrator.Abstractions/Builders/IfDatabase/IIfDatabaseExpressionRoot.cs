namespace FluentMigrator.Builders.IfDatabase;

public interface IIfDatabaseExpressionRoot
{
}
