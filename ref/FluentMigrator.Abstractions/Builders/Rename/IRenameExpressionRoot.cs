using FluentMigrator.Infrastructure;

namespace FluentMigrator.Builders.Rename;

public interface IRenameExpressionRoot : IFluentSyntax
{
}
