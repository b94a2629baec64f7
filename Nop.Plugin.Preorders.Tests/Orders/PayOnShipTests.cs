using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Shipping;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// "Pay when it ships": nothing at checkout, no due date when the stock arrives; the balance falls due when the
/// merchant ships the line. It is charged then where the method keeps a stored payment, otherwise the shopper is
/// e-mailed the balance link; the line is not shipped until paid, unless the merchant ships it without payment.
/// </summary>
[TestFixture]
public class PayOnShipTests : DatabaseTest
{
    private static PreorderLine LineOf(PreorderTestHost host, Order order) =>
        host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

    private static Shipment Ship(PreorderTestHost host, Order order) =>
        host.Shop.AddShipment(order, host.Shop.OrderItems[order.Id].ToArray());

    private static async Task StockArrivesAsync(PreorderTestHost host, Product product)
    {
        product.StockQuantity += 1;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
    }

    private static (PreorderTestHost Host, FakeCardPaymentMethod Card) CardShop(TestDatabase database)
    {
        var card = new FakeCardPaymentMethod { RecurringPaymentType = RecurringPaymentType.Manual };
        var shop = new FakeShop();
        shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        return (new PreorderTestHost(database, shop), card);
    }

    [Test]
    public async Task Arrival_sets_no_due_date_and_the_shipment_charges_the_stored_card_once_and_ships_the_line()
    {
        var (host, card) = CardShop(Database);
        using var _ = host;
        var product = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.PayOnShip, price: 100m);
        var order = await host.PlaceCardOrderAsync(product);
        var ledger = host.Resolve<PreorderLedgerService>();
        var task = host.Resolve<PreorderAutomationService>();

        await StockArrivesAsync(host, product);
        var line = LineOf(host, order);
        Assert.Multiple(async () =>
        {
            Assert.That(line.State, Is.EqualTo(PreorderLineState.BalanceDue));
            Assert.That(line.BalanceDueOnUtc, Is.Null, "nothing falls due before the line ships");
            Assert.That((await ledger.GetScheduleAsync(order.Id)).Where(i => i.Sequence > 0).Select(i => i.DueOnUtc), Is.All.Null);
        });

        // nothing to extend: the balance is not due yet
        var extend = Assert.ThrowsAsync<Services.Rules.PreorderRuleException>(() =>
            host.Resolve<PreorderOrderService>().ExtendAsync(line.Id, order.CustomerId, approvedByMerchant: true, host.Settings));
        Assert.That(extend.ResourceKey, Is.EqualTo(PreorderDefaults.Resources.ExtensionNotAllowed));

        // weeks pass before the merchant ships: nothing is charged, nothing turns overdue or expires
        host.Clock.Now = host.Clock.Now.AddDays(30);
        var run = await task.RunAsync();
        Assert.That((run.AutoCharges, run.Overdue, run.Expired), Is.EqualTo((0, 0, 0)));
        Assert.That(card.Charges, Is.Empty);

        var shipment = Ship(host, order);
        await host.Publisher.PublishAsync(new ShipmentSentEvent(shipment));

