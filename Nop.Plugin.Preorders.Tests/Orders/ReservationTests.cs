using System.Collections.Concurrent;
using Nop.Core.Domain.Catalog;
using Autofac;
using Moq;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Payments;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// Reserving an in-stock unit with a deposit (schema 2.4), on the real database: placement holds the unit and writes an
/// allocated reservation line due at the end of the term; two shoppers reserving the last unit at once on two nodes:
/// exactly one holds it; the term ending unpaid returns the unit; paying the balance completes it.
/// </summary>
[TestFixture]
public class ReservationTests : DatabaseTest
{
    private static async Task<Product> ReservableProductAsync(PreorderTestHost host, int stock = 1, int? termDays = 5, decimal price = 100m)
    {
        var product = host.Shop.AddProduct(stock, price);
        var errors = await host.Resolve<PreorderCatalogService>().SaveAsync(new PreorderProfileEdit
        {
            Profile = new PreorderProfile { ProductId = product.Id, Enabled = false, Reservable = true, ReservationTermDays = termDays, PaymentMode = PreorderPaymentMode.Deposit }
        }, byCustomerId: 1);
        Assert.That(errors, Is.Empty);
        await host.Resolve<ReservationHoldService>().SyncUnitsAsync(product.Id, product.StockQuantity);
        return product;
    }

    /// <summary>The shopper pressed "Reserve with deposit", then nopCommerce placed the order.</summary>
    private static async Task<Order> ReserveAsync(PreorderTestHost host, Product product, Customer customer = null)
    {
        customer ??= host.Shop.AddCustomer();
        await host.Resolve<ReservationIntentService>().RecordIntentAsync(customer.Id, product.Id);
        return await host.PlaceOrderAsync(customer, (product, 1));
    }

    [Test]
    public async Task A_reservation_holds_the_unit_and_is_due_at_the_end_of_the_term()
    {
        using var host = new PreorderTestHost(Database);
        var product = await ReservableProductAsync(host, stock: 1, termDays: 5);
        var customer = host.Shop.AddCustomer();
        var order = await ReserveAsync(host, product, customer);

        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        var counter = await host.Resolve<ReservationHoldService>().GetCounterAsync(product.Id);
        Assert.Multiple(() =>
        {
            Assert.That(order.OrderStatus, Is.Not.EqualTo(OrderStatus.Cancelled));
            Assert.That(line.IsReservation, Is.True);
            Assert.That(line.State, Is.EqualTo(PreorderLineState.BalanceDue), "allocated at once: the stock exists");
            Assert.That(line.PaymentMode, Is.EqualTo(PreorderPaymentMode.Deposit));
            Assert.That(line.DepositAmount, Is.GreaterThan(0m).And.LessThan(line.LineTotal));
            Assert.That(line.AllocatedOnUtc, Is.Not.Null);
            Assert.That(line.AllocationNotifiedOnUtc, Is.Not.Null, "no stock-arrived notice: it never waited");
            Assert.That(line.BalanceDueOnUtc, Is.EqualTo(line.AllocatedOnUtc.Value.AddDays(5)));
            Assert.That(counter.Held, Is.EqualTo(1));
            Assert.That(counter.Units, Is.EqualTo(1));
            Assert.That(product.StockQuantity, Is.Zero, "nopCommerce's stock shows no unit for the next shopper");
            var balance = host.Scope.Repository<PreorderInstallment>().Table.Single(i => i.OrderId == order.Id && i.Sequence == 1);
            Assert.That(balance.DueOnUtc, Is.EqualTo(line.BalanceDueOnUtc), "the balance installment falls due with the term");
            Assert.That(balance.Amount, Is.EqualTo(line.LineTotal - line.DepositAmount));
        });
        Assert.That(await host.Resolve<ReservationIntentService>().HasIntentAsync(customer.Id, product.Id), Is.False, "the intent is used up");
        Assert.That(await host.Resolve<ReservationIntentService>().RefusalForAsync(product, 1), Is.EqualTo(R.ReservationNoStock), "a second shopper cannot reserve it");
        Assert.That(host.Scope.Repository<PreorderCapCounter>().Table.Count(c => c.ProductId == product.Id && c.Sold > 0), Is.Zero, "no pre-order cap counts it");
    }

