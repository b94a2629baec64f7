using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using LinqToDB.Mapping;
using Nop.Core;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Data.Mapping;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// The linq2db mapping of the plugin's entities, built the way nopCommerce builds its own at run time
/// (nopCommerce derives it from the FluentMigrator auto-mapping of each entity and the names of every
/// <c>INameCompatibility</c>):
/// <list type="bullet">
/// <item>every type of <see cref="PreorderDbNames.EntityTypes"/> is a table named by
/// <see cref="PreorderNameCompatibility.TableNames"/>;</item>
/// <item>a column for every public instance property with a public setter whose type is int, long, string,
/// bool, decimal, DateTime, Guid, byte[] or a nullable of those (enum wrappers and read-only properties are
/// not columns), named by <see cref="PreorderNameCompatibility.ColumnName"/>;</item>
/// <item><c>Id</c> is primary key and identity, in the column an entity builder names (<c>id</c>), or <c>"Id"</c>
/// for an entity without one, as nopCommerce's <c>CreateTableExpressionBuilder.RetrieveTableExpressions</c> does. No linq2db sequence name is given, on PostgreSQL either:
/// nopCommerce 4.90's <c>FluentMigratorMetadataReader</c> yields only Table and Column attributes, and
/// FluentMigrator's <c>AddPostgres()</c> (7.1.0 and 8.0.1 alike, Postgres15_0Generator) creates
/// <c>GENERATED ALWAYS AS IDENTITY</c> columns, into which linq2db's <c>nextval('{table}_id_seq')</c> for a
/// sequence-named identity could not be inserted; linq2db reads the new id with <c>RETURNING id</c> instead.
/// The identity's sequence is still <c>{table}_id_seq</c> (what nopCommerce's <c>pg_get_serial_sequence</c>
/// look-ups find); <c>MigrationTests</c> checks that.</item>
/// </list>
/// The names come from the plugin's own <see cref="PreorderNameCompatibility"/>, so the mapping cannot drift
/// from what nopCommerce will see; a mappable property missing there fails the build of the schema.
/// </summary>
public static class PreorderMappingSchema
{
    private static readonly HashSet<Type> ColumnTypes = new()
    {
        typeof(int), typeof(long), typeof(string), typeof(bool), typeof(decimal), typeof(DateTime), typeof(Guid), typeof(byte[])
    };

    private static readonly ConcurrentDictionary<TestDbProvider, MappingSchema> Schemas = new();

    private static readonly MethodInfo MapEntityMethod =
        typeof(PreorderMappingSchema).GetMethod(nameof(MapEntity), BindingFlags.NonPublic | BindingFlags.Static);

    /// <summary>The (cached, immutable once built) mapping schema for a provider.</summary>
    public static MappingSchema For(TestDbProvider provider) => Schemas.GetOrAdd(provider, Build);

    /// <summary>Whether nopCommerce maps a property of this type to a column.</summary>
    public static bool IsColumnType(Type type) => ColumnTypes.Contains(Nullable.GetUnderlyingType(type) ?? type);

    /// <summary>The properties of an entity that are columns, <c>Id</c> first.</summary>
    public static IReadOnlyList<PropertyInfo> ColumnProperties(Type entityType) => entityType
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && IsColumnType(p.PropertyType))
        .OrderBy(p => p.Name == nameof(BaseEntity.Id) ? 0 : 1)
        .ToList();

    /// <summary>Table name of an entity, from the plugin's name compatibility.</summary>
    public static string TableName(Type entityType) =>
        Names.TableNames.TryGetValue(entityType, out var name)
            ? name
            : throw new InvalidOperationException($"PreorderNameCompatibility has no table name for {entityType.Name}.");

    /// <summary>Column name of an entity's property, from the plugin's name compatibility.</summary>
    public static string ColumnName(Type entityType, string propertyName) =>
        Names.ColumnName.TryGetValue((entityType, propertyName), out var name)
            ? name
            : throw new InvalidOperationException($"PreorderNameCompatibility has no column name for {entityType.Name}.{propertyName}.");

    private static PreorderNameCompatibility Names { get; } = new();

    private static MappingSchema Build(TestDbProvider provider)
    {
        var schema = new MappingSchema($"PreorderTests.{provider}");
        var builder = new FluentMappingBuilder(schema);
        foreach (var type in PreorderDbNames.EntityTypes)
            MapEntityMethod.MakeGenericMethod(type).Invoke(null, new object[] { builder, provider });
        builder.Build();
        return schema;
    }

    private static void MapEntity<TEntity>(FluentMappingBuilder builder, TestDbProvider provider) where TEntity : BaseEntity
    {
        var table = TableName(typeof(TEntity));
        // Only what is configured below is a column (IsColumnAttributeRequired), as in nopCommerce.
        var entity = builder.Entity<TEntity>().HasTableName(table).IsColumnRequired();

        foreach (var property in ColumnProperties(typeof(TEntity)))
        {
            var member = MemberLambda<TEntity>(property);
            var isId = property.Name == nameof(BaseEntity.Id);
            var type = property.PropertyType;
            entity.HasAttribute(member, new ColumnAttribute
            {
                Name = isId ? KeyColumnName(typeof(TEntity)) : ColumnName(typeof(TEntity), property.Name),
                IsColumn = true,
                IsPrimaryKey = isId,
                IsIdentity = isId,
                CanBeNull = !isId && (!type.IsValueType || Nullable.GetUnderlyingType(type) != null)
            });
        }
    }

    /// <summary>
    /// The key column's name as nopCommerce's mapping gives it: the one an entity builder of the plugin declares,
    /// otherwise the literal <c>Id</c> (nopCommerce adds that key whatever the name compatibility says). So a
    /// plugin entity without a builder fails here on PostgreSQL as it would in a shop.
    /// </summary>
    private static string KeyColumnName(Type entityType) =>
        typeof(PreorderDbNames).Assembly.GetTypes().Any(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b
            && b.GetGenericTypeDefinition() == typeof(PreorderEntityBuilder<>) && b.GetGenericArguments()[0] == entityType)
            ? PreorderEntityBuilder<BaseEntity>.KeyColumn
            : nameof(BaseEntity.Id);

    private static Expression<Func<TEntity, object>> MemberLambda<TEntity>(PropertyInfo property)
    {
        var parameter = Expression.Parameter(typeof(TEntity), "e");
        Expression body = Expression.Property(parameter, property);
        if (property.PropertyType.IsValueType)
            body = Expression.Convert(body, typeof(object));
        return Expression.Lambda<Func<TEntity, object>>(body, parameter);
    }
}
