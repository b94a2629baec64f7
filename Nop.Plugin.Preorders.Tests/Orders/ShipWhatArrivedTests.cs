using Autofac;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Stores;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Admin;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Stores;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// "Ship what arrived" (issue #13): a partial arrival splits the head line of the queue; the arrived part is allocated and
/// the rest keeps the line's place, so the next arrival serves it first. Off, a line is allocated only whole (as before).
/// </summary>
[TestFixture]
public class ShipWhatArrivedTests : DatabaseTest
{
    private const int OtherStore = 2;

    private static List<PreorderLine> LinesOf(PreorderTestHost host, Order order) =>
        host.Scope.Repository<PreorderLine>().Table.Where(l => l.OrderId == order.Id).OrderBy(l => l.Id).ToList();

    private static async Task<Order> PlaceAsync(PreorderTestHost host, Product product, int quantity, int storeId = 0)
    {
        var order = host.Shop.AddOrder(host.Shop.AddCustomer(), (product, quantity));
        if (storeId != 0)
            order.StoreId = storeId;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        // the next order is placed later: the queue's order is the placement order
        host.Clock.Now = host.Clock.Now.AddMinutes(1);
        return order;
    }

    /// <summary>The cap counter and the live lines of the product hold the same units.</summary>
    private static async Task AssertCountersMatchLinesAsync(PreorderTestHost host, Product product)
    {
        var held = host.Scope.Repository<PreorderLine>().Table
            .Where(l => l.ProductId == product.Id && l.StateId != (int)PreorderLineState.Cancelled && l.StateId != (int)PreorderLineState.Expired)
            .Sum(l => l.Quantity);
        Assert.That((await host.Resolve<CapReservationService>().GetCounterAsync(product.Id)).Sold, Is.EqualTo(held), "cap counter = units held by lines");
    }

