using Autofac;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Messages;
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
        var stock = host.CreateUnregistered<Nop.Plugin.Preorders.Services.Catalog.ProductUpdateEventConsumer>();

        async Task<Order> PlaceFromCartAsync(params Product[] products)
        {
            var order = shop.AddOrder(shop.AddCustomer(), products.Select(p => (p, 1)).ToArray());
            foreach (var item in shop.OrderItems[order.Id])
            {
                await stock.HandleEventAsync(new EntityUpdatedEvent<Product>(shop.Products[item.ProductId]));
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
        await InsertLinesAsync(host, product, 50_000, lines, (i, line) =>
        {
            line.State = PreorderLineState.Waiting;
            line.DepositAmount = i % 2 == 1 ? 20m : 100m;
            line.PlacedOnUtc = now.AddMinutes(-lines + i);
        });
        await host.Scope.Repository<PreorderAccount>().InsertAsync(Enumerable.Range(1, lines).Select(i => new PreorderAccount
        {
            OrderId = 50_000 + i, CustomerId = 7, StoreId = 1, OrderTotal = 100m, DueAtCheckout = i % 2 == 1 ? 20m : 100m,
            PaidAmount = i % 2 == 1 ? 20m : 100m, State = i % 2 == 1 ? PreorderAccountState.AwaitingBalance : PreorderAccountState.PaidInFull,
            CurrencyRate = 1m, CreatedOnUtc = now, UpdatedOnUtc = now
        }).ToList(), false);

        var commands = Count(host);
        var allocated = await host.Resolve<PreorderAllocationService>().AllocateAsync(product.Id, 0, 1000);

        Assert.That(allocated, Is.EqualTo(1000));
        Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.StockAllocated), Is.Zero, "announced by the task, not in the allocating request");
        // two batches of 500: each one read (with accounts and payments), one UPDATE of the lines, one of the accounts,
        // one dating the owing orders' balance installments
        Assert.That(commands.Count, Is.LessThanOrEqualTo(2 * 4 + 3), "statements per batch, not per line");
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
        await InsertLinesAsync(host, product, 60_000, 1100, (i, line) =>
        {
            line.State = PreorderLineState.BalanceDue;
            line.BalanceDueOnUtc = i <= 1050 ? now.AddHours(-1 - i % 20) : now.AddDays(2);
        });

        var report = await host.Resolve<PreorderAutomationService>().RunAsync();

        Assert.That(report.Overdue, Is.EqualTo(1050), "all of them, not one batch of 500 per run");
        var states = host.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == product.Id).Select(l => l.StateId).ToList()
            .GroupBy(s => s).ToDictionary(g => (PreorderLineState)g.Key, g => g.Count());
        Assert.That(states[PreorderLineState.Overdue], Is.EqualTo(1050));
        Assert.That(states[PreorderLineState.BalanceDue], Is.EqualTo(50), "not yet due");
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Where(l => l.StateId == (int)PreorderLineState.Overdue).All(l => l.Version == 1), Is.True);
    }

    [Test]
    public async Task Reconciliation_between_full_recounts_reads_only_what_changed_since_the_last_run()
    {
        using var host = new PreorderTestHost(Database);
        var products = new List<Product>();
        for (var i = 0; i < 6; i++)
        {
            var product = await host.PreorderProductAsync(cap: 10);
            await host.PlaceOrderAsync(product, 1);
            products.Add(product);
        }
        var reconciliation = host.Resolve<PreorderReconciliationService>();
        var caps = host.Resolve<CapReservationService>();
        async Task<int> SoldAsync(Product product) => (await caps.GetCounterAsync(product.Id)).Sold;
        // a counter over-counts, as a crash between cancelling a line and giving its units back leaves it
        void Drift(Product product) =>
            Database.ExecuteSql($"UPDATE preorder_cap_counter SET sold = sold + 2 WHERE product_id = {product.Id} AND combination_id = 0");

        host.Clock.Now = host.Clock.Now.AddHours(1);
        var commands = Count(host);
        Assert.That((await reconciliation.RunAsync()).CountersSuspected, Is.Zero, "the first run recounts everything: all consistent");
        Assert.That(commands.Count, Is.LessThanOrEqualTo(8), "the full recount: the counters and one grouped read of the lines, not a sum per product");

        Drift(products[0]);
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        commands.Reset();
        var quiet = await reconciliation.RunAsync();
        Assert.That(quiet.CountersSuspected + quiet.CountersCorrected, Is.Zero, "nothing changed since the last run: no counter recounted");
        Assert.That(commands.Count, Is.LessThanOrEqualTo(6), "a handful of indexed look-ups, not one per product");
        Assert.That(await SoldAsync(products[0]), Is.EqualTo(3));

        // sales since the last run do not make it recount (that would sum a launch product's whole queue every run)
        await host.PlaceOrderAsync(products[1], 1);
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        commands.Reset();
        Assert.That((await reconciliation.RunAsync()).CountersSuspected, Is.Zero, "the drift waits for the hourly full recount");
        Assert.That(commands.Count, Is.LessThanOrEqualTo(6));

        host.Clock.Now = host.Clock.Now.AddMinutes(55);
        Assert.That((await reconciliation.RunAsync()).CountersSuspected, Is.EqualTo(1), "the hourly full recount finds the drift (seen once: suspected)");
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        Assert.That((await reconciliation.RunAsync()).CountersCorrected, Is.EqualTo(1), "the suspect is looked at again by the next, incremental run");
        Assert.That(await SoldAsync(products[0]), Is.EqualTo(1));

        // after a restart (the cache is empty) the next run looks back its full windows again
        Drift(products[2]);
        await host.Resolve<Nop.Core.Caching.IStaticCacheManager>().ClearAsync();
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        Assert.That((await reconciliation.RunAsync()).CountersSuspected, Is.EqualTo(1));
    }

    [Test]
    public async Task The_allocation_sweep_runs_hourly_and_right_after_a_pause()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: null, mode: PreorderPaymentMode.FullUpfront);
        for (var i = 0; i < 3; i++)
            await host.PlaceOrderAsync(product, 1);
        var automation = host.Resolve<PreorderAutomationService>();
        Assert.That((await automation.RunAsync()).Allocated, Is.Zero, "swept: nothing arrived yet");

        // stock arrives and nopCommerce's event never reaches the plugin
        product.StockQuantity += 1;
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        Assert.That((await automation.RunAsync()).Allocated, Is.Zero, "the last sweep was 5 minutes ago");
        host.Clock.Now = host.Clock.Now.AddMinutes(56);
        Assert.That((await automation.RunAsync()).Allocated, Is.EqualTo(1), "an hour on, the sweep catches it");

        product.StockQuantity += 1;
        host.Settings.AutomationPaused = true;
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        Assert.That((await automation.RunAsync()).Paused, Is.True);
        host.Settings.AutomationPaused = false;
        host.Clock.Now = host.Clock.Now.AddMinutes(5);
        Assert.That((await automation.RunAsync()).Allocated, Is.EqualTo(1), "the first run after a pause sweeps");
    }

    [Test]
    public async Task Reminder_and_notice_scans_page_through_every_line_once_even_with_equal_due_dates()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: null);
        var now = host.Clock.UtcNow;
        // 1,100 overdue lines on three due dates and 1,100 due in 2 days on one (ties far beyond a page of 500), mixed with others
        await InsertLinesAsync(host, product, 70_000, 2400, (i, line) =>
        {
            line.State = i <= 1100 ? PreorderLineState.Overdue : i <= 2200 ? PreorderLineState.BalanceDue : PreorderLineState.Waiting;
            line.AllocatedOnUtc = now.AddDays(-10);
            line.BalanceDueOnUtc = i <= 1100 ? now.AddDays(-1 - i % 3) : i <= 2200 ? now.AddDays(2) : null;
        });
        var scans = new MessageScans(host.Resolve<PreorderMessageService>());

        var notices = new List<(string Key, int OrderId, int ProductId)>();
        await scans.OverdueAsync(notices);
        var reminders = new List<(string Key, int OrderId, int ProductId)>();
        await scans.RemindersAsync(now, host.Settings, reminders);

        Assert.That(notices.Select(n => n.OrderId).Distinct().Count(), Is.EqualTo(1100), "every overdue line");
        Assert.That(notices, Has.Count.EqualTo(2200), "two notices each (shopper, store owner), none twice");
        Assert.That(notices.Select(n => n.Key).Distinct().Count(), Is.EqualTo(2200));
        Assert.That(reminders.Select(r => r.OrderId).Distinct().Count(), Is.EqualTo(1100), "every line due in 2 days gets its 3-days-before reminder");
        Assert.That(reminders, Has.Count.EqualTo(1100));
        Assert.That(reminders.All(r => r.OrderId > 71_100 && r.OrderId <= 72_200), Is.True);
    }

    /// <summary>Lines 1..count of one product (order and order item ids from <paramref name="firstOrderId"/> + i), one unit, 100 with 20 down, placed 30 days ago; then shaped by <paramref name="shape"/>.</summary>
    private static Task InsertLinesAsync(PreorderTestHost host, Product product, int firstOrderId, int count, Action<int, PreorderLine> shape)
    {
        var now = host.Clock.UtcNow;
        return host.Scope.Repository<PreorderLine>().InsertAsync(Enumerable.Range(1, count).Select(i =>
        {
            var line = new PreorderLine
            {
                OrderId = firstOrderId + i, OrderItemId = firstOrderId + i, ProductId = product.Id, CustomerId = 7, StoreId = 1, Quantity = 1,
                PaymentMode = PreorderPaymentMode.Deposit, LineTotal = 100m, DepositAmount = 20m, PlacedOnUtc = now.AddDays(-30), UpdatedOnUtc = now
            };
            shape(i, line);
            return line;
        }).ToList(), false);
    }

    /// <summary>The message service's scans (protected steps of its scheduled run), without recording or sending.</summary>
    private sealed class MessageScans
    {
        private readonly PreorderMessageService _service;

        public MessageScans(PreorderMessageService service)
        {
            _service = service;
        }

        public Task OverdueAsync(List<(string Key, int OrderId, int ProductId)> due) => Call("DueOverdueNoticesAsync", due);

        public Task RemindersAsync(DateTime now, PreorderSettings settings, List<(string Key, int OrderId, int ProductId)> due) =>
            Call("DueRemindersAsync", now, settings, (Func<int, Task<PreorderSettings>>)(_ => Task.FromResult(settings)), due);

        private Task Call(string method, params object[] arguments) =>
            (Task)typeof(PreorderMessageService).GetMethod(method, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
                .Invoke(_service, arguments);
    }

    private static CommandCounter Count(PreorderTestHost host)
    {
        var counter = new CommandCounter();
        host.Scope.Context.Connection.AddInterceptor(counter);
        return counter;
    }
}
