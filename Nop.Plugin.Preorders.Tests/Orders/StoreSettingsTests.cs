using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Support;
using Autofac;
using Moq;
using Nop.Core.Domain.Stores;
using Nop.Services.Stores;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// Two stores of one shop sell the same pre-order; the second overrides due days, grace period and expiry policy on
/// the configuration page. Allocation and expiry apply each line's own store's values, not the global ones.
/// </summary>
[TestFixture]
public class StoreSettingsTests : DatabaseTest
{
    private const int OtherStore = 2;

    private static async Task<Order> PlaceInStoreAsync(PreorderTestHost host, int storeId, Customer customer, Product product)
    {
        var order = host.Shop.AddOrder(customer, (product, 1));
        order.StoreId = storeId;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        return order;
    }

    private static PreorderLine LineOf(PreorderTestHost host, Order order) =>
        host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

    [Test]
    public async Task Allocation_and_expiry_use_the_settings_of_each_lines_store()
    {
        var shop = new FakeShop();
        shop.Settings.BalanceDueDays = 7;
        shop.Settings.GracePeriodDays = 10;
        shop.Settings.ExpiryPolicy = DepositExpiryPolicy.Refund;
        shop.StoreSettings[OtherStore] = new PreorderSettings
        {
            DefaultDepositRuleJson = shop.Settings.DefaultDepositRuleJson,
            BalanceDueDays = 2,
            GracePeriodDays = 1,
            ExpiryPolicy = DepositExpiryPolicy.Forfeit
        };
        // nopCommerce's stores: the task reads every store's settings to know how far back to look
        var stores = new Mock<IStoreService>();
        stores.Setup(s => s.GetAllStoresAsync()).ReturnsAsync(new List<Store> { shop.Store, new() { Id = OtherStore, Name = "Other shop", Url = "http://other.test/" } });
        using var host = new PreorderTestHost(Database, shop, configure: builder => builder.RegisterInstance(stores.Object).As<IStoreService>());
        var start = host.Clock.UtcNow;
        var product = await host.PreorderProductAsync(cap: 10, price: 100m);
        var main = await PlaceInStoreAsync(host, shop.Store.Id, shop.AddCustomer(), product);
        var other = await PlaceInStoreAsync(host, OtherStore, shop.AddCustomer(), product);
        var payments = host.Resolve<BalancePaymentService>();
        await payments.ConfirmOfflineAsync(main.Id, 20m, "DEP-1", 1, LedgerEntryKind.Deposit);
        await payments.ConfirmOfflineAsync(other.Id, 20m, "DEP-2", 1, LedgerEntryKind.Deposit);

        // both lines allocated in one batch by one arrival
        product.StockQuantity += 2;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        Assert.Multiple(() =>
        {
            Assert.That(LineOf(host, main).State, Is.EqualTo(PreorderLineState.BalanceDue));
            Assert.That(LineOf(host, main).BalanceDueOnUtc, Is.EqualTo(start.AddDays(7)), "the global 7 days");
            Assert.That(LineOf(host, other).State, Is.EqualTo(PreorderLineState.BalanceDue));
            Assert.That(LineOf(host, other).BalanceDueOnUtc, Is.EqualTo(start.AddDays(2)), "the other store's own 2 days");
        });

        // four days later: the other store's line is two days overdue, past its one-day grace; the main store's is not due yet
        host.Clock.Now = start.AddDays(4);
        var automation = host.Resolve<PreorderAutomationService>();
        var report = await automation.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(report.Expired, Is.EqualTo(1));
            Assert.That(LineOf(host, other).State, Is.EqualTo(PreorderLineState.Expired), "the other store's grace period");
            Assert.That(LineOf(host, main).State, Is.EqualTo(PreorderLineState.BalanceDue));
        });
        var settled = host.Scope.Repository<PreorderLedgerEntry>().Table
            .Where(e => e.OrderId == other.Id && (e.KindId == (int)LedgerEntryKind.Forfeit || e.KindId == (int)LedgerEntryKind.Refund)).ToList();
        Assert.That(settled.Select(e => e.Kind), Is.EqualTo(new[] { LedgerEntryKind.Forfeit }), "the other store's expiry policy keeps the deposit");

        // nine days in: the main store's line is two days overdue, within its ten-day grace
        host.Clock.Now = start.AddDays(9);
        await automation.RunAsync();
        Assert.That(LineOf(host, main).State, Is.EqualTo(PreorderLineState.Overdue), "the global grace period still runs");
        host.Clock.Now = start.AddDays(17).AddHours(1);
        await automation.RunAsync();
        Assert.That(LineOf(host, main).State, Is.EqualTo(PreorderLineState.Expired));
        Assert.That(host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == main.Id).Select(e => e.KindId).ToList(),
            Does.Contain((int)LedgerEntryKind.Refund), "the global policy refunds");
    }

    [Test]
    public async Task Automatic_charges_retry_as_often_as_the_orders_store_allows()
    {
        var card = new FakeCardPaymentMethod { RecurringPaymentType = Nop.Services.Payments.RecurringPaymentType.Manual, FailuresLeft = 10 };
        var shop = new FakeShop();
        shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        shop.Settings.DefaultDepositRuleJson = "{\"Percent\":10,\"Installments\":3,\"InstallmentIntervalDays\":30}";
        shop.Settings.ChargeRetryBackoffHours = 24;
        shop.Settings.ChargeRetryCount = 3;
        shop.StoreSettings[OtherStore] = new PreorderSettings
        {
            DefaultDepositRuleJson = shop.Settings.DefaultDepositRuleJson,
            ChargeRetryBackoffHours = 24,
            ChargeRetryCount = 1
        };
        using var host = new PreorderTestHost(Database, shop);
        var product = await host.PreorderProductAsync(cap: 10, price: 1000m);
        var order = shop.AddOrder(shop.AddCustomer(), (product, 1));
        order.StoreId = OtherStore;
        order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        var ledger = host.Resolve<PreorderLedgerService>();
        await ledger.RecordAsync(new LedgerRequest { OrderId = order.Id, Kind = LedgerEntryKind.Deposit, Amount = 100m, Method = FakeCardPaymentMethod.Name, IdempotencyKey = "dep" });
        var due = (await ledger.GetScheduleAsync(order.Id))[1].DueOnUtc!.Value;

        var task = host.Resolve<PreorderAutomationService>();
        foreach (var hours in new[] { 0, 25, 49, 97 })
        {
            host.Clock.Now = due.AddHours(hours).AddMinutes(1);
            await task.RunAsync();
        }
        var failed = (await ledger.GetEntriesAsync(order.Id)).Count(e => e.Status == LedgerEntryStatus.Failed);
        Assert.That(failed, Is.EqualTo(1), "the other store allows one attempt; the global setting would have made three");
    }
}
