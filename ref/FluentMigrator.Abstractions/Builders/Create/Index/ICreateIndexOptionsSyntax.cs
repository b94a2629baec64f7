using FluentMigrator.Infrastructure;

namespace FluentMigrator.Builders.Create.Index;

public interface ICreateIndexOptionsSyntax : IFluentSyntax
{
    ICreateIndexOnColumnSyntax Unique();

    ICreateIndexOnColumnSyntax NonClustered();
}
