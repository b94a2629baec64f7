using FluentMigrator.Infrastructure;

namespace FluentMigrator.Builders;

public interface IForeignKeyCascadeSyntax<TNext, TNextFk> : IFluentSyntax
    where TNext : IFluentSyntax
    where TNextFk : IFluentSyntax
{
}
