using System.Collections.Concurrent;
using Newtonsoft.Json;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Autofac;
using Nop.Data;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// The per-customer limit (issue #13) is enforced when the order is placed, not only warned about in the cart: counted in
/// the database per customer account and per billing e-mail address (case-insensitive) with a conditional UPDATE, so two
/// checkouts of one shopper on two nodes cannot both pass it, and a guest under an address already used counts with it.
/// A refused order is the plugin's clean refusal: cancelled with a note the shopper sees, its checkout deposit refunded
/// through the cap-race path, no line, no unit counted.
/// </summary>
[TestFixture]
public class CustomerLimitTests : DatabaseTest
{
    private FakeShop _shop;
    private FakeCardPaymentMethod _card;

    [SetUp]
    public void CreateShop()
    {
        _card = new FakeCardPaymentMethod();
        _shop = new FakeShop();
        _shop.PaymentMethods[FakeCardPaymentMethod.Name] = _card;
        _shop.Settings.ChargeMethodSystemName = FakeCardPaymentMethod.Name;
        _shop.Settings.DefaultDepositRuleJson = JsonConvert.SerializeObject(new DepositRule { Percent = 20m });
    }

    /// <summary>An order as nopCommerce saves it, with a billing address carrying <paramref name="email"/>.</summary>
    private Order NewOrder(Customer customer, string email, Product product, int quantity)
    {
        var order = _shop.AddOrder(customer, (product, quantity));
        var address = new Address { Id = _shop.NextId(), Email = email };
        _shop.Addresses[address.Id] = address;
        order.BillingAddressId = address.Id;
        return order;
    }

    private static async Task<Order> PlaceAsync(PreorderTestHost host, Order order)
    {
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        return order;
    }

