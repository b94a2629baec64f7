using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Shipping;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>
/// The notifications of issue #13's "shipments and orders": the shopper hears of every extension (their own, the
/// merchant's, the merchant's bulk reschedule), of a refund and of a shipped line; the store owner of a window about to
/// close and of a cap nearly reached, once per campaign.
/// </summary>
[TestFixture]
public class ShopperNotificationTests : MessageTest
{
    /// <summary>One unit (price 100, deposit 20 paid), stock allocated: 80 due in 7 days.</summary>
    private static async Task<(Product Product, Order Order, PreorderLine Line)> BalanceDueAsync(PreorderTestHost host, Product product = null)
    {
        product ??= await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "DEP-" + order.Id, 1, LedgerEntryKind.Deposit);
        await host.Resolve<PreorderAllocationService>().AllocateAsync(product.Id, 0, 1);
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        Assert.That(line.State, Is.EqualTo(PreorderLineState.BalanceDue));
        return (product, order, line);
    }

    private static List<PreorderMessageLog> Log(PreorderTestHost host, PreorderMessageKind kind) =>
        host.Scope.Repository<PreorderMessageLog>().Table.Where(m => m.TemplateName == kind.TemplateName).OrderBy(m => m.Id).ToList();

    [Test]
    public async Task Every_extension_is_told_to_the_shopper_also_the_merchants_bulk_reschedule()
    {
        using var host = Kit.NewAdminHost(Database);
        var (product, first, firstLine) = await BalanceDueAsync(host);
        var (_, second, secondLine) = await BalanceDueAsync(host, product);

        // the shopper's own extension
        var extended = await host.Resolve<PreorderOrderService>().ExtendAsync(firstLine.Id, first.CustomerId, approvedByMerchant: false, host.Settings);
        var own = Kit.Single(K.ExtensionGranted);
        Assert.Multiple(() =>
        {
            Assert.That(own.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));
            Assert.That(own["Order.OrderNumber"], Is.EqualTo(first.CustomOrderNumber));
            Assert.That(own[Tk.DueDate], Is.EqualTo(MessageTestKit.DateText(extended.BalanceDueOnUtc.Value)));
            Assert.That(own[Tk.BalanceDue], Is.EqualTo("80.00 USD"));
            Assert.That(own[Tk.BalanceLink], Does.StartWith("http://shop.test/"), "a way to pay");
        });

        // the merchant moves both lines' due date in one bulk action: one e-mail per line, to each order's shopper
        var newDue = host.Clock.UtcNow.AddDays(30);
        var result = await host.Resolve<PreorderAdminActionService>().RescheduleDueDatesAsync(new[] { firstLine.Id, secondLine.Id }, newDue, "supplier delay");
        Assert.That(result.Succeeded, Is.EqualTo(2));
        var rescheduled = Kit.Of(K.ExtensionGranted).Skip(1).ToList();
        Assert.That(rescheduled.Select(m => m["Order.OrderNumber"]), Is.EquivalentTo(new[] { first.CustomOrderNumber, second.CustomOrderNumber }));
        Assert.That(rescheduled.Select(m => m[Tk.DueDate]).Distinct(), Is.EqualTo(new[] { MessageTestKit.DateText(newDue) }));

        // a repeated event sends nothing new; an earlier date is not an extension
        var again = host.Publisher.Of<PreorderEvent>().Last(e => e.Kind == PreorderEventKind.ExtensionGranted);
        await host.Publisher.PublishAsync(again);
        await host.Resolve<PreorderAdminActionService>().RescheduleDueDatesAsync(new[] { firstLine.Id }, newDue.AddDays(-5), "sooner after all");
        Assert.That(Kit.Of(K.ExtensionGranted).Count(), Is.EqualTo(3));
        Assert.That(Log(host, K.ExtensionGranted).Select(m => m.MessageKey), Is.Unique);
    }

    [Test]
    public async Task A_refund_is_told_to_the_shopper_unless_a_cancellation_or_nopCommerce_tells_it()
    {
        using var host = Kit.NewAdminHost(Database);
        var (product, order, _) = await BalanceDueAsync(host);
        // the merchant's refund from the order page (the admin action's own path, without its permission check)
        await host.Resolve<PreorderSettlementService>().RefundAsync(order.Id, 0, 5m, $"admin-refund:{order.Id}:", 1, "goodwill");
        var refund = Kit.Single(K.RefundMade);
        Assert.Multiple(() =>
        {
            Assert.That(refund.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));
            Assert.That(refund[Tk.RefundedAmount], Is.EqualTo("5.00 USD"));
            Assert.That(refund[Tk.Product], Is.EqualTo("Moon Lamp"));
        });

        // a cancellation's refund (still waiting for stock: the deposit is refundable): the cancellation message says it, no second e-mail
        var cancelledOrder = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(cancelledOrder.Id, 20m, "DEP-X", 1, LedgerEntryKind.Deposit);
        var cancelledLine = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == cancelledOrder.Id);
        await host.Resolve<PreorderOrderService>().CancelLineAsync(cancelledLine.Id, "changed my mind", 1);
        Assert.That(host.Scope.Repository<PreorderLedgerEntry>().Table.Any(e => e.OrderId == cancelledOrder.Id && e.KindId == (int)LedgerEntryKind.Refund), Is.True,
            "the cancellation refunded the deposit");
        Assert.That(Kit.Of(K.Cancelled).Count(), Is.EqualTo(1));
        Assert.That(Kit.Of(K.RefundMade).Count(), Is.EqualTo(1), "no refund e-mail besides the cancellation's");
    }

    [Test]
    public async Task A_shipped_line_is_told_to_the_shopper_once()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp", mode: PreorderPaymentMode.FullUpfront);
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 2));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 200m, "PAID", 1, LedgerEntryKind.Deposit);
        product.StockQuantity += 2;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));

        var shipment = host.Shop.AddShipment(order, host.Shop.OrderItems[order.Id].ToArray());
        await host.Publisher.PublishAsync(new ShipmentSentEvent(shipment));
        await host.Publisher.PublishAsync(new ShipmentSentEvent(shipment));

        var shipped = Kit.Single(K.LineShipped);
        Assert.Multiple(() =>
        {
            Assert.That(shipped.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));
            Assert.That(shipped[Tk.Product], Is.EqualTo("Moon Lamp"));
            Assert.That(shipped[Tk.Quantity], Is.EqualTo("2"));
            Assert.That(shipped["Order.OrderNumber"], Is.EqualTo(order.CustomOrderNumber));
        });
    }

    [Test]
    public async Task The_store_owner_hears_once_per_campaign_that_a_window_closes_soon_and_that_a_cap_is_nearly_reached()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.WindowClosingNoticeDays = 3;
        host.Settings.CapNearlyReachedPercent = 80;
        var now = host.Clock.UtcNow;
        var closing = await host.PreorderProductAsync(cap: null, windowEnd: now.AddDays(2));
        closing.Name = "Sun Lamp";
        var later = await host.PreorderProductAsync(cap: null, windowEnd: now.AddDays(10));
        var capped = await host.PreorderProductAsync(cap: 10);
        capped.Name = "Moon Lamp";
        for (var i = 0; i < 7; i++)
            await host.PlaceOrderAsync(host.Shop.AddCustomer(), (capped, 1));
        var automation = host.Resolve<PreorderAutomationService>();

        await automation.RunAsync();
        Assert.That(Kit.Of(K.StoreCapNearlyReached), Is.Empty, "7 of 10 is below 80 %");
        var window = Kit.Single(K.StoreWindowClosing);
        Assert.Multiple(() =>
        {
            Assert.That(window.ToEmail, Is.EqualTo(MessageTestKit.OwnerEmail));
            Assert.That(window[Tk.Product], Is.EqualTo("Sun Lamp"));
            Assert.That(window[Tk.WindowEnd], Is.EqualTo(MessageTestKit.DateText(now.AddDays(2))));
            Assert.That(window[Tk.AdminProductLink], Is.EqualTo($"http://shop.test/Admin/Product/Edit/{closing.Id}"));
        });

        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (capped, 1));
        await automation.RunAsync();
        await automation.RunAsync();
        var near = Kit.Single(K.StoreCapNearlyReached);
        Assert.That((near[Tk.Product], near[Tk.UnitsSold], near[Tk.UnitsLeft], near[Tk.Cap]), Is.EqualTo(("Moon Lamp", "8", "2", "10")));
        Assert.That(Kit.Of(K.StoreWindowClosing).Count(), Is.EqualTo(1), "once per window end");

        // the merchant moves the window: a new campaign, a new notice when it comes near
        var catalog = host.Resolve<PreorderCatalogService>();
        var profile = await catalog.GetProfileAsync(closing.Id);
        profile.WindowEndUtc = now.AddDays(2).AddHours(12);
        Assert.That(await catalog.SaveAsync(new PreorderProfileEdit { Profile = profile }, 1), Is.Empty);
        await automation.RunAsync();
        Assert.That(Kit.Of(K.StoreWindowClosing).Count(), Is.EqualTo(2));
        Assert.That(Kit.Of(K.StoreWindowClosing).Select(m => m[Tk.AdminProductLink]), Has.All.EqualTo($"http://shop.test/Admin/Product/Edit/{closing.Id}"),
            $"the window closing in ten days (product {later.Id}) is not announced yet");
    }

    [Test]
    public void The_cap_warning_rule()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StoreAlertService.CapNearlyReached(10, 8, 80), Is.True);
            Assert.That(StoreAlertService.CapNearlyReached(10, 7, 80), Is.False);
            Assert.That(StoreAlertService.CapNearlyReached(10, 10, 80), Is.False, "reached: its own message");
            Assert.That(StoreAlertService.CapNearlyReached(null, 500, 80), Is.False, "no cap");
            Assert.That(StoreAlertService.CapNearlyReached(10, 9, 0), Is.False, "off");
            Assert.That(StoreAlertService.CapNearlyReached(3, 2, 66), Is.True, "2 of 3 is 66.7 %");
        });
    }
}
