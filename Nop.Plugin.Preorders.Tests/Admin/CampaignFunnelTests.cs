using Autofac;
using Moq;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// The funnel on a real database: product views counted in memory per node and added to the database (additive: two
/// nodes flushing the same product lose and double nothing; a failed write keeps its count), the product page counting
/// without a query, and the funnel's figures over a seeded campaign (<see cref="AdminSeed"/>) with the waitlist mocked.
/// </summary>
[TestFixture]
public class CampaignFunnelTests : DatabaseTest
{
    private Mock<IWaitlistJoinCounter> _waitlist;
    private FakeShop _shop;

    [SetUp]
    public void SetUp()
    {
        _shop = new FakeShop();
        _waitlist = new Mock<IWaitlistJoinCounter>(MockBehavior.Strict);
        _waitlist.Setup(w => w.CountJoinsAsync(It.IsAny<IReadOnlyCollection<int>>()))
            .ReturnsAsync((IReadOnlyCollection<int> ids) => (IDictionary<int, int>)ids.Where(id => id == 101).ToDictionary(id => id, _ => 9));
    }

    /// <summary>A node: its own container, so its own in-memory counter (a singleton per process).</summary>
    private PreorderTestHost Node() =>
        new(Database, _shop, configure: b => b.RegisterInstance(_waitlist.Object).As<IWaitlistJoinCounter>());

    private long StoredViews(PreorderTestHost host, int productId) =>
        host.Scope.Repository<PreorderProductView>().Table.Where(v => v.ProductId == productId).Select(v => v.Views).SingleOrDefault();

    [Test]
    public async Task Views_are_counted_in_memory_and_a_flush_adds_them_once()
    {
        using var node = Node();
        var counter = node.Resolve<ProductViewCounter>();
        var store = node.Resolve<ProductViewStore>();
        for (var i = 0; i < 5; i++)
            counter.Count(11);
        counter.Count(12, 2);
        Assert.That(StoredViews(node, 11), Is.Zero, "nothing written per view");

        Assert.That(await store.FlushAsync(), Is.EqualTo(7));
        Assert.That(await store.FlushAsync(), Is.Zero, "taken out: a second flush writes nothing again");
        counter.Count(11, 3);
        Assert.That(await store.FlushAsync(), Is.EqualTo(3));

        Assert.Multiple(() =>
        {
            Assert.That(StoredViews(node, 11), Is.EqualTo(8), "added to the row, not overwritten");
            Assert.That(StoredViews(node, 12), Is.EqualTo(2));
            Assert.That(node.Scope.Repository<PreorderProductView>().Table.Count(v => v.ProductId == 11), Is.EqualTo(1), "one row per product");
            Assert.That(counter.Pending, Is.Empty);
        });
    }

