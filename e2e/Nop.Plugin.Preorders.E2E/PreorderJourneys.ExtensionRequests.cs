using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 13. Shopper asks the store for more time beyond the automatic extensions; the merchant approves one, declines another

    /// <summary>
    /// Its own product (another sample product) and its own shopper: two orders whose balances fall due when stock
    /// arrives; the shopper uses the automatic extensions the store allows, then asks the store for more time on each;
    /// the store owner is e-mailed, the merchant finds both under the grid's "Extension requested" filter, approves one
    /// and declines the other with one click each, and the shopper's account page and e-mails say which.
    /// </summary>
    [Test, Order(13)]
    public async Task J13_Shopper_AsksForMoreTimeBeyondTheLimit_MerchantApprovesOneAndDeclinesTheOther()
    {
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        var maxAuto = int.Parse(await _admin.Locator("#MaxAutoExtensions").InputValueAsync(), CultureInfo.InvariantCulture);
        TestContext.Progress.WriteLine($"J13: automatic extensions the store allows: {maxAuto}");

        var product = await MakePreorderProductAsync(ExtensionProductPath, DateTime.Today.AddDays(30), "J13");
        var shopper = await Browser.NewPageAsync(_pageErrors);
        try
        {
            var email = $"e2e-j13-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com";
            await RegisterAsync(shopper, email);
            var approved = await PreorderAndCheckOutAsync(screens: false, shopper, product);
            var declined = await PreorderAndCheckOutAsync(screens: false, shopper, product);

            // the stock arrives: both balances fall due (oldest first in the queue)
            await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{product.Id}");
            await _admin.FillAsync("#preorder-stock-units", "2");
            await _admin.ClickAsync("#preorder-stock-submit");
            var stock = await ActionResultAsync();
            Assert.That(stock, Does.Contain("Done for").IgnoreCase, "stock arrived: " + stock);

            // the shopper takes the automatic extensions the store allows, then asks the store (days and a note)
            const string note = "Payday is on the <25th>";
            var asked = new Dictionary<PlacedOrder, int> { [approved] = 10, [declined] = 5 };
            foreach (var (order, days) in asked)
            {
                for (var taken = 0; taken < maxAuto; taken++)
                {
                    var alone = OrderSection(shopper, order).Locator("button", new LocatorLocatorOptions { HasTextRegex = new Regex(@"^\s*Ask for more time\s*$") });
                    await Shop.GotoAsync(shopper, "/customer/preorders");
                    Assert.That(await alone.CountAsync(), Is.EqualTo(1), $"order {order.Number}: automatic extension {taken + 1} of {maxAuto} is offered");
                    Assert.That(await OrderSection(shopper, order).Locator(".preorder-extension-request-form").CountAsync(), Is.Zero,
                        $"order {order.Number}: no request to the store while an automatic extension is left");
                    await shopper.RunAndWaitForNavigationAsync(() => alone.ClickAsync());
                    Assert.That(await Shop.BodyTextAsync(shopper), Does.Contain("Your reservation has been extended").IgnoreCase,
                        $"order {order.Number}: automatic extension: {await Shop.MessagesAsync(shopper)}");
                }

                await Shop.GotoAsync(shopper, "/customer/preorders");
                var section = OrderSection(shopper, order);
                var form = section.Locator(".preorder-extension-request-form");
                Assert.That(await form.CountAsync(), Is.EqualTo(1), $"order {order.Number}: the automatic extensions are used up, the request to the store is offered");
                Assert.That(await section.Locator("button", new LocatorLocatorOptions { HasTextRegex = new Regex(@"^\s*Ask for more time\s*$") }).CountAsync(), Is.Zero,
                    $"order {order.Number}: no automatic extension left");
                await form.Locator("input[name=days]").FillAsync(days.ToString(CultureInfo.InvariantCulture));
                await form.Locator("textarea[name=message]").FillAsync(note);
                if (order == approved)
                    await Shop.ShotAsync(shopper, "shop-30-extension-request-form");
                await shopper.RunAndWaitForNavigationAsync(() => form.Locator("button[type=submit]").ClickAsync());
                await Shop.AssertPageOkAsync(shopper, "extension requested");
                Assert.That(await Shop.BodyTextAsync(shopper), Does.Contain("Your request has been sent to the store").IgnoreCase,
                    $"order {order.Number}: request: {await Shop.MessagesAsync(shopper)}");
                await Shop.GotoAsync(shopper, "/customer/preorders");
                section = OrderSection(shopper, order);
                Assert.That(await Shop.TextAsync(section.Locator(".preorder-extension-request-state")),
                    Is.EqualTo($"Your request for {days} more day(s) is waiting for the store's answer."), $"order {order.Number}: the pending request");
                Assert.That(await section.Locator(".preorder-extension-request-form").CountAsync(), Is.Zero, $"order {order.Number}: one pending request at a time");
            }
            await Shop.ShotAsync(shopper, "shop-31-extension-requested");
            var dueBefore = new Dictionary<PlacedOrder, DateTime>();
            foreach (var order in asked.Keys)
                dueBefore[order] = LineDueDate(await Shop.TextAsync(OrderSection(shopper, order).Locator(".preorder-line-due .preorder-due")));

            // the store owner is e-mailed, with the days and the shopper's note (HTML-encoded)
            if (ShopDatabase.Available)
            {
                foreach (var (order, days) in asked)
                {
                    var mails = await ShopDatabase.QueuedEmailsWithSubjectAsync($"More time requested for order {order.Number}");
                    Assert.That(mails, Has.Count.EqualTo(1), $"order {order.Number}: one e-mail to the store owner about the request");
                    Assert.That(mails[0].To, Is.EqualTo(mails[0].AccountEmail).IgnoreCase, "the store owner's e-mail goes to the store's e-mail account");
                    Assert.That(mails[0].Body, Does.Contain($"{days} more day(s)").And.Contain("Payday is on the &lt;25th&gt;").And.Contain("Extension requested"),
                        $"order {order.Number}: the store owner's e-mail: {Shop.Clip(mails[0].Body)}");
                }
            }

            // the merchant: the grid's filter keeps the pending requests, the column says how many days
            await SearchExtensionRequestsAsync(email);
            var rows = _admin.Locator("#preorders-grid tbody tr");
            Assert.That(await rows.CountAsync(), Is.EqualTo(2), "Extension requested + the shopper's e-mail: both requests: " + await Shop.TextAsync(_admin.Locator("#preorders-grid tbody")));
            foreach (var (order, days) in asked)
                Assert.That(await Shop.TextAsync(GridRow(order)), Does.Contain($"{days} day(s)"), $"grid row of order {order.Number}: the column shows the days asked for");
            await Shop.ShotAsync(_admin, "admin-30-extension-requests");

            await GridRow(approved).Locator("input.checkboxGroups").CheckAsync();
            await _admin.ClickAsync(".btn-group button.dropdown-toggle");
            await _admin.ClickAsync("#preorder-approve-extension");
            var result = await ActionResultAsync();
            Assert.That(result, Does.Contain("Done for 1").IgnoreCase, "approve: " + result);
            await _admin.WaitForTimeoutAsync(800);
            await WaitForGridAsync("#preorders-grid");

            await GridRow(declined).Locator("input.checkboxGroups").CheckAsync();
            await _admin.ClickAsync(".btn-group button.dropdown-toggle");
            await _admin.ClickAsync("#preorder-decline-extension");
            result = await ActionResultAsync();
            Assert.That(result, Does.Contain("Done for 1").IgnoreCase, "decline: " + result);

            // decided: nothing of this shopper's is left under the filter
            await SearchExtensionRequestsAsync(email, expectRows: false);
            Assert.That(await GridRow(approved).CountAsync() + await GridRow(declined).CountAsync(), Is.Zero, "no pending request left under the filter");

            // the shopper's account page: the outcome of each, the approved due date moved by the days asked for
            await Shop.GotoAsync(shopper, "/customer/preorders");
            Assert.That(await Shop.TextAsync(OrderSection(shopper, approved).Locator(".preorder-extension-request-state")),
                Is.EqualTo("The store approved your request for 10 more day(s)."), "the approved request");
            Assert.That(await Shop.TextAsync(OrderSection(shopper, declined).Locator(".preorder-extension-request-state")),
                Is.EqualTo("The store declined your request for 5 more day(s)."), "the declined request");
            var approvedDue = LineDueDate(await Shop.TextAsync(OrderSection(shopper, approved).Locator(".preorder-line-due .preorder-due")));
            var declinedDue = LineDueDate(await Shop.TextAsync(OrderSection(shopper, declined).Locator(".preorder-line-due .preorder-due")));
            Assert.That(approvedDue, Is.EqualTo(dueBefore[approved].AddDays(10)), "approved: the balance is due 10 days later");
            Assert.That(declinedDue, Is.EqualTo(dueBefore[declined]), "declined: the due date stays");
            await Shop.ShotAsync(shopper, "shop-32-extension-request-outcomes");

            // ... and the e-mails that told them
            if (ShopDatabase.Available)
            {
                var mails = await ShopDatabase.QueuedEmailsAsync(email);
                var granted = mails.Where(m => m.Subject.Contains("More time to pay for " + product.Name)).ToList();
                Assert.That(granted.Any(m => m.Body.Contains(approved.Number) && m.Body.Contains(approvedDue.ToString("D", CultureInfo.GetCultureInfo("en-US")))),
                    Is.True, $"order {approved.Number}: the approval's e-mail gives the new due date");
                var no = mails.Where(m => m.Subject.Contains("About your request for more time")).ToList();
                Assert.That(no, Has.Count.EqualTo(1), "one e-mail about the declined request");
                Assert.That(no[0].Body, Does.Contain(declined.Number).And.Contain("5 more day(s)"), "the decline e-mail names the order and the days: " + Shop.Clip(no[0].Body));
            }
        }
        finally
        {
            await shopper.Context.CloseAsync();
        }
    }

    /// <summary>Journey 13's own sample product (simple, no attributes), apart from the products of the other journeys.</summary>
    private const string ExtensionProductPath = "/nokia-lumia-1020";

    private static ILocator OrderSection(IPage page, PlacedOrder order) =>
        page.Locator(".preorder-order-section", new PageLocatorOptions { HasTextRegex = new Regex("#" + Regex.Escape(order.Number) + @"\b") });

    private ILocator GridRow(PlacedOrder order) =>
        _admin.Locator("#preorders-grid tbody tr").Filter(new LocatorFilterOptions { Has = _admin.Locator($"a[href$='/Admin/Order/Edit/{order.Id}']") });

    /// <summary>The line's "(due date)" as the shop writes it (long date, en-US).</summary>
    private static DateTime LineDueDate(string text)
    {
        var inner = text.Trim().TrimStart('(').TrimEnd(')').Trim();
        return DateTime.ParseExact(inner, "D", CultureInfo.GetCultureInfo("en-US"));
    }

    /// <summary>Admin > Pre-orders with "Extension requested" and the shopper's e-mail.</summary>
    private async Task SearchExtensionRequestsAsync(string email, bool expectRows = true)
    {
        await Shop.GotoAsync(_admin, "/Admin/Preorders/List");
        await WaitForGridAsync("#preorders-grid");
        await _admin.FillAsync("#SearchCustomerEmail", email);
        var filter = _admin.Locator("#SearchExtensionRequested");
        if (!await filter.IsVisibleAsync())
            await _admin.Locator(".search-row").First.ClickAsync();
        await filter.CheckAsync();
        await _admin.ClickAsync("#search-preorders");
        await _admin.WaitForTimeoutAsync(800);
        if (expectRows)
            await WaitForGridAsync("#preorders-grid");
        else
            await _admin.WaitForFunctionAsync(
                "() => { const p = document.querySelector('#preorders-grid_processing'); return !p || getComputedStyle(p).display === 'none'; }");
    }

    /// <summary>
    /// Turns a sample product into a pre-order through its admin block, as journey 2 does: no stock, a cap of ten more
    /// than it sold, an open window, the ship date, a 20% deposit of its own. Returns it as shoppers order it.
    /// </summary>
    private async Task<PreorderProduct> MakePreorderProductAsync(string path, DateTime shipDate, string journey)
    {
        await Shop.GotoAsync(_shopper, path);
        var id = int.Parse(await _shopper.Locator("[data-productid]").First.GetAttributeAsync("data-productid"), CultureInfo.InvariantCulture);
        var name = await Shop.TextAsync(_shopper.Locator(".product-name h1"));
        var price = ParseMoney(await Shop.TextAsync(_shopper.Locator($"#price-value-{id}")));
        TestContext.Progress.WriteLine($"{journey}: product #{id} \"{name}\" at {price}");

        await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{id}");
        var block = await OpenProductBlockAsync();
        var sold = Regex.Match(await Shop.TextAsync(block), @"(\d+) unit\(s\) pre-ordered") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        await OpenInventoryAsync();
        // no stock yet; a negative quantity is the backorders of waiting pre-orders (a shop that ran the journeys
        // before): raising it to 0 would be a unit arriving for them
        if (int.Parse(await _admin.Locator("#StockQuantity").InputValueAsync(), CultureInfo.InvariantCulture) > 0)
            await _admin.Locator("#StockQuantity").FillAsync("0");
        var now = DateTime.Now;
        await _admin.Locator("#Preorder_Enabled").CheckAsync();
        await _admin.Locator("#Preorder_Cap").FillAsync((sold + 10).ToString(CultureInfo.InvariantCulture));
        await _admin.Locator("#Preorder_WindowStart").FillAsync(now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await _admin.Locator("#Preorder_WindowEnd").FillAsync(now.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await _admin.Locator("#Preorder_ExpectedShipDate").FillAsync(shipDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var depositMode = await _admin.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('#Preorder_PaymentModeId option')].find(o => /deposit/i.test(o.textContent)).value");
        await _admin.SelectOptionAsync("#Preorder_PaymentModeId", depositMode);
        await _admin.Locator("#Preorder_UseStoreDepositRule").UncheckAsync();
        await _admin.Locator("#Preorder_DepositRule_Percent").FillAsync("20");
        // a shop that ran the journeys before has the product's old ship date: moving it asks for the reason shoppers are told
        await _admin.EvaluateAsync("() => { const r = document.querySelector('#Preorder_ShipDateChangeReason'); if (r) r.value = 'The factory confirmed a new date.'; }");
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
        await Shop.AssertPageOkAsync(_admin, $"{journey}: product saved");
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("updated successfully").IgnoreCase, $"{journey}: product save: " + await Shop.MessagesAsync(_admin));
        await OpenProductBlockAsync();
        Assert.That(await _admin.Locator("#Preorder_Enabled").IsCheckedAsync(), Is.True, $"{journey}: the product is a pre-order");
        return new PreorderProduct(path, id, name, price, 20m);
    }

    #endregion
}
