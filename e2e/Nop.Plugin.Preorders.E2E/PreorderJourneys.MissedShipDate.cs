using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 14. A ship date is missed: the shopper is told, then refunded automatically by the store's policy

    /// <summary>Journey 14's own sample product (simple, no attributes), apart from the products of the other journeys.</summary>
    private const string MissedShipDateProductPath = "/htc-one-mini-blue";

    /// <summary>Days the store waits after the notice before it refunds a line still waiting.</summary>
    private const int RefundDays = 3;

    /// <summary>
    /// The store's policy "tell the shopper, then refund automatically" set on the configuration page; a waiting pre-order
    /// whose ship date passed. The plugin's scheduled task (run from System > Schedule tasks, as the merchant would) tells
    /// the shopper once, with the penalty-free cancel link and the refund date; once those days have passed and the stock
    /// still has not come, the next run cancels the line through the cancellation path and the ledger shows the refund.
    /// Time is the one thing a page cannot move: the past ship date (the product block refuses one, checked here) and the
    /// days after the notice are written into the database.
    /// </summary>
    [Test, Order(14)]
    public async Task J14_ShipDateMissed_ShopperIsToldOnce_ThenTheLineIsRefundedAutomatically()
    {
        if (!ShopDatabase.Available)
            Assert.Ignore("PREORDERS_E2E_DB is not set: the journey moves a ship date into the past and lets days pass in the shop's database");
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");

        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        var refundPolicy = await _admin.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('#MissedShipDateId option')].find(o => /refund automatically/i.test(o.textContent)).value");
        await _admin.SelectOptionAsync("#MissedShipDateId", refundPolicy);
        await _admin.Locator("#MissedShipDateRefundDays").FillAsync(RefundDays.ToString(CultureInfo.InvariantCulture));
        await Shop.ShotAsync(_admin, "admin-40-missed-ship-date-policy");
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("The settings have been saved").IgnoreCase, "Configure: " + await Shop.MessagesAsync(_admin));
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        Assert.That((await _admin.Locator("#MissedShipDateId").InputValueAsync(), await _admin.Locator("#MissedShipDateRefundDays").InputValueAsync()),
            Is.EqualTo((refundPolicy, RefundDays.ToString(CultureInfo.InvariantCulture))), "the policy persisted");

        var shopper = await Browser.NewPageAsync(_pageErrors);
        try
        {
            var product = await MakePreorderProductAsync(MissedShipDateProductPath, DateTime.Today.AddDays(10), "J14");

            // the merchant cannot date a ship date in the past on the product block: the database stands in for time
            await OpenProductBlockAsync();
            await _admin.Locator("#Preorder_ExpectedShipDate").FillAsync(DateTime.Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await _admin.EvaluateAsync("() => { const r = document.querySelector('#Preorder_ShipDateChangeReason'); if (r) r.value = 'Testing a past date.'; }");
            await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
            Assert.That(await Shop.BodyTextAsync(_admin), Does.Contain("The expected ship date cannot be in the past"), "the product block refuses a past ship date");

            var email = $"e2e-j14-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com";
            await RegisterAsync(shopper, email);
            var order = await PreorderAndCheckOutAsync(screens: false, shopper, product);
            var lineId = (await ShopDatabase.PreorderLineIdsAsync(order.Id)).Single();
            var deposit = Math.Round(product.Price * product.DepositPercent / 100m, 2);
            Assert.That(await LineStateAsync(order, product), Does.StartWith("Waiting for stock"), "the new pre-order waits for its stock");

            // the ship date was three days ago (written in the database: see above) and the stock has not come
            Assert.That(await ShopDatabase.MoveShipDateIntoThePastAsync(product.Id, 3), Is.GreaterThanOrEqualTo(1), "the product's lines took the past date");
            await RunPluginTaskUntilAsync(async () => (await LateEmailsAsync(email, product, order)).Count > 0, "told the shopper");
            var missed = await ShopDatabase.MissedShipDateAsync(lineId);
            Assert.That(missed, Is.Not.Null, "the task recorded the missed ship date of the waiting line");
            Assert.That(missed.Value.RefundDueOn, Is.EqualTo(missed.Value.NotifiedOn.AddDays(RefundDays)), $"the refund is due {RefundDays} days after the notice");
            Assert.That(missed.Value.Refunded, Is.False);

            var late = await LateEmailsAsync(email, product, order);
            Assert.That(late, Has.Count.EqualTo(1), "the shopper is told once that the pre-order is late");
            Assert.That(late[0], Does.Contain("/preorders/balance/").And.Contain("cancel my pre-order"), "the notice has the penalty-free cancel link: " + Shop.Clip(late[0]));
            var refundDate = missed.Value.RefundDueOn!.Value.ToString("D", CultureInfo.GetCultureInfo("en-US"));
            Assert.That(late[0], Does.Contain("we will cancel it and refund you automatically").And.Contain(refundDate), "the notice gives the refund date");

            // the notice's link opens the order's page, signed out, where the pre-order can be cancelled (not done here:
            // the journey waits for the automatic refund)
            var link = new Uri(System.Net.WebUtility.HtmlDecode(Regex.Match(late[0], "href=\"([^\"]*/preorders/balance/[^\"]+)\"").Groups[1].Value)).PathAndQuery;
            var anonymous = await Browser.NewPageAsync(_pageErrors);
            try
            {
                await Shop.GotoAsync(anonymous, link);
                Assert.That(anonymous.Url, Does.Contain($"/preorders/balance/order/{order.Id}"), "the notice's link opens the order's page");
                var cancel = anonymous.Locator("button", new PageLocatorOptions { HasTextRegex = new Regex(@"^\s*Cancel pre-order\s*$", RegexOptions.IgnoreCase) });
                Assert.That(await cancel.CountAsync(), Is.EqualTo(1), "the late pre-order can be cancelled from the notice's link");
            }
            finally
            {
                await anonymous.Context.CloseAsync();
            }

            // the next run (the same day): told once, nothing refunded before the days have passed
            await RunPluginTaskNowAsync();
            Assert.That(await LateEmailsAsync(email, product, order), Has.Count.EqualTo(1), "a second run does not tell the shopper again");
            Assert.That(await LineStateAsync(order, product), Does.StartWith("Waiting for stock"), "before the refund date the line still waits");

            // the store's days pass (the notice and its refund date moved back in the database) and the stock still has not come
            Assert.That(await ShopDatabase.AgeMissedShipDateNoticeAsync(lineId, RefundDays), Is.EqualTo(1));
            await RunPluginTaskUntilAsync(async () => (await ShopDatabase.MissedShipDateAsync(lineId))?.Refunded == true, "refunded the line");
            // the merchant sees the line cancelled, and why
            var shipDay = DateTime.UtcNow.Date.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.That(await LineStateAsync(order, product), Does.StartWith("Cancelled").And.Contain($"Refunded automatically: the expected ship date {shipDay} passed"),
                "the line is cancelled, with the reason");
            await Shop.ShotAsync(_admin, "admin-41-missed-ship-date-refunded");

            // the ledger: the deposit went back
            await Shop.GotoAsync(_admin, "/Admin/Preorders/Ledger");
            await WaitForGridAsync("#ledger-grid");
            await _admin.FillAsync("#SearchOrderId", order.Id.ToString(CultureInfo.InvariantCulture));
            await _admin.ClickAsync("#search-ledger");
            await _admin.WaitForTimeoutAsync(800);
            await WaitForGridAsync("#ledger-grid");
            var refunds = _admin.Locator("#ledger-grid tbody tr")
                .Filter(new LocatorFilterOptions { Has = _admin.Locator("td", new PageLocatorOptions { HasTextRegex = new Regex(@"^\s*Refund\s*$") }) });
            Assert.That(await refunds.CountAsync(), Is.EqualTo(1), "the ledger has one refund for the order: " + await Shop.TextAsync(_admin.Locator("#ledger-grid tbody")));
            var refund = await Shop.TextAsync(refunds.First);
            Assert.That(refund, Does.Contain(Money(deposit)).And.Contain("Succeeded"), "the refund gives back the whole deposit: " + refund);
            await Shop.ShotAsync(_admin, "admin-42-missed-ship-date-ledger");

            // the shopper: the cancellation e-mail says what was refunded; the account page shows the pre-order cancelled
            var cancelled = (await ShopDatabase.QueuedEmailsAsync(email)).Where(m => m.Subject.Contains($"Your pre-order of {product.Name} is cancelled")).ToList();
            Assert.That(cancelled, Has.Count.EqualTo(1), "one cancellation e-mail");
            Assert.That(cancelled[0].Body, Does.Contain(order.Number).And.Contain(Money(deposit) + " has been refunded to you"),
                "the cancellation e-mail names the order and the refund: " + Shop.Clip(cancelled[0].Body, 1500));
            await Shop.GotoAsync(shopper, "/customer/preorders");
            Assert.That(await Shop.TextAsync(OrderSection(shopper, order).Locator(".preorder-line-state")), Is.EqualTo("Cancelled"), "My pre-orders: the line is cancelled");
            await Shop.ShotAsync(shopper, "shop-40-missed-ship-date-refunded");
        }
        finally
        {
            await shopper.Context.CloseAsync();
            // the store's policy back to "nothing": later journeys and shops that run them again start from it
            await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
            var nothing = await _admin.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('#MissedShipDateId option')].find(o => /^\\s*Nothing\\s*$/i.test(o.textContent)).value");
            await _admin.SelectOptionAsync("#MissedShipDateId", nothing);
            await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
        }
    }

    private static readonly Regex LineStates = new(@"^(Waiting for stock|Balance due|Overdue|Ready to ship|Shipped|Cancelled|Expired)\b");

    /// <summary>The state cell of the product's line on the plugin's block of nopCommerce's order page: the state, then any close reason.</summary>
    private async Task<string> LineStateAsync(PlacedOrder order, PreorderProduct product)
    {
        await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
        var row = _admin.Locator("tbody tr", new PageLocatorOptions { HasText = product.Name })
            .Filter(new LocatorFilterOptions { Has = _admin.Locator($"a[href$='/Admin/Preorders/Campaign/{product.Id}']") });
        Assert.That(await row.CountAsync(), Is.EqualTo(1), $"admin order {order.Number}: the pre-order line of {product.Name}");
        var cells = (await row.Locator("td").AllTextContentsAsync()).Select(c => Regex.Replace(c, @"\s+", " ").Trim()).ToList();
        var state = cells.FirstOrDefault(c => LineStates.IsMatch(c));
        Assert.That(state, Is.Not.Null, $"admin order {order.Number}: no state among the line's cells: {string.Join(" | ", cells)}");
        return state;
    }

    /// <summary>
    /// System > Schedule tasks > Run now, until <paramref name="done"/> holds. nopCommerce runs a task under a lock: a
    /// "Run now" while the timer's run of the same task holds it does nothing (and still says it ran); that run then does
    /// the work. So the journey waits for the effect, and runs the task again after a while.
    /// </summary>
    private async Task RunPluginTaskUntilAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            await RunPluginTaskNowAsync();
            for (var waited = 0; waited < 30; waited += 2)
            {
                if (await done())
                    return;
                if (DateTime.UtcNow > until)
                    Assert.Fail($"the plugin's task did not {what} within 3 minutes");
                await Task.Delay(2000);
            }
            TestContext.Progress.WriteLine($"J14: the task has not {what} yet: running it again");
        }
    }

    /// <summary>Bodies of the "is late" e-mails to the shopper about the order.</summary>
    private static async Task<List<string>> LateEmailsAsync(string email, PreorderProduct product, PlacedOrder order) =>
        (await ShopDatabase.QueuedEmailsAsync(email))
            .Where(m => m.Subject.Contains($"{product.Name} is late") && m.Body.Contains(order.Number))
            .Select(m => m.Body).ToList();

    #endregion
}
