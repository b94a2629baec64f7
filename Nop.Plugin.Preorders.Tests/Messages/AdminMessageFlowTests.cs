using System.Net;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>
/// The two messages store staff trigger from the admin pages, from the real admin action to the queued e-mail:
/// "e-mail all buyers" (the merchant's text, HTML-encoded) and "resend the balance link" (a new working link,
/// the old ones dead), each sent once per request, retried after a failure without leaving extra links behind.
/// </summary>
[TestFixture]
public class AdminMessageFlowTests : MessageTest
{
    private const string WebhookUrl = "https://crm.example.test/hooks";
    private const string LinkPrefix = "http://shop.test/" + BalanceLinkService.BalancePathPrefix;


    private static List<PreorderMessageLog> Log(PreorderTestHost host, PreorderMessageKind kind) =>
        host.Scope.Repository<PreorderMessageLog>().Table.Where(m => m.TemplateName == kind.TemplateName).OrderBy(m => m.Id).ToList();

    private static List<PreorderBalanceToken> Links(PreorderTestHost host, int orderId) =>
        host.Scope.Repository<PreorderBalanceToken>().Table.Where(t => t.OrderId == orderId).OrderBy(t => t.Id).ToList();

    private static List<PreorderWebhookPayload> Webhooks(PreorderTestHost host, PreorderEventKind kind)
    {
        var type = PreorderWebhookFormat.EventType(kind);
        return host.Scope.Repository<PreorderWebhookDelivery>().Table.Where(d => d.EventType == type).OrderBy(d => d.Id).ToList()
            .Select(d => PreorderWebhookFormat.Deserialize(d.PayloadJson)).ToList();
    }

    private static string TokenOf(string link)
    {
        Assert.That(link, Does.StartWith(LinkPrefix));
        return Uri.UnescapeDataString(link[LinkPrefix.Length..]);
    }