    [Test]
    public async Task A_partial_arrival_splits_the_head_line_and_its_rest_is_served_first_by_the_next_arrival()
    {
        var shop = new FakeShop();
        shop.Settings.ShipWhatArrived = true;
        shop.Settings.BalanceDueDays = 7;
        using var host = new PreorderTestHost(Database, shop);
        var start = host.Clock.UtcNow;
        var product = await host.PreorderProductAsync(cap: 20, price: 10m);
        var first = await PlaceAsync(host, product, 3);
        var second = await PlaceAsync(host, product, 2);
        var payments = host.Resolve<BalancePaymentService>();
        await payments.ConfirmOfflineAsync(first.Id, 6m, "DEP-1", 1, LedgerEntryKind.Deposit);
        await payments.ConfirmOfflineAsync(second.Id, 4m, "DEP-2", 1, LedgerEntryKind.Deposit);
        var original = LinesOf(host, first).Single();
        Assert.That((original.LineTotal, original.DepositAmount), Is.EqualTo((30m, 6m)));

        // 2 of the first order's 3 units arrive
        host.Clock.Now = start.AddDays(1);
        await shop.AdjustStockAsync(host, product, 2);

        var lines = LinesOf(host, first);
        Assert.That(lines, Has.Count.EqualTo(2));
        var rest = lines.Single(l => l.Id == original.Id);
        var part = lines.Single(l => l.Id != original.Id);
        Assert.Multiple(() =>
        {
            Assert.That(rest.State, Is.EqualTo(PreorderLineState.Waiting), "the rest keeps waiting in the original row");
            Assert.That((rest.Quantity, rest.LineTotal, rest.DepositAmount), Is.EqualTo((1, 10m, 2m)));
            Assert.That(rest.PlacedOnUtc, Is.EqualTo(original.PlacedOnUtc), "its place in the queue");
            Assert.That(rest.SplitFromLineId, Is.Zero);
            Assert.That(part.State, Is.EqualTo(PreorderLineState.BalanceDue), "the deposit is paid, the balance is not");
            Assert.That((part.Quantity, part.LineTotal, part.DepositAmount), Is.EqualTo((2, 20m, 4m)));
            Assert.That(part.SplitFromLineId, Is.EqualTo(original.Id));
            Assert.That(part.OrderItemId, Is.EqualTo(original.OrderItemId));
            Assert.That(part.AllocatedOnUtc, Is.EqualTo(host.Clock.UtcNow));
            Assert.That(part.BalanceDueOnUtc, Is.EqualTo(host.Clock.UtcNow.AddDays(7)));
            Assert.That(LinesOf(host, second).Single().State, Is.EqualTo(PreorderLineState.Waiting), "behind the split line: not served");
        });

        // the ledger's figures for both parts: the 6 paid cover both deposits (2 + 4); 24 is owed, nothing more is paid
        var balance = await host.Resolve<PreorderLedgerService>().GetBalanceAsync(first.Id);
        Assert.Multiple(() =>
        {
            Assert.That(balance.Line(rest.Id).Held, Is.EqualTo(2m));
            Assert.That(balance.Line(part.Id).Held, Is.EqualTo(4m));
            Assert.That(balance.Line(part.Id).BalanceOwed, Is.EqualTo(16m));
            Assert.That(balance.Line(part.Id).DepositOwed, Is.Zero);
            Assert.That(balance.Owed, Is.EqualTo(24m));
            Assert.That(balance.Held, Is.EqualTo(6m));
            Assert.That(balance.State, Is.EqualTo(PreorderAccountState.AwaitingBalance));
        });
        await AssertCountersMatchLinesAsync(host, product);

        // the next 2 units: the first order's rest first (1), then 1 of the second order's 2 (split again)
        host.Clock.Now = start.AddDays(2);
        await shop.AdjustStockAsync(host, product, 2);
        Assert.Multiple(() =>
        {
            Assert.That(LinesOf(host, first).Single(l => l.Id == original.Id).State, Is.EqualTo(PreorderLineState.BalanceDue), "the rest, first in the queue");
            Assert.That(LinesOf(host, first).Sum(l => l.Quantity), Is.EqualTo(3));
            var ofSecond = LinesOf(host, second);
            Assert.That(ofSecond.Select(l => (l.Quantity, l.State)),
                Is.EqualTo(new[] { (1, PreorderLineState.Waiting), (1, PreorderLineState.BalanceDue) }));
            Assert.That(ofSecond.Sum(l => l.LineTotal), Is.EqualTo(20m));
            Assert.That(ofSecond.Sum(l => l.DepositAmount), Is.EqualTo(4m));
        });
        await AssertCountersMatchLinesAsync(host, product);

        // the waiting rest cancelled: its unit goes back to the cap, the allocated part stays
        var secondRest = LinesOf(host, second).Single(l => l.State == PreorderLineState.Waiting);
        Assert.That(await host.Resolve<PreorderOrderService>().CancelLineAsync(secondRest.Id, "no longer needed", 1), Is.True);
        await AssertCountersMatchLinesAsync(host, product);
        Assert.That((await host.Resolve<CapReservationService>().GetCounterAsync(product.Id)).Sold, Is.EqualTo(4));

        // every allocated part is announced once, by the task
        Assert.That(await host.NotifyAllocationsAsync(), Is.EqualTo(3));
        Assert.That(await host.NotifyAllocationsAsync(), Is.Zero);
    }

    [Test]
    public async Task A_line_paid_in_full_splits_into_two_paid_parts_and_the_arrived_one_is_ready()
    {
        var shop = new FakeShop();
        shop.Settings.ShipWhatArrived = true;
        using var host = new PreorderTestHost(Database, shop);
        var product = await host.PreorderProductAsync(cap: 20, price: 10m);
        var order = await PlaceAsync(host, product, 3);
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 30m, "ALL", 1, LedgerEntryKind.Deposit);

        await shop.AdjustStockAsync(host, product, 1);

