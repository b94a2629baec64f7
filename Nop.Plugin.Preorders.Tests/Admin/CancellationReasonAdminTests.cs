using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>The merchant's cancellation reason (single and bulk) on the real database, and where the admin shows reasons.</summary>
[TestFixture]
public class CancellationReasonAdminTests
{
    private TestDatabase _database;
    private AdminHost _admin;

    [SetUp]
    public void SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _admin = new AdminHost(_database);
        var orders = Mock.Get(_admin.Resolve<IOrderService>());
        orders.Setup(o => o.GetOrdersByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => _admin.Host.Shop.Orders.GetValueOrDefault(id)).Where(o => o != null).ToList());
        var products = Mock.Get(_admin.Resolve<Nop.Services.Catalog.IProductService>());
        products.Setup(p => p.GetProductsByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => _admin.Host.Shop.Products.GetValueOrDefault(id)).Where(p => p != null).ToList());
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _database.Dispose();
    }

    private PreorderTestHost Host => _admin.Host;

    private PreorderAdminActionService Actions => _admin.Resolve<PreorderAdminActionService>();

    private async Task<(Product Product, Order Order, PreorderLine Line)> PreorderAsync(Product product = null, int quantity = 1)
    {
        product ??= await Host.PreorderProductAsync(cap: 20);
        var order = await Host.PlaceOrderAsync(product, quantity);
        return (product, order, _admin.LineOfOrder(order.Id));
    }

    [Test]
    public async Task A_bulk_cancel_stores_the_merchants_reason_and_note_on_every_line()
    {
        var (product, _, first) = await PreorderAsync();
        var (_, _, second) = await PreorderAsync(product, 2);

        var result = await Actions.CancelAsync(new[] { first.Id, second.Id }, "  Supplier stopped the model ", AdminSettlement.Forfeit, (int)CancellationReason.SupplyProblem);

        Assert.That((result.Success, result.Succeeded), Is.EqualTo((true, 2)), string.Join(", ", result.Errors.Select(e => e.ResourceKey)));
        foreach (var id in new[] { first.Id, second.Id })
        {
            var line = _admin.Line(id);
            Assert.That((line.State, line.CancelReason, line.CancelReasonText, line.CloseReason),
                Is.EqualTo((PreorderLineState.Cancelled, CancellationReason.SupplyProblem, "Supplier stopped the model", "Supplier stopped the model")));
        }
        Assert.That(_admin.Audit("Admin.LineCancelled").Select(a => a.Details), Has.All.Contain(nameof(CancellationReason.SupplyProblem)));
    }

    [TestCase(0, "note", R.CancelReasonRequired)]
    [TestCase(4242, "note", R.CancelReasonUnknown)]
    [TestCase((int)CancellationReason.FoundCheaper, "note", R.CancelReasonUnknown)]
    [TestCase((int)CancellationReason.PaymentProblem, " ", R.ReasonRequired)]
    [TestCase((int)CancellationReason.PaymentProblem, null, R.CancelReasonTooLong)]
    public async Task A_refused_reason_is_one_clear_error_and_changes_nothing(int code, string note, string expectedKey)
    {
        var (_, _, line) = await PreorderAsync();
        note ??= new string('n', 1001);
        var before = _admin.Snapshot();

        var result = await Actions.CancelAsync(new[] { line.Id }, note, AdminSettlement.Forfeit, code);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors.Single().ResourceKey, Is.EqualTo(expectedKey));
        Assert.That(_admin.Snapshot(), Is.EqualTo(before), "nothing changed");
        Assert.That(_admin.Line(line.Id).CancelReason, Is.EqualTo(CancellationReason.NotGiven));
    }

    [Test]
    public async Task The_order_block_shows_the_reason_and_the_shoppers_comment()
    {
        var (_, order, line) = await PreorderAsync();
        var owner = Host.Shop.Customers[order.CustomerId];
        await _admin.Resolve<PreorderSelfService>().CancelAsync(owner, order.Id, line.Id, null, (int)CancellationReason.NoLongerNeeded, "Bought a <i>different</i> one");

        var block = (await _admin.Resolve<PreorderAdminOrderModelFactory>().PrepareOrderModelAsync(order.Id)).Lines.Single();

        Assert.That(block.CancelReason, Is.EqualTo(Texts.En(PreorderDefaults.ResourcePrefix + "CancelReason.NoLongerNeeded")));
        Assert.That(block.CancelReasonText, Is.EqualTo("Bought a <i>different</i> one"), "plain text: the view encodes it");
        Assert.That(block.CloseReason, Is.EqualTo("Cancelled by the customer"));
    }

    [Test]
    public async Task The_order_block_shows_the_merchants_note_once()
    {
        var (_, order, line) = await PreorderAsync();
        await Actions.CancelAsync(new[] { line.Id }, "Card declined twice", AdminSettlement.Forfeit, (int)CancellationReason.PaymentProblem);

        var block = (await _admin.Resolve<PreorderAdminOrderModelFactory>().PrepareOrderModelAsync(order.Id)).Lines.Single();

        Assert.That((block.CancelReason, block.CloseReason, block.CancelReasonText),
            Is.EqualTo((Texts.En(PreorderDefaults.ResourcePrefix + "CancelReason.PaymentProblem"), "Card declined twice", (string)null)));
    }

    [Test]
    public async Task The_campaign_dashboard_groups_cancellations_by_reason()
    {
        var product = await Host.PreorderProductAsync(cap: 50);
        var lines = new List<(Order Order, PreorderLine Line)>();
        for (var i = 0; i < 6; i++)
        {
            var (_, order, line) = await PreorderAsync(product, 1 + i % 2);
            lines.Add((order, line));
        }
        var self = _admin.Resolve<PreorderSelfService>();
        async Task ShopperCancelsAsync(int i, CancellationReason reason, string text) =>
            await self.CancelAsync(Host.Shop.Customers[lines[i].Order.CustomerId], lines[i].Order.Id, lines[i].Line.Id, null, (int)reason, text);
        await ShopperCancelsAsync(0, CancellationReason.ShipDateTooLate, "too late");
        await ShopperCancelsAsync(1, CancellationReason.ShipDateTooLate, null);
        await ShopperCancelsAsync(2, CancellationReason.FoundCheaper, null);
        await Actions.CancelAsync(new[] { lines[3].Line.Id }, "Fraud check failed", AdminSettlement.Forfeit, (int)CancellationReason.SuspectedFraud);

        var stats = await _admin.Resolve<PreorderDashboardService>().GetCampaignAsync(product.Id, TimeZoneInfo.Utc);

        // quantities alternate 1, 2: lines 0 and 1 are 3 units, line 2 is 1 unit, line 3 is 2 units
        Assert.That(stats.CancellationReasons.Select(r => (r.Reason, r.Lines, r.Units)), Is.EqualTo(new[]
        {
            (CancellationReason.ShipDateTooLate, 2, 3),
            (CancellationReason.FoundCheaper, 1, 1),
            (CancellationReason.SuspectedFraud, 1, 2)
        }));
        Assert.That(stats.CancellationComments.Select(c => (c.Reason, c.Text)), Is.EquivalentTo(new[]
        {
            (CancellationReason.ShipDateTooLate, "too late"),
            (CancellationReason.SuspectedFraud, "Fraud check failed")
        }));

        var model = await _admin.Resolve<PreorderAdminCampaignModelFactory>().PrepareCampaignModelAsync(product.Id);
        Assert.That(model.CancellationReasons.Select(r => r.Label).First(), Is.EqualTo(Texts.En(PreorderDefaults.ResourcePrefix + "CancelReason.ShipDateTooLate")));
    }
}
