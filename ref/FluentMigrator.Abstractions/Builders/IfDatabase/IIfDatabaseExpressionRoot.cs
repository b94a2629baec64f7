using FluentMigrator.Builders.Execute;

namespace FluentMigrator.Builders.IfDatabase;

public interface IIfDatabaseExpressionRoot
{
    IExecuteExpressionRoot Execute { get; }
}
