using FluentMigrator.Infrastructure;

namespace FluentMigrator.Builders;

public interface IInSchemaSyntax : IFluentSyntax
{
}
