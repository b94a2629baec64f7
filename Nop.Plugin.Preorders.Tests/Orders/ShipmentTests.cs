using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Shipping;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Support;
using Autofac;
using Moq;
using Nop.Plugin.Preorders.Components;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Services.Security;
using Nop.Web.Areas.Admin.Models.Orders;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// nopCommerce sent a shipment: only the pre-order lines whose order items are in it are shipped. A line in it
/// that is still waiting for stock or still owes money is left as it is, and the merchant is warned in a private
/// order note.
/// </summary>
[TestFixture]
public class ShipmentTests : DatabaseTest
{
    private static PreorderLine LineOf(PreorderTestHost host, Order order, Product product) =>
        host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id && l.ProductId == product.Id);

    private static OrderItem ItemOf(PreorderTestHost host, Order order, Product product) =>
        host.Shop.OrderItems[order.Id].Single(i => i.ProductId == product.Id);

    private static async Task StockArrivesAsync(PreorderTestHost host, Product product)
    {
        product.StockQuantity += 1;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
    }

    [Test]
    public async Task A_shipment_with_one_item_of_a_two_line_order_ships_only_that_line()
    {
        using var host = new PreorderTestHost(Database);
        var productA = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.FullUpfront);
        var productB = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.FullUpfront);
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (productA, 1), (productB, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 200m, "PAID", 1, LedgerEntryKind.Deposit);
        await StockArrivesAsync(host, productA);
        await StockArrivesAsync(host, productB);
        Assert.That((LineOf(host, order, productA).State, LineOf(host, order, productB).State), Is.EqualTo((PreorderLineState.Ready, PreorderLineState.Ready)));

        await host.Publisher.PublishAsync(new ShipmentSentEvent(host.Shop.AddShipment(order, ItemOf(host, order, productA))));

        Assert.Multiple(() =>
        {
            Assert.That(LineOf(host, order, productA).State, Is.EqualTo(PreorderLineState.Shipped), "A is in the shipment");
            Assert.That(LineOf(host, order, productB).State, Is.EqualTo(PreorderLineState.Ready), "B is not: it is still to be shipped");
            Assert.That(host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.LineShipped), Is.EqualTo(1));
            Assert.That(host.Shop.OrderNotes.Where(n => n.Note.Contains("shipment")), Is.Empty, "nothing to warn about");
        });

        await host.Publisher.PublishAsync(new ShipmentSentEvent(host.Shop.AddShipment(order, ItemOf(host, order, productB))));
        Assert.That(LineOf(host, order, productB).State, Is.EqualTo(PreorderLineState.Shipped), "B ships with its own shipment");
    }

    [Test]
    public async Task A_shipment_with_an_unpaid_and_a_waiting_line_leaves_them_and_warns_the_merchant()
    {
        using var host = new PreorderTestHost(Database);
        var paid = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.FullUpfront);
        var unpaid = await host.PreorderProductAsync(cap: 5, price: 100m);
        var waiting = await host.PreorderProductAsync(cap: 5, price: 100m);
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (paid, 1), (unpaid, 1), (waiting, 1));
        // the full price of the first line and both deposits: the second line's balance stays owed once its stock arrives
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 140m, "CHECKOUT", 1, LedgerEntryKind.Deposit);
        await StockArrivesAsync(host, paid);
        await StockArrivesAsync(host, unpaid);
        Assert.That(LineOf(host, order, paid).State, Is.EqualTo(PreorderLineState.Ready));
        Assert.That(LineOf(host, order, unpaid).State, Is.EqualTo(PreorderLineState.BalanceDue));
        Assert.That(LineOf(host, order, waiting).State, Is.EqualTo(PreorderLineState.Waiting));

        var shipment = host.Shop.AddShipment(order, host.Shop.OrderItems[order.Id].ToArray());
        await host.Publisher.PublishAsync(new ShipmentSentEvent(shipment));

        Assert.Multiple(() =>
        {
            Assert.That(LineOf(host, order, paid).State, Is.EqualTo(PreorderLineState.Shipped));
            Assert.That(LineOf(host, order, unpaid).State, Is.EqualTo(PreorderLineState.BalanceDue), "a line that owes money is not moved");
            Assert.That(LineOf(host, order, waiting).State, Is.EqualTo(PreorderLineState.Waiting), "a line without stock is not moved");
        });
        var note = host.Shop.OrderNotes.Single(n => n.Note.Contains("shipment"));
        Assert.Multiple(() =>
        {
            Assert.That(note.OrderId, Is.EqualTo(order.Id));
            Assert.That(note.DisplayToCustomer, Is.False, "for the merchant only");
            Assert.That(note.Note, Does.Contain(shipment.Id.ToString()));
            Assert.That(note.Note, Does.Contain($"#{LineOf(host, order, unpaid).Id}").And.Contain($"#{LineOf(host, order, waiting).Id}"));
        });

        // the same event again (a repeated event) moves nothing
        await host.Publisher.PublishAsync(new ShipmentSentEvent(shipment));
        Assert.That(LineOf(host, order, unpaid).State, Is.EqualTo(PreorderLineState.BalanceDue));
    }

    private static PreorderTestHost AdminHost(TestDatabase database, bool mayView = true)
    {
        var permissions = new Mock<IPermissionService>();
        permissions.Setup(p => p.AuthorizeAsync(It.IsAny<string>())).ReturnsAsync((string name) => mayView && name == PreorderDefaults.Permissions.View);
        return new PreorderTestHost(database, configure: builder => builder.RegisterInstance(permissions.Object).As<IPermissionService>());
    }

    private static ShipmentModel PageModel(Order order, int shipmentId, params OrderItem[] items) => new()
    {
        Id = shipmentId,
        OrderId = order.Id,
        Items = items.Select(i => new ShipmentItemModel { OrderItemId = i.Id, ProductId = i.ProductId, ProductName = $"Product {i.ProductId}" }).ToList()
    };

    [Test]
    public async Task The_shipment_pages_warn_before_a_waiting_or_owing_pre_order_is_shipped()
    {
        using var host = AdminHost(Database);
        var paid = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.FullUpfront);
        var unpaid = await host.PreorderProductAsync(cap: 5, price: 100m);
        var waiting = await host.PreorderProductAsync(cap: 5, price: 100m);
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (paid, 1), (unpaid, 1), (waiting, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 140m, "CHECKOUT", 1, LedgerEntryKind.Deposit);
        await StockArrivesAsync(host, paid);
        await StockArrivesAsync(host, unpaid);
        var component = host.CreateUnregistered<AdminShipmentPreorderViewComponent>();

        // the add page lists every item still to ship
        var adding = await component.PrepareModelAsync(PageModel(order, 0, host.Shop.OrderItems[order.Id].ToArray()));
        Assert.That(adding, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(adding.ShipmentSaved, Is.False, "the add page: the merchant is still choosing");
            Assert.That(adding.OrderId, Is.EqualTo(order.Id));
            Assert.That(adding.Lines.Select(l => (l.LineId, l.ProductName, l.State)), Is.EquivalentTo(new[]
            {
                (LineOf(host, order, unpaid).Id, $"Product {unpaid.Id}", "Balance due"),
                (LineOf(host, order, waiting).Id, $"Product {waiting.Id}", "Waiting for stock")
            }), "the ready line is not listed");
        });

        // a saved shipment that carries only the ready line: nothing to warn about
        Assert.That(await component.PrepareModelAsync(PageModel(order, 77, ItemOf(host, order, paid))), Is.Null);
        // one that carries the waiting line
        var saved = await component.PrepareModelAsync(PageModel(order, 78, ItemOf(host, order, paid), ItemOf(host, order, waiting)));
        Assert.That((saved.ShipmentSaved, saved.Lines.Single().LineId), Is.EqualTo((true, LineOf(host, order, waiting).Id)));
        // another page's model, or an order without pre-orders
        Assert.That(await component.PrepareModelAsync(new object()), Is.Null);
        Assert.That(await component.PrepareModelAsync(new ShipmentModel { OrderId = 999_999, Items = new List<ShipmentItemModel> { new() { OrderItemId = 1 } } }), Is.Null);

        using var clerk = AdminHost(Database, mayView: false);
        Assert.That(await clerk.CreateUnregistered<AdminShipmentPreorderViewComponent>().PrepareModelAsync(PageModel(order, 0, host.Shop.OrderItems[order.Id].ToArray())),
            Is.Null, "hidden without the plugin's view permission");
    }

    [Test]
    public async Task The_warning_is_rendered_in_nopCommerces_shipment_zones()
    {
        using var host = new PreorderTestHost(Database);
        var plugin = host.CreateUnregistered<PreorderPlugin>();
        var zones = await plugin.GetWidgetZonesAsync();
        Assert.That(zones, Does.Contain("admin_order_shipment_add_buttons").And.Contain("admin_order_shipment_details_buttons"));
        Assert.That(plugin.GetWidgetViewComponent("admin_order_shipment_add_buttons"), Is.EqualTo(typeof(AdminShipmentPreorderViewComponent)));
        Assert.That(plugin.GetWidgetViewComponent("admin_order_shipment_details_buttons"), Is.EqualTo(typeof(AdminShipmentPreorderViewComponent)));
    }
}
