using System.Text;
using LinqToDB;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Configuration;
using Nop.Services.Logging;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// Webhooks for CRMs and messengers, through a durable outbox. An event writes one row per configured URL
/// (unique delivery key: a repeated event adds nothing) in the request that raised it, which never waits
/// for the network; only the scheduled task posts. A delivery is claimed with compare-and-set on its attempt
/// counter and its next-attempt time moved past the request timeout (a lease), so two nodes never post the
/// same row at once. Success (2xx) marks it sent; anything else schedules a retry with exponential backoff,
/// capped and never given up. A URL that fails is not tried again in the same run.
/// </summary>
public class PreorderWebhookService
{
    public const string HttpClientName = "Nop.Plugin.Preorders.Webhooks";

    /// <summary>Header with the outbox row id of this delivery (the payload's id identifies the event).</summary>
    public const string DeliveryHeader = "X-Preorders-Delivery";

    public const int BatchSize = 100;

    /// <summary>Longer than the HTTP client's timeout: a claimed row is not taken by another node while its request may still run.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    private static readonly string ClaimSql =
        $"UPDATE {PreorderDbNames.Table<PreorderWebhookDelivery>()} SET attempts = attempts + 1, next_attempt_on_utc = @lease " +
        "WHERE id = @id AND attempts = @attempts AND status_id <> @sent";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILogger _logger;
    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderWebhookDelivery> _deliveryRepository;
    private readonly ISettingService _settingService;
    private readonly PreorderClock _clock;

    public PreorderWebhookService(IHttpClientFactory httpClientFactory,
        ILogger logger,
        INopDataProvider dataProvider,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderWebhookDelivery> deliveryRepository,
        ISettingService settingService,
        PreorderClock clock)
    {
        _httpClientFactory = httpClientFactory;
        _logger = logger;
        _dataProvider = dataProvider;
        _accountRepository = accountRepository;
        _lineRepository = lineRepository;
        _deliveryRepository = deliveryRepository;
        _settingService = settingService;
        _clock = clock;
    }

    /// <summary>Writes the event to the outbox once per configured URL of its store; returns the rows added. No network here.</summary>
    public virtual async Task<int> EnqueueAsync(PreorderEvent preorderEvent)
    {
        var account = preorderEvent.OrderId > 0
            ? await _accountRepository.Table.Where(a => a.OrderId == preorderEvent.OrderId).FirstOrDefaultAsync()
            : null;
        var line = preorderEvent.LineId > 0 ? await _lineRepository.GetByIdAsync(preorderEvent.LineId) : null;
        var storeId = account?.StoreId ?? line?.StoreId ?? 0;
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);
        var urls = PreorderWebhookFormat.ParseUrls(settings.WebhookUrls);
        if (urls.Count == 0)
            return 0;

