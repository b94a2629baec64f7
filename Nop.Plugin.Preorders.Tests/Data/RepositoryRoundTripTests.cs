using NUnit.Framework;
using Nop.Core;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Tests.Data;

/// <summary>
/// Every plugin entity through <see cref="TestRepository{TEntity}"/> on the migrated schema: insert, read by id,
/// update, delete, with every column property set to a non-default value, so that a property the mapping or the
/// migration forgot shows up as a difference.
/// </summary>
[TestFixture]
public class RepositoryRoundTripTests
{
    private TestDatabase _db;

    [OneTimeSetUp]
    public void CreateDatabase() => _db = TestDatabase.CreateMigrated();

    [OneTimeTearDown]
    public void DropDatabase() => _db?.Dispose();

    public static IEnumerable<Type> EntityTypes => PreorderDbNames.EntityTypes;

    [TestCaseSource(nameof(EntityTypes))]
    public async Task Insert_read_update_delete_keeps_every_column(Type type)
    {
        var table = PreorderMappingSchema.TableName(type);
        var maxLengths = _db.ColumnMaxLengths(table);
        var columns = PreorderMappingSchema.ColumnProperties(type);
        Assert.That(columns.Count, Is.GreaterThan(2), "an entity with columns besides Id");

        // insert: every column non-default
        var entity = EntityValues.Create(type, 1, maxLengths);
        var blank = (BaseEntity)Activator.CreateInstance(type)!;
        foreach (var property in columns.Where(p => p.Name != nameof(BaseEntity.Id)))
            Assert.That(property.GetValue(entity), Is.Not.EqualTo(property.GetValue(blank)), $"{property.Name} has a non-default test value");

        using (var scope = new TestScope(_db))
            await RepositoryAccess.InsertAsync(scope, entity);
        Assert.That(entity.Id, Is.GreaterThan(0), "Id set from the identity");

        // read back on another connection
        using (var scope = new TestScope(_db))
        {
            var read = await RepositoryAccess.GetByIdAsync(scope, type, entity.Id);
            Assert.That(read, Is.Not.Null);
            Assert.That(EntityValues.Differences(entity, read), Is.Empty, "read after insert");
        }

        // update every column to other values
        EntityValues.Fill(entity, 2, maxLengths);
        using (var scope = new TestScope(_db))
            await RepositoryAccess.UpdateAsync(scope, entity);
        using (var scope = new TestScope(_db))
        {
            var read = await RepositoryAccess.GetByIdAsync(scope, type, entity.Id);
            Assert.That(EntityValues.Differences(entity, read), Is.Empty, "read after update");
        }

        // a second row gets its own id and is untouched by the delete
        var other = EntityValues.Create(type, 3, maxLengths);
        using (var scope = new TestScope(_db))
        {
            await RepositoryAccess.InsertAsync(scope, other);
            Assert.That(other.Id, Is.GreaterThan(entity.Id));

            await RepositoryAccess.DeleteAsync(scope, entity);
            Assert.That(await RepositoryAccess.GetByIdAsync(scope, type, entity.Id), Is.Null, "deleted");
            var kept = await RepositoryAccess.GetByIdAsync(scope, type, other.Id);
            Assert.That(EntityValues.Differences(other, kept), Is.Empty, "the other row");
            await RepositoryAccess.DeleteAsync(scope, other);
            Assert.That(await RepositoryAccess.GetAllAsync(scope, type), Is.Empty);
        }
    }

    [TestCaseSource(nameof(EntityTypes))]
    public void Mapping_uses_the_plugin_names_and_skips_enum_and_read_only_properties(Type type)
    {
        var descriptor = PreorderMappingSchema.For(_db.Provider).GetEntityDescriptor(type);
        var names = new PreorderNameCompatibility();

        Assert.That(descriptor.Name.Name, Is.EqualTo(names.TableNames[type]));
        Assert.That(descriptor.Name.Name, Is.EqualTo(PreorderDbNames.ToSnakeCase(type.Name)));
        Assert.That(descriptor.Columns.Select(c => c.MemberName),
            Is.EquivalentTo(PreorderMappingSchema.ColumnProperties(type).Select(p => p.Name)));
        foreach (var column in descriptor.Columns)
        {
            Assert.That(column.ColumnName, Is.EqualTo(names.ColumnName[(type, column.MemberName)]));
            Assert.That(column.ColumnName, Does.Match("^[a-z][a-z0-9_]*$"), "lower snake_case");
            Assert.That(column.IsPrimaryKey, Is.EqualTo(column.MemberName == nameof(BaseEntity.Id)));
            Assert.That(column.IsIdentity, Is.EqualTo(column.MemberName == nameof(BaseEntity.Id)));
        }

        // enum wrappers (State, Kind, PaymentMode...) and get-only properties are not columns
        var notColumns = type.GetProperties().Where(p => p.PropertyType.IsEnum || p.SetMethod == null).Select(p => p.Name).ToList();
        Assert.That(descriptor.Columns.Select(c => c.MemberName).Intersect(notColumns), Is.Empty);

        // a writable non-column property must not share a column's name: nopCommerce maps by name and would bind it
        var columnNames = descriptor.Columns.Select(c => c.ColumnName).ToHashSet();
        var clashes = names.ColumnName
            .Where(n => n.Key.Item1 == type && descriptor.Columns.All(c => c.MemberName != n.Key.Item2) && columnNames.Contains(n.Value))
            .Select(n => n.Key.Item2);
        Assert.That(clashes, Is.Empty);

        // identity read back with RETURNING, no sequence name (as nopCommerce's metadata reader)
        var id = descriptor.Columns.Single(c => c.MemberName == nameof(BaseEntity.Id));
        Assert.That(id.SequenceName, Is.Null);
    }
}
