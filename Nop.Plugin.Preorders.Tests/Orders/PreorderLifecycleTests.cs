using Autofac;
using Moq;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Events;
using Nop.Core.Domain.Catalog;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>A pre-order from checkout to shipment, with the money, on the real database.</summary>
[TestFixture]
public class PreorderLifecycleTests : DatabaseTest
{

    private PreorderLine LineOf(PreorderTestHost host, Order order) => host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

    private static async Task StockArrivesAsync(PreorderTestHost host, Product product, int units)
    {
        product.StockQuantity += units;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        // the task's step that announces the allocations
        await host.NotifyAllocationsAsync();
    }

    [Test]
    public async Task Offline_deposit_then_stock_then_balance_marks_the_order_paid_once()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: 10);
        var customer = host.Shop.AddCustomer();
        var order = await host.PlaceOrderAsync(customer, (product, 2));
        var ledger = host.Resolve<PreorderLedgerService>();

        var account = await ledger.GetAccountAsync(order.Id);
        var line = LineOf(host, order);
        Assert.That(line.State, Is.EqualTo(PreorderLineState.Waiting));
        Assert.That(line.DepositAmount, Is.EqualTo(40m));
        Assert.That(account.DueAtCheckout, Is.EqualTo(40m));
        Assert.That(account.State, Is.EqualTo(PreorderAccountState.AwaitingDeposit));
        Assert.That((await ledger.GetScheduleAsync(order.Id)).Select(i => i.Amount), Is.EqualTo(new[] { 40m, 160m }));

        var payments = host.Resolve<BalancePaymentService>();
        var first = await payments.ConfirmOfflineAsync(order.Id, 40m, "BANK-1", byCustomerId: 5, LedgerEntryKind.Deposit);
        var again = await payments.ConfirmOfflineAsync(order.Id, 40m, "bank-1 ", byCustomerId: 5, LedgerEntryKind.Deposit);
        Assert.That(first.Duplicate, Is.False);
        Assert.That(again.Duplicate, Is.True, "a retried confirmation records nothing new");
        Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.AwaitingBalance));

        await StockArrivesAsync(host, product, 2);
        line = LineOf(host, order);
        Assert.That(line.State, Is.EqualTo(PreorderLineState.BalanceDue));
        Assert.That(line.BalanceDueOnUtc, Is.EqualTo(host.Clock.UtcNow.AddDays(host.Settings.BalanceDueDays)));
        Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.StockAllocated), Is.EqualTo(1));

        Assert.ThrowsAsync<PreorderRuleException>(() => payments.ConfirmOfflineAsync(order.Id, 161m, "BANK-2", 5));
        await payments.ConfirmOfflineAsync(order.Id, 160m, "BANK-2", byCustomerId: 5);
        account = await ledger.GetAccountAsync(order.Id);
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.PaidInFull));
        Assert.That(account.State, Is.EqualTo(PreorderAccountState.PaidInFull));
        Assert.That((await ledger.GetBalanceAsync(order.Id)).Owed, Is.EqualTo(0m));
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid), "nopCommerce's order is marked paid");
        Assert.That(host.Publisher.Of<OrderPaidEvent>().Count(), Is.EqualTo(1));
        Assert.That((await ledger.GetEntriesAsync(order.Id)).Count, Is.EqualTo(2), "the OrderPaid event the plugin caused records nothing");
        Assert.That(await ledger.ReconcileAsync(order.Id), Is.Empty);

        await host.Publisher.PublishAsync(new Nop.Core.Domain.Shipping.ShipmentSentEvent(host.Shop.AddShipment(order, host.Shop.OrderItems[order.Id].ToArray())));
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Shipped));
    }

    [Test]
    public async Task Delegated_deposit_at_checkout_and_a_double_clicked_balance_payment_charge_once()
    {
        var card = new FakeCardPaymentMethod();
        var shop = new FakeShop();
        shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        shop.Settings.ChargeMethodSystemName = FakeCardPaymentMethod.Name;
        var cart = new List<ShoppingCartItem>();
        var cartService = new Mock<IShoppingCartService>();
        cartService.Setup(c => c.GetShoppingCartAsync(It.IsAny<Customer>(), It.IsAny<ShoppingCartType?>(), It.IsAny<int>(), It.IsAny<int?>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<int?>()))
            .ReturnsAsync(() => cart);
        cartService.Setup(c => c.GetSubTotalAsync(It.IsAny<ShoppingCartItem>(), It.IsAny<bool>()))
            .ReturnsAsync((ShoppingCartItem i, bool _) => (shop.Products[i.ProductId].Price * i.Quantity, 0m, new List<Discount>(), (int?)null));
        using var host = new PreorderTestHost(Database, shop, configure: b => b.RegisterInstance(cartService.Object).As<IShoppingCartService>());

        var product = await host.PreorderProductAsync(cap: 10, price: 250m);
        var customer = shop.AddCustomer();
        cart.Add(new ShoppingCartItem { Id = 1, ProductId = product.Id, Quantity = 1, CustomerId = customer.Id, StoreId = 1, ShoppingCartType = ShoppingCartType.ShoppingCart });

        // checkout: payment info step, then confirm
        var depositMethod = host.Resolve<DepositPaymentService>();
        var request = new ProcessPaymentRequest { CustomerId = customer.Id, StoreId = 1, OrderTotal = 260m, OrderGuid = Guid.NewGuid() };
        request.CustomValues.Add(new CustomValue("Preorders.TermsAccepted", "true", displayToCustomer: false));
        var result = await depositMethod.ProcessPaymentAsync(request);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(card.Charges, Is.EqualTo(new[] { 60m }), "deposit 20% of 250 plus the 10 of shipping/tax is due now");
        Assert.That(result.NewPaymentStatus, Is.EqualTo(PaymentStatus.Authorized));

        var order = shop.AddOrder(customer, (product, 1));
        order.OrderGuid = request.OrderGuid;
        order.OrderTotal = 260m;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        var ledger = host.Resolve<PreorderLedgerService>();
        var account = await ledger.GetAccountAsync(order.Id);
        Assert.That(account.PaidAmount, Is.EqualTo(60m));
        Assert.That(account.State, Is.EqualTo(PreorderAccountState.AwaitingBalance));
        Assert.That(account.ChargeMethodSystemName, Is.EqualTo(FakeCardPaymentMethod.Name));

        // the shopper pays everything early from the account page, clicking twice
        var self = host.Resolve<PreorderSelfService>();
        var click1 = await self.PayAsync(customer, order.Id, null, 0, new ProcessPaymentRequest());
        var click2 = await self.PayAsync(customer, order.Id, null, 0, new ProcessPaymentRequest()).ContinueWith(t => t.IsFaulted ? null : t.Result);
        Assert.That(click1.Succeeded, Is.True);
        Assert.That(click2 == null || click2.Duplicate, Is.True, "the second click is refused or recognised");
        Assert.That(card.Charges, Is.EqualTo(new[] { 60m, 200m }), "charged once");
        account = await ledger.GetAccountAsync(order.Id);
        Assert.That(account.State, Is.EqualTo(PreorderAccountState.PaidInFull));
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));

        // stock arrives: nothing owed, the line goes straight to ready
        await StockArrivesAsync(host, product, 1);
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Ready));
    }

    [Test]
    public async Task Terms_must_be_accepted()
    {
        var shop = new FakeShop();
        var cartService = new Mock<IShoppingCartService>();
        cartService.Setup(c => c.GetShoppingCartAsync(It.IsAny<Customer>(), It.IsAny<ShoppingCartType?>(), It.IsAny<int>(), It.IsAny<int?>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<int?>()))
            .ReturnsAsync(new List<ShoppingCartItem>());
        using var host = new PreorderTestHost(Database, shop, configure: b => b.RegisterInstance(cartService.Object).As<IShoppingCartService>());
        var result = await host.Resolve<DepositPaymentService>().ProcessPaymentAsync(new ProcessPaymentRequest { CustomerId = shop.AddCustomer().Id, StoreId = 1, OrderTotal = 10m });
        Assert.That(result.Errors, Is.EqualTo(new[] { Texts.En(PreorderDefaults.Resources.TermsNotAccepted) }));
    }

    [Test]
    public async Task Stock_is_allocated_first_come_first_served_and_only_once()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: null, mode: PreorderPaymentMode.FullUpfront);
        var orders = new List<Order>();
        foreach (var quantity in new[] { 2, 3, 1, 2 })
        {
            orders.Add(await host.PlaceOrderAsync(product, quantity));
            host.Clock.Now = host.Clock.Now.AddMinutes(1);
        }
        Assert.That(product.StockQuantity, Is.EqualTo(-8));

        await StockArrivesAsync(host, product, 5);
        string States() => string.Join(",", orders.Select(o => LineOf(host, o).State));
        Assert.That(States(), Is.EqualTo("BalanceDue,BalanceDue,Waiting,Waiting").Or.EqualTo("Ready,Ready,Waiting,Waiting"));

        var allocation = host.Resolve<PreorderAllocationService>();
        Assert.That(await allocation.AllocateFromStockAsync(product.Id), Is.EqualTo(0), "running it again allocates nothing twice");

        await StockArrivesAsync(host, product, 1);
        Assert.That(LineOf(host, orders[2]).State, Is.Not.EqualTo(PreorderLineState.Waiting), "the one-unit line was next in the queue");
        await StockArrivesAsync(host, product, 1);
        Assert.That(LineOf(host, orders[3]).State, Is.EqualTo(PreorderLineState.Waiting), "one unit cannot serve a two-unit line");
        await StockArrivesAsync(host, product, 1);
        Assert.That(LineOf(host, orders[3]).State, Is.Not.EqualTo(PreorderLineState.Waiting));
    }

    [TestCase(DepositExpiryPolicy.Refund)]
    [TestCase(DepositExpiryPolicy.Forfeit)]
    [TestCase(DepositExpiryPolicy.TransferToGiftCard)]
    public async Task An_unpaid_balance_turns_overdue_then_expires_by_the_store_policy(DepositExpiryPolicy policy)
    {
        using var host = new PreorderTestHost(Database);
        host.Settings.ExpiryPolicy = policy;
        var product = await host.PreorderProductAsync(cap: 5);
        var order = await host.PlaceOrderAsync(product, 1);
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "DEP", 1, LedgerEntryKind.Deposit);
        await StockArrivesAsync(host, product, 1);
        var task = host.Resolve<PreorderAutomationService>();
        var due = LineOf(host, order).BalanceDueOnUtc!.Value;

        host.Clock.Now = due.AddHours(1);
        Assert.That((await task.RunAsync()).Overdue, Is.EqualTo(1));
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Overdue));

        host.Clock.Now = due.AddDays(host.Settings.GracePeriodDays).AddHours(1);
        var report = await task.RunAsync();
        Assert.That(report.Expired, Is.EqualTo(1));
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Expired));
        Assert.That((await host.Resolve<CapReservationService>().GetCounterAsync(product.Id)).Sold, Is.EqualTo(0), "units back to the cap");
        Assert.That((await task.RunAsync()).Expired, Is.EqualTo(0), "a second run does nothing");

        var entries = await host.Resolve<PreorderLedgerService>().GetEntriesAsync(order.Id);
        var settlement = entries.Where(e => e.Kind is LedgerEntryKind.Refund or LedgerEntryKind.Forfeit or LedgerEntryKind.Transfer).ToList();
        Assert.That(settlement, Has.Count.EqualTo(1));
        var expectedKind = policy switch
        {
            DepositExpiryPolicy.Refund => LedgerEntryKind.Refund,
            DepositExpiryPolicy.Forfeit => LedgerEntryKind.Forfeit,
            _ => LedgerEntryKind.Transfer
        };
        Assert.That(settlement[0].Kind, Is.EqualTo(expectedKind));
        Assert.That(settlement[0].Amount, Is.EqualTo(20m));
        Assert.That(host.Shop.GiftCards.Count, Is.EqualTo(policy == DepositExpiryPolicy.TransferToGiftCard ? 1 : 0));
        if (policy == DepositExpiryPolicy.TransferToGiftCard)
            Assert.That(host.Shop.GiftCards.Single().Amount, Is.EqualTo(20m));
        Assert.That((await host.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.Closed));
    }

    [Test]
    public async Task Cancelling_the_order_in_nopCommerce_releases_units_and_refunds_a_waiting_deposit()
    {
        var card = new FakeCardPaymentMethod();
        var shop = new FakeShop();
        shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        using var host = new PreorderTestHost(Database, shop);
        var product = await host.PreorderProductAsync(cap: 3);
        var order = shop.AddOrder(shop.AddCustomer(), (product, 2));
        order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        await host.Resolve<PreorderLedgerService>().RecordAsync(new LedgerRequest { OrderId = order.Id, Kind = LedgerEntryKind.Deposit, Amount = 40m, Method = FakeCardPaymentMethod.Name, IdempotencyKey = "dep-1" });

        await host.Resolve<IOrderProcessingService>().CancelOrderAsync(order, true);

        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Cancelled));
        Assert.That((await host.Resolve<CapReservationService>().GetCounterAsync(product.Id)).Sold, Is.EqualTo(0));
        Assert.That(card.Refunds, Is.EqualTo(new[] { 40m }), "refunded through the charging method");
        var account = await host.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id);
        Assert.That(account.RefundedAmount, Is.EqualTo(40m));
        Assert.That(account.State, Is.EqualTo(PreorderAccountState.Closed));
        Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.LineCancelled), Is.EqualTo(1));
    }

    [Test]
    public async Task Automation_paused_holds_everything_and_resumes_where_it_stopped()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.FullUpfront);
        var order = await host.PlaceOrderAsync(product, 1);
        host.Settings.AutomationPaused = true;

        await StockArrivesAsync(host, product, 1);
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Waiting), "no allocation while paused");
        Assert.That((await host.Resolve<PreorderAutomationService>().RunAsync()).Paused, Is.True);
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Waiting));

        host.Settings.AutomationPaused = false;
        var report = await host.Resolve<PreorderAutomationService>().RunAsync();
        Assert.That(report.Allocated, Is.EqualTo(1), "the sweep catches up");
        Assert.That(LineOf(host, order).State, Is.Not.EqualTo(PreorderLineState.Waiting));
    }
}