    /// <summary>
    /// The body as nopCommerce's tokenizer writes it for an e-mail: every %Token% replaced by its value, HTML-encoded
    /// unless the token is marked never-encoded (the merchant template has no conditional parts).
    /// </summary>
    private static string RenderedBody(string body, QueuedMessage message)
    {
        foreach (var (key, value) in message.Tokens)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            body = body.Replace($"%{key}%", message.NeverEncoded[key] ? text : WebUtility.HtmlEncode(text));
        }
        return body;
    }

    /// <summary>A pre-order of one unit (price 100, deposit 20 paid), stock allocated: 80 still due, a stock-arrived e-mail with a link sent.</summary>
    private async Task<(Product Product, Order Order)> BalanceDueOrderAsync(PreorderTestHost host)
    {
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "DEP-1", 1, LedgerEntryKind.Deposit);
        await host.Resolve<PreorderAllocationService>().AllocateAsync(product.Id, 0, 1);
        await host.NotifyAllocationsAsync();
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id).State, Is.EqualTo(PreorderLineState.BalanceDue));
        return (product, order);
    }

    #region E-mail all buyers

    [Test]
    public async Task Emailing_all_buyers_queues_the_merchants_text_html_encoded_to_each_open_order_once()
    {
        using var host = Kit.NewAdminHost(Database);
        host.Settings.WebhookUrls = WebhookUrl;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var first = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 2));
        var second = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var cancelled = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<PreorderOrderService>().CancelLineAsync(host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == cancelled.Id).Id, "changed my mind", 1);
        var otherProduct = await MessageTestKit.ProductAsync(host, "Sun Lamp");
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (otherProduct, 1));
        const string text = "The colour changes to blue.\n<script>alert(1)</script> & <b>thanks</b>";

        var result = await host.Resolve<PreorderAdminActionService>().EmailBuyersAsync(product.Id, text);

        Assert.That(result.Success, Is.True);
        Assert.That(result.Count, Is.EqualTo(2));
        Assert.That(Kit.Of(K.MerchantMessage), Is.Empty, "many orders: the scheduled run queues them, not the admin's request");
        Assert.That(Log(host, K.MerchantMessage).Select(m => m.Status), Is.EqualTo(new[] { DeliveryStatus.Pending, DeliveryStatus.Pending }));

        var messages = host.Resolve<PreorderMessageService>();
        Assert.That(await messages.RunScheduledAsync(host.Clock.UtcNow), Is.EqualTo(2));
        var sent = Kit.Of(K.MerchantMessage).ToList();
        Assert.That(sent.Select(m => m["Order.OrderNumber"]), Is.EquivalentTo(new[] { first.CustomOrderNumber, second.CustomOrderNumber }),
            "the buyers with an open pre-order of the product, nobody else");
        foreach (var message in sent)
        {
            Assert.That(message.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));
            Assert.That(message[Tk.MerchantMessage], Is.EqualTo(text), "the merchant's text as typed (trimmed)");
            Assert.That(message.NeverEncoded[Tk.MerchantMessage], Is.False, "nopCommerce HTML-encodes the merchant's text");
            Assert.That(message[Tk.Product], Is.EqualTo("Moon Lamp"));
            Assert.That(message[Tk.ShipDate], Is.EqualTo(MessageTestKit.DateText(host.Clock.UtcNow.AddDays(60))));
            Assert.That(message[Tk.AccountLink], Is.EqualTo("http://shop.test/customer/preorders"));
            Assert.That(message["Store.Name"], Is.EqualTo("Test shop"));

            foreach (var body in new[] { PreorderMessageTemplateTexts.All[PreorderDefaults.Templates.BuyersMessage].En.Body, PreorderMessageTemplateTexts.All[PreorderDefaults.Templates.BuyersMessage].Ru.Body })
            {
                var html = RenderedBody(body, message);
                Assert.That(html, Does.Not.Contain("<script>"), "no script reaches the e-mail");
                Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;thanks&lt;/b&gt;"), "shown as the text the merchant typed");
                Assert.That(html, Does.Contain("Moon Lamp").And.Contain(message["Order.OrderNumber"]));
            }
        }
        Assert.That(sent.Single(m => m["Order.OrderNumber"] == first.CustomOrderNumber)[Tk.Quantity], Is.EqualTo("2"));

        // the same events again (a repeated publish) and more runs: nothing new
        foreach (var e in host.Publisher.Of<PreorderEvent>().Where(e => e.Kind == PreorderEventKind.MerchantMessage).ToList())
            await host.Publisher.PublishAsync(e);
        await messages.RunScheduledAsync(host.Clock.UtcNow.AddMinutes(5));
        Assert.That(Kit.Of(K.MerchantMessage).Count(), Is.EqualTo(2));
        Assert.That(Log(host, K.MerchantMessage), Has.Count.EqualTo(2).And.All.Matches<PreorderMessageLog>(m => m.Status == DeliveryStatus.Sent && m.QueuedEmailId > 0));
        Assert.That(host.Scope.Repository<PreorderAuditEntry>().Table.Count(a => a.Action.StartsWith("MerchantMessage:") && a.ProductId == product.Id), Is.EqualTo(1),
            "the text is kept once per request");

        // the webhook says a message went to the order, without the text
        var hooks = Webhooks(host, PreorderEventKind.MerchantMessage);
        Assert.That(hooks.Select(h => h.OrderId), Is.EquivalentTo(new[] { first.Id, second.Id }));
        Assert.That(hooks, Has.All.Matches<PreorderWebhookPayload>(h => h.Reason == null && h.ProductId == product.Id && h.Type == "preorder.merchant_message"));
        Assert.That(host.Scope.Repository<PreorderWebhookDelivery>().Table.ToList().Select(d => d.PayloadJson), Has.None.Contains("alert"));
    }

    [Test]
    public async Task Two_requests_to_the_same_buyers_are_two_messages_each_with_its_own_text()
    {
        using var host = Kit.NewAdminHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var actions = host.Resolve<PreorderAdminActionService>();

        await actions.EmailBuyersAsync(product.Id, "Production started.");
        await actions.EmailBuyersAsync(product.Id, "Production finished.");
        await host.Resolve<PreorderMessageService>().RunScheduledAsync(host.Clock.UtcNow);

        Assert.That(Kit.Of(K.MerchantMessage).Select(m => m[Tk.MerchantMessage]), Is.EquivalentTo(new[] { "Production started.", "Production finished." }));
    }

    [Test]
    public async Task A_merchant_message_that_failed_is_rebuilt_with_its_text_by_another_node_and_sent_once()
    {
        var shop = new FakeShop();
        using var admin = Kit.NewAdminHost(Database, shop);
        var product = await MessageTestKit.ProductAsync(admin, "Moon Lamp");
        await admin.PlaceOrderAsync(admin.Shop.AddCustomer(), (product, 1));
        await admin.Resolve<PreorderAdminActionService>().EmailBuyersAsync(product.Id, "Shipping next week.");
        Kit.FailuresLeft = 1;

        // the scheduled task runs on another node: nothing of the admin's request is in its memory
        using var node = Kit.NewHost(Database, shop);
        var messages = node.Resolve<PreorderMessageService>();
        var now = node.Clock.UtcNow;
        Assert.That(await messages.RunScheduledAsync(now), Is.EqualTo(0));
        var failed = Log(node, K.MerchantMessage).Single();
        Assert.That((failed.Status, failed.Attempts), Is.EqualTo((DeliveryStatus.Failed, 1)));

        Assert.That(await messages.RunScheduledAsync(now.AddMinutes(2)), Is.EqualTo(1));
        Assert.That(Kit.Single(K.MerchantMessage)[Tk.MerchantMessage], Is.EqualTo("Shipping next week."));
        Assert.That(await messages.RunScheduledAsync(now.AddHours(1)), Is.EqualTo(0), "sent once");
        Assert.That(Log(node, K.MerchantMessage).Single().Status, Is.EqualTo(DeliveryStatus.Sent));
    }

    [Test]
    public async Task A_buyer_whose_preorder_closed_before_the_run_gets_nothing()
    {
        using var host = Kit.NewAdminHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        await host.Resolve<PreorderAdminActionService>().EmailBuyersAsync(product.Id, "Delayed by a week.");
        await host.Resolve<PreorderOrderService>().CancelLineAsync(host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id).Id, "gone", 1);

        await host.Resolve<PreorderMessageService>().RunScheduledAsync(host.Clock.UtcNow);

        Assert.That(Kit.Of(K.MerchantMessage), Is.Empty);
        var row = Log(host, K.MerchantMessage).Single();
        Assert.That((row.Status, row.LastError), Is.EqualTo((DeliveryStatus.Sent, "no open pre-order of this product")));
    }

    #endregion

    #region Resend the balance link

    [Test]
    public async Task Resending_the_balance_link_emails_a_new_link_that_opens_the_balance_page_and_the_old_links_stop_working()
    {
        using var host = Kit.NewAdminHost(Database);
        host.Settings.WebhookUrls = WebhookUrl;
        var (_, order) = await BalanceDueOrderAsync(host);
        var links = host.Resolve<BalanceLinkService>();
        var stockArrivedToken = TokenOf(Kit.Single(K.StockArrived)[Tk.BalanceLink]);
        var olderToken = await links.IssueAsync(order.Id, 14);
        Assert.That((await links.CheckAsync(stockArrivedToken)).IsValid, Is.True);

        var result = await host.Resolve<PreorderAdminActionService>().ResendBalanceLinksAsync(new[] { order.Id });

        Assert.That(result.Success, Is.True);
        var message = Kit.Single(K.BalanceLink);
        Assert.That(message.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));
        Assert.That(message["Order.OrderNumber"], Is.EqualTo(order.CustomOrderNumber));
        Assert.That(message[Tk.Product], Is.EqualTo("Moon Lamp"));
        Assert.That(message[Tk.BalanceDue], Is.EqualTo("80.00 USD"));
        Assert.That(message[Tk.HasDueDate], Is.EqualTo("True"));
        Assert.That(message[Tk.DueDate], Is.EqualTo(MessageTestKit.DateText(host.Clock.UtcNow.AddDays(host.Settings.BalanceDueDays))));
        Assert.That(message[Tk.LedgerSummary], Does.Contain("20.00 USD"));
        Assert.That(message.NeverEncoded[Tk.BalanceLink], Is.True, "a URL, not encoded again");

        var token = TokenOf(message[Tk.BalanceLink]);
        var check = await links.CheckAsync(token);
        Assert.That(check.IsValid, Is.True, "the e-mailed link opens the balance page");
        Assert.That(check.Token.OrderId, Is.EqualTo(order.Id));
        Assert.That((await links.CheckAsync(olderToken)).IsValid, Is.False, "older links stop working");
        Assert.That((await links.CheckAsync(stockArrivedToken)).IsValid, Is.False, "including the one of the stock-arrived e-mail");
        var live = Links(host, order.Id).Where(t => t.RevokedOnUtc == null).ToList();
        Assert.That(live.Select(t => t.TokenHash), Is.EqualTo(new[] { BalanceTokenCodec.Hash(token) }), "one valid link: the e-mailed one");

        // the raw token travels only in the e-mail
        var request = host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.BalanceLinkRequested);
        Assert.That($"{request.Key}|{request.Reason}|{request.Settlement}", Does.Not.Contain(token));
        var hook = Webhooks(host, PreorderEventKind.BalanceLinkRequested).Single();
        Assert.That((hook.OrderId, hook.Amount, hook.Type), Is.EqualTo((order.Id, 80m, "preorder.balance_link_requested")));
        Assert.That(host.Scope.Repository<PreorderWebhookDelivery>().Table.ToList().Select(d => d.PayloadJson),
            Has.None.Contains(token).And.None.Contains(Uri.EscapeDataString(token)));

        // the same event again and later runs: nothing new, no new link
        await host.Publisher.PublishAsync(request);
        await host.Resolve<PreorderMessageService>().RunScheduledAsync(host.Clock.UtcNow.AddMinutes(30));
        Assert.That(Kit.Of(K.BalanceLink).Count(), Is.EqualTo(1));
        Assert.That(Links(host, order.Id).Count(t => t.RevokedOnUtc == null), Is.EqualTo(1));
        Assert.That((await links.CheckAsync(token)).IsValid, Is.True);
    }

    [Test]
    public async Task A_failed_balance_link_email_revokes_its_link_and_the_retry_sends_one_fresh_working_link()
    {
        using var host = Kit.NewAdminHost(Database);
        var (_, order) = await BalanceDueOrderAsync(host);
        var before = Links(host, order.Id).Count;
        Kit.FailuresLeft = 1;

        await host.Resolve<PreorderAdminActionService>().ResendBalanceLinksAsync(new[] { order.Id });

        Assert.That(Kit.Of(K.BalanceLink), Is.Empty);
        var failed = Log(host, K.BalanceLink).Single();
        Assert.That((failed.Status, failed.Attempts), Is.EqualTo((DeliveryStatus.Failed, 1)));
        var afterFailure = Links(host, order.Id).Skip(before).ToList();
        Assert.That(afterFailure, Has.Count.EqualTo(1), "the failed attempt issued a link");
        Assert.That(afterFailure[0].RevokedOnUtc, Is.Not.Null, "no e-mail carries it: revoked at once");
        Assert.That(Links(host, order.Id).Where(t => t.RevokedOnUtc == null), Is.Empty, "nothing valid until the retry");

        var messages = host.Resolve<PreorderMessageService>();
        Assert.That(await messages.RunScheduledAsync(host.Clock.UtcNow.AddMinutes(2)), Is.EqualTo(1));
        Assert.That(await messages.RunScheduledAsync(host.Clock.UtcNow.AddMinutes(10)), Is.EqualTo(0), "sent once");

        var token = TokenOf(Kit.Single(K.BalanceLink)[Tk.BalanceLink]);
        Assert.That((await host.Resolve<BalanceLinkService>().CheckAsync(token)).IsValid, Is.True);
        var issued = Links(host, order.Id).Skip(before).ToList();
        Assert.That(issued, Has.Count.EqualTo(2), "one link per attempt");
        Assert.That(issued.Where(t => t.RevokedOnUtc == null).Select(t => t.TokenHash), Is.EqualTo(new[] { BalanceTokenCodec.Hash(token) }),
            "the message leaves exactly one valid link: the one it delivered");
        Assert.That(host.Scope.Repository<PreorderAuditEntry>().Table.Count(a => a.Action == PreorderMessageTokenBuilder.UndeliveredLinkRevokedAction && a.OrderId == order.Id),
            Is.EqualTo(1));
    }

    [Test]
    public async Task A_switched_off_balance_link_template_sends_nothing_and_leaves_no_valid_link()
    {
        using var host = Kit.NewAdminHost(Database);
        var (_, order) = await BalanceDueOrderAsync(host);
        Kit.Inactive[K.BalanceLink.TemplateName] = true;

        await host.Resolve<PreorderAdminActionService>().ResendBalanceLinksAsync(new[] { order.Id });

        Assert.That(Kit.Of(K.BalanceLink), Is.Empty);
        Assert.That(Log(host, K.BalanceLink).Single().LastError, Is.EqualTo("no active message template"));
        Assert.That(Links(host, order.Id).Where(t => t.RevokedOnUtc == null), Is.Empty, "the link nobody received is revoked");
    }

    [Test]
    public async Task A_balance_paid_before_the_resend_goes_out_sends_nothing_and_issues_no_link()
    {
        using var host = Kit.NewAdminHost(Database);
        host.Settings.AutomationPaused = true;
        var (_, order) = await BalanceDueOrderAsync(host);
        await host.Resolve<PreorderAdminActionService>().ResendBalanceLinksAsync(new[] { order.Id });
        Assert.That(Log(host, K.BalanceLink).Single().Status, Is.EqualTo(DeliveryStatus.Pending), "paused: recorded, waiting");
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 80m, "BANK-2", 1);
        var links = Links(host, order.Id).Count;

        host.Settings.AutomationPaused = false;
        await host.Resolve<PreorderMessageService>().RunScheduledAsync(host.Clock.UtcNow);

        Assert.That(Kit.Of(K.BalanceLink), Is.Empty);
        Assert.That(Log(host, K.BalanceLink).Single().LastError, Is.EqualTo("nothing owed any more"));
        Assert.That(Links(host, order.Id), Has.Count.EqualTo(links));
    }

    #endregion

    [Test]
    public void Both_templates_are_installed_in_english_and_russian_with_their_tokens_and_descriptions()
    {
        Assert.That(PreorderMessageTemplateInstaller.TemplateNames, Does.Contain(PreorderDefaults.Templates.BuyersMessage).And.Contain(PreorderDefaults.Templates.BalanceLink));
        var (merchantEn, merchantRu) = PreorderMessageTemplateTexts.All[PreorderDefaults.Templates.BuyersMessage];
        foreach (var text in new[] { merchantEn, merchantRu })
        {
            Assert.That(text.Body, Does.Contain("%Preorder.MerchantMessage%").And.Contain("%Order.OrderNumber%").And.Contain("%Preorder.Product%"));
            Assert.That(text.Subject, Does.Not.Contain("%Preorder.MerchantMessage%"), "nopCommerce does not encode subjects");
        }
        var (linkEn, linkRu) = PreorderMessageTemplateTexts.All[PreorderDefaults.Templates.BalanceLink];
        foreach (var text in new[] { linkEn, linkRu })
            Assert.That(text.Body, Does.Contain("%Preorder.BalanceLink%").And.Contain("%Preorder.BalanceDue%"));
        foreach (var name in new[] { PreorderDefaults.Templates.BuyersMessage, PreorderDefaults.Templates.BalanceLink })
        {
            var (en, ru) = PreorderLocaleResources.All["Admin.ContentManagement.MessageTemplates.Description." + name];
            Assert.That(en, Is.Not.Empty);
            Assert.That(ru, Is.Not.EqualTo(en));
        }
    }
}
