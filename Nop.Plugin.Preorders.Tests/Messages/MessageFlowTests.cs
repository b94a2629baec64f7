using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Shipping;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>
/// Every notification produced by its real trigger (the plugin's services raising their events, nopCommerce's
/// events, the scheduled task), with its tokens filled, on the real database; and a repeated trigger sends nothing new.
/// </summary>
[TestFixture]
public class MessageFlowTests : MessageTest
{

    private static PreorderLine LineOf(PreorderTestHost host, Order order) => host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

    private static List<PreorderMessageLog> Log(PreorderTestHost host) => host.Scope.Repository<PreorderMessageLog>().Table.OrderBy(m => m.Id).ToList();

    private static async Task StockArrivesAsync(PreorderTestHost host, Product product, int units)
    {
        product.StockQuantity += units;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        // the task's step that announces the allocations
        await host.NotifyAllocationsAsync();
    }

    /// <summary>The token is a personal balance link of this order, and it works.</summary>
    private static async Task AssertBalanceLinkAsync(PreorderTestHost host, string link, Order order)
    {
        Assert.That(link, Does.StartWith("http://shop.test/" + BalanceLinkService.BalancePathPrefix));
        var token = Uri.UnescapeDataString(link[("http://shop.test/" + BalanceLinkService.BalancePathPrefix).Length..]);
        var check = await host.Resolve<BalanceLinkService>().CheckAsync(token);
        Assert.That(check.IsValid, Is.True, "the link opens the balance page");
        Assert.That(check.Token.OrderId, Is.EqualTo(order.Id));
    }