        line = LineOf(host, order);
        var charge = host.Scope.Repository<PreorderLedgerEntry>().Table.Single(e => e.OrderId == order.Id && e.KindId == (int)LedgerEntryKind.Installment);
        Assert.Multiple(async () =>
        {
            Assert.That(card.Charges, Is.EqualTo(new[] { 100m }), "the balance is charged when the line ships");
            Assert.That(charge.Status, Is.EqualTo(LedgerEntryStatus.Succeeded));
            Assert.That(charge.IdempotencyKey, Is.EqualTo($"auto:{order.Id}:i1:1"), "the balance installment's first automatic attempt");
            Assert.That(line.State, Is.EqualTo(PreorderLineState.Shipped), "paid, so it goes with the shipment");
            Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.PaidInFull));
            Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.LineShipped && e.LineId == line.Id), Is.EqualTo(1));
            Assert.That(host.Shop.OrderNotes.Where(n => n.OrderId == order.Id && n.Note.Contains("shipment")), Is.Empty, "no shipment waits: nothing to warn about");
        });

        // the event again, and the task: nothing is charged twice
        await host.Publisher.PublishAsync(new ShipmentSentEvent(shipment));
        await task.RunAsync();
        Assert.That(card.Charges, Is.EqualTo(new[] { 100m }));
    }

    [Test]
    public async Task Without_a_stored_payment_the_shipment_waits_e_mails_the_link_and_ships_the_line_once_paid()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.PayOnShip, price: 100m);
        var order = await host.PlaceOrderAsync(product);
        await StockArrivesAsync(host, product);
        host.Clock.Now = host.Clock.Now.AddDays(5);
        var shippedAt = host.Clock.Now;

        var shipment = Ship(host, order);
        await host.Publisher.PublishAsync(new ShipmentSentEvent(shipment));

        var line = LineOf(host, order);
        var linkKey = $"balancelink:order:{order.Id}:tship{line.Id}";
        Assert.Multiple(async () =>
        {
            Assert.That(line.State, Is.EqualTo(PreorderLineState.BalanceDue), "the shipment waits for the money");
            Assert.That(line.BalanceDueOnUtc, Is.EqualTo(shippedAt), "the balance fell due with the shipment");
            Assert.That((await host.Resolve<PreorderLedgerService>().GetScheduleAsync(order.Id)).Single(i => i.Sequence == 1).DueOnUtc, Is.EqualTo(shippedAt));
            Assert.That(host.Scope.Repository<PreorderMessageLog>().Table.Count(m => m.MessageKey == linkKey), Is.EqualTo(1), "the balance link is e-mailed");
            Assert.That(host.Scope.Repository<PreorderLedgerEntry>().Table.Count(e => e.OrderId == order.Id), Is.EqualTo(0), "no charge without a stored payment");
        });
        var note = host.Shop.OrderNotes.Single(n => n.OrderId == order.Id && n.Note.Contains($"#{line.Id}") && n.Note.Contains("paid when it ships"));
        Assert.Multiple(() =>
        {
            Assert.That(note.DisplayToCustomer, Is.False, "for the merchant only");
            Assert.That(note.Note, Does.Contain(shipment.Id.ToString()).And.Contain("payment link"));
        });

        // the event again: no second link
        await host.Publisher.PublishAsync(new ShipmentSentEvent(shipment));
        Assert.That(host.Scope.Repository<PreorderMessageLog>().Table.Count(m => m.MessageKey.StartsWith($"balancelink:order:{order.Id}:")), Is.EqualTo(1));

        // the shopper pays (here confirmed offline by the store): the line goes with the shipment that waited
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 100m, "BANK-1", 1, LedgerEntryKind.Balance, line.Id);
        Assert.Multiple(() =>
        {
            Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Shipped));
            Assert.That(LineOf(host, order).ShippedOnUtc, Is.EqualTo(host.Clock.Now));
            Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.LineShipped && e.LineId == line.Id), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_declined_charge_sends_the_link_and_the_task_retries_after_its_backoff_then_the_line_ships()
    {
        var (host, card) = CardShop(Database);
        using var _ = host;
        card.Fail = true;
        host.Settings.ChargeRetryBackoffHours = 24;
        var product = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.PayOnShip, price: 100m);
        var order = await host.PlaceCardOrderAsync(product);
        await StockArrivesAsync(host, product);
        var task = host.Resolve<PreorderAutomationService>();

        await host.Publisher.PublishAsync(new ShipmentSentEvent(Ship(host, order)));

        var line = LineOf(host, order);
        Assert.Multiple(() =>
        {
            Assert.That(line.State, Is.EqualTo(PreorderLineState.BalanceDue));
            Assert.That(host.Scope.Repository<PreorderLedgerEntry>().Table.Single(e => e.OrderId == order.Id).Status, Is.EqualTo(LedgerEntryStatus.Failed),
                "the decline is recorded as the balance installment's first attempt");
            Assert.That(host.Scope.Repository<PreorderMessageLog>().Table.Count(m => m.MessageKey == $"balancelink:order:{order.Id}:tship{line.Id}"), Is.EqualTo(1));
        });

        // the task does not charge again at once: it backs off from the decline
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(0));
        Assert.That(host.Scope.Repository<PreorderLedgerEntry>().Table.Count(e => e.OrderId == order.Id), Is.EqualTo(1));

        // after the backoff the retry goes through, and the line goes with the shipment that waited
        card.Fail = false;
        host.Clock.Now = host.Clock.Now.AddHours(25);
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(card.Charges, Is.EqualTo(new[] { 100m }));
            Assert.That(host.Scope.Repository<PreorderLedgerEntry>().Table.Single(e => e.StatusId == (int)LedgerEntryStatus.Succeeded).IdempotencyKey, Is.EqualTo($"auto:{order.Id}:i1:2"));
            Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Shipped));
        });
    }

    [Test]
    public async Task The_merchant_ships_a_held_line_without_payment_and_the_balance_stays_owed()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.PayOnShip, price: 100m);
        var order = await host.PlaceOrderAsync(product);
        await StockArrivesAsync(host, product);
        await host.Publisher.PublishAsync(new ShipmentSentEvent(Ship(host, order)));
        var line = LineOf(host, order);
        Assert.That(line.State, Is.EqualTo(PreorderLineState.BalanceDue));

        var held = host.Resolve<HeldShipmentService>();
        var result = await held.ShipWithoutPaymentAsync(new[] { line.Id }, 1);

        Assert.That((result.Success, result.Succeeded), Is.EqualTo((true, 1)));
        var balance = await host.Resolve<PreorderLedgerService>().GetBalanceAsync(order.Id);
        Assert.Multiple(async () =>
        {
            Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Shipped));
            Assert.That(balance.LineOwed(line.Id), Is.EqualTo(100m), "the balance is still owed");
            Assert.That(balance.Owed, Is.EqualTo(100m));
            Assert.That((await host.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id)).State, Is.Not.EqualTo(PreorderAccountState.PaidInFull));
            Assert.That(host.Scope.Repository<PreorderAuditEntry>().Table.Count(a => a.Action == "ShippedWithoutPayment" && a.PreorderLineId == line.Id && a.CustomerId == 1), Is.EqualTo(1));
            Assert.That(host.Shop.OrderNotes.Count(n => n.OrderId == order.Id && !n.DisplayToCustomer && n.Note.Contains("was shipped without payment")), Is.EqualTo(1));
            Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.LineShipped && e.LineId == line.Id), Is.EqualTo(1));
        });

        // a shipped line is not shipped again; a paid one is not "shipped without payment"
        var again = await held.ShipWithoutPaymentAsync(new[] { line.Id }, 1);
        Assert.That(again.Errors.Single().ResourceKey, Is.EqualTo(PreorderDefaults.Resources.IllegalTransition));
        Assert.That((await held.ShipWithoutPaymentAsync(new int[0], 1)).Errors.Single().ResourceKey, Is.EqualTo(PreorderDefaults.Resources.NothingSelected));
    }

    [Test]
    public async Task A_deposit_line_keeps_its_due_date_on_arrival_and_a_shipment_does_not_ship_it_while_it_owes()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.Deposit, price: 100m);
        var order = await host.PlaceOrderAsync(product);
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "DEP", 1, LedgerEntryKind.Deposit);
        await StockArrivesAsync(host, product);
        var due = LineOf(host, order).BalanceDueOnUtc;
        Assert.That(due, Is.EqualTo(host.Clock.Now.AddDays(host.Settings.BalanceDueDays)).Within(TimeSpan.FromSeconds(1)));

        await host.Publisher.PublishAsync(new ShipmentSentEvent(Ship(host, order)));

        Assert.Multiple(() =>
        {
            Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.BalanceDue));
            Assert.That(LineOf(host, order).BalanceDueOnUtc, Is.EqualTo(due), "its due date is the arrival's, not the shipment's");
            Assert.That(host.Scope.Repository<PreorderMessageLog>().Table.Count(m => m.MessageKey.StartsWith("balancelink:")), Is.EqualTo(0));
        });
    }
}
