using System.Data;
using System.Data.Common;
using System.Reflection;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>
/// The part of nopCommerce's schema that placing an order touches, reduced to the columns these statements
/// need (bench-only tables, prefixed bench_): what nopCommerce's own order-placed chain writes is the baseline
/// of benchmark 6, and nopCommerce's GetOrderItemsAsync query (which the plugin's handler calls) runs here.
/// </summary>
public sealed class NopOrderTables
{
    private readonly TestDatabase _database;

    public NopOrderTables(TestDatabase database)
    {
        _database = database;
        var sqlite = database.Provider == TestDbProvider.Sqlite;
        var id = sqlite ? "id INTEGER PRIMARY KEY AUTOINCREMENT" : "id serial PRIMARY KEY";
        var date = sqlite ? "TEXT" : "timestamp";
        var boolean = sqlite ? "INTEGER" : "boolean";
        database.ExecuteSql($"CREATE TABLE bench_product (id int PRIMARY KEY, stock_quantity int NOT NULL, is_ship_enabled {boolean} NOT NULL, not_returnable {boolean} NOT NULL, vendor_id int NOT NULL)");
        database.ExecuteSql($"CREATE TABLE bench_order ({id}, order_guid varchar(36) NOT NULL, customer_id int NOT NULL, order_status_id int NOT NULL, order_total decimal(18,4) NOT NULL, custom_order_number varchar(20), created_on_utc {date} NOT NULL)");
        database.ExecuteSql($"CREATE TABLE bench_order_item ({id}, order_item_guid varchar(36) NOT NULL, order_id int NOT NULL, product_id int NOT NULL, quantity int NOT NULL, unit_price decimal(18,4) NOT NULL, price decimal(18,4) NOT NULL)");
        database.ExecuteSql("CREATE INDEX ix_bench_order_item_order ON bench_order_item (order_id)");
        database.ExecuteSql($"CREATE TABLE bench_order_note ({id}, order_id int NOT NULL, note text NOT NULL, display_to_customer {boolean} NOT NULL, created_on_utc {date} NOT NULL)");
        database.ExecuteSql($"CREATE TABLE bench_stock_quantity_history ({id}, product_id int NOT NULL, quantity_adjustment int NOT NULL, stock_quantity int NOT NULL, message text, created_on_utc {date} NOT NULL)");
        database.ExecuteSql("INSERT INTO bench_product (id, stock_quantity, is_ship_enabled, not_returnable, vendor_id) VALUES " +
                            string.Join(", ", Enumerable.Range(1, 2000).Select(i => $"({100000 + i}, 1000000, {(sqlite ? "1" : "true")}, {(sqlite ? "0" : "false")}, 0)")));
    }

    /// <summary>
    /// nopCommerce's own writes when it places an order of these items (OrderProcessingService.PlaceOrderAsync →
    /// SaveOrderDetailsAsync, ProductService.AdjustInventoryAsync), each statement committed on its own as there:
    /// the order, its items, per item the stock update and the stock history row, and the "order placed" note.
    /// A lower bound: nopCommerce also updates the customer, clears the cart, writes generic attributes and more.
    /// </summary>
    public sealed class Writer : IAsyncDisposable
    {
        private readonly DbConnection _connection;
        private readonly DbCommand _order, _item, _stock, _history, _note;

        public Writer(TestDatabase database)
        {
            _connection = database.OpenAdoConnection();
            _order = Sql.Prepared(_connection,
                "INSERT INTO bench_order (order_guid, customer_id, order_status_id, order_total, custom_order_number, created_on_utc) VALUES (@guid, @customer, 10, @total, @number, @now) RETURNING id",
                ("@guid", DbType.String, ""), ("@customer", DbType.Int32, 0), ("@total", DbType.Decimal, 0m), ("@number", DbType.String, ""), ("@now", DbType.DateTime, DateTime.UtcNow));
            _item = Sql.Prepared(_connection,
                "INSERT INTO bench_order_item (order_item_guid, order_id, product_id, quantity, unit_price, price) VALUES (@guid, @order, @product, @quantity, @unit, @price)",
                ("@guid", DbType.String, ""), ("@order", DbType.Int32, 0), ("@product", DbType.Int32, 0), ("@quantity", DbType.Int32, 0), ("@unit", DbType.Decimal, 0m), ("@price", DbType.Decimal, 0m));
            _stock = Sql.Prepared(_connection, "UPDATE bench_product SET stock_quantity = stock_quantity - @quantity WHERE id = @product",
                ("@quantity", DbType.Int32, 0), ("@product", DbType.Int32, 0));
            _history = Sql.Prepared(_connection,
                "INSERT INTO bench_stock_quantity_history (product_id, quantity_adjustment, stock_quantity, message, created_on_utc) VALUES (@product, @adjustment, 0, @message, @now)",
                ("@product", DbType.Int32, 0), ("@adjustment", DbType.Int32, 0), ("@message", DbType.String, ""), ("@now", DbType.DateTime, DateTime.UtcNow));
            _note = Sql.Prepared(_connection,
                "INSERT INTO bench_order_note (order_id, note, display_to_customer, created_on_utc) VALUES (@order, @note, @display, @now)",
                ("@order", DbType.Int32, 0), ("@note", DbType.String, ""), ("@display", DbType.Boolean, false), ("@now", DbType.DateTime, DateTime.UtcNow));
        }

