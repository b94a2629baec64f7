using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>A real HTTP endpoint on 127.0.0.1 (random free port) that checks signatures and answers as told.</summary>
public sealed class WebhookReceiver : IDisposable
{
    public sealed record Received(string Body, string EventHeader, string SignatureHeader, string DeliveryHeader, string ContentType, bool SignatureValid, int AnsweredStatus)
    {
        /// <summary>Every request header (names case-insensitive).</summary>
        public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private readonly HttpListener _listener = new();
    private readonly string _secret;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WebhookReceiver(string secret)
    {
        _secret = secret;
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}/hooks/preorders/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url { get; }

    /// <summary>Status answered to every request (500: the endpoint is down).</summary>
    public volatile int Status = 200;

    /// <summary>When set, every request is answered 302 with this Location.</summary>
    public volatile string RedirectTo;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public IEnumerable<Received> Accepted => Requests.Where(r => r.AnsweredStatus is >= 200 and < 300);

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var signature = context.Request.Headers[PreorderDefaults.WebhookSignatureHeader];
            var redirect = RedirectTo;
            var status = redirect != null ? 302 : Status;
            var headers = context.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k, k => context.Request.Headers[k], StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new Received(body, context.Request.Headers[PreorderDefaults.WebhookEventHeader], signature,
                context.Request.Headers[PreorderWebhookService.DeliveryHeader], context.Request.ContentType, ValidSignature(body, signature), status) { Headers = headers });
            context.Response.StatusCode = status;
            if (redirect != null)
                context.Response.RedirectLocation = redirect;
            context.Response.Close();
        }
    }

    /// <summary>
    /// What a receiver does (docs/WEBHOOKS.md): "t=&lt;unix seconds&gt;,v1=&lt;hex&gt;", HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;" with the
    /// shared secret, compared in constant time. The tests' clock is not the wall clock, so the timestamp's age is not checked here.
    /// </summary>
    private bool ValidSignature(string body, string header)
    {
        var parts = (header ?? string.Empty).Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1))
            return false;
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(_secret));
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(t + "." + body))).ToLowerInvariant());
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(v1));
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}

/// <summary>The durable webhook outbox against a real HTTP listener: signed, retried later, nothing lost, never in checkout.</summary>
[TestFixture]
public class WebhookOutboxTests : MessageTest
{
    private const string Secret = WebhookSecurityTests.Secret;

    private WebhookReceiver _receiver;

    [SetUp]
    public void StartReceiver() => _receiver = new WebhookReceiver(Secret);

    [TearDown]
    public void StopReceiver() => _receiver.Dispose();

    private PreorderTestHost Host(FakeShop shop = null)
    {
        var host = Kit.NewHost(Database, shop);
        host.Settings.WebhookUrls = _receiver.Url;
        host.Settings.WebhookSecret = FakeShop.Encrypt(Secret);
        host.Settings.WebhookAllowInternalAddresses = true; // the receiver listens on 127.0.0.1
        return host;
    }

    private static List<PreorderWebhookDelivery> Outbox(PreorderTestHost host) =>
        host.Scope.Repository<PreorderWebhookDelivery>().Table.OrderBy(d => d.Id).ToList();

