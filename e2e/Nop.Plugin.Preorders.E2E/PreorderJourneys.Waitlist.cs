using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 19. Waitlist before the window opens: join (signed in, and a guest with double opt-in), launch e-mails, first access

    /// <summary>Journey 19's own sample product (simple, no attributes, used by no other journey).</summary>
    private const string WaitlistProductPath = "/apple-icam";

    /// <summary>
    /// The merchant dates the window two days ahead with 24 hours of first access for the waitlist. The product page says
    /// "coming soon" with the opening date and a Notify me button: a signed-in shopper joins with one click, a guest gives
    /// an address and confirms it through the link of the e-mail the task queued (read from the shop's "QueuedEmail").
    /// The window is then moved to open (on the product block, as the merchant would), the task records the launch e-mails
    /// of both confirmed members, a shopper who is not on the list is refused in the cart, the waitlisted shopper
    /// pre-orders, and the product block shows the count.
    /// </summary>
    [Test, Order(19)]
    public async Task J19_Waitlist_ShoppersJoinBeforeTheWindowOpens_AreEmailedAtLaunch_AndHaveFirstAccess()
    {
        if (!ShopDatabase.Available)
            Assert.Ignore("PREORDERS_E2E_DB is not set: the guest's confirmation link is read from the shop's QueuedEmail table");
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        var product = await MakePreorderProductAsync(WaitlistProductPath, DateTime.Today.AddDays(40), "J19");

        // the merchant: the window opens in two days, with 24 hours of first access for the waitlist
        await SetWaitlistWindowStartAsync(product, DateTime.Now.AddDays(2));
        var panel = _admin.Locator(".preorder-waitlist-admin");
        Assert.That(await panel.CountAsync(), Is.EqualTo(1), "the product block has the waitlist panel");
        await panel.Locator(".preorder-waitlist-hours").FillAsync("24");
        await panel.Locator(".preorder-waitlist-save").ClickAsync();
        await _admin.WaitForFunctionAsync("() => (document.querySelector('.preorder-waitlist-saved') || {}).textContent.trim().length > 0");
        Assert.That(await Shop.TextAsync(panel.Locator(".preorder-waitlist-saved")), Does.Contain("Done").IgnoreCase, "first access saved");

        var member = await Browser.NewPageAsync(_pageErrors);
        var guest = await Browser.NewPageAsync(_pageErrors);
        var outsider = await Browser.NewPageAsync(_pageErrors);
        try
        {
            var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var memberEmail = $"e2e-j19-member-{stamp}@example.com";
            var guestEmail = $"e2e-j19-guest-{stamp}@example.com";
            await RegisterAsync(member, memberEmail);

            // coming soon: the opening date and Notify me; the signed-in shopper joins with one click (twice: no change)
            await Shop.GotoAsync(member, product.Path);
            Assert.That(await Shop.TextAsync(member.Locator(".preorder-waitlist-opens")), Does.StartWith("Coming soon: pre-orders open on"), "the opening date is shown");
            await Shop.ShotAsync(member, "shop-60-waitlist-coming-soon");
            await member.RunAndWaitForNavigationAsync(() => member.ClickAsync(".preorder-waitlist-join"));
            Assert.That(await Shop.BodyTextAsync(member), Does.Contain("You are on the waitlist").IgnoreCase, "member joined: " + await Shop.MessagesAsync(member));
            Assert.That(await member.Locator(".preorder-waitlist-leave").CountAsync(), Is.EqualTo(1), "the member may leave");

            // the guest gives an address; the confirmation e-mail comes from the task
            await Shop.GotoAsync(guest, product.Path);
            await guest.FillAsync(".preorder-waitlist-email", guestEmail);
            await guest.RunAndWaitForNavigationAsync(() => guest.ClickAsync(".preorder-waitlist-join"));
            Assert.That(await Shop.BodyTextAsync(guest), Does.Contain("please confirm your address").IgnoreCase, "guest joined: " + await Shop.MessagesAsync(guest));
            await Shop.GotoAsync(guest, product.Path);
            await guest.FillAsync(".preorder-waitlist-email", guestEmail.ToUpperInvariant());
            await guest.RunAndWaitForNavigationAsync(() => guest.ClickAsync(".preorder-waitlist-join"));
            Assert.That(await Shop.BodyTextAsync(guest), Does.Contain("already on the waitlist").IgnoreCase, "joining twice changes nothing");

            await RunPluginTaskUntilAsync(async () => (await ConfirmLinksAsync(guestEmail)).Count > 0, "e-mailed the guest's confirmation");
            var links = await ConfirmLinksAsync(guestEmail);
            Assert.That(links, Has.Count.EqualTo(1), "one confirmation e-mail");
            await Shop.GotoAsync(guest, new Uri(links[0]).PathAndQuery);
            Assert.That(await Shop.BodyTextAsync(guest), Does.Contain("your address is confirmed").IgnoreCase, "guest confirmed: " + await Shop.MessagesAsync(guest));

            await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{product.Id}");
            await OpenProductBlockAsync();
            Assert.That(await Shop.TextAsync(_admin.Locator(".preorder-waitlist-count")), Is.EqualTo("2 confirmed, 0 awaiting confirmation"), "the block counts the members");

            // the window opens (moved on the product block): the task e-mails both members once
            await SetWaitlistWindowStartAsync(product, DateTime.Now.AddHours(-1));
            await RunPluginTaskUntilAsync(async () => (await LaunchMailsAsync(memberEmail, product)).Count > 0 && (await LaunchMailsAsync(guestEmail, product)).Count > 0,
                "e-mailed the launch to the waitlist");
            Assert.That((await LaunchMailsAsync(memberEmail, product)).Single(), Does.Contain("before everyone else"), "the launch e-mail tells of first access");
            Assert.That(await LaunchMailsAsync(guestEmail, product), Has.Count.EqualTo(1));

            // first access: a shopper not on the list is refused in the cart; the member pre-orders
            await Shop.GotoAsync(outsider, product.Path);
            await outsider.ClickAsync($"#add-to-cart-button-{product.Id}");
            var bar = outsider.Locator("#bar-notification .content");
            await bar.WaitForAsync();
            Assert.That(await Shop.TextAsync(bar), Does.Contain("open to its waitlist first").IgnoreCase, "not on the list: refused with the plugin's text");

            var order = await PreorderAndCheckOutAsync(screens: false, member, product);
            TestContext.Progress.WriteLine($"J19: the waitlisted shopper pre-ordered: order {order.Number}");

            await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{product.Id}");
            await OpenProductBlockAsync();
            Assert.That(await Shop.TextAsync(_admin.Locator(".preorder-waitlist-count")), Is.EqualTo("2 confirmed, 0 awaiting confirmation"));
            await Shop.ShotAsync(_admin, "admin-60-waitlist-panel");
        }
        finally
        {
            await member.Context.CloseAsync();
            await guest.Context.CloseAsync();
            await outsider.Context.CloseAsync();
        }
    }

    /// <summary>The product block's window start (the store's local time, as the merchant types it), saved with the product.</summary>
    private async Task SetWaitlistWindowStartAsync(PreorderProduct product, DateTime localStart)
    {
        await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{product.Id}");
        await OpenProductBlockAsync();
        await _admin.Locator("#Preorder_WindowStart").FillAsync(localStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("updated successfully").IgnoreCase, "J19: window start saved: " + await Shop.MessagesAsync(_admin));
        await OpenProductBlockAsync();
    }

    /// <summary>The confirm links of the waitlist e-mails queued to <paramref name="email"/>.</summary>
    private static async Task<List<string>> ConfirmLinksAsync(string email) =>
        (await ShopDatabase.QueuedEmailsAsync(email))
            .SelectMany(m => Regex.Matches(m.Body, "href=\"([^\"]*/preorders/waitlist/confirm/[^\"]+)\"").Select(x => System.Net.WebUtility.HtmlDecode(x.Groups[1].Value)))
            .Distinct().ToList();

    private static async Task<List<string>> LaunchMailsAsync(string email, PreorderProduct product) =>
        (await ShopDatabase.QueuedEmailsAsync(email)).Where(m => m.Subject.Contains($"Pre-orders of {product.Name} are open")).Select(m => m.Body).ToList();

    #endregion
}
