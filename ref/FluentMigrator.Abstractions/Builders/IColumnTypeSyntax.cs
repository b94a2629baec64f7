using FluentMigrator.Infrastructure;

namespace FluentMigrator.Builders;

public interface IColumnTypeSyntax<TNext> : IFluentSyntax
    where TNext : IFluentSyntax
{
    TNext AsBoolean();

    TNext AsDateTime();

    TNext AsDateTime2();

    TNext AsDecimal(int size, int precision);

    TNext AsGuid();

    TNext AsInt32();

    TNext AsInt64();

    TNext AsString();

    TNext AsString(int size);
}
