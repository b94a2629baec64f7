using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Controllers;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Messages;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Messages;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Customers;

/// <summary>
/// Security issue #15, balance links (they pay, cancel and extend, so they are keys): the token is exchanged once for a
/// short session cookie and never put in a URL again; a link lives at most the configured days and only while its
/// order has something to do; a newer link revokes the older ones; a cancellation through a link shows the money first
/// and tells the billing address; a link is stamped as used only after every check.
/// </summary>
[TestFixture]
public class BalanceLinkSecurityTests : HostedTest
{
    private async Task<(Order Order, PreorderLine Line, Product Product)> OrderAsync()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        var order = await Host.PlaceOrderAsync(Host.Shop.AddCustomer(), (product, 1));
        return (order, LineOf(order.Id), product);
    }

    private PreorderLine LineOf(int orderId) => Host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == orderId);

    private async Task StockArrivesAsync(Product product)
    {
        product.StockQuantity += 1;
        await Host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        await Host.NotifyAllocationsAsync();
    }

    private sealed class Browser
    {
        public Dictionary<string, string> Cookies { get; } = new();
        public HttpContext Last { get; set; }
    }

    /// <summary>A controller for one request of <paramref name="browser"/> (its cookies sent, the answer's cookies kept).</summary>
    private PreorderCustomerController Request(Browser browser, bool https = false)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = https ? "https" : "http";
        if (browser.Cookies.Count > 0)
            http.Request.Headers.Cookie = string.Join("; ", browser.Cookies.Select(c => $"{c.Key}={c.Value}"));
        var controller = Host.CreateUnregistered<PreorderCustomerController>();
        controller.ControllerContext = new ControllerContext { HttpContext = http };
        browser.Last = http;
        return controller;
    }

    private static void Keep(Browser browser)
    {
        foreach (var header in browser.Last.Response.Headers.SetCookie)
        {
            var pair = header!.Split(';')[0].Split('=', 2);
            if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                browser.Cookies.Remove(pair[0]);
            else
                browser.Cookies[pair[0]] = pair[1];
        }
    }

    private static async Task<IActionResult> SendAsync(Browser browser, Func<Task<IActionResult>> request)
    {
        var result = await request();
        Keep(browser);
        return result;
    }

    private static OrderPreorderModel PageModel(IActionResult result) =>
        result is ViewResult view ? view.Model as OrderPreorderModel : throw new AssertionException($"expected a page, got {result.GetType().Name}");

    private static void AssertRedirectToTokenFreePage(IActionResult result, int orderId, string token)
    {
        Assert.That(result, Is.TypeOf<RedirectToRouteResult>());
        var redirect = (RedirectToRouteResult)result;
        Assert.That(redirect.RouteName, Is.EqualTo(PreorderDefaults.Routes.BalanceOrder));
        Assert.That(redirect.RouteValues!["orderId"], Is.EqualTo(orderId));
        Assert.That(redirect.RouteValues.Values.Select(v => v?.ToString()), Has.None.Contains(token), "the token never goes back into a URL");
        Assert.That(redirect.Permanent, Is.False, "a 302");
    }

    private static void AssertNoStore(HttpContext http)
    {
        Assert.That(http.Response.Headers["Referrer-Policy"].ToString(), Is.EqualTo("no-referrer"));
        Assert.That(http.Response.Headers.CacheControl.ToString(), Does.Contain("no-store"));
    }

    #region 1. the token is exchanged once for a session cookie

    [Test]
    public async Task The_link_is_exchanged_once_for_an_HttpOnly_order_cookie_and_a_redirect_to_a_token_free_page()
    {
        var (order, _, _) = await OrderAsync();
        var token = await Host.Resolve<BalanceLinkService>().IssueAsync(order.Id, 14);
        var browser = new Browser();

        var first = await SendAsync(browser, () => Request(browser).Balance(token));

        AssertRedirectToTokenFreePage(first, order.Id, token);
        AssertNoStore(browser.Last);
        var cookie = browser.Last.Response.Headers.SetCookie.Single()!;
        Assert.That(cookie, Does.StartWith(BalanceLinkSession.CookieName(order.Id) + "="), "the cookie is named after the order");
        Assert.That(cookie.ToLowerInvariant(), Does.Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/").And.Not.Contain("secure"));
        var expires = DateTimeOffset.Parse(cookie.Split(';').Single(p => p.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)).Trim()[8..]);
        Assert.That(expires, Is.EqualTo(new DateTimeOffset(Host.Clock.UtcNow.Add(BalanceLinkService.SessionIdleLimit))).Within(TimeSpan.FromSeconds(2)), "short-lived");

        var page = await SendAsync(browser, () => Request(browser).BalanceOrder(order.Id));
        var model = PageModel(page);
        Assert.That(model, Is.Not.Null, "the token-free page opens with the cookie");
        Assert.That((model.OrderId, model.ViaLink), Is.EqualTo((order.Id, true)));
        AssertNoStore(browser.Last);

        // over https the cookie is Secure
        var secure = new Browser();
        await SendAsync(secure, () => Request(secure, https: true).Balance(token));
        Assert.That(secure.Last.Response.Headers.SetCookie.Single()!.ToLowerInvariant(), Does.Contain("secure"));
    }

    [Test]
    public async Task Without_the_cookie_or_after_30_idle_minutes_the_page_asks_to_open_the_link_again()
    {
        var (order, _, _) = await OrderAsync();
        var (otherOrder, _, _) = await OrderAsync();
        var links = Host.Resolve<BalanceLinkService>();
        var token = await links.IssueAsync(order.Id, 14);
        var notifications = Mock.Get(Host.Resolve<INotificationService>());

        var stranger = new Browser();
        Assert.That(PageModel(await SendAsync(stranger, () => Request(stranger).BalanceOrder(order.Id))), Is.Null, "no cookie: no order");
        notifications.Verify(n => n.ErrorNotification(Texts.En(R.LinkSessionEnded), It.IsAny<bool>()), Times.Once());

        var browser = new Browser();
        await SendAsync(browser, () => Request(browser).Balance(token));
        // the cookie of one order opens no other order, even under the other order's name
        var forged = new Browser();
        forged.Cookies[BalanceLinkSession.CookieName(otherOrder.Id)] = token;
        Assert.That(PageModel(await SendAsync(forged, () => Request(forged).BalanceOrder(otherOrder.Id))), Is.Null);

        var start = Host.Clock.Now;
        Host.Clock.Now = start.AddMinutes(29);
        Assert.That(PageModel(await SendAsync(browser, () => Request(browser).BalanceOrder(order.Id))), Is.Not.Null, "within the idle limit");
        Host.Clock.Now = start.AddMinutes(29 + 29);
        Assert.That(PageModel(await SendAsync(browser, () => Request(browser).BalanceOrder(order.Id))), Is.Not.Null, "sliding: each use counts");
        Host.Clock.Now = start.AddMinutes(29 + 29 + 31);
        Assert.That(PageModel(await SendAsync(browser, () => Request(browser).BalanceOrder(order.Id))), Is.Null, "31 idle minutes: ended on the server");
        Assert.That(browser.Cookies, Is.Empty, "and the cookie is dropped");

        // a fresh exchange works again, and revoking the link ends its session at once
        await SendAsync(browser, () => Request(browser).Balance(token));
        Assert.That(PageModel(await SendAsync(browser, () => Request(browser).BalanceOrder(order.Id))), Is.Not.Null);
        await links.RevokeAllAsync(order.Id);
        Assert.That(PageModel(await SendAsync(browser, () => Request(browser).BalanceOrder(order.Id))), Is.Null, "revoked: the session ends");
    }

    [Test]
    public async Task Actions_through_the_link_use_the_session_and_redirect_to_the_token_free_page()
    {
        var (order, line, product) = await OrderAsync();
        await StockArrivesAsync(product);
        Assert.That(LineOf(order.Id).State, Is.EqualTo(PreorderLineState.BalanceDue));
        var token = await Host.Resolve<BalanceLinkService>().IssueAsync(order.Id, 14);

        var stranger = new Browser();
        AssertRedirectToTokenFreePage(await SendAsync(stranger, () => Request(stranger).Extend(order.Id, line.Id, link: true)), order.Id, token);
        Assert.That(LineOf(order.Id).ExtensionCount, Is.EqualTo(0), "no session: nothing done");

        var browser = new Browser();
        await SendAsync(browser, () => Request(browser).Balance(token));
        var extended = await SendAsync(browser, () => Request(browser).Extend(order.Id, line.Id, link: true));
        AssertRedirectToTokenFreePage(extended, order.Id, token);
        AssertNoStore(browser.Last);
        Assert.That(LineOf(order.Id).ExtensionCount, Is.EqualTo(1), "the session's link did it");
        Assert.That(PageModel(await SendAsync(browser, () => Request(browser).BalanceOrder(order.Id))), Is.Not.Null);
    }

    [Test]
    public void No_storefront_view_puts_a_token_in_a_form_or_a_link()
    {
        var folder = Path.Combine(Nop.Plugin.Preorders.Tests.Views.ViewCompilationTests.PluginDirectory(), "Views", "Public");
        foreach (var file in Directory.GetFiles(folder, "*.cshtml"))
            Assert.That(File.ReadAllText(file), Does.Not.Contain("Token").And.Not.Contain("name=\"token\""), Path.GetFileName(file));
        Assert.That(File.ReadAllText(Path.Combine(folder, "_PreorderActions.cshtml")), Does.Contain("name=\"link\""));
    }

    #endregion

    #region 2. how long a link lives

    [Test]
    public async Task A_link_works_only_while_its_order_has_something_to_do_and_then_is_not_stamped()
    {
        var links = Host.Resolve<BalanceLinkService>();

        // cancelled: nothing to pay, nothing to change
        var (cancelled, cancelledLine, _) = await OrderAsync();
        var cancelledToken = await links.IssueAsync(cancelled.Id, 14);
        Assert.That((await links.CheckAsync(cancelledToken)).IsValid, Is.True);
        await Host.Resolve<Services.Orders.PreorderOrderService>().CancelLineAsync(cancelledLine.Id, "test", 0);
        var check = await links.CheckAsync(cancelledToken, cancelled.Id);
        Assert.That(check.ErrorResourceKey, Is.EqualTo(R.LinkNothingToDo));

        // paid in full after the stock arrived: nothing to pay, nothing to change
        var (paid, _, product) = await OrderAsync();
        await StockArrivesAsync(product);
        var paidToken = await links.IssueAsync(paid.Id, 14);
        Assert.That((await links.CheckAsync(paidToken, paid.Id)).IsValid, Is.True, "balance due");
        var stampedWhileDue = Host.Scope.Repository<PreorderBalanceToken>().Table.Single(t => t.OrderId == paid.Id).LastUsedOnUtc;
        var owed = (await Host.Resolve<PreorderLedgerService>().GetBalanceAsync(paid.Id))!.Owed;
        await Host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(paid.Id, owed, "BANK", 1, LedgerEntryKind.Balance);
        Assert.That(LineOf(paid.Id).State, Is.EqualTo(PreorderLineState.PaidInFull));
        Host.Clock.Now = Host.Clock.Now.AddMinutes(5);
        Assert.That((await links.CheckAsync(paidToken, paid.Id)).ErrorResourceKey, Is.EqualTo(R.LinkNothingToDo));
        Assert.That(Host.Scope.Repository<PreorderBalanceToken>().Table.Single(t => t.OrderId == paid.Id).LastUsedOnUtc, Is.EqualTo(stampedWhileDue),
            "a refused link is not stamped");

        // the link's page GET refuses it too (the shopper is told to sign in)
        var browser = new Browser();
        Assert.That(PageModel(await SendAsync(browser, () => Request(browser).Balance(paidToken))), Is.Null);
        Assert.That(browser.Cookies, Is.Empty, "no session for a link with nothing to do");
    }

    [Test]
    public void The_rule_of_something_to_do_follows_the_self_service_rules()
    {
        Assert.That(SelfServiceRules.HasSomethingToDo(0.01m, new[] { PreorderLineState.PaidInFull }), Is.True, "owes money");
        Assert.That(SelfServiceRules.HasSomethingToDo(0m, new[] { PreorderLineState.Waiting }), Is.True, "cancellable");
        Assert.That(SelfServiceRules.HasSomethingToDo(0m, new[] { PreorderLineState.Overdue }), Is.True, "extendable");
        Assert.That(SelfServiceRules.HasSomethingToDo(0m, new[] { PreorderLineState.Ready, PreorderLineState.PaidInFull, PreorderLineState.Shipped, PreorderLineState.Cancelled, PreorderLineState.Expired }), Is.False);
    }

    [Test]
    public async Task A_link_lasts_at_most_the_configured_days_at_most_90()
    {
        Assert.That(new PreorderSettings().BalanceLinkValidDays, Is.EqualTo(30), "default");
        var (order, _, product) = await OrderAsync();
        var links = Host.Resolve<BalanceLinkService>();
        var now = Host.Clock.UtcNow;
        await links.IssueAsync(order.Id, 365);
        Assert.That(Host.Scope.Repository<PreorderBalanceToken>().Table.Single(t => t.OrderId == order.Id).ExpiresOnUtc, Is.EqualTo(now.AddDays(BalanceLinkService.MaxValidDays)));
        Assert.That(BalanceLinkService.MaxValidDays, Is.EqualTo(90));
    }

    #endregion

    #region 3. cancelling through a link

    [Test]
    public async Task Cancelling_through_the_link_shows_what_happens_to_the_money_and_cancels_only_when_confirmed()
    {
        // stock arrived: by the default policy (refundable until stock arrives) the deposit is kept
        var (order, line, product) = await OrderAsync();
        await Host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, line.DepositAmount, "DEP", 1, LedgerEntryKind.Deposit);
        await StockArrivesAsync(product);
        var token = await Host.Resolve<BalanceLinkService>().IssueAsync(order.Id, 14);
        var browser = new Browser();
        await SendAsync(browser, () => Request(browser).Balance(token));

        var preview = PageModel(await SendAsync(browser, () => Request(browser).Cancel(order.Id, line.Id, (int)CancellationReason.ShipDateTooLate, "  September is too late ", link: true)));
        AssertNoStore(browser.Last);
        Assert.That(preview.CancelPreview, Is.Not.Null, "the first POST shows what happens");
        Assert.That(preview.CancelPreview.LineId, Is.EqualTo(line.Id));
        Assert.That(preview.CancelPreview.KeptText, Is.Not.Null.And.Contain(line.DepositAmount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(preview.CancelPreview.RefundText, Is.Null, "nothing above the deposit was paid");
        Assert.That((preview.CancelPreview.Reason.SelectedReasonId, preview.CancelPreview.Reason.Text), Is.EqualTo(((int)CancellationReason.ShipDateTooLate, "September is too late")),
            "the confirmation form keeps the reason picked");
        Assert.That(LineOf(order.Id).State, Is.EqualTo(PreorderLineState.BalanceDue), "nothing cancelled yet");

        var done = await SendAsync(browser, () => Request(browser).Cancel(order.Id, line.Id, (int)CancellationReason.ShipDateTooLate, "September is too late", link: true, confirmed: true));
        AssertRedirectToTokenFreePage(done, order.Id, token);
        Assert.That(LineOf(order.Id).State, Is.EqualTo(PreorderLineState.Cancelled));
        Assert.That((LineOf(order.Id).CancelReason, LineOf(order.Id).CancelReasonText), Is.EqualTo((CancellationReason.ShipDateTooLate, "September is too late")));
        var cancelledEvent = Host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.LineCancelled);
        Assert.That(cancelledEvent.ThroughBalanceLink, Is.True);
        Assert.That(Host.Scope.Repository<PreorderLedgerEntry>().Table.Any(e => e.OrderId == order.Id && e.KindId == (int)LedgerEntryKind.Forfeit && e.Amount == line.DepositAmount), Is.True,
            "what the preview said is what happened");

        // the session's page still shows the order it has just cancelled
        Assert.That(PageModel(await SendAsync(browser, () => Request(browser).BalanceOrder(order.Id))), Is.Not.Null);
    }

    [TestCase(0, null, R.CancelReasonRequired)]
    [TestCase(999, null, R.CancelReasonUnknown)]
    [TestCase((int)CancellationReason.SuspectedFraud, null, R.CancelReasonUnknown)]
    [TestCase((int)CancellationReason.Other, 501, R.CancelReasonTooLong)]
    public async Task A_refused_reason_on_the_link_is_said_and_cancels_nothing(int reasonCode, int? textLength, string expectedKey)
    {
        var (order, line, _) = await OrderAsync();
        var token = await Host.Resolve<BalanceLinkService>().IssueAsync(order.Id, 14);
        var notifications = Mock.Get(Host.Resolve<INotificationService>());
        var browser = new Browser();
        await SendAsync(browser, () => Request(browser).Balance(token));
        var text = textLength is int length ? new string('x', length) : null;

        var preview = await SendAsync(browser, () => Request(browser).Cancel(order.Id, line.Id, reasonCode, text, link: true));
        AssertRedirectToTokenFreePage(preview, order.Id, token);
        var confirmed = await SendAsync(browser, () => Request(browser).Cancel(order.Id, line.Id, reasonCode, text, link: true, confirmed: true));
        AssertRedirectToTokenFreePage(confirmed, order.Id, token);

        notifications.Verify(n => n.ErrorNotification(It.Is<string>(m => m.StartsWith(Texts.Prefix(expectedKey))), It.IsAny<bool>()), Times.Exactly(2));
        var after = LineOf(order.Id);
        Assert.That((after.State, after.Version, after.CancelReason), Is.EqualTo((PreorderLineState.Waiting, line.Version, CancellationReason.NotGiven)), "nothing changed");
        Assert.That(Host.Publisher.Of<PreorderEvent>().Any(e => e.Kind == PreorderEventKind.LineCancelled), Is.False);
    }

    [Test]
    public async Task A_waiting_line_cancelled_through_the_link_previews_the_refund()
    {
        var (order, line, _) = await OrderAsync();
        await Host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, line.DepositAmount, "DEP", 1, LedgerEntryKind.Deposit);
        var token = await Host.Resolve<BalanceLinkService>().IssueAsync(order.Id, 14);
        var preview = await Host.Resolve<PreorderSelfService>().PreviewCancelAsync(null, order.Id, line.Id, token);
        Assert.That((preview.Terms, preview.Refund, preview.Kept), Is.EqualTo((CancellationTerms.Refundable, line.DepositAmount, 0m)));
        Assert.That(LineOf(order.Id).State, Is.EqualTo(PreorderLineState.Waiting));
    }

    #endregion
}

