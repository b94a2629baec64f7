using LinqToDB.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>
/// A ship date change of a product with many waiting orders: the admin's save records the change only, the task
/// records one delay notice per affected order in keyset batches, resumes after its per-run limit, and two nodes
/// running it at once record nothing twice.
/// </summary>
[TestFixture]
public class ShipDateNoticeTests : MessageTest
{
    private const int ManyOrders = 1200;

    private const int FirstOrderId = 10_000;

    /// <summary>Open lines of <paramref name="orders"/> orders (two lines each), a cancelled order and a line of another product, placed a day ago.</summary>
    private static async Task SeedLinesAsync(PreorderTestHost host, int productId, int orders, int otherProductId, int firstOrderId)
    {
        var placed = host.Clock.UtcNow.AddDays(-1);
        PreorderLine Line(int orderId, int productOfLine, PreorderLineState state, int item) => new()
        {
            OrderId = orderId, OrderItemId = firstOrderId * 10 + item, ProductId = productOfLine, CustomerId = 1 + orderId % 500, StoreId = 1, Quantity = 1,
            StateId = (int)state, PaymentModeId = (int)PreorderPaymentMode.Deposit, LineTotal = 100m, DepositAmount = 20m,
            PlacedOnUtc = placed, CountryCode = "DE", UpdatedOnUtc = placed
        };
        var states = new[] { PreorderLineState.Waiting, PreorderLineState.BalanceDue, PreorderLineState.Overdue, PreorderLineState.Ready, PreorderLineState.PaidInFull };
        var lines = Enumerable.Range(0, orders * 2).Select(i => Line(firstOrderId + i / 2, productId, states[i % states.Length], i)).ToList();
        lines.Add(Line(firstOrderId + orders, productId, PreorderLineState.Cancelled, orders * 2));
        lines.Add(Line(firstOrderId + orders + 1, otherProductId, PreorderLineState.Waiting, orders * 2 + 1));
        await host.Scope.Context.Connection.BulkCopyAsync(new BulkCopyOptions(), lines);
    }

    private static async Task ChangeShipDateAsync(PreorderTestHost host, int productId, int days)
    {
        var catalog = host.Resolve<PreorderCatalogService>();
        var profile = await catalog.GetProfileAsync(productId);
        profile.ExpectedShipDateUtc = profile.ExpectedShipDateUtc.Value.AddDays(days);
        var errors = await catalog.SaveAsync(new PreorderProfileEdit { Profile = profile, ShipDateChangeReason = "Factory delay" }, byCustomerId: 1);
        Assert.That(errors, Is.Empty);
    }

    private static List<PreorderMessageLog> Notices(PreorderTestHost host) =>
        host.Scope.Repository<PreorderMessageLog>().Table.Where(m => m.TemplateName == K.ShipDateChanged.TemplateName).ToList();

    private static PreorderShipDateChange Change(PreorderTestHost host) => host.Scope.Repository<PreorderShipDateChange>().Table.Single();

    private static async Task<(FakeShop Shop, int ProductId)> ManyWaitingOrdersAsync(MessageTestKit kit, TestDatabase database, int orders = ManyOrders,
        FakeShop shop = null, int firstOrderId = FirstOrderId)
    {
        shop ??= new FakeShop();
        using var setup = kit.NewHost(database, shop);
        var product = await MessageTestKit.ProductAsync(setup, "Moon Lamp", cap: null);
        var other = await MessageTestKit.ProductAsync(setup, "Star Lamp", cap: null);
        await SeedLinesAsync(setup, product.Id, orders, other.Id, firstOrderId);
        return (shop, product.Id);
    }

    private static IEnumerable<int> ExpectedOrders(int orders = ManyOrders) => Enumerable.Range(FirstOrderId, orders);