        var payload = BuildPayload(preorderEvent, storeId, account, line);
        var json = PreorderWebhookFormat.Serialize(payload);
        var now = _clock.UtcNow;
        var added = 0;
        foreach (var url in urls)
        {
            var key = PreorderWebhookFormat.DeliveryKey(preorderEvent, url);
            if (await _deliveryRepository.Table.Where(d => d.DeliveryKey == key).AnyAsync())
                continue;
            try
            {
                await _deliveryRepository.InsertAsync(new PreorderWebhookDelivery
                {
                    DeliveryKey = key,
                    EventType = payload.Type,
                    Url = url,
                    PayloadJson = json,
                    Status = DeliveryStatus.Pending,
                    NextAttemptOnUtc = now,
                    CreatedOnUtc = now
                }, false);
                added++;
            }
            catch (Exception)
            {
                // a concurrent twin of the event enqueued it first (unique delivery key)
                if (!await _deliveryRepository.Table.Where(d => d.DeliveryKey == key).AnyAsync())
                    throw;
            }
        }
        return added;
    }

    protected virtual PreorderWebhookPayload BuildPayload(PreorderEvent e, int storeId, PreorderAccount account, PreorderLine line) => new()
    {
        Id = $"{e.Kind}:{e.Key}",
        Type = PreorderWebhookFormat.EventType(e.Kind),
        OccurredOnUtc = DateTime.SpecifyKind(e.OccurredOnUtc, DateTimeKind.Utc),
        StoreId = storeId,
        OrderId = e.OrderId,
        CustomerId = account?.CustomerId ?? line?.CustomerId ?? 0,
        ProductId = e.ProductId != 0 ? e.ProductId : line?.ProductId ?? 0,
        LineId = e.LineId,
        Amount = e.Amount,
        // the merchant's text to buyers stays in the e-mail (up to 4000 characters per order and URL, written for the shopper)
        Reason = e.Kind == PreorderEventKind.MerchantMessage ? null : e.Reason,
        OldDateUtc = e.OldDateUtc,
        NewDateUtc = e.NewDateUtc,
        PenaltyFreeCancel = e.PenaltyFreeCancel,
        Settlement = e.Settlement,
        Line = line == null ? null : new PreorderWebhookLine
        {
            Id = line.Id,
            OrderItemId = line.OrderItemId,
            ProductId = line.ProductId,
            CombinationId = line.CombinationId,
            Quantity = line.Quantity,
            State = line.State,
            PaymentMode = line.PaymentMode,
            LineTotal = line.LineTotal,
            DepositAmount = line.DepositAmount,
            PlacedOnUtc = line.PlacedOnUtc,
            ExpectedShipDateUtc = line.ExpectedShipDateUtc,
            AllocatedOnUtc = line.AllocatedOnUtc,
            BalanceDueOnUtc = line.BalanceDueOnUtc
        },
        Account = account == null ? null : new PreorderWebhookAccount
        {
            State = account.State,
            OrderTotal = account.OrderTotal,
            Paid = account.PaidAmount,
            Refunded = account.RefundedAmount,
            Forfeited = account.ForfeitedAmount,
            TransferredToGiftCard = account.TransferredAmount,
            Outstanding = account.Outstanding,
            NextDueOnUtc = account.NextDueOnUtc,
            CustomerCurrencyCode = account.CustomerCurrencyCode,
            CurrencyRate = account.CurrencyRate
        }
    };

    /// <summary>Posts the deliveries that are due (oldest first); returns how many were delivered. Called by the scheduled task only.</summary>
    public virtual async Task<int> DeliverDueAsync()
    {
        var now = _clock.UtcNow;
        var due = await _deliveryRepository.Table
            .Where(d => d.StatusId != (int)DeliveryStatus.Sent && d.NextAttemptOnUtc <= now)
            .OrderBy(d => d.NextAttemptOnUtc).ThenBy(d => d.Id).Take(BatchSize).ToListAsync();
        if (due.Count == 0)
            return 0;

        var client = _httpClientFactory.CreateClient(HttpClientName);
        var secrets = new Dictionary<int, string>();
        var failedUrls = new HashSet<string>(StringComparer.Ordinal);
        var delivered = 0;
        foreach (var delivery in due)
        {
            if (failedUrls.Contains(delivery.Url))
                continue;
            if (!await TryClaimAsync(delivery, now))
                continue;
            var error = await PostAsync(client, delivery, secrets);
            var finished = _clock.UtcNow;
            if (error == null)
            {
                delivery.Status = DeliveryStatus.Sent;
                delivery.DeliveredOnUtc = finished;
                delivery.LastError = null;
                delivered++;
            }
            else
            {
                failedUrls.Add(delivery.Url);
                delivery.Status = DeliveryStatus.Failed;
                delivery.NextAttemptOnUtc = finished + DeliveryBackoff.After(delivery.Attempts);
                delivery.LastError = error.Length > 2000 ? error[..2000] : error;
                await _logger.WarningAsync($"Pre-orders: webhook {delivery.EventType} to {delivery.Url} failed (attempt {delivery.Attempts}), retried after {delivery.NextAttemptOnUtc:u}: {error}");
            }
            await _deliveryRepository.UpdateAsync(delivery, false);
        }
        return delivered;
    }

    private async Task<bool> TryClaimAsync(PreorderWebhookDelivery delivery, DateTime now)
    {
        var lease = now + ClaimLease;
        var rows = await _dataProvider.ExecuteNonQueryAsync(ClaimSql,
            new DataParameter("lease", lease, PreorderDataTypes.DateTime2),
            new DataParameter("id", delivery.Id, PreorderDataTypes.Int32),
            new DataParameter("attempts", delivery.Attempts, PreorderDataTypes.Int32),
            new DataParameter("sent", (int)DeliveryStatus.Sent, PreorderDataTypes.Int32));
        if (rows != 1)
            return false;
        delivery.Attempts++;
        delivery.NextAttemptOnUtc = lease;
        return true;
    }

    /// <summary>One POST; null on a 2xx answer, else what went wrong.</summary>
    protected virtual async Task<string> PostAsync(HttpClient client, PreorderWebhookDelivery delivery, IDictionary<int, string> secrets)
    {
        try
        {
            var storeId = PreorderWebhookFormat.Deserialize(delivery.PayloadJson)?.StoreId ?? 0;
            if (!secrets.TryGetValue(storeId, out var secret))
                secrets[storeId] = secret = (await _settingService.LoadSettingAsync<PreorderSettings>(storeId)).WebhookSecret;

            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new StringContent(delivery.PayloadJson, Encoding.UTF8, "application/json")
            };
            request.Headers.TryAddWithoutValidation(PreorderDefaults.WebhookEventHeader, delivery.EventType);
            request.Headers.TryAddWithoutValidation(DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(secret))
                request.Headers.TryAddWithoutValidation(PreorderDefaults.WebhookSignatureHeader, PreorderWebhookFormat.Sign(delivery.PayloadJson, secret));

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex)
        {
            return ex.GetBaseException().Message;
        }
    }
}