    [Test]
    public async Task Events_are_posted_signed_a_failing_endpoint_is_retried_later_and_nothing_is_lost()
    {
        using var host = Host();
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        _receiver.Status = 500; // the CRM is down during checkout: checkout does not notice
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 2));
        await host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 40m, "BANK-1", 5, LedgerEntryKind.Deposit);

        Assert.That(_receiver.Requests, Is.Empty, "nothing is posted inside checkout or the admin's request");
        var events = host.Publisher.Of<PreorderEvent>().ToList();
        var outbox = Outbox(host);
        Assert.That(outbox.Select(d => d.DeliveryKey), Is.EquivalentTo(events.Select(e => PreorderWebhookFormat.DeliveryKey(e, _receiver.Url))),
            "one outbox row per event and URL");
        Assert.That(outbox, Has.All.Matches<PreorderWebhookDelivery>(d => d.Status == DeliveryStatus.Pending && d.Url == _receiver.Url));

        var webhooks = host.Resolve<PreorderWebhookService>();
        Assert.That(await webhooks.DeliverDueAsync(), Is.EqualTo(0));
        Assert.That(_receiver.Requests, Has.Count.EqualTo(1), "a failing URL is not hammered within one run");
        var failed = Outbox(host).Single(d => d.Attempts == 1);
        Assert.That(failed.Status, Is.EqualTo(DeliveryStatus.Failed));
        Assert.That(failed.LastError, Does.Contain("500"));
        Assert.That(failed.NextAttemptOnUtc, Is.EqualTo(host.Clock.UtcNow + DeliveryBackoff.After(1)));

        _receiver.Status = 200;
        await webhooks.DeliverDueAsync(); // the others go; the failed one waits for its backoff
        Assert.That(Outbox(host).Single(d => d.Id == failed.Id).Status, Is.EqualTo(DeliveryStatus.Failed));
        Assert.That(Outbox(host).Count(d => d.Status == DeliveryStatus.Sent), Is.EqualTo(outbox.Count - 1));

        host.Clock.Now += TimeSpan.FromMinutes(2);
        Assert.That(await webhooks.DeliverDueAsync(), Is.EqualTo(1));
        Assert.That(await webhooks.DeliverDueAsync(), Is.EqualTo(0), "delivered once");

        var final = Outbox(host);
        Assert.That(final, Has.All.Matches<PreorderWebhookDelivery>(d => d.Status == DeliveryStatus.Sent && d.DeliveredOnUtc != null));
        Assert.That(final.Single(d => d.Id == failed.Id).Attempts, Is.EqualTo(2));
        var accepted = _receiver.Accepted.ToList();
        Assert.That(accepted.Select(r => (string)JObject.Parse(r.Body)["id"]), Is.EquivalentTo(events.Select(e => $"{e.Kind}:{e.Key}")),
            "every event arrived, none twice");
        Assert.That(_receiver.Requests, Has.All.Matches<WebhookReceiver.Received>(r => r.SignatureValid), "every body is signed with the shared secret");
        Assert.That(_receiver.Requests, Has.All.Matches<WebhookReceiver.Received>(r => r.ContentType.StartsWith("application/json")));

        var placed = accepted.Select(r => (Request: r, Json: JObject.Parse(r.Body))).Single(r => (string)r.Json["type"] == "preorder.line_placed");
        Assert.That(placed.Request.EventHeader, Is.EqualTo("preorder.line_placed"));
        Assert.That((int)placed.Json["orderId"], Is.EqualTo(order.Id));
        Assert.That((int)placed.Json["productId"], Is.EqualTo(product.Id));
        Assert.That((int)placed.Json["storeId"], Is.EqualTo(host.Shop.Store.Id));
        Assert.That((string)placed.Json["line"]["state"], Is.EqualTo("Waiting"));
        Assert.That((int)placed.Json["line"]["quantity"], Is.EqualTo(2));
        Assert.That((decimal)placed.Json["line"]["depositAmount"], Is.EqualTo(40m));
        Assert.That((decimal)placed.Json["account"]["orderTotal"], Is.EqualTo(200m));
        Assert.That(placed.Json["occurredOnUtc"]!.ToString(Newtonsoft.Json.Formatting.None), Does.EndWith("Z\""));
        var payment = accepted.Select(r => JObject.Parse(r.Body)).Single(j => (string)j["type"] == "preorder.payment_recorded");
        Assert.That((decimal)payment["amount"], Is.EqualTo(40m));
        Assert.That((decimal)payment["account"]["paid"], Is.EqualTo(40m));
    }

    [Test]
    public async Task A_repeated_event_adds_nothing_and_each_configured_url_gets_its_own_row()
    {
        using var second = new WebhookReceiver(Secret);
        using var host = Host();
        host.Settings.WebhookUrls = $"{_receiver.Url}\n{second.Url}\nnot a url\nftp://example.test/x";
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var placed = host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.LinePlaced);
        var rows = Outbox(host).Count;

        await host.Publisher.PublishAsync(placed);
        await host.Resolve<PreorderWebhookService>().EnqueueAsync(placed);

        Assert.That(Outbox(host), Has.Count.EqualTo(rows), "same event, same keys");
        Assert.That(Outbox(host).Where(d => d.EventType == "preorder.line_placed").Select(d => d.Url), Is.EquivalentTo(new[] { _receiver.Url, second.Url }),
            "only valid http(s) URLs");

        await host.Resolve<PreorderWebhookService>().DeliverDueAsync();
        Assert.That(_receiver.Accepted.Count(), Is.EqualTo(second.Accepted.Count()));
        Assert.That(second.Accepted.Count(r => r.EventHeader == "preorder.line_placed"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unreachable_endpoint_is_retried_with_growing_waits_and_never_dropped()
    {
        using var host = Host();
        var deadUrl = $"http://127.0.0.1:{_receiver.Port}/gone/";
        _receiver.Dispose(); // nothing listens on the port any more
        host.Settings.WebhookUrls = deadUrl;
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var webhooks = host.Resolve<PreorderWebhookService>();
        var ids = Outbox(host).Select(d => d.Id).ToList();
        Assert.That(ids, Has.Count.EqualTo(1), "the placed line");

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.That(await webhooks.DeliverDueAsync(), Is.EqualTo(0));
            var row = Outbox(host).Single();
            Assert.That(row.Status, Is.EqualTo(DeliveryStatus.Failed));
            Assert.That(row.Attempts, Is.EqualTo(attempt));
            Assert.That(row.LastError, Is.Not.Empty);
            waits.Add(row.NextAttemptOnUtc - host.Clock.UtcNow);
            await webhooks.DeliverDueAsync();
            Assert.That(Outbox(host).Single().Attempts, Is.EqualTo(attempt), "not tried again before its time");
            host.Clock.Now = row.NextAttemptOnUtc + TimeSpan.FromSeconds(1);
        }
        Assert.That(waits, Is.EqualTo(new[] { 1, 2, 4, 8, 16 }.Select(m => TimeSpan.FromMinutes(m))), "exponential backoff");
        Assert.That(Outbox(host).Select(d => d.Id), Is.EquivalentTo(ids), "no row is ever dropped");
        Assert.That(Outbox(host), Has.None.Matches<PreorderWebhookDelivery>(d => d.Status == DeliveryStatus.Sent));
    }

    [Test]
    public async Task Two_nodes_delivering_at_once_post_each_row_once_and_the_task_runs_the_outbox()
    {
        var shop = new FakeShop();
        using var nodeA = Host(shop);
        using var nodeB = Host(shop);
        var product = await MessageTestKit.ProductAsync(nodeA, "Moon Lamp", cap: 100);
        for (var i = 0; i < 8; i++)
            await nodeA.PlaceOrderAsync(shop.AddCustomer(), (product, 1));
        var rows = Outbox(nodeA).Count;
        Assert.That(rows, Is.GreaterThanOrEqualTo(8));

        await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<PreorderAutomationService>().RunAsync()),
            Task.Run(() => nodeB.Resolve<PreorderWebhookService>().DeliverDueAsync()));
        // whatever a busy database held back goes in the next run
        await nodeB.Resolve<PreorderAutomationService>().RunAsync();

        Assert.That(Outbox(nodeA), Has.All.Matches<PreorderWebhookDelivery>(d => d.Status == DeliveryStatus.Sent && d.Attempts == 1));
        Assert.That(_receiver.Requests, Has.Count.EqualTo(rows), "each row posted exactly once");
        Assert.That(_receiver.Requests.Select(r => r.DeliveryHeader), Is.Unique);
        Assert.That(_receiver.Requests, Has.All.Matches<WebhookReceiver.Received>(r => r.SignatureValid));
    }

    [Test]
    public void The_signature_is_the_hmac_sha256_of_the_timestamp_and_the_exact_body()
    {
        const string body = "{\"id\":\"LinePlaced:placed:1\"}";
        const long t = 1795953600; // 2026-11-29 12:00:00 UTC
        var now = DateTimeOffset.FromUnixTimeSeconds(t).UtcDateTime;
        // reference value: printf '%s' "$t.$body" | openssl dgst -sha256 -hmac "$secret"
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = $"t={t},v1=" + Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{t}.{body}"))).ToLowerInvariant();
        var tolerance = PreorderWebhookFormat.DefaultTolerance;
        Assert.That(PreorderWebhookFormat.Sign(body, Secret, t), Is.EqualTo(expected));
        Assert.That(PreorderWebhookFormat.Sign(body, Secret, now), Is.EqualTo(expected));
        Assert.That(PreorderWebhookFormat.Verify(body, Secret, expected, now.AddMinutes(4), tolerance), Is.True);
        Assert.That(PreorderWebhookFormat.Verify(body + " ", Secret, expected, now, tolerance), Is.False, "any change of the body breaks it");
        Assert.That(PreorderWebhookFormat.Verify(body, "other", expected, now, tolerance), Is.False);
        Assert.That(PreorderWebhookFormat.Verify(body, Secret, expected.Replace($"t={t}", $"t={t + 600}"), now.AddMinutes(10), tolerance), Is.False,
            "the timestamp is signed: moving it breaks the signature");
        Assert.That(PreorderWebhookFormat.Verify(body, Secret, expected, now.AddMinutes(6), tolerance), Is.False, "a replay after the tolerance is refused");
        Assert.That(PreorderWebhookFormat.Verify(body, Secret, expected, now.AddMinutes(-6), tolerance), Is.False, "so is one from the future");
        Assert.That(PreorderWebhookFormat.Verify(body, Secret, "sha256=" + expected[(expected.IndexOf("v1=") + 3)..], now, tolerance), Is.False, "the old body-only format is not accepted");
        Assert.That(PreorderWebhookFormat.EventType(PreorderEventKind.ShipDateChanged), Is.EqualTo("preorder.ship_date_changed"));
    }
}
