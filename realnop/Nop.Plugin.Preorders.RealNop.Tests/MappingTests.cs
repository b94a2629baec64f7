using System.Reflection;
using LinqToDB;
using LinqToDB.Async;
using Moq;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Configuration;
using Nop.Core.Events;
using Nop.Data;
using Nop.Data.Mapping;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;

namespace Nop.Plugin.Preorders.RealNop.Tests;

/// <summary>
/// The plugin's entities through nopCommerce's own mapping and data provider on PostgreSQL, whose quoted names are
/// case-sensitive: a column nopCommerce's mapping names differently from the plugin's migrations fails here
/// (as the key column <c>"Id"</c> against the migrations' <c>id</c> did in shops).
/// </summary>
public class MappingTests
{
    private static IEnumerable<Type> Entities => PreorderDbNames.EntityTypes;

    [TestCaseSource(nameof(Entities))]
    public void Every_mapped_column_exists_in_the_migrated_table_under_the_same_name(Type entity)
    {
        var descriptor = NopMappingSchema.GetEntityDescriptor(entity);
        var columns = RealNopDatabase.Columns(descriptor.EntityName);

        Assert.That(columns, Is.Not.Empty, $"nopCommerce maps {entity.Name} to table \"{descriptor.EntityName}\", which the migrations did not create.");
        var names = columns.Select(c => c.Name).ToList();
        Assert.Multiple(() =>
        {
            foreach (var field in descriptor.Fields)
                Assert.That(names, Does.Contain(field.Name), $"nopCommerce maps a column \"{field.Name}\" of {descriptor.EntityName}; the table has: {string.Join(", ", names)}");
            var key = descriptor.Fields.Single(f => f.IsPrimaryKey);
            Assert.That(key.IsIdentity, Is.True, $"{descriptor.EntityName}'s key is not an identity in nopCommerce's mapping");
            // nopCommerce's mapping names the identity's sequence {table}_{column}_seq (SequenceNameAttribute) and its
            // PostgreSQL provider looks it up with pg_get_serial_sequence: the column must own that sequence.
            var keyColumn = columns.Single(c => c.Name == key.Name);
            Assert.That(keyColumn.Default, Does.Contain($"{descriptor.EntityName}_{key.Name}_seq"), $"{descriptor.EntityName}.{key.Name} default");
        });
    }

    [TestCaseSource(nameof(Entities))]
    public void Every_column_a_row_needs_is_mapped(Type entity)
    {
        var descriptor = NopMappingSchema.GetEntityDescriptor(entity);
        var mapped = descriptor.Fields.Select(f => f.Name).ToHashSet();
        var unmapped = RealNopDatabase.Columns(descriptor.EntityName).Where(c => !c.Nullable && c.Default == null && !mapped.Contains(c.Name)).Select(c => c.Name).ToList();
        Assert.That(unmapped, Is.Empty, $"NOT NULL columns of {descriptor.EntityName} that nopCommerce's mapping never writes: inserts would fail");
    }