    private static int Lines(PreorderTestHost host, int productId) =>
        host.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == productId).Sum(l => (int?)l.Quantity) ?? 0;

    private IEnumerable<string> ShopperNotes(Order order) =>
        _shop.OrderNotes.Where(n => n.OrderId == order.Id && n.DisplayToCustomer).Select(n => n.Note);

    [Test]
    public async Task An_order_past_the_limit_is_refused_at_placement_and_its_checkout_deposit_refunded()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var product = await host.PreorderProductAsync(cap: 10, price: 100m, perCustomerLimit: 2);
        var customer = _shop.AddCustomer();
        var first = await PlaceAsync(host, NewOrder(customer, "anna@example.test", product, 2));

        // the cart warned, but nopCommerce placed the order anyway (two tabs, a cart checked before the first order)
        var second = NewOrder(customer, "anna@example.test", product, 1);
        await host.Resolve<MoneyMovementService>().ChargeAtCheckoutAsync(second.OrderGuid, 20m, FakeCardPaymentMethod.Name, second.CustomerId,
            () => _card.ProcessPaymentAsync(new ProcessPaymentRequest { OrderTotal = 20m }));
        await PlaceAsync(host, second);

        Assert.Multiple(async () =>
        {
            Assert.That(first.OrderStatus, Is.Not.EqualTo(OrderStatus.Cancelled));
            Assert.That(second.OrderStatus, Is.EqualTo(OrderStatus.Cancelled), "refused, not placed past the limit");
            Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == second.Id), Is.Zero);
            Assert.That(Lines(host, product.Id), Is.EqualTo(2));
            Assert.That((await host.Resolve<CapReservationService>().GetCounterAsync(product.Id)).Sold, Is.EqualTo(2), "the refused order's units went back to the cap");
            Assert.That(ShopperNotes(second), Has.One.EqualTo(Texts.Format(PreorderDefaults.Resources.LimitRefusedNote, 2)));
            Assert.That(host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == second.Id).OrderBy(e => e.Id)
                    .Select(e => new { e.Kind, e.Status, e.Amount }).ToList().Select(e => (e.Kind, e.Status, e.Amount)),
                Is.EqualTo(new[] { (LedgerEntryKind.Deposit, LedgerEntryStatus.Succeeded, 20m), (LedgerEntryKind.Refund, LedgerEntryStatus.Succeeded, 20m) }),
                "the deposit charged at checkout went back through the cap race's path");
            Assert.That(_card.Refunds, Is.EqualTo(new[] { 20m }));
            Assert.That((await host.Resolve<PreorderLedgerService>().GetAccountAsync(second.Id)).State, Is.EqualTo(PreorderAccountState.Closed));
            Assert.That(host.Publisher.Of<PreorderEvent>().Where(e => e.OrderId == second.Id && e.Kind == PreorderEventKind.CapReached), Is.Empty,
                "a customer's limit is not the store's cap");
        });
    }

    [Test]
    public async Task Checkouts_of_one_customer_at_once_on_two_nodes_never_pass_the_limit()
    {
        const int limit = 3, checkouts = 12;
        Product product;
        var customer = _shop.AddCustomer();
        using (var setup = new PreorderTestHost(Database, _shop))
            product = await setup.PreorderProductAsync(cap: 100, perCustomerLimit: limit);

        var orders = Enumerable.Range(0, checkouts).Select(_ => NewOrder(customer, "bob@example.test", product, 1)).ToList();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, _) =>
        {
            // each checkout is a request on its own node: its own container and database connection
            using var node = new PreorderTestHost(Database, _shop);
            var outcome = await node.Resolve<PreorderOrderService>().PlaceAsync(order);
            Assert.That(outcome, Is.EqualTo(PlacementOutcome.Placed).Or.EqualTo(PlacementOutcome.LimitReached), "a clean refusal, never an exception");
        });

        using var check = new PreorderTestHost(Database, _shop);
        var counter = await check.Resolve<CustomerLimitService>().GetCounterAsync(product.Id, CustomerLimitService.CustomerKey(customer.Id));
        Assert.Multiple(async () =>
        {
            Assert.That(Lines(check, product.Id), Is.EqualTo(limit), "exactly the limit placed");
            Assert.That(orders.Count(o => o.OrderStatus == OrderStatus.Cancelled), Is.EqualTo(checkouts - limit));
            Assert.That(counter.Held, Is.EqualTo(limit));
            Assert.That((await check.Resolve<CapReservationService>().GetCounterAsync(product.Id)).Sold, Is.EqualTo(limit), "refused orders' units back on the cap");
        });
    }

    [Test]
    public async Task A_guest_under_an_address_already_used_counts_with_it_whatever_its_case()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var product = await host.PreorderProductAsync(cap: 10, perCustomerLimit: 2);
        var registered = await PlaceAsync(host, NewOrder(_shop.AddCustomer(), "Carol@Example.test", product, 2));

        var guest = await PlaceAsync(host, NewOrder(_shop.AddCustomer(), "  carol@EXAMPLE.TEST ", product, 1));
        var someoneElse = await PlaceAsync(host, NewOrder(_shop.AddCustomer(), "dave@example.test", product, 2));

        Assert.Multiple(() =>
        {
            Assert.That(registered.OrderStatus, Is.Not.EqualTo(OrderStatus.Cancelled));
            Assert.That(guest.OrderStatus, Is.EqualTo(OrderStatus.Cancelled), "the same e-mail address, another customer record");
            Assert.That(ShopperNotes(guest), Has.One.EqualTo(Texts.Format(PreorderDefaults.Resources.LimitRefusedNote, 2)));
            Assert.That(someoneElse.OrderStatus, Is.Not.EqualTo(OrderStatus.Cancelled), "another address has its own limit");
            Assert.That(Lines(host, product.Id), Is.EqualTo(4));
            Assert.That(host.Scope.Repository<PreorderLine>().Table.Select(l => l.EmailHash).ToList(),
                Has.None.Contains("@"), "the address itself is not stored, only its hash");
        });
    }

    [Test]
    public async Task Guests_under_one_address_at_once_on_two_nodes_never_pass_the_limit()
    {
        const int limit = 2, checkouts = 10;
        Product product;
        using (var setup = new PreorderTestHost(Database, _shop))
            product = await setup.PreorderProductAsync(cap: 100, perCustomerLimit: limit);

        // every checkout a new guest customer record, the same address written differently
        var orders = Enumerable.Range(0, checkouts)
            .Select(i => NewOrder(_shop.AddCustomer(), i % 2 == 0 ? "erin@example.test" : "ERIN@example.test", product, 1)).ToList();
        var outcomes = new ConcurrentBag<PlacementOutcome>();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, _) =>
        {
            using var node = new PreorderTestHost(Database, _shop);
            outcomes.Add(await node.Resolve<PreorderOrderService>().PlaceAsync(order));
        });

        using var check = new PreorderTestHost(Database, _shop);
        Assert.That(Lines(check, product.Id), Is.EqualTo(limit));
        Assert.That(outcomes.Count(o => o == PlacementOutcome.LimitReached), Is.EqualTo(checkouts - limit));
    }

    [Test]
    public async Task Units_given_back_by_a_cancellation_can_be_ordered_again()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var product = await host.PreorderProductAsync(cap: 10, perCustomerLimit: 2);
        var customer = _shop.AddCustomer();
        var first = await PlaceAsync(host, NewOrder(customer, "fay@example.test", product, 2));
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == first.Id);

        Assert.That(await host.Resolve<PreorderOrderService>().CancelLineAsync(line.Id, "changed my mind", customer.Id), Is.True);
        var again = await PlaceAsync(host, NewOrder(customer, "fay@example.test", product, 2));

        Assert.That(again.OrderStatus, Is.Not.EqualTo(OrderStatus.Cancelled));
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == again.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task A_limit_set_after_sales_counts_the_units_bought_before_it()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var product = await host.PreorderProductAsync(cap: 10);
        var customer = _shop.AddCustomer();
        await PlaceAsync(host, NewOrder(customer, "gus@example.test", product, 2));

        var catalog = host.Resolve<PreorderCatalogService>();
        var profile = await catalog.GetProfileAsync(product.Id);
        profile.PerCustomerLimit = 2;
        Assert.That(await catalog.SaveAsync(new PreorderProfileEdit { Profile = profile }, 1), Is.Empty);
        var late = await PlaceAsync(host, NewOrder(customer, "gus@example.test", product, 1));

        Assert.That(late.OrderStatus, Is.EqualTo(OrderStatus.Cancelled), "2 bought before the limit + 1 > 2");
        Assert.That(Lines(host, product.Id), Is.EqualTo(2));
    }

    [Test]
    public async Task The_cart_counts_units_bought_under_the_customers_e_mail_address_too()
    {
        using var host = new PreorderTestHost(Database, _shop);
        var product = await host.PreorderProductAsync(cap: 10, perCustomerLimit: 2);
        var customer = _shop.AddCustomer();
        // a guest checkout earlier, under the registered customer's address
        await PlaceAsync(host, NewOrder(_shop.AddCustomer(), customer.Email.ToUpperInvariant(), product, 2));

        var warnings = await host.Resolve<PreorderCartRules>().GetItemWarningsAsync(customer, product, 1, 1, new List<ShoppingCartItem>());
        Assert.That(warnings, Has.Member(Texts.Format(PreorderDefaults.Resources.PerCustomerLimitReached, 2)));
    }

    [Test]
    public async Task A_placement_the_task_resumes_is_not_refused_for_units_its_crashed_attempt_took()
    {
        Product product;
        var customer = _shop.AddCustomer();
        using (var setup = new PreorderTestHost(Database, _shop))
        {
            product = await setup.PreorderProductAsync(cap: 10, perCustomerLimit: 2);
            await PlaceAsync(setup, NewOrder(customer, "hal@example.test", product, 1));
        }
        var order = NewOrder(customer, "hal@example.test", product, 1);

        // the checkout's request dies writing the line: its units are counted, its line never written
        FaultInjector<IRepository<PreorderLine>> lines = null;
        using (var crashing = new PreorderTestHost(Database, _shop, configure: b => b.Register(c =>
               {
                   var (proxy, control) = FaultInjector<IRepository<PreorderLine>>.Wrap(c.Resolve<TestScope>().Repository<PreorderLine>());
                   lines = control;
                   return proxy;
               }).As<IRepository<PreorderLine>>().InstancePerLifetimeScope()))
        {
            crashing.Resolve<IRepository<PreorderLine>>();
            lines.Arm("InsertAsync");
            Assert.ThrowsAsync<InjectedFaultException>(() => crashing.Resolve<PreorderOrderService>().PlaceAsync(order));
            var held = await crashing.Resolve<CustomerLimitService>().GetCounterAsync(product.Id, CustomerLimitService.CustomerKey(customer.Id));
            Assert.That(held.Held, Is.EqualTo(2), "counted, never written");
        }

        using var task = new PreorderTestHost(Database, _shop);
        Assert.That(await task.Resolve<PreorderOrderService>().ResumePlacementAsync(order), Is.EqualTo(PlacementOutcome.Placed));
        Assert.That(order.OrderStatus, Is.Not.EqualTo(OrderStatus.Cancelled));
        Assert.That(Lines(task, product.Id), Is.EqualTo(2));
        Assert.That((await task.Resolve<CustomerLimitService>().GetCounterAsync(product.Id, CustomerLimitService.CustomerKey(customer.Id))).Held, Is.EqualTo(2));
    }
}