/// <summary>The e-mails of balance links: a newer link revokes the older ones once sent; a cancellation through a link is told to the billing address.</summary>
[TestFixture]
public class BalanceLinkMessageTests : MessageTest
{
    private static string TokenOf(string link) =>
        Uri.UnescapeDataString(link[("http://shop.test/" + BalanceLinkService.BalancePathPrefix).Length..]);

    [Test]
    public async Task Each_sent_link_revokes_the_older_ones_and_store_owner_messages_carry_none()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var links = host.Resolve<BalanceLinkService>();
        var older = await links.IssueAsync(order.Id, 14);

        product.StockQuantity += 1;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        await host.NotifyAllocationsAsync();
        var stockToken = TokenOf(Kit.Single(K.StockArrived)[Tk.BalanceLink]);
        Assert.That((await links.CheckAsync(stockToken)).IsValid, Is.True);
        Assert.That((await links.CheckAsync(older)).ErrorResourceKey, Is.EqualTo(R.LinkInvalid), "the link sent before stops working once a new one is sent");

        // the task's expiring notice goes to the shopper and the store owner: one link, the shopper's
        host.Clock.Now = host.Clock.UtcNow.AddDays(host.Settings.BalanceDueDays).AddHours(1);
        await host.Resolve<Services.Tasks.PreorderAutomationService>().RunAsync();
        var expiring = Kit.Single(K.ReservationExpiring);
        Assert.That(Kit.Single(K.StoreBalanceOverdue).Tokens.GetValueOrDefault(Tk.BalanceLink)?.ToString() ?? string.Empty, Is.Empty, "no shopper's key in the owner's mail");
        var live = host.Scope.Repository<PreorderBalanceToken>().Table.Where(t => t.OrderId == order.Id && t.RevokedOnUtc == null).ToList();
        Assert.That(live.Select(t => t.TokenHash), Is.EqualTo(new[] { BalanceTokenCodec.Hash(TokenOf(expiring[Tk.BalanceLink])) }), "one working link: the latest sent");
    }

    [Test]
    public async Task A_message_link_lasts_the_configured_days_even_when_the_due_date_is_later()
    {
        using var host = Kit.NewHost(Database);
        host.Settings.BalanceLinkValidDays = 5;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        product.StockQuantity += 1;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        await host.NotifyAllocationsAsync();
        var token = TokenOf(Kit.Single(K.StockArrived)[Tk.BalanceLink]);
        var stored = host.Scope.Repository<PreorderBalanceToken>().Table.Single(t => t.TokenHash == BalanceTokenCodec.Hash(token));
        Assert.That(stored.ExpiresOnUtc, Is.EqualTo(host.Clock.UtcNow.AddDays(5)), "at most the setting, not the due date plus grace");
    }

    [Test]
    public async Task A_cancellation_through_the_link_is_emailed_to_the_billing_address_and_one_by_the_owner_is_the_plain_one()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var viaLink = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var signedIn = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var self = host.Resolve<PreorderSelfService>();
        var token = await host.Resolve<BalanceLinkService>().IssueAsync(viaLink.Id, 14);
        var lines = host.Scope.Repository<PreorderLine>().Table;

        await self.CancelAsync(null, viaLink.Id, lines.Single(l => l.OrderId == viaLink.Id).Id, token, (int)CancellationReason.NoLongerNeeded, null);
        var message = Kit.Single(K.CancelledThroughLink);
        Assert.That(message.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail), "the order's billing e-mail address");
        Assert.That(message.Template, Is.EqualTo(PreorderDefaults.Templates.CancelledThroughLink));
        Assert.That(message["Order.OrderNumber"], Is.EqualTo(viaLink.CustomOrderNumber));
        Assert.That(message[Tk.Product], Is.EqualTo("Moon Lamp"));
        Assert.That(Kit.Of(K.Cancelled), Is.Empty, "in place of the plain cancellation message");

        var owner = host.Shop.Customers[signedIn.CustomerId];
        await self.CancelAsync(owner, signedIn.Id, lines.Single(l => l.OrderId == signedIn.Id).Id, null, (int)CancellationReason.NoLongerNeeded, null);
        Assert.That(Kit.Single(K.Cancelled)["Order.OrderNumber"], Is.EqualTo(signedIn.CustomOrderNumber));
        Assert.That(Kit.Of(K.CancelledThroughLink).Count(), Is.EqualTo(1));
    }
}
