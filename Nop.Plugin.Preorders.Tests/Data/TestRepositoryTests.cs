using Moq;
using NUnit.Framework;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Tests.Data;

/// <summary>The repository's nopCommerce semantics beyond the per-entity round trip (one database for the fixture).</summary>
[TestFixture]
public class TestRepositoryTests
{
    private TestDatabase _db;

    [OneTimeSetUp]
    public void CreateDatabase() => _db = TestDatabase.CreateMigrated();

    [OneTimeTearDown]
    public void DropDatabase() => _db?.Dispose();

    [SetUp]
    public void EmptyTable()
    {
        using var scope = new TestScope(_db);
        scope.Repository<PreorderAuditEntry>().TruncateAsync().GetAwaiter().GetResult();
    }

    private static PreorderAuditEntry Audit(int orderId, string action = "test") => new()
    {
        Action = action,
        OrderId = orderId,
        ProductId = 1,
        CreatedOnUtc = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc).AddMinutes(orderId)
    };

    private static async Task<List<PreorderAuditEntry>> SeedAsync(TestScope scope, params int[] orderIds)
    {
        var rows = orderIds.Select(id => Audit(id)).ToList();
        foreach (var row in rows)
            await scope.Repository<PreorderAuditEntry>().InsertAsync(row);
        return rows;
    }

    [Test]
    public async Task GetById_returns_null_for_null_zero_and_missing_ids()
    {
        using var scope = new TestScope(_db);
        var repository = scope.Repository<PreorderAuditEntry>();
        var row = (await SeedAsync(scope, 1)).Single();

        Assert.That(await repository.GetByIdAsync(null), Is.Null);
        Assert.That(await repository.GetByIdAsync(0), Is.Null);
        Assert.That(await repository.GetByIdAsync(row.Id + 1000), Is.Null);
        Assert.That((await repository.GetByIdAsync(row.Id)).OrderId, Is.EqualTo(1));
        Assert.That(repository.GetById(row.Id).OrderId, Is.EqualTo(1));
    }

    [Test]
    public async Task GetByIds_keeps_the_requested_order_and_skips_missing_ids()
    {
        using var scope = new TestScope(_db);
        var rows = await SeedAsync(scope, 10, 20, 30);

        var found = await scope.Repository<PreorderAuditEntry>().GetByIdsAsync(new[] { rows[2].Id, 999_999, rows[0].Id });

        Assert.That(found.Select(r => r.OrderId), Is.EqualTo(new[] { 30, 10 }));
        Assert.That(await scope.Repository<PreorderAuditEntry>().GetByIdsAsync(Array.Empty<int>()), Is.Empty);
    }

    [Test]
    public async Task GetAllPaged_pages_with_nopCommerce_arithmetic()
    {
        using var scope = new TestScope(_db);
        await SeedAsync(scope, 1, 2, 3, 4, 5, 6, 7);
        var repository = scope.Repository<PreorderAuditEntry>();

        var page = await repository.GetAllPagedAsync(q => q.OrderBy(r => r.OrderId), pageIndex: 1, pageSize: 3);
        Assert.That(page.Select(r => r.OrderId), Is.EqualTo(new[] { 4, 5, 6 }));
        Assert.That((page.PageIndex, page.PageSize, page.TotalCount, page.TotalPages, page.HasPreviousPage, page.HasNextPage),
            Is.EqualTo((1, 3, 7, 3, true, true)));

        var last = await repository.GetAllPagedAsync(q => Task.FromResult(q.OrderBy(r => r.OrderId).AsQueryable()), pageIndex: 2, pageSize: 3);
        Assert.That(last.Select(r => r.OrderId), Is.EqualTo(new[] { 7 }));
        Assert.That(last.HasNextPage, Is.False);

        var countOnly = await repository.GetAllPagedAsync(q => q.Where(r => r.OrderId > 2), getOnlyTotalCount: true);
        Assert.That((countOnly.Count, countOnly.TotalCount), Is.EqualTo((0, 5)));

        var all = await repository.GetAllPagedAsync(q => q);
        Assert.That((all.Count, all.TotalPages), Is.EqualTo((7, 1)));
    }

    [Test]
    public async Task Delete_by_predicate_returns_the_rows_affected()
    {
        using var scope = new TestScope(_db);
        await SeedAsync(scope, 1, 2, 3, 4);
        var repository = scope.Repository<PreorderAuditEntry>();

        Assert.That(await repository.DeleteAsync(r => r.OrderId >= 3), Is.EqualTo(2));
        Assert.That(await repository.DeleteAsync(r => r.OrderId >= 3), Is.EqualTo(0));
        Assert.That(repository.Delete(r => r.OrderId == 1), Is.EqualTo(1));
        Assert.That(repository.Table.Select(r => r.OrderId).ToList(), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public async Task List_writes_set_ids_and_apply_to_every_row()
    {
        using var scope = new TestScope(_db);
        var repository = scope.Repository<PreorderAuditEntry>();
        var rows = new List<PreorderAuditEntry> { Audit(1), Audit(2), Audit(3) };

        await repository.InsertAsync(rows);
        Assert.That(rows.Select(r => r.Id), Is.All.GreaterThan(0));
        Assert.That(rows.Select(r => r.Id), Is.Unique);

        foreach (var row in rows)
            row.Details = $"changed {row.OrderId}";
        await repository.UpdateAsync(rows);
        Assert.That(repository.Table.OrderBy(r => r.OrderId).Select(r => r.Details).ToList(),
            Is.EqualTo(new[] { "changed 1", "changed 2", "changed 3" }));

        await repository.DeleteAsync(rows.Take(2).ToList());
        Assert.That(repository.Table.Select(r => r.Id).ToList(), Is.EqualTo(new[] { rows[2].Id }));
    }

    [Test]
    public async Task LoadOriginalCopy_reads_the_stored_row_not_the_changed_object()
    {
        using var scope = new TestScope(_db);
        var row = (await SeedAsync(scope, 5)).Single();
        row.Action = "changed in memory";

        var original = await scope.Repository<PreorderAuditEntry>().LoadOriginalCopyAsync(row);

        Assert.That(original, Is.Not.SameAs(row));
        Assert.That(original.Action, Is.EqualTo("test"));
    }

    [Test]
    public async Task Entity_events_go_to_the_publisher_only_when_asked()
    {
        var publisher = new Mock<IEventPublisher>();
        using var scope = new TestScope(_db, publisher.Object);
        var repository = scope.Repository<PreorderAuditEntry>();

        var row = Audit(1);
        await repository.InsertAsync(row);
        row.Details = "x";
        await repository.UpdateAsync(row);
        await repository.DeleteAsync(row);
        await repository.InsertAsync(Audit(2), publishEvent: false);

        publisher.Verify(p => p.PublishAsync(It.Is<EntityInsertedEvent<PreorderAuditEntry>>(e => e.Entity == row)), Times.Once);
        publisher.Verify(p => p.PublishAsync(It.Is<EntityUpdatedEvent<PreorderAuditEntry>>(e => e.Entity == row)), Times.Once);
        publisher.Verify(p => p.PublishAsync(It.Is<EntityDeletedEvent<PreorderAuditEntry>>(e => e.Entity == row)), Times.Once);
        publisher.Verify(p => p.PublishAsync(It.IsAny<EntityInsertedEvent<PreorderAuditEntry>>()), Times.Once, "publishEvent: false publishes nothing");
    }

    [Test]
    public async Task Table_queries_stream_through_the_plugin_async_extensions_on_the_shared_connection()
    {
        using var scope = new TestScope(_db);
        await SeedAsync(scope, 1, 2, 3);
        var query = scope.Repository<PreorderAuditEntry>().Table.Where(r => r.OrderId >= 2).OrderBy(r => r.OrderId);

        // the plugin's QueryableExtensions only go asynchronous when nopCommerce's queries are IAsyncEnumerable
        Assert.That(query, Is.InstanceOf<IAsyncEnumerable<PreorderAuditEntry>>());
        var list = await Nop.Plugin.Preorders.QueryableExtensions.ToListAsync(query);
        Assert.That(list.Select(r => r.OrderId), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(await Nop.Plugin.Preorders.QueryableExtensions.AnyAsync(query.Where(r => r.OrderId == 3)), Is.True);
        Assert.That((await Nop.Plugin.Preorders.QueryableExtensions.FirstOrDefaultAsync(query)).OrderId, Is.EqualTo(2));

        // the repository of another entity works on the same connection in between
        await scope.Repository<PreorderCapCounter>().InsertAsync(new PreorderCapCounter { ProductId = 424242, CombinationId = 1 });
        Assert.That(scope.Repository<PreorderCapCounter>().Table.Count(c => c.ProductId == 424242), Is.EqualTo(1));
        await scope.Repository<PreorderCapCounter>().DeleteAsync(c => c.ProductId == 424242);
    }

    [Test]
    public async Task Truncate_empties_the_table()
    {
        using var scope = new TestScope(_db);
        await SeedAsync(scope, 1, 2);

        await scope.Repository<PreorderAuditEntry>().TruncateAsync(resetIdentity: true);

        Assert.That(scope.Repository<PreorderAuditEntry>().Table.Count(), Is.EqualTo(0));
    }

    [Test]
    public async Task Separate_scopes_write_in_parallel_without_losing_rows()
    {
        const int writers = 4, rowsEach = 15;

        await Task.WhenAll(Enumerable.Range(1, writers).Select(writer => Task.Run(async () =>
        {
            using var scope = new TestScope(_db);
            for (var i = 0; i < rowsEach; i++)
                await scope.Repository<PreorderAuditEntry>().InsertAsync(Audit(writer * 1000 + i, $"writer {writer}"));
        })));

        using var check = new TestScope(_db);
        var rows = check.Repository<PreorderAuditEntry>().Table.ToList();
        Assert.That(rows, Has.Count.EqualTo(writers * rowsEach));
        Assert.That(rows.Select(r => r.Id), Is.Unique);
        Assert.That(rows.GroupBy(r => r.Action).Select(g => g.Count()), Is.All.EqualTo(rowsEach));
    }
}