        public const int StatementsPerThreeItemOrder = 11;

        /// <summary>Places an order of one unit of each product; returns its id.</summary>
        public async Task<int> PlaceAsync(int customerId, IReadOnlyList<int> productIds)
        {
            var now = DateTime.UtcNow;
            _order.Set("@guid", Guid.NewGuid().ToString());
            _order.Set("@customer", customerId);
            _order.Set("@total", 100m * productIds.Count);
            _order.Set("@number", customerId.ToString());
            _order.Set("@now", now);
            var orderId = Convert.ToInt32(await _order.ExecuteScalarAsync());
            foreach (var productId in productIds)
            {
                _item.Set("@guid", Guid.NewGuid().ToString());
                _item.Set("@order", orderId);
                _item.Set("@product", productId);
                _item.Set("@quantity", 1);
                _item.Set("@unit", 100m);
                _item.Set("@price", 100m);
                await _item.ExecuteNonQueryAsync();
            }
            foreach (var productId in productIds)
            {
                _stock.Set("@quantity", 1);
                _stock.Set("@product", productId);
                await _stock.ExecuteNonQueryAsync();
                _history.Set("@product", productId);
                _history.Set("@adjustment", -1);
                _history.Set("@message", $"The stock quantity has been reduced by placing the order #{orderId}");
                _history.Set("@now", now);
                await _history.ExecuteNonQueryAsync();
            }
            _note.Set("@order", orderId);
            _note.Set("@note", "Order placed");
            _note.Set("@display", false);
            _note.Set("@now", now);
            await _note.ExecuteNonQueryAsync();
            return orderId;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { _order, _item, _stock, _history, _note })
                await command.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }

    /// <summary>
    /// nopCommerce's <see cref="IOrderService"/> as far as the plugin's order-placed handler uses it:
    /// GetOrderItemsAsync runs nopCommerce's query (order items joined to products) on the bench tables.
    /// </summary>
    public class OrderServiceProxy : DispatchProxy
    {
        private DbCommand _items;

        /// <summary>Number of GetOrderItemsAsync calls (each one database round trip in a shop).</summary>
        public int ItemQueries;

        public static (IOrderService Service, OrderServiceProxy Proxy) Create(DbConnection connection)
        {
            var service = Create<IOrderService, OrderServiceProxy>();
            var proxy = (OrderServiceProxy)(object)service;
            proxy._items = Sql.Prepared(connection,
                "SELECT oi.id, oi.order_item_guid, oi.order_id, oi.product_id, oi.quantity, oi.unit_price, oi.price FROM bench_order_item oi " +
                "INNER JOIN bench_product p ON p.id = oi.product_id WHERE oi.order_id = @order",
                ("@order", DbType.Int32, 0));
            return (service, proxy);
        }

        protected override object Invoke(MethodInfo targetMethod, object[] args)
        {
            if (targetMethod.Name != nameof(IOrderService.GetOrderItemsAsync))
                throw new NotSupportedException($"IOrderService.{targetMethod.Name} is not part of this benchmark.");
            return GetOrderItemsAsync((int)args[0]);
        }

        private async Task<IList<OrderItem>> GetOrderItemsAsync(int orderId)
        {
            Interlocked.Increment(ref ItemQueries);
            _items.Set("@order", orderId);
            var items = new List<OrderItem>();
            await using var reader = await _items.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                items.Add(new OrderItem
                {
                    Id = reader.GetInt32(0),
                    OrderItemGuid = Guid.Parse(reader.GetString(1)),
                    OrderId = reader.GetInt32(2),
                    ProductId = reader.GetInt32(3),
                    Quantity = reader.GetInt32(4),
                    UnitPriceInclTax = reader.GetDecimal(5),
                    UnitPriceExclTax = reader.GetDecimal(5),
                    PriceInclTax = reader.GetDecimal(6),
                    PriceExclTax = reader.GetDecimal(6)
                });
            return items;
        }
    }
}