    [TestCaseSource(nameof(Entities))]
    public async Task Every_entity_round_trips_through_nopCommerces_data_provider(Type entity)
    {
        var method = typeof(MappingTests).GetMethod(nameof(RoundTripAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(entity);
        await (Task)method.Invoke(null, null)!;
    }

    [Test]
    public async Task The_cap_counter_conditional_update_and_queries_run_through_nopCommerces_repository()
    {
        var caps = new CapReservationService(RealNopDatabase.DataProvider, Repository<PreorderCapCounter>(), Repository<PreorderLine>());
        const int productId = 424242;

        var counter = await caps.EnsureCounterAsync(productId);
        counter.Cap = 3;
        await RealNopDatabase.DataProvider.UpdateEntityAsync(counter);

        Assert.Multiple(async () =>
        {
            Assert.That(await caps.TryReserveAsync(productId, 0, 2), Is.True);
            Assert.That(await caps.TryReserveAsync(productId, 0, 2), Is.False, "a reservation beyond the cap");
            Assert.That(await caps.TryReserveAsync(productId, 0, 1), Is.True);
            Assert.That((await caps.GetCounterAsync(productId)).Sold, Is.EqualTo(3));
        });
        await caps.ReleaseAsync(productId, 0, 2);
        Assert.That((await caps.GetCounterAsync(productId)).Sold, Is.EqualTo(1));
    }

    [Test]
    public async Task The_line_compare_and_set_runs_through_nopCommerces_data_provider()
    {
        var line = Sample<PreorderLine>(1);
        line.StateId = (int)PreorderLineState.Waiting;
        line.Version = 1;
        await RealNopDatabase.DataProvider.InsertEntityAsync(line);
        var updates = new ConditionalUpdates(RealNopDatabase.DataProvider);

        line.StateId = (int)PreorderLineState.Ready;
        Assert.That(await updates.TryUpdateLineAsync(line), Is.True);
        var stale = await RealNopDatabase.DataProvider.GetTable<PreorderLine>().FirstAsync(l => l.Id == line.Id);
        stale.Version--;
        Assert.That(await updates.TryUpdateLineAsync(stale), Is.False, "a write from an older read");
        var read = await RealNopDatabase.DataProvider.GetTable<PreorderLine>().FirstAsync(l => l.Id == line.Id);
        Assert.That(read.StateId, Is.EqualTo((int)PreorderLineState.Ready));
    }

    /// <summary>Insert, read by key, update, read, delete: every mapped property survives unchanged.</summary>
    private static async Task RoundTripAsync<TEntity>() where TEntity : BaseEntity, new()
    {
        var data = RealNopDatabase.DataProvider;
        var entity = Sample<TEntity>(1);
        await data.InsertEntityAsync(entity);
        Assert.That(entity.Id, Is.GreaterThan(0), "the key nopCommerce's provider read back");

        var read = await data.GetTable<TEntity>().FirstOrDefaultAsync(e => e.Id == entity.Id);
        AssertSame(entity, read);

        var changed = Sample<TEntity>(2);
        changed.Id = entity.Id;
        await data.UpdateEntityAsync(changed);
        AssertSame(changed, await data.GetTable<TEntity>().FirstOrDefaultAsync(e => e.Id == entity.Id));

        await data.DeleteEntityAsync(changed);
        Assert.That(await data.GetTable<TEntity>().AnyAsync(e => e.Id == entity.Id), Is.False);
    }

    private static void AssertSame<TEntity>(TEntity expected, TEntity actual) where TEntity : BaseEntity
    {
        Assert.That(actual, Is.Not.Null, $"{typeof(TEntity).Name} {expected.Id} not found by key");
        Assert.Multiple(() =>
        {
            foreach (var property in MappedProperties(typeof(TEntity)))
                Assert.That(property.GetValue(actual), Is.EqualTo(property.GetValue(expected)), $"{typeof(TEntity).Name}.{property.Name}");
        });
    }

    private static IEnumerable<PropertyInfo> MappedProperties(Type type)
    {
        var descriptor = NopMappingSchema.GetEntityDescriptor(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && descriptor.Fields.Any(f => f.Name.Equals(NameCompatibilityManager.GetColumnName(type, p.Name), StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>An entity with every mapped property set to a value derived from <paramref name="seed"/> (short strings fit every column).</summary>
    private static TEntity Sample<TEntity>(int seed) where TEntity : BaseEntity, new()
    {
        var entity = new TEntity();
        foreach (var property in MappedProperties(typeof(TEntity)).Where(p => p.Name != nameof(BaseEntity.Id)))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type switch
            {
                _ when type == typeof(int) => 10 + seed,
                _ when type == typeof(long) => 100L + seed,
                _ when type == typeof(decimal) => 12.3456m * seed,
                _ when type == typeof(bool) => seed % 2 == 1,
                _ when type == typeof(DateTime) => new DateTime(2026, 1, 2, 3, 4, 5 + seed, DateTimeKind.Utc),
                _ when type == typeof(Guid) => new Guid(seed, 0, 0, new byte[8]),
                _ when type == typeof(string) => "s" + seed,
                _ when type == typeof(byte[]) => new byte[] { (byte)seed, 2, 3 },
                _ => null
            };
            property.SetValue(entity, value);
        }
        return entity;
    }

    /// <summary>nopCommerce's own repository over its PostgreSQL provider; events and caches are not what is tested.</summary>
    private static IRepository<TEntity> Repository<TEntity>() where TEntity : BaseEntity =>
        new EntityRepository<TEntity>(Mock.Of<IEventPublisher>(), RealNopDatabase.DataProvider, Mock.Of<IShortTermCacheManager>(),
            Mock.Of<IStaticCacheManager>(), new AppSettings(new List<IConfig> { new DistributedCacheConfig() }));
}
