using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>Exactly once: paused automation, failures retried, repeated events and two web-farm nodes.</summary>
[TestFixture]
public class MessageReliabilityTests : MessageTest
{

    private static List<PreorderMessageLog> Log(PreorderTestHost host) => host.Scope.Repository<PreorderMessageLog>().Table.OrderBy(m => m.Id).ToList();

    [Test]
    public async Task While_paused_nothing_is_sent_and_everything_goes_out_after_resuming()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.AutomationPaused = true;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var messages = host.Resolve<PreorderMessageService>();

        Assert.That(Kit.Queued, Is.Empty);
        Assert.That(Log(host).Select(m => m.Status), Is.EqualTo(new[] { DeliveryStatus.Pending, DeliveryStatus.Pending }), "recorded, waiting");
        Assert.That(await messages.RunScheduledAsync(host.Clock.UtcNow), Is.EqualTo(0));
        Assert.That(Kit.Queued, Is.Empty);

        host.Settings.AutomationPaused = false;
        Assert.That(await messages.RunScheduledAsync(host.Clock.UtcNow), Is.EqualTo(2));
        Assert.That(Kit.Queued.Select(m => m.Template), Is.EquivalentTo(new[] { K.Confirmed.TemplateName, K.StoreNewPreorder.TemplateName }));
        Assert.That(await messages.RunScheduledAsync(host.Clock.UtcNow), Is.EqualTo(0), "sent once");
    }

    [Test]
    public async Task A_big_stock_arrival_writes_no_notification_in_the_save_and_the_task_records_and_sends_one_per_line()
    {
        var shop = new FakeShop();
        // no secret: rows are written, nothing is posted (this test counts rows)
        shop.Settings.WebhookUrls = "https://crm.example.com/hook";
        using var checkout = Kit.NewHost(Database, shop);
        var product = await MessageTestKit.ProductAsync(checkout, "Moon Lamp", cap: null, mode: PreorderPaymentMode.FullUpfront);
        const int orders = 60;
        for (var i = 0; i < orders; i++)
            await checkout.PlaceOrderAsync(shop.AddCustomer(), (product, 1));
        var webhooksBefore = checkout.Scope.Repository<PreorderWebhookDelivery>().Table.Count();

        // the admin's save that raises the stock: one request (a fresh scope)
        using var admin = Kit.NewHost(Database, shop);
        product.StockQuantity += orders;
        await admin.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));

        var lines = admin.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == product.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines.All(l => l.AllocatedOnUtc != null && l.AllocationNotifiedOnUtc == null), Is.True, "allocated, not yet notified");
            Assert.That(Log(admin).Where(m => m.TemplateName == K.StockArrived.TemplateName), Is.Empty, "no message row in the save");
            Assert.That(admin.Scope.Repository<PreorderWebhookDelivery>().Table.Count(), Is.EqualTo(webhooksBefore), "no webhook row in the save");
        });

        // the task, on two nodes at once: each line is claimed by one of them
        using var nodeA = Kit.NewHost(Database, shop);
        using var nodeB = Kit.NewHost(Database, shop);
        var runs = await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<PreorderAutomationService>().RunAsync()),
            Task.Run(() => nodeB.Resolve<PreorderAutomationService>().RunAsync()));
        Assert.That(runs.Sum(r => r.AllocationNotices), Is.EqualTo(orders), "every allocation notified once between the two nodes");
        await nodeA.Resolve<PreorderAutomationService>().RunAsync();

        var recorded = Log(admin).Where(m => m.TemplateName == K.StockArrived.TemplateName).ToList();
        var stockHooks = admin.Scope.Repository<PreorderWebhookDelivery>().Table.Where(d => d.EventType == "preorder.stock_allocated").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(recorded, Has.Count.EqualTo(orders), "one message row per allocated line");
            Assert.That(recorded.All(m => m.Status == DeliveryStatus.Sent), Is.True, "sent by the task's messages step");
            Assert.That(Kit.Of(K.StockArrived).Count(), Is.EqualTo(orders), "one e-mail per line, none twice");
            Assert.That(Kit.Of(K.StockArrived).Select(m => m["Order.OrderNumber"]).Distinct().Count(), Is.EqualTo(orders));
            Assert.That(stockHooks, Has.Count.EqualTo(orders), "one webhook delivery per line");
            Assert.That(admin.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == product.Id).All(l => l.AllocationNotifiedOnUtc != null), Is.True);
        });
    }

    [Test]
    public async Task A_failure_is_retried_by_the_next_run_after_its_backoff_and_sent_once()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        Kit.FailuresLeft = 1;
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));

        var failed = Log(host).Single(m => m.TemplateName == K.Confirmed.TemplateName);
        Assert.That(failed.Status, Is.EqualTo(DeliveryStatus.Failed), "checkout went on; the e-mail waits for a retry");
        Assert.That(failed.Attempts, Is.EqualTo(1));
        Assert.That(failed.LastError, Does.Contain("queue unavailable"));
        Assert.That(Kit.Of(K.Confirmed), Is.Empty);
        Assert.That(Kit.Of(K.StoreNewPreorder).Count(), Is.EqualTo(1), "one failure does not hold the others back");

        var messages = host.Resolve<PreorderMessageService>();
        await messages.RunScheduledAsync(host.Clock.UtcNow.AddSeconds(30));
        Assert.That(Kit.Of(K.Confirmed), Is.Empty, "not before the backoff");

        await messages.RunScheduledAsync(host.Clock.UtcNow.AddMinutes(2));
        await messages.RunScheduledAsync(host.Clock.UtcNow.AddMinutes(3));
        Assert.That(Kit.Of(K.Confirmed).Count(), Is.EqualTo(1));
        var sent = Log(host).Single(m => m.TemplateName == K.Confirmed.TemplateName);
        Assert.That(sent.Status, Is.EqualTo(DeliveryStatus.Sent));
        Assert.That(sent.Attempts, Is.EqualTo(2));
        Assert.That(sent.QueuedEmailId, Is.EqualTo(Kit.Single(K.Confirmed).QueuedEmailId));
        Assert.That(sent.LastError, Is.Null);
    }

    [Test]
    public async Task A_switched_off_template_sends_nothing_and_is_not_retried()
    {
        using var host = Kit.NewHost(Database);
        Kit.Inactive[K.StoreNewPreorder.TemplateName] = true;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<PreorderMessageService>().RunScheduledAsync(host.Clock.UtcNow.AddHours(1));

        Assert.That(Kit.Of(K.StoreNewPreorder), Is.Empty);
        var row = Log(host).Single(m => m.TemplateName == K.StoreNewPreorder.TemplateName);
        Assert.That(row.Status, Is.EqualTo(DeliveryStatus.Sent));
        Assert.That(row.QueuedEmailId, Is.EqualTo(0));
        Assert.That(row.Attempts, Is.EqualTo(1));
        Assert.That(row.LastError, Is.EqualTo("no active message template"));
    }

    [Test]
    public async Task A_node_that_crashed_mid_send_is_taken_over_after_the_lease_but_a_fresh_claim_is_not()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.AutomationPaused = true;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        host.Settings.AutomationPaused = false;
        // another node claimed both rows (attempt 1, claim time now) and died before recording the outcome
        var now = host.Clock.UtcNow;
        Database.ExecuteSql($"UPDATE preorder_message_log SET attempts = 1, sent_on_utc = '{now:yyyy-MM-dd HH:mm:ss}'");
        var messages = host.Resolve<PreorderMessageService>();

        Assert.That(await messages.RunScheduledAsync(now.AddMinutes(1)), Is.EqualTo(0), "a fresh claim belongs to the node still sending");
        Assert.That(await messages.RunScheduledAsync(now + PreorderMessageService.ClaimLease + TimeSpan.FromMinutes(1)), Is.EqualTo(2));
        Assert.That(Log(host), Has.All.Matches<PreorderMessageLog>(m => m.Status == DeliveryStatus.Sent && m.Attempts == 2));
    }

    [Test]
    public async Task Two_nodes_running_the_task_and_receiving_the_same_event_at_once_send_each_message_once()
    {
        var shop = new FakeShop();
        using var nodeA = Kit.NewHost(Database, shop);
        using var nodeB = Kit.NewHost(Database, shop);
        using var nodeC = Kit.NewHost(Database, shop);
        shop.Settings.ReminderDaysBefore = "3";
        var start = shop.Clock.UtcNow;
        var product = await MessageTestKit.ProductAsync(nodeA, "Moon Lamp", cap: 50);
        const int orders = 12;
        var placed = new List<Order>();
        for (var i = 0; i < orders; i++)
        {
            var order = await nodeA.PlaceOrderAsync(shop.AddCustomer(), (product, 1));
            await nodeA.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, $"BANK-{i}", 5, LedgerEntryKind.Deposit);
            placed.Add(order);
        }
        product.StockQuantity += orders * 2;
        await nodeA.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        await nodeA.NotifyAllocationsAsync();
        Assert.That(Kit.Of(K.StockArrived).Count(), Is.EqualTo(orders));

        // three nodes' schedulers fire for the 3-days-before reminders at the same moment
        var now = start.AddDays(4).AddHours(1);
        shop.Clock.Now = now;
        await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<PreorderMessageService>().RunScheduledAsync(now)),
            Task.Run(() => nodeB.Resolve<PreorderMessageService>().RunScheduledAsync(now)),
            Task.Run(() => nodeC.Resolve<PreorderMessageService>().RunScheduledAsync(now)));
        var reminders = Kit.Of(K.BalanceReminder).ToList();
        Assert.That(reminders, Has.Count.EqualTo(orders), "one reminder per order, whichever node sent it");
        Assert.That(reminders.Select(r => r["Order.OrderNumber"]), Is.Unique);

        // a repeated event delivered to both nodes at once (the bus retried it)
        var paymentEvent = nodeA.Publisher.Of<PreorderEvent>().First(e => e.Kind == PreorderEventKind.PaymentRecorded);
        var depositsBefore = Kit.Of(K.DepositReceived).Count();
        await Task.WhenAll(Task.Run(() => nodeA.Publisher.PublishAsync(paymentEvent)), Task.Run(() => nodeB.Publisher.PublishAsync(paymentEvent)));
        Assert.That(Kit.Of(K.DepositReceived).Count(), Is.EqualTo(depositsBefore));

        var log = Log(nodeA);
        Assert.That(log.Select(m => m.MessageKey), Is.Unique);
        Assert.That(log, Has.All.Matches<PreorderMessageLog>(m => m.Status == DeliveryStatus.Sent));
        Assert.That(Kit.Queued.Select(m => m.QueuedEmailId), Is.Unique);
        Assert.That(Kit.Queued, Has.Count.EqualTo(log.Count), "every recorded message queued exactly once");
    }

    [Test]
    public async Task Replaying_every_event_of_a_whole_lifecycle_sends_nothing_new()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.WebhookUrls = "http://127.0.0.1:9/never-called";
        var start = host.Clock.UtcNow;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp", cap: 4);
        var payments = host.Resolve<BalancePaymentService>();
        var paid = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await payments.ConfirmOfflineAsync(paid.Id, 20m, "BANK-1", 5, LedgerEntryKind.Deposit);
        var lapsed = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await payments.ConfirmOfflineAsync(lapsed.Id, 20m, "BANK-2", 5, LedgerEntryKind.Deposit);
        var cancelled = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 2));
        await host.Resolve<Services.Orders.PreorderOrderService>().CancelOrderAsync(cancelled.Id, "changed plans", 0);
        var catalog = host.Resolve<Services.Catalog.PreorderCatalogService>();
        var profile = await catalog.GetProfileAsync(product.Id);
        profile.ExpectedShipDateUtc = profile.ExpectedShipDateUtc.Value.AddDays(10);
        await catalog.SaveAsync(new Services.Catalog.PreorderProfileEdit { Profile = profile, ShipDateChangeReason = "late container" }, 1);
        product.StockQuantity += 4;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        await payments.ConfirmOfflineAsync(paid.Id, 80m, "BANK-3", 5);
        await host.Publisher.PublishAsync(new Nop.Core.Domain.Shipping.ShipmentDeliveredEvent(new Nop.Core.Domain.Shipping.Shipment { OrderId = paid.Id }));
        var automation = host.Resolve<PreorderAutomationService>();
        foreach (var days in new[] { 5, 8, 11 })
        {
            host.Clock.Now = start.AddDays(days).AddHours(1);
            await automation.RunAsync();
        }

        var kinds = Kit.Queued.Select(m => m.Template).Distinct().ToList();
        Assert.That(kinds, Is.SupersetOf(new[]
        {
            K.Confirmed, K.StoreNewPreorder, K.DepositReceived, K.StoreDepositConfirmed, K.Cancelled, K.ShipDateChanged, K.StockArrived,
            K.PaymentReceived, K.ThankYou, K.BalanceReminder, K.ReservationExpiring, K.StoreBalanceOverdue, K.ReservationExpired, K.StoreReservationExpired
        }.Select(k => k.TemplateName)), "the scenario touched most kinds");
        var queued = Kit.Queued.Count;
        var outbox = host.Scope.Repository<PreorderWebhookDelivery>().Table.Count();
        var log = Log(host).Count;

        // the bus delivers every event once more, and the task runs again
        foreach (var preorderEvent in host.Publisher.Of<PreorderEvent>().ToList())
            await host.Publisher.PublishAsync(preorderEvent);
        await host.Publisher.PublishAsync(new Nop.Core.Domain.Shipping.ShipmentDeliveredEvent(new Nop.Core.Domain.Shipping.Shipment { OrderId = paid.Id }));
        await automation.RunAsync();

        Assert.That(Kit.Queued, Has.Count.EqualTo(queued), "no e-mail twice");
        Assert.That(host.Scope.Repository<PreorderWebhookDelivery>().Table.Count(), Is.EqualTo(outbox), "no webhook twice");
        Assert.That(Log(host), Has.Count.EqualTo(log));
    }
}
