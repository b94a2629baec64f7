using FluentMigrator.Infrastructure;

namespace FluentMigrator.Builders;

public interface IColumnOptionSyntax<TNext, TNextFk> : IFluentSyntax
    where TNext : IFluentSyntax
    where TNextFk : IFluentSyntax
{
    TNext WithDefaultValue(object value);

    TNext Identity();

    TNext Indexed();

    TNext PrimaryKey();

    TNext Nullable();

    TNext NotNullable();

    TNext Unique();
}