    [Test]
    public async Task Two_nodes_flushing_the_same_products_at_once_add_both_counts()
    {
        using var nodeA = Node();
        using var nodeB = Node();
        Assert.That(nodeA.Resolve<ProductViewCounter>(), Is.Not.SameAs(nodeB.Resolve<ProductViewCounter>()), "a counter per node");
        for (var round = 0; round < 3; round++)
        {
            // both nodes count the same products, a new one each round too (both insert its first row at once)
            foreach (var (node, views) in new[] { (nodeA, 4L), (nodeB, 6L) })
            {
                node.Resolve<ProductViewCounter>().Count(21, views);
                node.Resolve<ProductViewCounter>().Count(30 + round, views);
            }
            await Task.WhenAll(Task.Run(() => nodeA.Resolve<ProductViewStore>().FlushAsync()), Task.Run(() => nodeB.Resolve<ProductViewStore>().FlushAsync()));
        }

        Assert.Multiple(() =>
        {
            Assert.That(StoredViews(nodeA, 21), Is.EqualTo(30), "3 rounds x (4 + 6)");
            for (var round = 0; round < 3; round++)
                Assert.That(StoredViews(nodeA, 30 + round), Is.EqualTo(10), $"product first viewed in round {round}: both first inserts counted");
            Assert.That(nodeA.Scope.Repository<PreorderProductView>().Table.Count(), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Views_counted_while_a_flush_runs_are_kept_for_the_next_one()
    {
        using var node = Node();
        var counter = node.Resolve<ProductViewCounter>();
        var store = node.Resolve<ProductViewStore>();
        const int threads = 4, perThread = 2500;
        var counting = Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
                counter.Count(41);
        })).ToArray();
        var flushed = 0L;
        while (!counting.All(t => t.IsCompleted))
            flushed += await store.FlushAsync();
        await Task.WhenAll(counting);
        flushed += await store.FlushAsync();

        Assert.That(flushed, Is.EqualTo(threads * perThread));
        Assert.That(StoredViews(node, 41), Is.EqualTo(threads * perThread), "no view lost or written twice");
    }

    [Test]
    public void A_failed_write_keeps_the_count_for_the_next_flush()
    {
        using var node = Node();
        var counter = node.Resolve<ProductViewCounter>();
        counter.Count(51, 5);
        Database.ExecuteSql($"DROP TABLE {Nop.Plugin.Preorders.Data.PreorderDbNames.Table<PreorderProductView>()}");

        Assert.That(() => node.Resolve<ProductViewStore>().FlushAsync(), Throws.InvalidOperationException);
        Assert.That(counter.Pending[51], Is.EqualTo(5), "put back");
        counter.Count(51);
        Assert.That(counter.Pending[51], Is.EqualTo(6));
    }

    [Test]
    public async Task The_product_page_counts_without_a_query_and_flushes_once_the_period_passed()
    {
        using var node = Node();
        var store = node.Resolve<ProductViewStore>();
        await store.RecordViewAsync(61);
        await store.RecordViewAsync(61);
        Assert.That(StoredViews(node, 61), Is.Zero, "within the period: memory only");

        node.Clock.Now = node.Clock.Now.AddSeconds(PreorderDefaults.ProductViewFlushSeconds);
        await store.RecordViewAsync(61);
        await store.RecordViewAsync(61);
        Assert.Multiple(() =>
        {
            Assert.That(StoredViews(node, 61), Is.EqualTo(3), "the first view after the period flushed the three counted so far");
            Assert.That(node.Resolve<ProductViewCounter>().Pending[61], Is.EqualTo(1), "the next one waits for the next period");
        });
    }

    [Test]
    public async Task The_funnel_of_a_seeded_campaign_comes_from_the_lines_the_grid_and_the_view_counter()
    {
        using var node = Node();
        var lines = await AdminSeed.LinesAsync(node.Scope);
        node.Resolve<ProductViewCounter>().Count(101, 120);
        await node.Resolve<ProductViewStore>().FlushAsync();

        var funnels = await node.Resolve<CampaignFunnelService>().GetFunnelsAsync(new[] { 101, 102, 999 });

        // expected from the seed's own facts: the account paid at least the checkout's due (the deposit), or the line is paid in full
        var seeded = lines.Select((l, i) => (Line: l, Paid: (i / 3 % 3) != 0)).Where(x => x.Line.ProductId == 101).ToList();
        bool Full(PreorderLine l) => l.State is PreorderLineState.Ready or PreorderLineState.PaidInFull or PreorderLineState.Shipped;
        var placed = seeded.Count;
        var deposits = seeded.Count(x => x.Paid || Full(x.Line));
        var paid = seeded.Count(x => Full(x.Line));
        var cancelled = seeded.Count(x => x.Line.State == PreorderLineState.Cancelled);
        var f = funnels[0];
        Assert.Multiple(() =>
        {
            Assert.That(funnels.Select(x => x.ProductId), Is.EqualTo(new[] { 101, 102, 999 }), "in the order asked");
            Assert.That(f[FunnelStep.Views].Count, Is.EqualTo(120));
            Assert.That(f[FunnelStep.WaitlistJoins].Count, Is.EqualTo(9), "from the waitlist");
            Assert.That(f[FunnelStep.Placed].Count, Is.EqualTo(placed));
            Assert.That(f[FunnelStep.DepositsPaid].Count, Is.EqualTo(deposits));
            Assert.That(f[FunnelStep.PaidInFull].Count, Is.EqualTo(paid));
            Assert.That(f[FunnelStep.Cancelled].Count, Is.EqualTo(cancelled));
            Assert.That(f[FunnelStep.Placed].ConversionPercent, Is.EqualTo(CampaignFunnelRules.Percent(placed, 120)));
            Assert.That((placed, deposits, paid, cancelled), Is.EqualTo((14, 11, 5, 2)), "the seed exercises every step");
            Assert.That(funnels[1][FunnelStep.Views].Count, Is.Zero, "product 102: no view written");
            Assert.That(funnels[1][FunnelStep.WaitlistJoins].Count, Is.Zero, "absent from the waitlist's answer");
            Assert.That(funnels[2].Steps.Select(s => s.Count), Is.All.EqualTo(0), "a product with nothing");
        });
        _waitlist.Verify(w => w.CountJoinsAsync(It.Is<IReadOnlyCollection<int>>(ids => ids.OrderBy(i => i).SequenceEqual(new[] { 101, 102, 999 }))), Times.Once, "one call for all products");

        var all = await node.Resolve<CampaignFunnelService>().GetAllFunnelsAsync();
        Assert.That(all.Select(x => x.ProductId), Is.EqualTo(new[] { 101, 102, 103 }), "every campaign with lines or views, most viewed first");
    }
}
