using FluentMigrator.Infrastructure;

namespace FluentMigrator.Builders.Update;

public interface IUpdateExpressionRoot : IFluentSyntax
{
}