    [Test]
    public async Task An_ordinary_purchase_of_a_reservable_product_is_no_reservation()
    {
        using var host = new PreorderTestHost(Database);
        var product = await ReservableProductAsync(host, stock: 3);
        var order = await host.PlaceOrderAsync(product, 1);

        Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == order.Id), Is.Zero);
        Assert.That((await host.Resolve<ReservationHoldService>().GetCounterAsync(product.Id)).Held, Is.Zero);
    }

    [TestCase(2)]
    [TestCase(6)]
    public async Task Shoppers_reserving_the_last_unit_at_once_on_several_nodes_exactly_one_holds_it(int shoppers)
    {
        var shop = new FakeShop();
        using var setup = new PreorderTestHost(Database, shop);
        var product = await ReservableProductAsync(setup, stock: 1);
        var customers = Enumerable.Range(0, shoppers).Select(_ => shop.AddCustomer()).ToList();
        foreach (var customer in customers)
            await setup.Resolve<ReservationIntentService>().RecordIntentAsync(customer.Id, product.Id);
        // nopCommerce's own stock check passed for all of them (its decrement is a read-modify-write): orders exist for all
        var orders = customers.Select(c => shop.AddOrder(c, (product, 1))).ToList();

        var outcomes = new ConcurrentBag<PlacementOutcome>();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = shoppers }, async (order, _) =>
        {
            using var node = new PreorderTestHost(Database, shop);
            outcomes.Add(await node.Resolve<PreorderOrderService>().PlaceAsync(order));
        });

        using var check = new PreorderTestHost(Database, shop);
        var lines = check.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == product.Id).ToList();
        var counter = await check.Resolve<ReservationHoldService>().GetCounterAsync(product.Id);
        var losers = orders.Where(o => o.OrderStatus == OrderStatus.Cancelled).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o == PlacementOutcome.Placed), Is.EqualTo(1), "exactly one wins");
            Assert.That(outcomes.Count(o => o == PlacementOutcome.CapLost), Is.EqualTo(shoppers - 1));
            Assert.That(lines, Has.Count.EqualTo(1));
            Assert.That(counter.Held, Is.EqualTo(1), "the refused ones changed nothing on the counter");
            Assert.That(losers, Has.Count.EqualTo(shoppers - 1), "the others' orders are cancelled");
            Assert.That(shop.OrderNotes.Count(n => n.Note.Contains("reserved by another shopper") && n.DisplayToCustomer), Is.EqualTo(shoppers - 1),
                "each is told in the order's language why");
        });
        foreach (var loser in losers)
            Assert.That(check.Scope.Repository<PreorderAccount>().Table.Single(a => a.OrderId == loser.Id).State, Is.EqualTo(PreorderAccountState.Closed));
    }

    [TestCase(DepositExpiryPolicy.Refund, LedgerEntryKind.Refund)]
    [TestCase(DepositExpiryPolicy.Forfeit, LedgerEntryKind.Forfeit)]
    public async Task The_term_ending_unpaid_returns_the_unit_and_settles_the_deposit_by_the_stores_policy(DepositExpiryPolicy policy, LedgerEntryKind settled)
    {
        using var host = new PreorderTestHost(Database);
        host.Settings.ExpiryPolicy = policy;
        host.Settings.GracePeriodDays = 2;
        var product = await ReservableProductAsync(host, stock: 1, termDays: 5);
        var order = await ReserveAsync(host, product);
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, line.DepositAmount, "DEP-1", 1, LedgerEntryKind.Deposit);

        host.Clock.Now = host.Clock.Now.AddDays(6);
        await host.Resolve<PreorderAutomationService>().RunAsync();
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).State, Is.EqualTo(PreorderLineState.Overdue), "term over: the grace runs");
        Assert.That(product.StockQuantity, Is.Zero, "still held during the grace");

        host.Clock.Now = host.Clock.Now.AddDays(2);
        var report = await host.Resolve<PreorderAutomationService>().RunAsync();

        var expired = host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id);
        var entries = host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == order.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.Expired, Is.EqualTo(1));
            Assert.That(expired.State, Is.EqualTo(PreorderLineState.Expired));
            Assert.That(product.StockQuantity, Is.EqualTo(1), "the unit is back in nopCommerce's stock");
            Assert.That(entries.Where(e => e.Kind == settled && e.Status == LedgerEntryStatus.Succeeded).Sum(e => e.Amount), Is.EqualTo(line.DepositAmount));
        });
        Assert.That((await host.Resolve<ReservationHoldService>().GetCounterAsync(product.Id)).Held, Is.Zero, "free to reserve again");
        Assert.That(await host.Resolve<ReservationIntentService>().RefusalForAsync(product, 1), Is.Null);
        Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.LineExpired && e.LineId == line.Id), Is.EqualTo(1), "the expiry e-mail's event");
    }

    [Test]
    public async Task Paying_the_balance_completes_the_reservation_and_shipping_sells_the_unit()
    {
        var card = new FakeCardPaymentMethod();
        var shop = new FakeShop();
        shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        using var host = new PreorderTestHost(Database, shop);
        var product = await ReservableProductAsync(host, stock: 2);
        var customer = shop.AddCustomer();
        await host.Resolve<ReservationIntentService>().RecordIntentAsync(customer.Id, product.Id);
        // paid at checkout with the card, which the balance is then charged through
        var order = shop.AddOrder(customer, (product, 1));
        order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, line.DepositAmount, "DEP-1", 1, LedgerEntryKind.Deposit);

        var result = await host.Resolve<BalancePaymentService>().PayAsync(order, line.LineTotal - line.DepositAmount, line.Id, new ProcessPaymentRequest(), order.CustomerId);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(card.Charges, Is.EqualTo(new[] { line.LineTotal - line.DepositAmount }));
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).State, Is.EqualTo(PreorderLineState.PaidInFull));
        Assert.That(host.Scope.Repository<PreorderAccount>().Table.Single(a => a.OrderId == order.Id).State, Is.EqualTo(PreorderAccountState.PaidInFull));

        await host.Resolve<PreorderOrderService>().MoveAsync(line.Id, PreorderLineState.Shipped, l => l.ShippedOnUtc = host.Clock.UtcNow);
        var counter = await host.Resolve<ReservationHoldService>().GetCounterAsync(product.Id);
        Assert.That((counter.Units, counter.Held), Is.EqualTo((1, 0)), "the shipped unit left the shop; the other is free");
    }

    [Test]
    public async Task A_cancelled_reservation_returns_its_unit_to_the_counter_and_the_stock()
    {
        using var host = new PreorderTestHost(Database);
        var product = await ReservableProductAsync(host, stock: 1);
        var order = await ReserveAsync(host, product);
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

        Assert.That(await host.Resolve<PreorderOrderService>().CancelLineAsync(line.Id, "changed mind", 1), Is.True);

        Assert.That((await host.Resolve<ReservationHoldService>().GetCounterAsync(product.Id)).Held, Is.Zero);
        Assert.That(product.StockQuantity, Is.EqualTo(1));
    }

    [Test]
    public async Task A_reservation_can_be_extended_like_a_pre_order_balance()
    {
        using var host = new PreorderTestHost(Database);
        var product = await ReservableProductAsync(host, stock: 1, termDays: 5);
        var order = await ReserveAsync(host, product);
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

        var extended = await host.Resolve<PreorderOrderService>().ExtendAsync(line.Id, order.CustomerId, approvedByMerchant: false, host.Settings);

        Assert.That(extended.BalanceDueOnUtc, Is.EqualTo(line.BalanceDueOnUtc.Value.AddDays(host.Settings.ExtensionDays)));
        Assert.That(extended.IsReservation, Is.True);
    }

    [Test]
    public async Task The_pre_orders_grid_filters_reservations_and_marks_them_on_the_order_block()
    {
        using var host = new PreorderTestHost(Database);
        var reservable = await ReservableProductAsync(host, stock: 1);
        var preorder = await host.PreorderProductAsync(cap: 5);
        var reservation = await ReserveAsync(host, reservable);
        var preorderOrder = await host.PlaceOrderAsync(preorder, 1);
        var grid = host.Resolve<Nop.Plugin.Preorders.Services.Admin.PreorderGridQueryService>();

        var reservations = grid.LineQuery(new Nop.Plugin.Preorders.Services.Admin.PreorderLineFilter { ReservationsOnly = true }).ToList();
        var all = grid.LineQuery(new Nop.Plugin.Preorders.Services.Admin.PreorderLineFilter()).ToList();

        Assert.That(reservations.Select(r => r.OrderId), Is.EqualTo(new[] { reservation.Id }));
        Assert.That(reservations.Single().IsReservation, Is.True);
        Assert.That(all.Select(r => r.OrderId), Is.EquivalentTo(new[] { reservation.Id, preorderOrder.Id }));
        Assert.That(all.Single(r => r.OrderId == preorderOrder.Id).IsReservation, Is.False);
    }

    [Test]
    public async Task Reserve_with_deposit_refuses_a_product_not_flagged_or_without_a_free_unit_and_records_nothing()
    {
        using var host = new PreorderTestHost(Database);
        var plain = host.Shop.AddProduct(stock: 3);
        var reservable = await ReservableProductAsync(host, stock: 1);
        var customer = host.Shop.AddCustomer();
        var service = host.Resolve<ReservationService>();

        Assert.That((await service.ReserveAsync(customer, plain, host.Shop.Store.Id)).RefusalKey, Is.EqualTo(R.ReservationNotOffered));
        Assert.That((await service.ReserveAsync(customer, reservable, host.Shop.Store.Id, quantity: 2)).RefusalKey, Is.EqualTo(R.ReservationNoStock));
        Assert.That(host.Scope.Repository<PreorderReservationIntent>().Table.Count(), Is.Zero, "a refusal records nothing");
    }

    [Test]
    public async Task The_checkout_split_charges_the_deposit_of_a_reserved_item_only()
    {
        var cartService = new Mock<IShoppingCartService>();
        cartService.Setup(c => c.GetSubTotalAsync(It.IsAny<ShoppingCartItem>(), It.IsAny<bool>()))
            .ReturnsAsync((ShoppingCartItem i, bool _) => (100m * i.Quantity, 0m, new List<Discount>(), (int?)null));
        using var host = new PreorderTestHost(Database, configure: b => b.RegisterInstance(cartService.Object).As<IShoppingCartService>());
        var product = await ReservableProductAsync(host, stock: 2, price: 100m);
        var reserver = host.Shop.AddCustomer();
        var buyer = host.Shop.AddCustomer();
        await host.Resolve<ReservationIntentService>().RecordIntentAsync(reserver.Id, product.Id);
        var split = host.Resolve<CheckoutSplitService>();

        var reserved = await split.GetSplitAsync(new List<ShoppingCartItem> { new() { CustomerId = reserver.Id, ProductId = product.Id, Quantity = 1, StoreId = host.Shop.Store.Id } }, host.Shop.Store.Id, orderTotal: 100m);
        var bought = await split.GetSplitAsync(new List<ShoppingCartItem> { new() { CustomerId = buyer.Id, ProductId = product.Id, Quantity = 1, StoreId = host.Shop.Store.Id } }, host.Shop.Store.Id, orderTotal: 100m);

        Assert.That(reserved.HasDeposit, Is.True);
        Assert.That(reserved.DueNow, Is.LessThan(100m).And.GreaterThan(0m));
        Assert.That(bought.HasDeposit, Is.False, "an ordinary purchase pays in full and is offered no deposit");
    }
}
