using System.Data;
using System.Data.Common;
using Autofac;
using LinqToDB.Common;
using LinqToDB.Interceptors;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Performance;

/// <summary>
/// The round trips of the hot paths the benchmarks measure (bench/, docs/BENCHMARKS.md), counted on the
/// connection: a regression that brings back a query per call or per line fails here, not only in a
/// benchmark run.
/// </summary>
[TestFixture]
public class HotPathTests : DatabaseTest
{
    [Test]
    public async Task A_reservation_is_one_statement_once_the_counter_exists()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: 3);
        var caps = host.Resolve<CapReservationService>();
        var commands = Count(host);

        Assert.That(await caps.TryReserveAsync(product.Id, 0, 2), Is.True);
        Assert.That(commands.Count, Is.EqualTo(1), "one conditional UPDATE, no look-up of the counter first");
        Assert.That(await caps.TryReserveAsync(product.Id, 0, 2), Is.False, "the cap holds");
        Assert.That((await caps.GetCounterAsync(product.Id)).Sold, Is.EqualTo(2));

        // a product's first reservation still creates its counter
        var fresh = host.Shop.AddProduct();
        Assert.That(await caps.TryReserveAsync(fresh.Id, 0, 1), Is.True);
        Assert.That((await caps.GetCounterAsync(fresh.Id)).Sold, Is.EqualTo(1));
    }

    [Test]
    public async Task An_ordinary_order_placed_from_a_cart_costs_no_query()
    {
        var shop = new FakeShop();
        var itemQueries = 0;
        var orders = new Mock<IOrderService>();
        orders.Setup(o => o.GetOrderItemsAsync(It.IsAny<int>(), It.IsAny<bool?>(), It.IsAny<bool?>(), It.IsAny<int>()))
            .ReturnsAsync((int id, bool? _, bool? _, int _) =>
            {
                itemQueries++;
                return shop.OrderItems.GetValueOrDefault(id, new List<OrderItem>());
            });
        orders.Setup(o => o.GetOrderByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => shop.Orders.GetValueOrDefault(id));
        using var host = new PreorderTestHost(Database, shop, configure: b => b.RegisterInstance(orders.Object).As<IOrderService>());
        var preorder = await host.PreorderProductAsync(cap: 10);
        var ordinary = new[] { shop.AddProduct(stock: 50), shop.AddProduct(stock: 50) };
        var consumer = host.CreateUnregistered<OrderEventConsumer>();

        async Task<Order> PlaceFromCartAsync(params Product[] products)
        {
            var order = shop.AddOrder(shop.AddCustomer(), products.Select(p => (p, 1)).ToArray());
            foreach (var item in shop.OrderItems[order.Id])
            {
                await consumer.HandleEventAsync(new EntityUpdatedEvent<Product>(shop.Products[item.ProductId]));
                await consumer.HandleEventAsync(new ShoppingCartItemMovedToOrderItemEvent(new ShoppingCartItem { ProductId = item.ProductId }, item));
            }
            await consumer.HandleEventAsync(new OrderPlacedEvent(order));
            return order;
        }

        await PlaceFromCartAsync(ordinary); // warms the cached snapshots
        var commands = Count(host);
        itemQueries = 0;
        await PlaceFromCartAsync(ordinary);
        Assert.That(commands.Count, Is.Zero, "stock adjustments and the placed order of ordinary products: cached checks only");
        Assert.That(itemQueries, Is.Zero, "the order's items came with nopCommerce's events");

        var mixed = await PlaceFromCartAsync(ordinary[0], preorder);
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == mixed.Id), Is.EqualTo(1), "a pre-order item is still placed");

        // an order whose items did not come through the cart (nopCommerce's recurring payments): read as before
        itemQueries = 0;
        var recurring = shop.AddOrder(shop.AddCustomer(), (preorder, 1));
        await consumer.HandleEventAsync(new OrderPlacedEvent(recurring));
        Assert.That(itemQueries, Is.GreaterThanOrEqualTo(1));
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == recurring.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Allocation_moves_a_batch_in_a_few_statements_and_keeps_first_come_first_served()
    {
        // events recorded, not dispatched: the e-mails and webhooks they lead to are not what is counted here
        using var host = new PreorderTestHost(Database, dispatchEvents: false);
        var product = await host.PreorderProductAsync(cap: null);
        var now = host.Clock.UtcNow;
        const int lines = 1200;
        // 1,200 waiting lines: odd orders paid a deposit (they owe), even ones paid in full
        await host.Scope.Repository<PreorderLine>().InsertAsync(Enumerable.Range(1, lines).Select(i => new PreorderLine
        {
            OrderId = 50_000 + i, OrderItemId = 50_000 + i, ProductId = product.Id, CustomerId = 7, StoreId = 1, Quantity = 1,
            State = PreorderLineState.Waiting, PaymentMode = PreorderPaymentMode.Deposit, LineTotal = 100m, DepositAmount = i % 2 == 1 ? 20m : 100m,
            PlacedOnUtc = now.AddMinutes(-lines + i), UpdatedOnUtc = now
        }).ToList(), false);
        await host.Scope.Repository<PreorderAccount>().InsertAsync(Enumerable.Range(1, lines).Select(i => new PreorderAccount
        {
            OrderId = 50_000 + i, CustomerId = 7, StoreId = 1, OrderTotal = 100m, DueAtCheckout = i % 2 == 1 ? 20m : 100m,
            PaidAmount = i % 2 == 1 ? 20m : 100m, State = i % 2 == 1 ? PreorderAccountState.AwaitingBalance : PreorderAccountState.PaidInFull,
            CurrencyRate = 1m, CreatedOnUtc = now, UpdatedOnUtc = now
        }).ToList(), false);

        var commands = Count(host);
        var allocated = await host.Resolve<PreorderAllocationService>().AllocateAsync(product.Id, 0, 1000);

        Assert.That(allocated, Is.EqualTo(1000));
        Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.StockAllocated), Is.EqualTo(1000), "one event per allocated line");
        // two batches of 500: each one read (with accounts and payments), one UPDATE of the lines, one of the accounts
        Assert.That(commands.Count, Is.LessThanOrEqualTo(2 * 3 + 3), "statements per batch, not per line");
        var all = host.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == product.Id).OrderBy(l => l.PlacedOnUtc).ToList();
        Assert.That(all.Take(1000).All(l => l.State == (l.DepositAmount < l.LineTotal ? PreorderLineState.BalanceDue : PreorderLineState.Ready)), Is.True);
        Assert.That(all.Take(1000).Where(l => l.State == PreorderLineState.BalanceDue).All(l => l.BalanceDueOnUtc > now), Is.True);
        Assert.That(all.Skip(1000).All(l => l.State == PreorderLineState.Waiting), Is.True, "the last 200 placed still wait, in order");
        var owing = host.Scope.Repository<PreorderAccount>().Table.Single(a => a.OrderId == 50_001);
        Assert.That(owing.NextDueOnUtc, Is.EqualTo(all[0].BalanceDueOnUtc), "the owing order's next due date is the balance's");
        Assert.That(owing.Version, Is.EqualTo(1), "written with its version moved on");
        Assert.That(host.Scope.Repository<PreorderAccount>().Table.Single(a => a.OrderId == 50_002).NextDueOnUtc, Is.Null, "paid in full: nothing due");

        Assert.That(await host.Resolve<PreorderAllocationService>().AllocateAsync(product.Id, 0, 1000), Is.EqualTo(200), "nothing allocated twice");
    }

    [Test]
    public async Task The_task_marks_every_due_line_overdue_in_one_run()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: null);
        var now = host.Clock.UtcNow;
        await host.Scope.Repository<PreorderLine>().InsertAsync(Enumerable.Range(1, 1100).Select(i => new PreorderLine
        {
            OrderId = 60_000 + i, OrderItemId = 60_000 + i, ProductId = product.Id, CustomerId = 7, StoreId = 1, Quantity = 1,
            State = PreorderLineState.BalanceDue, PaymentMode = PreorderPaymentMode.Deposit,
            LineTotal = 100m, DepositAmount = 20m, PlacedOnUtc = now.AddDays(-30),
            BalanceDueOnUtc = i <= 1050 ? now.AddHours(-1 - i % 20) : now.AddDays(2), UpdatedOnUtc = now
        }).ToList(), false);

        var report = await host.Resolve<PreorderAutomationService>().RunAsync();

        Assert.That(report.Overdue, Is.EqualTo(1050), "all of them, not one batch of 500 per run");
        var states = host.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == product.Id).Select(l => l.StateId).ToList()
            .GroupBy(s => s).ToDictionary(g => (PreorderLineState)g.Key, g => g.Count());
        Assert.That(states[PreorderLineState.Overdue], Is.EqualTo(1050));
        Assert.That(states[PreorderLineState.BalanceDue], Is.EqualTo(50), "not yet due");
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Where(l => l.StateId == (int)PreorderLineState.Overdue).All(l => l.Version == 1), Is.True);
    }

    private static CountingInterceptor Count(PreorderTestHost host)
    {
        var counter = new CountingInterceptor();
        host.Scope.Context.Connection.AddInterceptor(counter);
        return counter;
    }

    /// <summary>Counts the commands linq2db sends on a connection (queries, raw SQL, inserts).</summary>
    private sealed class CountingInterceptor : ICommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public DbCommand CommandInitialized(CommandEventData eventData, DbCommand command)
        {
            Interlocked.Increment(ref _count);
            return command;
        }

        public Option<object> ExecuteScalar(CommandEventData eventData, DbCommand command, Option<object> result) => result;

        public Task<Option<object>> ExecuteScalarAsync(CommandEventData eventData, DbCommand command, Option<object> result, CancellationToken cancellationToken) =>
            Task.FromResult(result);

        public Option<int> ExecuteNonQuery(CommandEventData eventData, DbCommand command, Option<int> result) => result;

        public Task<Option<int>> ExecuteNonQueryAsync(CommandEventData eventData, DbCommand command, Option<int> result, CancellationToken cancellationToken) =>
            Task.FromResult(result);

        public Option<DbDataReader> ExecuteReader(CommandEventData eventData, DbCommand command, CommandBehavior commandBehavior, Option<DbDataReader> result) => result;

        public Task<Option<DbDataReader>> ExecuteReaderAsync(CommandEventData eventData, DbCommand command, CommandBehavior commandBehavior,
            Option<DbDataReader> result, CancellationToken cancellationToken) => Task.FromResult(result);

        public void AfterExecuteReader(CommandEventData eventData, DbCommand command, CommandBehavior commandBehavior, DbDataReader dataReader)
        {
        }

        public void BeforeReaderDispose(CommandEventData eventData, DbCommand command, DbDataReader dataReader)
        {
        }

        public Task BeforeReaderDisposeAsync(CommandEventData eventData, DbCommand command, DbDataReader dataReader) => Task.CompletedTask;
    }
}
