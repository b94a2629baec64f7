using Autofac;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Shipping;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Bench.Harness;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

/// <summary>6. What the plugin adds to an ordinary order (no pre-order items) while pre-orders are on sale.</summary>
public sealed class OrdinaryOrderBenchmark : IBenchmark
{
    public int Number => 6;

    public string Title => "Overhead on ordinary orders";

    public string Description => """
        An ordinary order of three in-stock products (no pre-order items) while 1,000 other products are on pre-order.
        **Plugin**: every plugin handler nopCommerce calls while it places that order, in nopCommerce's order: per item
        `EntityUpdatedEvent<Product>` (nopCommerce's stock adjustment saves the product),
        `EntityInsertedEvent<StockQuantityHistory>` and `ShoppingCartItemMovedToOrderItemEvent`, then `OrderPlacedEvent`;
        a `GetOrderItemsAsync` the handlers cause would be nopCommerce's query (order items joined to products, run on
        bench tables shaped like nopCommerce's) and counts as the plugin's. **Baseline**: nopCommerce's own order-placed chain for the same order,
        reduced to its writes (order, 3 items, 3 stock updates, 3 stock history rows, the order note: 11 statements
        committed one by one as nopCommerce does; the real chain does more, so the ratio is an upper bound).
        Round trips are counted; the later events of the order's life are listed with their round trips.
        """;

    public async Task RunAsync(BenchContext context)
    {
        using var database = BenchDatabase.Create(context.Provider);
        await Seeder.ProfilesAsync(database, 1, 1000, cap: 5000);
        var tables = new NopOrderTables(database);
        Seeder.Analyze(database);

        await using var nopConnection = database.OpenAdoConnection();
        var (orderService, proxy) = NopOrderTables.OrderServiceProxy.Create(nopConnection);
        var shop = new FakeShop();
        var publisher = new BenchEventPublisher();
        using var host = new PreorderTestHost(database, shop, dispatchEvents: false, configure: b =>
        {
            b.RegisterInstance(publisher).As<IEventPublisher>();
            b.RegisterInstance(orderService).As<IOrderService>();
        });
        var counter = new CommandCounter();
        host.Scope.Context.Connection.AddInterceptor(counter);
        var consumer = host.CreateUnregistered<OrderEventConsumer>();
        var notifications = host.CreateUnregistered<PreorderNotificationEventConsumer>();

        // three ordinary products, in stock, known to the fake nopCommerce
        var products = Enumerable.Range(100001, 3).Select(id =>
        {
            var product = new Product { Id = id, Name = "Ordinary", Price = 100m, StockQuantity = 1000, ManageInventoryMethod = ManageInventoryMethod.ManageStock, Published = true };
            shop.Products[id] = product;
            return product;
        }).ToList();

        await using var writer = new NopOrderTables.Writer(database);
        var orderId = await writer.PlaceAsync(42, products.Select(p => p.Id).ToList());
        var order = new Order { Id = orderId, CustomerId = 42, StoreId = 1, OrderGuid = Guid.NewGuid(), OrderTotal = 300m, PaymentMethodSystemName = "Payments.Manual" };

        var orderItems = await orderService.GetOrderItemsAsync(orderId);
        proxy.ItemQueries = 0;

        // what nopCommerce raises while placing the order (OrderProcessingService.MoveShoppingCartItemsToOrderItemsAsync,
        // then PlaceOrderAsync): per item the stock adjustment's events and the moved-item event, then the order placed
        async Task PluginChainAsync()
        {
            foreach (var item in orderItems)
            {
                var product = shop.Products[item.ProductId];
                await consumer.HandleEventAsync(new EntityUpdatedEvent<Product>(product));
                await consumer.HandleEventAsync(new EntityInsertedEvent<StockQuantityHistory>(new StockQuantityHistory { ProductId = product.Id, QuantityAdjustment = -1 }));
                await consumer.HandleEventAsync(new ShoppingCartItemMovedToOrderItemEvent(new ShoppingCartItem { ProductId = item.ProductId, Quantity = item.Quantity }, item));
            }
            await consumer.HandleEventAsync(new OrderPlacedEvent(order));
        }

        await PluginChainAsync();
        counter.Reset();
        proxy.ItemQueries = 0;
        const int chainsPerRun = 200;
        var plugin = await Measure.NanosecondsPerCallAsync(PluginChainAsync, chainsPerRun, warmup: 1, runs: 10);
        var pluginRoundTrips = (counter.Count + proxy.ItemQueries) / (double)(chainsPerRun * 11);

        var customer = 1000;
        var baseline = await Measure.NanosecondsPerCallAsync(() => writer.PlaceAsync(customer++, products.Select(p => p.Id).ToList()), 50, warmup: 1, runs: 10);
        var ratio = plugin.Median / baseline.Median;
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "order placed: plugin handlers vs nopCommerce's own chain",
            Fmt.MedianNs(plugin), Fmt.MedianNs(baseline), Fmt.Pct(ratio), "< 1%", ratio < 0.01));
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "order placed: round trips (plugin incl. any GetOrderItemsAsync it causes)",
            Fmt.N(pluginRoundTrips, "0.##"), NopOrderTables.Writer.StatementsPerThreeItemOrder.ToString(), Fmt.Pct(pluginRoundTrips / NopOrderTables.Writer.StatementsPerThreeItemOrder),
            "0 (cached checks only)", pluginRoundTrips == 0));

        // an order placed without nopCommerce's cart events (recurring payments): the items are read once
        counter.Reset();
        proxy.ItemQueries = 0;
        await consumer.HandleEventAsync(new OrderPlacedEvent(order));
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "order placed without cart events (recurring): round trips",
            (counter.Count + proxy.ItemQueries).ToString(), "-", "-", "≤ 1 (the items query)", counter.Count + proxy.ItemQueries <= 1));

        // later events of the same ordinary order: round trips only (each is one indexed look-up)
        counter.Reset();
        await consumer.HandleEventAsync(new OrderPaidEvent(order));
        var paid = counter.Count;
        counter.Reset();
        await consumer.HandleEventAsync(new ShipmentSentEvent(new Shipment { OrderId = order.Id }));
        var shipped = counter.Count;
        counter.Reset();
        await notifications.HandleEventAsync(new ShipmentDeliveredEvent(new Shipment { OrderId = order.Id }));
        var delivered = counter.Count;
        context.Report.Add(Number, new ResultRow(context.DatabaseName, "later events: round trips for order paid / shipment sent / delivered",
            $"{paid} / {shipped} / {delivered}", "-", "-", "≤ 1 each (indexed)", paid <= 1 && shipped <= 1 && delivered <= 1));
    }
}