        var lines = LinesOf(host, order);
        var balance = await host.Resolve<PreorderLedgerService>().GetBalanceAsync(order.Id);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => (l.Quantity, l.State)), Is.EqualTo(new[] { (2, PreorderLineState.Waiting), (1, PreorderLineState.Ready) }));
            Assert.That(lines.Select(l => balance.Line(l.Id).Owed), Is.All.Zero);
            Assert.That(balance.Held, Is.EqualTo(30m));
            Assert.That(balance.IsPaidInFull, Is.True);
        });
    }

    [Test]
    public async Task Off_a_line_is_allocated_only_when_all_its_units_arrived_as_before()
    {
        var shop = new FakeShop();
        Assert.That(shop.Settings.ShipWhatArrived, Is.False, "off by default");
        using var host = new PreorderTestHost(Database, shop);
        var product = await host.PreorderProductAsync(cap: 20, price: 10m);
        var first = await PlaceAsync(host, product, 3);
        var second = await PlaceAsync(host, product, 1);

        await shop.AdjustStockAsync(host, product, 2);
        Assert.Multiple(() =>
        {
            Assert.That(LinesOf(host, first).Select(l => (l.Quantity, l.State)), Is.EqualTo(new[] { (3, PreorderLineState.Waiting) }), "not split");
            Assert.That(LinesOf(host, second).Single().State, Is.EqualTo(PreorderLineState.Waiting), "the queue never skips ahead");
        });

        await shop.AdjustStockAsync(host, product, 1);
        Assert.Multiple(() =>
        {
            Assert.That(LinesOf(host, first).Select(l => (l.Quantity, l.State)), Is.EqualTo(new[] { (3, PreorderLineState.BalanceDue) }), "whole, once all arrived");
            Assert.That(LinesOf(host, second).Single().State, Is.EqualTo(PreorderLineState.Waiting));
            Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.SplitFromLineId != 0), Is.Zero);
        });
        await AssertCountersMatchLinesAsync(host, product);
    }

    [Test]
    public async Task Each_line_is_split_or_not_by_its_own_stores_setting()
    {
        var shop = new FakeShop();
        shop.Settings.ShipWhatArrived = false;
        shop.StoreSettings[OtherStore] = new PreorderSettings { DefaultDepositRuleJson = shop.Settings.DefaultDepositRuleJson, ShipWhatArrived = true };
        var stores = new Mock<IStoreService>();
        stores.Setup(s => s.GetAllStoresAsync()).ReturnsAsync(new List<Store> { shop.Store, new() { Id = OtherStore, Name = "Other shop", Url = "http://other.test/" } });
        using var host = new PreorderTestHost(Database, shop, configure: builder => builder.RegisterInstance(stores.Object).As<IStoreService>());
        var product = await host.PreorderProductAsync(cap: 20, price: 10m);
        var mainFirst = await PlaceAsync(host, product, 3);
        var otherSecond = await PlaceAsync(host, product, 3, OtherStore);

        // the main store's line is at the head and its store does not split: nothing moves, the other store's line waits its turn
        await shop.AdjustStockAsync(host, product, 2);
        Assert.Multiple(() =>
        {
            Assert.That(LinesOf(host, mainFirst).Select(l => (l.Quantity, l.State)), Is.EqualTo(new[] { (3, PreorderLineState.Waiting) }));
            Assert.That(LinesOf(host, otherSecond).Select(l => (l.Quantity, l.State)), Is.EqualTo(new[] { (3, PreorderLineState.Waiting) }));
        });

        // 3 more: the main store's line whole (3 of 5), then the other store's line split (2 of its 3)
        await shop.AdjustStockAsync(host, product, 3);
        Assert.Multiple(() =>
        {
            Assert.That(LinesOf(host, mainFirst).Select(l => (l.Quantity, l.State)), Is.EqualTo(new[] { (3, PreorderLineState.BalanceDue) }));
            Assert.That(LinesOf(host, otherSecond).Select(l => (l.Quantity, l.State)),
                Is.EqualTo(new[] { (1, PreorderLineState.Waiting), (2, PreorderLineState.BalanceDue) }), "the other store ships what arrived");
        });
        await AssertCountersMatchLinesAsync(host, product);
    }

    [Test]
    public async Task A_split_a_crash_interrupted_is_finished_before_the_queue_is_allocated_again()
    {
        var shop = new FakeShop();
        shop.Settings.ShipWhatArrived = true;
        using var host = new PreorderTestHost(Database, shop);
        var product = await host.PreorderProductAsync(cap: 20, price: 10m);
        var order = await PlaceAsync(host, product, 3);
        var line = LinesOf(host, order).Single();

        // the part of 1 unit was inserted, the run died before it reduced the line (it still has the version split from)
        var repository = host.Scope.Repository<PreorderLine>();
        await repository.InsertAsync(new PreorderLine
        {
            OrderId = line.OrderId, OrderItemId = line.OrderItemId, ProductId = line.ProductId, CustomerId = line.CustomerId, StoreId = line.StoreId,
            Quantity = 1, State = PreorderLineState.BalanceDue, PaymentModeId = line.PaymentModeId, LineTotal = 10m, DepositAmount = 2m,
            PlacedOnUtc = line.PlacedOnUtc, AllocatedOnUtc = host.Clock.UtcNow, CountryCode = line.CountryCode, UpdatedOnUtc = host.Clock.UtcNow,
            SplitFromLineId = line.Id, SplitFromVersion = line.Version
        }, false);
        // a second split of the same version (another node) is refused by the unique key
        Assert.That(await host.Resolve<LineSplitService>().SplitOffAsync(line, 1, host.Clock.UtcNow, host.Clock.UtcNow), Is.Null);
        Assert.That(repository.Table.Count(l => l.OrderId == order.Id), Is.EqualTo(2), "no second part");

        // stock for that unit arrived already (nopCommerce's stock went from -3 to -2): nothing more to allocate, the line is finished
        await shop.AdjustStockAsync(host, product, 1);
        var lines = LinesOf(host, order);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => (l.Quantity, l.State)), Is.EqualTo(new[] { (2, PreorderLineState.Waiting), (1, PreorderLineState.BalanceDue) }));
            Assert.That(lines.Sum(l => l.LineTotal), Is.EqualTo(30m));
            Assert.That(lines.Sum(l => l.DepositAmount), Is.EqualTo(6m));
        });
        await AssertCountersMatchLinesAsync(host, product);
    }

    [Test]
    public async Task The_order_block_shows_which_line_a_part_was_split_from()
    {
        using var admin = new AdminHost(Database);
        var host = admin.Host;
        Mock.Get(admin.Resolve<IOrderService>()).Setup(o => o.GetOrdersByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => host.Shop.Orders.GetValueOrDefault(id)).Where(o => o != null).ToList());
        Mock.Get(admin.Resolve<Nop.Services.Catalog.IProductService>()).Setup(p => p.GetProductsByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => host.Shop.Products.GetValueOrDefault(id)).Where(p => p != null).ToList());
        host.Shop.Settings.ShipWhatArrived = true;
        var product = await host.PreorderProductAsync(cap: 20, price: 10m);
        var order = await PlaceAsync(host, product, 3);
        await host.Shop.AdjustStockAsync(host, product, 1);
        var original = LinesOf(host, order).Single(l => l.SplitFromLineId == 0);

        var block = (await admin.Resolve<PreorderAdminOrderModelFactory>().PrepareOrderModelAsync(order.Id)).Lines;

        Assert.That(block.Select(l => (l.Quantity, l.SplitFrom)),
            Is.EqualTo(new[] { (2, (string)null), (1, $"split from line #{original.Id}") }));
    }
}
