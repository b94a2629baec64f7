using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 16. Ship what arrived: one unit arrives for a waiting line of two, the line is split

    /// <summary>Journey 16's own sample product (simple, no attributes): its queue holds only the journey's line.</summary>
    private const string ShipWhatArrivedProductPath = "/portable-sound-speakers";

    /// <summary>
    /// The store ships what arrived (configuration page). A shopper's waiting pre-order of two units heads its product's
    /// queue; the merchant raises the product's stock by one on nopCommerce's product page; the admin order page's
    /// pre-order block shows the line split: a part of one unit allocated (its balance due), "split from line #x", and
    /// the rest of one unit still waiting. The next unit allocates the rest.
    /// </summary>
    [Test, Order(16)]
    public async Task J16_ShipWhatArrived_OneUnitArrivesForAWaitingLineOfTwo_TheLineIsSplit()
    {
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        var shopper = await Browser.NewPageAsync(_pageErrors);
        try
        {
            var product = await MakePreorderProductAsync(ShipWhatArrivedProductPath, DateTime.Today.AddDays(20), "J16");
            // a shop that ran the journey before may have lines of it still waiting (a negative stock): their units
            // arrive now, with the setting still off, so the journey's line heads the queue
            var stock = await StockAsync(product.Id);
            if (stock < 0)
            {
                TestContext.Progress.WriteLine($"J16: {-stock} unit(s) of earlier runs waiting: they arrive first");
                await SaveStockAsync(product.Id, "0");
                stock = 0;
            }
            await SetShipWhatArrivedAsync(true);

            var email = $"e2e-j16-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com";
            await RegisterAsync(shopper, email);
            // one unit now, the journeys' helper adds the second and checks out: one line of two units
            await Shop.GotoAsync(shopper, product.Path);
            await shopper.ClickAsync($"#add-to-cart-button-{product.Id}");
            await shopper.Locator("#bar-notification .content").WaitForAsync();
            var order = await PreorderAndCheckOutAsync(screens: false, shopper, product with { Price = 2 * product.Price });
            // the placed line's id from the database when the suite has it; without it, any line number
            int? lineId = ShopDatabase.Available ? (await ShopDatabase.PreorderLineIdsAsync(order.Id)).Single() : null;
            var lines = await SplitRowsAsync(order, product);
            Assert.That(lines, Has.Count.EqualTo(1), "one pre-order line");
            Assert.That((lines[0].Quantity, lines[0].State), Is.EqualTo(("2", "Waiting for stock")), "a waiting line of two units");
            Assert.That(await StockAsync(product.Id), Is.EqualTo(stock - 2), "nopCommerce counts the two pre-ordered units below zero");

            // one unit arrives: the merchant raises the stock by one on the product page
            await SaveStockAsync(product.Id, (stock - 1).ToString(CultureInfo.InvariantCulture));
            lines = await SplitRowsAsync(order, product);
            Assert.That(lines, Has.Count.EqualTo(2), "the line is split in two: " + string.Join(" / ", lines));
            var part = lines.SingleOrDefault(l => l.Quantity.Contains("split from", StringComparison.Ordinal));
            Assert.That(part, Is.Not.Null, "one part says where it was split from: " + string.Join(" / ", lines));
            Assert.That(part.Quantity, Does.Match(lineId is int id ? $"^1 split from line #{id}$" : @"^1 split from line #\d+$"), "the part: the arrived unit, split from the placed line");
            Assert.That(part.State, Is.EqualTo("Balance due"), "the arrived unit is allocated: its balance falls due");
            var rest = lines.Single(l => l != part);
            Assert.That((rest.Quantity, rest.State), Is.EqualTo(("1", "Waiting for stock")), "the rest keeps waiting");
            Assert.That((part.Total, rest.Total), Is.EqualTo((Money(product.Price), Money(product.Price))), "each part's total is its unit's share");
            if (lineId is int placed)
                Assert.That(await ShopDatabase.PreorderLineIdsAsync(order.Id), Has.Count.EqualTo(2).And.Contain(placed), "the rest keeps the placed line (its place in the queue)");
            await Shop.ShotAsync(_admin, "admin-60-ship-what-arrived-split");

            // the next unit: the rest is allocated too
            await SaveStockAsync(product.Id, stock.ToString(CultureInfo.InvariantCulture));
            lines = await SplitRowsAsync(order, product);
            Assert.That(lines.Select(l => l.State), Is.EqualTo(new[] { "Balance due", "Balance due" }), "both parts allocated: " + string.Join(" / ", lines));
            await Shop.ShotAsync(_admin, "admin-61-ship-what-arrived-rest");
        }
        finally
        {
            await shopper.Context.CloseAsync();
            // off again, as the store's default: later journeys and shops that run them again allocate whole lines
            await SetShipWhatArrivedAsync(false);
        }
    }

    private sealed record SplitRow(string Quantity, string State, string Total);

    /// <summary>The product's rows on the plugin's block of the admin order page: quantity cell (with any "split from"), state, line total.</summary>
    private async Task<List<SplitRow>> SplitRowsAsync(PlacedOrder order, PreorderProduct product)
    {
        await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
        var block = _admin.Locator("table", new PageLocatorOptions { Has = _admin.Locator($"a[href$='/Admin/Preorders/Campaign/{product.Id}']") }).Last;
        var headers = (await block.Locator("thead th").AllTextContentsAsync()).Select(h => Regex.Replace(h, @"\s+", " ").Trim()).ToList();
        var quantity = headers.IndexOf("Qty");
        var state = headers.IndexOf("State");
        var total = headers.IndexOf("Line total");
        Assert.That(new[] { quantity, state, total }, Has.All.GreaterThanOrEqualTo(0), "the block's columns: " + string.Join(" | ", headers));
        var rows = block.Locator("tbody tr").Filter(new LocatorFilterOptions { Has = _admin.Locator($"a[href$='/Admin/Preorders/Campaign/{product.Id}']") });
        var result = new List<SplitRow>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var cells = (await rows.Nth(i).Locator("td").AllTextContentsAsync()).Select(c => Regex.Replace(c, @"\s+", " ").Trim()).ToList();
            var stateCell = LineStates.Match(cells[state]);
            result.Add(new SplitRow(cells[quantity], stateCell.Success ? stateCell.Value : cells[state], Regex.Match(cells[total], @"[\d,]+\.\d\d").Value));
        }
        return result;
    }

    private async Task<int> StockAsync(int productId)
    {
        await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{productId}");
        await OpenInventoryAsync();
        return int.Parse(await _admin.Locator("#StockQuantity").InputValueAsync(), CultureInfo.InvariantCulture);
    }

    private async Task SetShipWhatArrivedAsync(bool on)
    {
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        await _admin.Locator("#ShipWhatArrived").SetCheckedAsync(on);
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("The settings have been saved").IgnoreCase, "Configure: " + await Shop.MessagesAsync(_admin));
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        Assert.That(await _admin.Locator("#ShipWhatArrived").IsCheckedAsync(), Is.EqualTo(on), "ship what arrived persisted");
    }

    #endregion
}
