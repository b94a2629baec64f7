using FluentMigrator.Builders.Delete;
using FluentMigrator.Builders.Execute;
using FluentMigrator.Builders.Update;

namespace FluentMigrator;

public abstract class Migration : MigrationBase
{
    public IDeleteExpressionRoot Delete => throw null;

    public IExecuteExpressionRoot Execute => throw null;

    public IUpdateExpressionRoot Update => throw null;
}
