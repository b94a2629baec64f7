using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 20. The merchant moves a ship date with a coupon for everyone waiting and a swap offer; the buyer swaps with one click

    /// <summary>Journey 20's sample products (simple, no attributes, used by no other journey): the delayed campaign and the swap target.</summary>
    private const string DelayedProductPath = "/samsung-premium-ultrabook";

    private const string SwapTargetPath = "/hp-spectre-xt-pro-ultrabook";

    /// <summary>
    /// Its own two products and its own shopper. The shopper pre-orders the delayed product; the merchant moves its ship
    /// date on the campaign dashboard with a 10% coupon for everyone waiting and a swap to the other pre-order; the task
    /// makes the coupon (a nopCommerce discount with the buyer's own code) and then sends the delay e-mail naming it and
    /// the swap; the buyer's "My pre-orders" page shows the coupon and the swap; one click moves the pre-order; the order's
    /// page shows the new line.
    /// </summary>
    [Test, Order(20)]
    public async Task J20_Merchant_DelaysWithCouponAndSwapOffer_BuyerSeesCouponAndSwapsWithOneClick()
    {
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        var delayed = await MakePreorderProductAsync(DelayedProductPath, DateTime.Today.AddDays(30), "J20");
        var target = await MakePreorderProductAsync(SwapTargetPath, DateTime.Today.AddDays(20), "J20");
        var shopper = await Browser.NewPageAsync(_pageErrors);
        try
        {
            var email = $"e2e-j20-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com";
            await RegisterAsync(shopper, email);
            var order = await PreorderAndCheckOutAsync(screens: false, shopper, delayed);

            // the merchant moves the date, with a 10% coupon for everyone waiting and the swap offer, in the same form
            await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{delayed.Id}");
            var newDate = DateTime.Today.AddDays(75);
            await _admin.FillAsync("#preorder-ship-date", newDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await _admin.FillAsync("#preorder-ship-reason", "The panel supplier is late.");
            await _admin.SelectOptionAsync("#preorder-delay-compensation-kind", "10");
            await _admin.FillAsync("#preorder-delay-compensation-amount", "10");
            await _admin.Locator("#preorder-delay-compensation-percent").CheckAsync();
            await _admin.FillAsync("#preorder-delay-swap-product", target.Id.ToString(CultureInfo.InvariantCulture));
            await Shop.ShotAsync(_admin, "admin-60-delay-offer");
            await _admin.ClickAsync("#preorder-ship-submit");
            var result = await ActionResultAsync();
            Assert.That(result, Does.Contain("Done for").IgnoreCase, "ship date moved with the offer: " + result);

            // the task makes the coupon (then the delay e-mail names it); the buyer's page shows the coupon and the swap
            var block = shopper.Locator("#delay-offers");
            await RunPluginTaskUntilAsync(async () =>
            {
                await Shop.GotoAsync(shopper, "/customer/preorders");
                return await block.Locator(".preorder-coupon-code").CountAsync() > 0;
            }, "made the buyer's coupon");
            var code = await Shop.TextAsync(block.Locator(".preorder-coupon-code").First);
            Assert.That(code, Does.Match(@"^DELAY-[A-Z2-9]{10}$"), "the buyer's own coupon code");
            Assert.That(await Shop.TextAsync(block), Does.Contain("10% off your next order").And.Contain(delayed.Name), "the coupon on the buyer's page");
            var swapButton = block.Locator(".preorder-swap-button");
            Assert.That(await swapButton.CountAsync(), Is.EqualTo(1), "one swap offered: " + await Shop.TextAsync(block));
            Assert.That(await Shop.TextAsync(block.Locator(".preorder-delay-swap")), Does.Contain(order.Number).And.Contain(target.Name), "the swap names the order and the product");
            await Shop.ShotAsync(shopper, "shop-60-delay-coupon-and-swap");

            if (ShopDatabase.Available)
            {
                List<(string Subject, string Body)> delayMails = null;
                await RunPluginTaskUntilAsync(async () =>
                {
                    delayMails = (await ShopDatabase.QueuedEmailsAsync(email)).Where(m => m.Subject.Contains("New ship date for " + delayed.Name)).ToList();
                    return delayMails.Count > 0;
                }, "sent the delay e-mail");
                Assert.That(delayMails, Has.Count.EqualTo(1), "one delay e-mail");
                Assert.That(delayMails[0].Body, Does.Contain(code).And.Contain("swap my pre-order").And.Contain(target.Name),
                    "the delay e-mail names the coupon and the swap: " + Shop.Clip(delayMails[0].Body));
                Assert.That(await ShopDatabase.DiscountCouponCountAsync(code), Is.EqualTo(1), "one nopCommerce discount with the buyer's code");
            }

            // one click: the order's page, with the new line
            await Shop.GotoAsync(shopper, "/customer/preorders");
            await shopper.RunAndWaitForNavigationAsync(() => swapButton.ClickAsync());
            await Shop.AssertPageOkAsync(shopper, "swapped");
            Assert.That(shopper.Url, Does.Contain($"/orderdetails/{order.Id}"), "the order's page after the swap");
            Assert.That(await Shop.MessagesAsync(shopper), Does.Contain("Your pre-order was swapped").IgnoreCase);
            var items = await Shop.TextAsync(shopper.Locator(".order-details-page"));
            Assert.That(items, Does.Contain(target.Name), "the order shows the new line");
            await Shop.ShotAsync(shopper, "shop-61-swapped-order");

            // the buyer's pre-orders: the swap is done, no second offer; the new line waits for the target
            await Shop.GotoAsync(shopper, "/customer/preorders");
            Assert.That(await block.Locator(".preorder-swap-button").CountAsync(), Is.Zero, "swapped once: no offer left");
            Assert.That(await Shop.TextAsync(block.Locator(".preorder-delay-swapped")), Does.Contain(delayed.Name).And.Contain(target.Name));
            Assert.That(await Shop.TextAsync(OrderSection(shopper, order)), Does.Contain(target.Name), "the order's pre-orders list the new line");
        }
        finally
        {
            await shopper.Context.CloseAsync();
        }
    }

    #endregion
}
