using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 22. Merchant posts campaign updates; the product page shows them, buyers are e-mailed, an opted-out buyer is not

    /// <summary>
    /// Its own product and shopper: the shopper pre-orders; the merchant posts "In production" with a text on the campaign
    /// dashboard; the product page shows the latest stage and the timeline; the plugin's task records the buyer's e-mail
    /// (read from the shop's "QueuedEmail"); the shopper turns campaign e-mails off in their account; the merchant posts
    /// "Shipped from the factory", the task reaches every buyer, and no e-mail of it is queued for the shopper.
    /// </summary>
    [Test, Order(22)]
    public async Task J22_Merchant_PostsCampaignUpdates_PageShowsThem_BuyerEmailedUntilOptingOut()
    {
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        var product = await MakePreorderProductAsync(CampaignUpdatesProductPath, DateTime.Today.AddDays(50), "J22");
        var shopper = await Browser.NewPageAsync(_pageErrors);
        try
        {
            var email = $"e2e-j22-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com";
            await RegisterAsync(shopper, email);
            var order = await PreorderAndCheckOutAsync(screens: false, shopper, product);
            TestContext.Progress.WriteLine($"J22: order #{order.Number}");

            // the merchant posts the first stage with a text (HTML in it is shown as text)
            var firstText = $"Tooling done, first batch <in production> ({DateTime.UtcNow:HHmmss}).";
            await PostCampaignUpdateAsync(product.Id, "In production", firstText);

            // the product page: the latest stage and the timeline with the text
            await Shop.GotoAsync(shopper, product.Path);
            Assert.That(await Shop.TextAsync(shopper.Locator(".preorder-campaign-stage")), Does.Contain("In production"), "the latest stage on the product page");
            var timeline = shopper.Locator(".preorder-campaign-timeline .preorder-campaign-update");
            Assert.That(await Shop.TextAsync(timeline.Filter(new LocatorFilterOptions { HasText = firstText })), Does.Contain("In production"), "the timeline has the update");
            await Shop.ShotAsync(shopper, "shop-50-campaign-timeline");
            await Accessibility.CheckAsync(shopper, "product page with a campaign timeline");

            // the task records the buyer's e-mail
            var firstSubject = $"Pre-order news, {product.Name}: In production";
            if (ShopDatabase.Available)
            {
                var mails = await CampaignMailsAfterTaskAsync(email, firstSubject, expectOne: true);
                Assert.That(mails, Has.Count.EqualTo(1), "one e-mail of the update to the buyer");
                Assert.That(mails[0].Body, Does.Contain("Tooling done, first batch &lt;in production&gt;").And.Contain(order.Number),
                    "the e-mail has the text (encoded) and the order: " + Shop.Clip(mails[0].Body));
            }
            else
                await RunPluginTaskNowAsync();
            await WaitForCampaignUpdateEmailsDoneAsync(product.Id, firstText);

            // the buyer turns campaign update e-mails off in their account
            await Shop.GotoAsync(shopper, "/customer/preorders");
            var receive = shopper.Locator("#preorder-receive-campaign-updates");
            Assert.That(await receive.IsCheckedAsync(), Is.True, "campaign e-mails are on by default");
            await receive.UncheckAsync();
            await shopper.RunAndWaitForNavigationAsync(() => shopper.Locator(".preorder-campaign-optout button[type=submit]").ClickAsync());
            await Shop.AssertPageOkAsync(shopper, "campaign e-mails opt-out");
            Assert.That(await Shop.BodyTextAsync(shopper), Does.Contain("Your choice is saved"), "opt-out saved: " + await Shop.MessagesAsync(shopper));
            Assert.That(await shopper.Locator("#preorder-receive-campaign-updates").IsCheckedAsync(), Is.False, "the account shows the choice");

            // the next update: the task reaches every buyer, and none of its e-mails is for this shopper
            var secondText = $"Left the factory on the first truck ({DateTime.UtcNow:HHmmss}).";
            await PostCampaignUpdateAsync(product.Id, "Shipped from the factory", secondText);
            await RunPluginTaskNowAsync();
            await WaitForCampaignUpdateEmailsDoneAsync(product.Id, secondText);
            await Shop.GotoAsync(shopper, product.Path);
            Assert.That(await Shop.TextAsync(shopper.Locator(".preorder-campaign-stage")), Does.Contain("Shipped from the factory"), "the latest stage moved on");
            Assert.That(await shopper.Locator(".preorder-campaign-timeline .preorder-campaign-update").CountAsync(), Is.GreaterThanOrEqualTo(2), "both updates in the timeline");
            if (ShopDatabase.Available)
            {
                var mails = await ShopDatabase.QueuedEmailsAsync(email);
                Assert.That(mails.Count(m => m.Subject.Contains("Pre-order news", StringComparison.Ordinal) && m.Subject.Contains("Shipped from the factory", StringComparison.Ordinal)),
                    Is.Zero, "the opted-out buyer gets no e-mail of the next update");
                Assert.That(mails.Count(m => m.Subject == firstSubject || m.Subject.EndsWith(firstSubject, StringComparison.Ordinal)), Is.EqualTo(1), "the first update's e-mail stays the only one");
            }
        }
        finally
        {
            await shopper.Context.CloseAsync();
        }
    }

    /// <summary>Journey 22's own sample product (simple, no attributes, shipped), apart from the products of the other journeys.</summary>
    private const string CampaignUpdatesProductPath = "/fahrenheit-451-by-ray-bradbury";

    /// <summary>The campaign dashboard's "Campaign updates" panel: picks the stage by its name, writes the text, posts, and sees it listed.</summary>
    private async Task PostCampaignUpdateAsync(int productId, string stage, string text)
    {
        await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{productId}");
        await _admin.SelectOptionAsync("#preorder-campaign-stage", new SelectOptionValue { Label = stage });
        await _admin.FillAsync("#preorder-campaign-text", text);
        await _admin.ClickAsync("#preorder-campaign-post");
        var result = await ActionResultAsync();
        Assert.That(result, Does.Contain("Done for 1").IgnoreCase, $"post \"{stage}\": {result}");
        await _admin.WaitForTimeoutAsync(2_000);
        await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{productId}");
        var row = _admin.Locator("#preorder-campaign-updates tbody tr", new PageLocatorOptions { HasText = text });
        Assert.That(await row.CountAsync(), Is.EqualTo(1), $"the panel lists the update \"{stage}\"");
        Assert.That(await Shop.TextAsync(row), Does.Contain(stage));
    }

    /// <summary>Runs the task until the buyer's e-mail of the update is queued (Run now does nothing while the timer's run holds the lock).</summary>
    private async Task<List<(string Subject, string Body)>> CampaignMailsAfterTaskAsync(string email, string subject, bool expectOne)
    {
        var mails = new List<(string Subject, string Body)>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await RunPluginTaskNowAsync();
            mails = (await ShopDatabase.QueuedEmailsAsync(email)).Where(m => m.Subject.Contains(subject, StringComparison.Ordinal)).ToList();
            if (!expectOne || mails.Count > 0)
                break;
            await _admin.WaitForTimeoutAsync(5_000);
        }
        return mails;
    }

    /// <summary>The panel's e-mails column of the update says every buyer was reached ("n recorded", not waiting or in progress).</summary>
    private async Task WaitForCampaignUpdateEmailsDoneAsync(int productId, string text)
    {
        var said = string.Empty;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{productId}");
            said = await Shop.TextAsync(_admin.Locator("#preorder-campaign-updates tbody tr", new PageLocatorOptions { HasText = text }).Locator("td").Nth(3));
            if (System.Text.RegularExpressions.Regex.IsMatch(said, @"^\d+ recorded$"))
                return;
            await RunPluginTaskNowAsync();
            await _admin.WaitForTimeoutAsync(5_000);
        }
        Assert.Fail($"the task did not reach every buyer of the update: \"{said}\"");
    }

    #endregion
}
