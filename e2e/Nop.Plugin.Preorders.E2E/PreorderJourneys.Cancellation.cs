using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 10. Shopper cancels with a reason; the merchant sees it on the dashboard and in the analytics

    [Test, Order(10)]
    public async Task J10_Shopper_CancelsWithAReason_MerchantSeesItOnTheDashboardAndInTheAnalytics()
    {
        RequireOrders(2);
        var order = await PreorderAndCheckOutAsync(screens: false);
        Orders.Add(order);

        await Shop.GotoAsync(_shopper, "/customer/preorders");
        var section = _shopper.Locator(".preorder-order-section", new PageLocatorOptions { HasText = "#" + order.Number });
        Assert.That(await section.CountAsync(), Is.EqualTo(1), "My pre-orders shows the new order");
        var cancel = section.Locator("button", new LocatorLocatorOptions { HasText = "Cancel pre-order" });
        Assert.That(await cancel.CountAsync(), Is.EqualTo(1), "the waiting pre-order can be cancelled");

        // no reason picked: the browser keeps the form (the list is required), nothing is cancelled
        await cancel.ClickAsync();
        await _shopper.WaitForTimeoutAsync(500);
        Assert.That(await section.Locator("button", new LocatorLocatorOptions { HasText = "Cancel pre-order" }).CountAsync(), Is.EqualTo(1), "still cancellable without a reason");

        const string comment = "Need it before the <holidays>";
        await section.Locator("select[name=reasonCode]").First.SelectOptionAsync(new SelectOptionValue { Label = "Ship date too late" });
        await section.Locator("input[name=reasonText]").First.FillAsync(comment);
        await Shop.ShotAsync(_shopper, "shop-20-cancel-with-reason");
        await _shopper.RunAndWaitForNavigationAsync(() => cancel.ClickAsync());
        await Shop.AssertPageOkAsync(_shopper, "cancelled with a reason");
        Assert.That(await Shop.BodyTextAsync(_shopper), Does.Contain("Your pre-order has been cancelled").IgnoreCase, "cancel: " + await Shop.MessagesAsync(_shopper));

        await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{_productId}");
        var cancellations = _admin.Locator(".card", new PageLocatorOptions { HasText = "Latest comments" });
        Assert.That(await cancellations.CountAsync(), Is.GreaterThanOrEqualTo(1), "the dashboard lists cancellation comments");
        var dashboard = await Shop.BodyTextAsync(_admin);
        Assert.That(dashboard, Does.Contain("Ship date too late"), "the dashboard groups cancellations by reason");
        Assert.That(dashboard, Does.Contain(comment), "the shopper's comment, shown as text");
        await Shop.ShotAsync(_admin, "admin-20-dashboard-cancellation-reasons");

        await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
        Assert.That(await Shop.BodyTextAsync(_admin), Does.Contain("Cancellation reason: Ship date too late"), "the order block names the reason");

        await Shop.GotoAsync(_admin, "/Admin/PreorderAnalytics/Analytics");
        var analytics = await Shop.BodyTextAsync(_admin);
        Assert.That(analytics, Does.Contain("Pre-order analytics"));
        Assert.That(analytics, Does.Contain(_productName), "the campaign is listed");
        Assert.That(analytics, Does.Contain("Ship date too late"), "its cancellations by reason");
        Assert.That(await _admin.Locator("#preorder-analytics-chart").CountAsync(), Is.EqualTo(1), "the monthly chart");
        await Shop.ShotAsync(_admin, "admin-21-analytics");
    }

    #endregion
}