    [Test]
    public async Task Checkout_deposit_stock_and_balance_each_send_their_messages_once()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 2));

        var confirmed = Kit.Single(K.Confirmed);
        Assert.That(confirmed.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));
        Assert.That(confirmed.ToName, Is.EqualTo("Ann Lee"));
        Assert.That(confirmed[Tk.Product], Is.EqualTo("Moon Lamp"));
        Assert.That(confirmed[Tk.Quantity], Is.EqualTo("2"));
        Assert.That(confirmed[Tk.ShipDate], Is.EqualTo(MessageTestKit.DateText(host.Clock.UtcNow.AddDays(60))));
        Assert.That(confirmed[Tk.DepositPaid], Is.EqualTo("0.00 USD"));
        Assert.That(confirmed[Tk.BalanceDue], Is.EqualTo("200.00 USD"));
        Assert.That(confirmed[Tk.AccountLink], Is.EqualTo("http://shop.test/customer/preorders"));
        Assert.That(confirmed[Tk.LedgerSummary], Does.Contain("Order total").And.Contain("200.00 USD"));
        Assert.That(confirmed.NeverEncoded[Tk.LedgerSummary], Is.True, "the summary is HTML built and encoded by the plugin");
        Assert.That(confirmed["Order.OrderNumber"], Is.EqualTo(order.CustomOrderNumber), "nopCommerce's order tokens come along");
        Assert.That(confirmed["Store.Name"], Is.EqualTo("Test shop"));
        Assert.That(confirmed.LanguageId, Is.EqualTo(Kit.English.Id));

        var newPreorder = Kit.Single(K.StoreNewPreorder);
        Assert.That(newPreorder.ToEmail, Is.EqualTo(MessageTestKit.OwnerEmail), "store owner messages go to the template's e-mail account");
        Assert.That(newPreorder[Tk.AdminOrderLink], Is.EqualTo($"http://shop.test/Admin/Order/Edit/{order.Id}"));
        Assert.That(newPreorder[Tk.Product], Is.EqualTo("Moon Lamp"));

        // the same events again (a repeated OrderPlacedEvent, a re-published plugin event): nothing new
        var placedEvent = host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.LinePlaced);
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        await host.Publisher.PublishAsync(placedEvent);
        Assert.That(Kit.Queued, Has.Count.EqualTo(2));

        var payments = host.Resolve<BalancePaymentService>();
        await payments.ConfirmOfflineAsync(order.Id, 40m, "BANK-1", byCustomerId: 5, LedgerEntryKind.Deposit);
        await payments.ConfirmOfflineAsync(order.Id, 40m, "BANK-1", byCustomerId: 5, LedgerEntryKind.Deposit);
        var deposit = Kit.Single(K.DepositReceived);
        Assert.That(deposit[Tk.PaymentAmount], Is.EqualTo("40.00 USD"));
        Assert.That(deposit[Tk.DepositPaid], Is.EqualTo("40.00 USD"));
        Assert.That(deposit[Tk.BalanceDue], Is.EqualTo("160.00 USD"));
        Assert.That(deposit[Tk.LedgerSummary], Does.Contain("Deposit").And.Contain("40.00 USD"));
        var depositConfirmed = Kit.Single(K.StoreDepositConfirmed);
        Assert.That(depositConfirmed[Tk.PaymentAmount], Is.EqualTo("40.00 USD"));

        await StockArrivesAsync(host, product, 2);
        var stock = Kit.Single(K.StockArrived);
        Assert.That(stock[Tk.BalanceDue], Is.EqualTo("160.00 USD"));
        Assert.That(stock[Tk.HasBalanceDue], Is.EqualTo("True"));
        Assert.That(stock[Tk.DueDate], Is.EqualTo(MessageTestKit.DateText(host.Clock.UtcNow.AddDays(host.Settings.BalanceDueDays))));
        await AssertBalanceLinkAsync(host, stock[Tk.BalanceLink], order);
        Assert.That(stock.NeverEncoded[Tk.BalanceLink], Is.True);

        await payments.ConfirmOfflineAsync(order.Id, 160m, "BANK-2", byCustomerId: 5);
        var paid = Kit.Single(K.PaymentReceived);
        Assert.That(paid[Tk.PaymentAmount], Is.EqualTo("160.00 USD"));
        Assert.That(paid[Tk.HasBalanceDue], Is.EqualTo("False"), "the template says: paid in full");
        Assert.That(paid[Tk.BalanceDue], Is.EqualTo("0.00 USD"));

        var log = Log(host);
        Assert.That(log.Select(m => m.MessageKey), Is.Unique);
        Assert.That(log, Has.All.Matches<PreorderMessageLog>(m => m.Status == DeliveryStatus.Sent && m.QueuedEmailId > 0 && m.Attempts == 1));
        Assert.That(Kit.Queued.Select(m => m.QueuedEmailId), Is.EquivalentTo(log.Select(m => m.QueuedEmailId)), "the log keeps nopCommerce's queued e-mail id");
        Assert.That(Kit.Queued, Has.Count.EqualTo(6), "confirmation and new pre-order, deposit (shopper and owner), stock arrived, payment");
    }

    [Test]
    public async Task Russian_shoppers_get_the_message_in_their_language()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Лампа");
        var order = host.Shop.AddOrder(host.Shop.AddCustomer(), (product, 1));
        order.CustomerLanguageId = Kit.Russian.Id;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));

        var confirmed = Kit.Single(K.Confirmed);
        Assert.That(confirmed.LanguageId, Is.EqualTo(Kit.Russian.Id), "nopCommerce picks the Russian subject and body for this language");
        Assert.That(confirmed[Tk.ShipDate], Is.EqualTo(host.Clock.UtcNow.AddDays(60).ToString("D", System.Globalization.CultureInfo.GetCultureInfo("ru-RU"))));
        Assert.That(Kit.Single(K.StoreNewPreorder).LanguageId, Is.EqualTo(Kit.English.Id), "the store owner reads the admin language");
    }

    [Test]
    public async Task Reminders_overdue_notices_and_expiry_come_from_task_runs_once_each()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.ReminderDaysBefore = "3,1";
        host.Settings.GracePeriodDays = 3;
        host.Settings.ExpiryPolicy = DepositExpiryPolicy.Forfeit;
        var start = host.Clock.UtcNow;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 2));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 40m, "BANK-1", 5, LedgerEntryKind.Deposit);
        await StockArrivesAsync(host, product, 2);
        var due = start.AddDays(7);
        Assert.That(LineOf(host, order).BalanceDueOnUtc, Is.EqualTo(due));
        var automation = host.Resolve<PreorderAutomationService>();

        async Task RunAtAsync(DateTime now)
        {
            host.Clock.Now = now;
            await automation.RunAsync();
        }

        await RunAtAsync(start.AddDays(3));
        Assert.That(Kit.Of(K.BalanceReminder), Is.Empty, "4 days before the due date nothing is due");

        await RunAtAsync(start.AddDays(4).AddHours(1));
        await RunAtAsync(start.AddDays(4).AddHours(2));
        var threeDays = Kit.Single(K.BalanceReminder);
        Assert.That(threeDays[Tk.DaysLeft], Is.EqualTo("3"));
        Assert.That(threeDays[Tk.BalanceDue], Is.EqualTo("160.00 USD"));
        Assert.That(threeDays[Tk.DueDate], Is.EqualTo(MessageTestKit.DateText(due)));
        await AssertBalanceLinkAsync(host, threeDays[Tk.BalanceLink], order);

        await RunAtAsync(start.AddDays(6).AddHours(1));
        await RunAtAsync(start.AddDays(6).AddHours(2));
        Assert.That(Kit.Of(K.BalanceReminder).Select(m => m[Tk.DaysLeft]), Is.EqualTo(new[] { "3", "1" }), "several reminders, each once");

        await RunAtAsync(due.AddHours(1));
        await RunAtAsync(due.AddHours(2));
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Overdue));
        var expiring = Kit.Single(K.ReservationExpiring);
        Assert.That(expiring[Tk.ExpiresOn], Is.EqualTo(MessageTestKit.DateText(due.AddDays(3))));
        Assert.That(expiring[Tk.BalanceDue], Is.EqualTo("160.00 USD"));
        await AssertBalanceLinkAsync(host, expiring[Tk.BalanceLink], order);
        var overdue = Kit.Single(K.StoreBalanceOverdue);
        Assert.That(overdue.ToEmail, Is.EqualTo(MessageTestKit.OwnerEmail));
        Assert.That(overdue[Tk.DueDate], Is.EqualTo(MessageTestKit.DateText(due)));

        await RunAtAsync(due.AddDays(3).AddHours(1));
        await RunAtAsync(due.AddDays(3).AddHours(2));
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Expired));
        var expired = Kit.Single(K.ReservationExpired);
        Assert.That(expired[Tk.IsForfeited], Is.EqualTo("True"), "the store's expiry policy keeps the deposit");
        Assert.That(expired[Tk.ForfeitedAmount], Is.EqualTo("40.00 USD"));
        Assert.That(expired[Tk.Settlement], Is.EqualTo("40.00 USD of the deposit was kept as agreed compensation."));
        Assert.That(Kit.Single(K.StoreReservationExpired)[Tk.Settlement], Is.EqualTo(expired[Tk.Settlement]));
        Assert.That(Log(host).Select(m => m.MessageKey), Is.Unique);
    }

    [Test]
    public async Task An_expired_reservation_moved_to_a_gift_card_says_so_with_the_code()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.ExpiryPolicy = DepositExpiryPolicy.TransferToGiftCard;
        var start = host.Clock.UtcNow;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "BANK-1", 5, LedgerEntryKind.Deposit);
        await StockArrivesAsync(host, product, 1);
        var automation = host.Resolve<PreorderAutomationService>();
        host.Clock.Now = start.AddDays(7).AddHours(1);
        await automation.RunAsync();
        host.Clock.Now = start.AddDays(7 + host.Settings.GracePeriodDays).AddHours(2);
        await automation.RunAsync();

        var expired = Kit.Single(K.ReservationExpired);
        var code = host.Shop.GiftCards.Single().GiftCardCouponCode;
        Assert.That(expired[Tk.IsTransferred], Is.EqualTo("True"));
        Assert.That(expired[Tk.GiftCardCode], Is.EqualTo(code));
        Assert.That(expired[Tk.Settlement], Is.EqualTo($"20.00 USD has been moved to gift card {code}."));
    }

    [Test]
    public async Task A_cancelled_preorder_tells_what_was_refunded()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "BANK-1", 5, LedgerEntryKind.Deposit);

        var orders = host.Resolve<PreorderOrderService>();
        await orders.CancelLineAsync(LineOf(host, order).Id, "Changed my mind", order.CustomerId);
        await orders.CancelLineAsync(LineOf(host, order).Id, "Changed my mind", order.CustomerId);

        var cancelled = Kit.Single(K.Cancelled);
        Assert.That(cancelled[Tk.IsRefunded], Is.EqualTo("True"), "refundable while waiting for stock");
        Assert.That(cancelled[Tk.RefundedAmount], Is.EqualTo("20.00 USD"));
        Assert.That(cancelled[Tk.Settlement], Is.EqualTo("20.00 USD has been refunded to you."));
        Assert.That(cancelled[Tk.CancelReason], Is.EqualTo("Changed my mind"));
        Assert.That(cancelled[Tk.LedgerSummary], Does.Contain("Refund"));

        // nopCommerce cancelling the order afterwards changes nothing: the line is already closed
        order.OrderStatus = OrderStatus.Cancelled;
        await host.Publisher.PublishAsync(new OrderStatusChangedEvent(order, OrderStatus.Pending));
        Assert.That(Kit.Of(K.Cancelled).Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_ship_date_change_notifies_every_waiting_order_with_reason_and_a_free_cancel_link_where_granted()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.RefundableUntilStockArrives = false; // only the merchant's offer makes cancelling free
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var other = await MessageTestKit.ProductAsync(host, "Star Lamp");
        var first = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var second = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 2));
        var unrelated = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (other, 1));
        var catalog = host.Resolve<PreorderCatalogService>();
        var oldDate = (await catalog.GetProfileAsync(product.Id)).ExpectedShipDateUtc.Value;

        async Task ChangeAsync(DateTime newDate, string reason, bool penaltyFree)
        {
            var profile = await catalog.GetProfileAsync(product.Id);
            profile.ExpectedShipDateUtc = newDate;
            var errors = await catalog.SaveAsync(new PreorderProfileEdit { Profile = profile, ShipDateChangeReason = reason, PenaltyFreeCancel = penaltyFree }, byCustomerId: 1);
            Assert.That(errors, Is.Empty);
        }

        var queuedBefore = Kit.Queued.Count;
        await ChangeAsync(oldDate.AddDays(30), "Factory <b>delay</b>", penaltyFree: true);
        Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.ShipDateChanged), Is.EqualTo(1), "the catalog raises the event");
        Assert.That(Kit.Queued, Has.Count.EqualTo(queuedBefore), "a fan-out is queued by the task, not in the admin's request");
        Assert.That(Log(host).Count(m => m.TemplateName == K.ShipDateChanged.TemplateName), Is.EqualTo(0), "not even recorded in the admin's request");
        // the task's step that records the delay notices, then its messages step sends them
        Assert.That(await host.Resolve<ShipDateNoticeService>().RecordDueAsync(), Is.EqualTo(2));
        Assert.That(Log(host).Count(m => m.TemplateName == K.ShipDateChanged.TemplateName && m.Status == DeliveryStatus.Pending), Is.EqualTo(2));

        await host.Resolve<PreorderMessageService>().RunScheduledAsync(host.Clock.UtcNow);
        await host.Resolve<PreorderMessageService>().RunScheduledAsync(host.Clock.UtcNow);
        var notices = Kit.Of(K.ShipDateChanged).ToList();
        Assert.That(notices, Has.Count.EqualTo(2), "one per affected order, none for the other product");
        foreach (var notice in notices)
        {
            Assert.That(notice[Tk.Product], Is.EqualTo("Moon Lamp"));
            Assert.That(notice[Tk.OldShipDate], Is.EqualTo(MessageTestKit.DateText(oldDate)));
            Assert.That(notice[Tk.NewShipDate], Is.EqualTo(MessageTestKit.DateText(oldDate.AddDays(30))));
            Assert.That(notice[Tk.DelayReason], Is.EqualTo("Factory <b>delay</b>"));
            Assert.That(notice.NeverEncoded[Tk.DelayReason], Is.False, "the merchant's text is HTML-encoded by nopCommerce's tokenizer");
            Assert.That(notice[Tk.CanCancelFree], Is.EqualTo("True"));
            Assert.That(notice[Tk.ShipDate], Is.EqualTo(MessageTestKit.DateText(oldDate.AddDays(30))), "the current date, not the one at checkout");
        }
        await AssertBalanceLinkAsync(host, notices.Single(n => n["Order.OrderNumber"] == first.CustomOrderNumber)[Tk.CancelLink], first);
        await AssertBalanceLinkAsync(host, notices.Single(n => n["Order.OrderNumber"] == second.CustomOrderNumber)[Tk.CancelLink], second);
        Assert.That(notices.Any(n => n["Order.OrderNumber"] == unrelated.CustomOrderNumber), Is.False);

        await ChangeAsync(oldDate.AddDays(40), "Shipping slot moved", penaltyFree: false);
        await host.Resolve<ShipDateNoticeService>().RecordDueAsync();
        await host.Resolve<PreorderMessageService>().RunScheduledAsync(host.Clock.UtcNow);
        var second_notices = Kit.Of(K.ShipDateChanged).Skip(2).ToList();
        Assert.That(second_notices, Has.Count.EqualTo(2), "a new change is a new step");
        Assert.That(second_notices, Has.All.Matches<QueuedMessage>(n => n[Tk.CanCancelFree] == "False" && n[Tk.CancelLink] == string.Empty),
            "no free cancellation when neither the merchant nor the policy grants it");
    }

    [Test]
    public async Task Reaching_the_cap_tells_the_store_owner_once()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp", cap: 3);
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        Assert.That(Kit.Of(K.StoreCapReached), Is.Empty);
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 2));

        var cap = Kit.Single(K.StoreCapReached);
        Assert.That(cap.ToEmail, Is.EqualTo(MessageTestKit.OwnerEmail));
        Assert.That(cap[Tk.Product], Is.EqualTo("Moon Lamp"));
        Assert.That(cap[Tk.Cap], Is.EqualTo("3"));
        Assert.That(cap[Tk.UnitsSold], Is.EqualTo("3"));
        Assert.That(cap[Tk.UnitsLeft], Is.EqualTo("0"));
        Assert.That(cap[Tk.AdminProductLink], Is.EqualTo($"http://shop.test/Admin/Product/Edit/{product.Id}"));

        // a checkout that loses the race for the last unit raises the event again: no second e-mail
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.CapReached), Is.GreaterThanOrEqualTo(2));
        Assert.That(Kit.Of(K.StoreCapReached).Count(), Is.EqualTo(1));
    }

    /// <summary>An order whose balance is split into dated installments, charged automatically by a card method.</summary>
    private static async Task<(Order Order, FakeCardPaymentMethod Card)> InstallmentOrderAsync(PreorderTestHost host, bool automaticCard)
    {
        host.Settings.DefaultDepositRuleJson = "{\"Percent\":20,\"Installments\":3,\"InstallmentIntervalDays\":10}";
        var card = new FakeCardPaymentMethod { RecurringPaymentType = Nop.Services.Payments.RecurringPaymentType.Automatic, Fail = true };
        host.Shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp", price: 300m);
        var order = host.Shop.AddOrder(host.Shop.AddCustomer(), (product, 1));
        if (automaticCard)
            order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 60m, "BANK-1", 5, LedgerEntryKind.Deposit);
        return (order, card);
    }

    [Test]
    public async Task Automatic_installments_announce_the_charge_and_report_a_failed_one_with_a_link()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.UpcomingChargeNoticeDays = 3;
        var start = host.Clock.UtcNow;
        var (order, card) = await InstallmentOrderAsync(host, automaticCard: true);
        var automation = host.Resolve<PreorderAutomationService>();

        host.Clock.Now = start.AddDays(6);
        await automation.RunAsync();
        Assert.That(Kit.Of(K.UpcomingCharge), Is.Empty);

        host.Clock.Now = start.AddDays(7).AddHours(1);
        await automation.RunAsync();
        await automation.RunAsync();
        var notice = Kit.Single(K.UpcomingCharge);
        Assert.That(notice[Tk.PaymentAmount], Is.EqualTo("80.00 USD"), "the first of three installments of the 240 balance");
        Assert.That(notice[Tk.ChargeDate], Is.EqualTo(MessageTestKit.DateText(start.AddDays(10))));
        Assert.That(Kit.Of(K.BalanceReminder), Is.Empty, "card payers get the charge notice, not a pay-now reminder");

        host.Clock.Now = start.AddDays(10).AddHours(1);
        await automation.RunAsync();
        Assert.That(card.Charges, Is.Empty);
        var failed = Kit.Single(K.ChargeFailed);
        Assert.That(failed[Tk.PaymentAmount], Is.EqualTo("80.00 USD"));
        Assert.That(failed[Tk.ChargeError], Is.EqualTo("card declined"));
        Assert.That(failed[Tk.BalanceDue], Is.EqualTo("240.00 USD"));
        await AssertBalanceLinkAsync(host, failed[Tk.BalanceLink], order);
    }

    [Test]
    public async Task Offline_installments_get_balance_reminders()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.ReminderDaysBefore = "3";
        var start = host.Clock.UtcNow;
        var (order, _) = await InstallmentOrderAsync(host, automaticCard: false);
        var messages = host.Resolve<PreorderMessageService>();

        await messages.RunScheduledAsync(start.AddDays(7).AddHours(1));
        await messages.RunScheduledAsync(start.AddDays(7).AddHours(2));
        var reminder = Kit.Single(K.BalanceReminder);
        Assert.That(reminder[Tk.BalanceDue], Is.EqualTo("80.00 USD"));
        Assert.That(reminder[Tk.DueDate], Is.EqualTo(MessageTestKit.DateText(start.AddDays(10))));
        await AssertBalanceLinkAsync(host, reminder[Tk.BalanceLink], order);
        Assert.That(Log(host).Single(m => m.TemplateName == K.BalanceReminder.TemplateName).MessageKey, Is.EqualTo($"reminder:order:{order.Id}:inst:1:d3"));
    }

    [Test]
    public async Task Delivery_brings_a_thank_you_with_a_review_link_once()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp", mode: PreorderPaymentMode.FullUpfront);
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var plainOrder = host.Shop.AddOrder(host.Shop.AddCustomer(), (host.Shop.AddProduct(stock: 5), 1));

        await host.Publisher.PublishAsync(new ShipmentDeliveredEvent(new Shipment { Id = 1, OrderId = order.Id }));
        await host.Publisher.PublishAsync(new ShipmentDeliveredEvent(new Shipment { Id = 2, OrderId = order.Id }));
        await host.Publisher.PublishAsync(new ShipmentDeliveredEvent(new Shipment { Id = 3, OrderId = plainOrder.Id }));

        var thanks = Kit.Single(K.ThankYou);
        Assert.That(thanks[Tk.Product], Is.EqualTo("Moon Lamp"));
        Assert.That(thanks[Tk.ReviewLink], Is.EqualTo($"http://shop.test/productreviews/{product.Id}"));
        Assert.That(thanks.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));
    }

    [Test]
    public async Task The_daily_digest_lists_what_needs_attention_once_a_day()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.DailyDigestEnabled = true;
        var start = host.Clock.UtcNow; // 12:00 UTC, the store's time zone
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "BANK-1", 5, LedgerEntryKind.Deposit);
        var cancelled = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(cancelled.Id, 20m, "BANK-2", 5, LedgerEntryKind.Deposit);
        await StockArrivesAsync(host, product, 1); // the first in the queue gets it
        var automation = host.Resolve<PreorderAutomationService>();

        host.Clock.Now = start.AddDays(8).Date.AddHours(6); // before 07:00: no digest yet, but the balance turns overdue
        await automation.RunAsync();
        Assert.That(LineOf(host, order).State, Is.EqualTo(PreorderLineState.Overdue));
        // still waiting, hence refundable: an offline refund the store has to pay out
        await host.Resolve<PreorderOrderService>().CancelLineAsync(LineOf(host, cancelled).Id, "customer asked", 0);
        Assert.That(Kit.Of(K.StoreDailyDigest), Is.Empty);

        host.Clock.Now = start.AddDays(8).Date.AddHours(8);
        await automation.RunAsync();
        await automation.RunAsync();
        var digest = Kit.Single(K.StoreDailyDigest);
        Assert.That(digest.ToEmail, Is.EqualTo(MessageTestKit.OwnerEmail));
        Assert.That(digest[Tk.Digest], Does.Contain("Balances overdue: 1").And.Contain($"Order {order.Id}: Moon Lamp, due {MessageTestKit.DateText(start.AddDays(7))}"));
        Assert.That(digest[Tk.Digest], Does.Contain("Refunds to pay back offline: 1").And.Contain($"Order {cancelled.Id}: 20.00 USD"));
        Assert.That(digest[Tk.Digest], Does.Not.Contain("expiring").And.Not.Contain("New pre-orders"), "only what applies is listed");
        Assert.That(digest.NeverEncoded[Tk.Digest], Is.True);
        Assert.That(Log(host).Single(m => m.TemplateName == K.StoreDailyDigest.TemplateName).MessageKey,
            Is.EqualTo($"digest:store:{host.Shop.Store.Id}:{start.AddDays(8):yyyyMMdd}"));

        host.Clock.Now = start.AddDays(9).Date.AddHours(8);
        await automation.RunAsync();
        Assert.That(Kit.Of(K.StoreDailyDigest).Count(), Is.EqualTo(2), "the next day brings the next digest");
    }
}
