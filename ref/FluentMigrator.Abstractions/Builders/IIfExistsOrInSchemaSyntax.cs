namespace FluentMigrator.Builders;

public interface IIfExistsOrInSchemaSyntax : IInSchemaSyntax
{
}
