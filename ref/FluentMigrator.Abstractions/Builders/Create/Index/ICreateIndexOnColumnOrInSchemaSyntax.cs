namespace FluentMigrator.Builders.Create.Index;

public interface ICreateIndexOnColumnOrInSchemaSyntax : ICreateIndexOnColumnSyntax
{
}