    [Test]
    public async Task The_save_writes_no_notice_however_many_orders_wait_and_the_task_records_one_per_order_once()
    {
        // the same save on a product with 3 waiting orders and on one with 1,200: the same round trips
        var small = await ManyWaitingOrdersAsync(Kit, Database, orders: 3, firstOrderId: 500_000);
        using (var smallAdmin = Kit.NewHost(Database, small.Shop))
        {
            var smallCounter = new CommandCounter();
            smallAdmin.Scope.Context.Connection.AddInterceptor(smallCounter);
            await ChangeShipDateAsync(smallAdmin, small.ProductId, 10);
            var (shop, productId) = await ManyWaitingOrdersAsync(Kit, Database, shop: small.Shop);
            using var admin = Kit.NewHost(Database, shop);
            var counter = new CommandCounter();
            admin.Scope.Context.Connection.AddInterceptor(counter);
            await ChangeShipDateAsync(admin, productId, 10);

            Assert.Multiple(() =>
            {
                Assert.That(counter.Count, Is.EqualTo(smallCounter.Count), "the save's round trips do not grow with the waiting orders");
                Assert.That(Notices(admin), Is.Empty, "no message row in the save");
                Assert.That(Kit.Queued, Is.Empty, "no e-mail in the save");
                var changes = admin.Scope.Repository<PreorderShipDateChange>().Table.ToList();
                Assert.That(changes, Has.Count.EqualTo(2), "the change itself is recorded");
                Assert.That(changes.All(c => c.NotifiedThroughOrderId == 0 && c.NoticesDoneOnUtc == null), Is.True, "left to the task");
            });

            using var task = Kit.NewHost(Database, shop);
            var recorded = await task.Resolve<ShipDateNoticeService>().RecordDueAsync();
            var bigChange = task.Scope.Repository<PreorderShipDateChange>().Table.Single(c => c.ProductId == productId);
            var bigNotices = Notices(task).Where(m => m.ProductId == productId).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(recorded, Is.EqualTo(ManyOrders + 3), "both changes, one notice per affected order");
                Assert.That(bigNotices.Select(m => m.OrderId), Is.EquivalentTo(ExpectedOrders()), "every open order once; not the cancelled one, not the other product's");
                Assert.That(bigNotices.All(m => m.MessageKey == PreorderMessageKey.Format(K.ShipDateChanged, new[] { ("order", m.OrderId), ("change", bigChange.Id) })),
                    Is.True, "under the key of the order and the change");
                Assert.That(bigNotices.All(m => m.Status == DeliveryStatus.Pending), Is.True, "recorded; the messages step sends them");
                Assert.That(bigChange.NoticesDoneOnUtc, Is.EqualTo(task.Clock.UtcNow));
                Assert.That(bigChange.NotifiedThroughOrderId, Is.EqualTo(FirstOrderId + ManyOrders - 1));
            });

            Assert.That(await task.Resolve<ShipDateNoticeService>().RecordDueAsync(), Is.EqualTo(0), "a second run records nothing");
            Assert.That(Notices(task), Has.Count.EqualTo(ManyOrders + 3));
        }
    }

    [Test]
    public async Task A_run_limit_stops_mid_product_and_the_next_run_goes_on_after_the_last_order()
    {
        var (shop, productId) = await ManyWaitingOrdersAsync(Kit, Database);
        using var admin = Kit.NewHost(Database, shop);
        await ChangeShipDateAsync(admin, productId, 10);

        using var first = Kit.NewHost(Database, shop);
        Assert.That(await first.Resolve<ShipDateNoticeService>().RecordDueAsync(ordersPerRun: 700), Is.EqualTo(700));
        var change = Change(first);
        Assert.Multiple(() =>
        {
            Assert.That(Notices(first).Select(m => m.OrderId), Is.EquivalentTo(ExpectedOrders().Take(700)), "the lowest order ids first");
            Assert.That(change.NotifiedThroughOrderId, Is.EqualTo(FirstOrderId + 699));
            Assert.That(change.NoticesDoneOnUtc, Is.Null, "orders remain");
        });

        using var second = Kit.NewHost(Database, shop);
        Assert.That(await second.Resolve<ShipDateNoticeService>().RecordDueAsync(ordersPerRun: 700), Is.EqualTo(ManyOrders - 700));
        Assert.Multiple(() =>
        {
            Assert.That(Notices(second).Select(m => m.OrderId), Is.EquivalentTo(ExpectedOrders()), "resumed after the cursor, none twice");
            Assert.That(Change(second).NoticesDoneOnUtc, Is.Not.Null);
        });
        Assert.That(await second.Resolve<ShipDateNoticeService>().RecordDueAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task Two_nodes_running_the_task_at_once_record_each_notice_once()
    {
        var (shop, productId) = await ManyWaitingOrdersAsync(Kit, Database);
        using (var admin = Kit.NewHost(Database, shop))
            await ChangeShipDateAsync(admin, productId, 10);

        using var nodeA = Kit.NewHost(Database, shop);
        using var nodeB = Kit.NewHost(Database, shop);
        var runs = await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<ShipDateNoticeService>().RecordDueAsync()),
            Task.Run(() => nodeB.Resolve<ShipDateNoticeService>().RecordDueAsync()));

        var notices = Notices(nodeA);
        Assert.Multiple(() =>
        {
            Assert.That(runs.Sum(), Is.EqualTo(ManyOrders), "each order recorded by one of the two nodes");
            Assert.That(notices.Select(m => m.OrderId), Is.EquivalentTo(ExpectedOrders()));
            Assert.That(Change(nodeA).NoticesDoneOnUtc, Is.Not.Null);
        });
        Assert.That(await nodeB.Resolve<ShipDateNoticeService>().RecordDueAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task An_order_placed_after_the_change_gets_no_notice_of_it()
    {
        var (shop, productId) = await ManyWaitingOrdersAsync(Kit, Database, orders: 2);
        using var host = Kit.NewHost(Database, shop);
        await ChangeShipDateAsync(host, productId, 10);
        shop.Clock.Now = shop.Clock.UtcNow.AddMinutes(1);
        var later = await host.PlaceOrderAsync(shop.AddCustomer(), (host.Shop.Products[productId], 1));

        await host.Resolve<ShipDateNoticeService>().RecordDueAsync();
        Assert.That(Notices(host).Select(m => m.OrderId), Is.EquivalentTo(ExpectedOrders(2)), "placed with the new date already");
        Assert.That(Notices(host).Any(m => m.OrderId == later.Id), Is.False);
    }
}
