using System.Text;
using LinqToDB;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using Nop.Services.Logging;
using Nop.Services.Security;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// Webhooks for CRMs and messengers, through a durable outbox. An event writes one row per configured URL
/// (unique delivery key: a repeated event adds nothing) in the request that raised it, which never waits
/// for the network; only the scheduled task posts. A delivery is claimed with compare-and-set on its attempt
/// counter and its next-attempt time moved past the request timeout (a lease), so two nodes never post the
/// same row at once. Success (2xx) marks it sent; anything else schedules a retry with exponential backoff,
/// capped and never given up. A URL that fails is not tried again in the same run.
/// Security: every body is signed with a timestamp (<see cref="PreorderWebhookFormat.Sign(string, string, long)"/>) using
/// the store's secret, stored encrypted and at least <see cref="PreorderWebhookFormat.MinSecretLength"/> characters
/// (without one nothing is posted); the host's addresses are checked at delivery time (<see cref="WebhookAddressGuard"/>:
/// no internal addresses unless the store allows them); a redirect is a failed delivery, never followed.
/// </summary>
public class PreorderWebhookService
{
    public const string HttpClientName = "Nop.Plugin.Preorders.Webhooks";

    /// <summary>Header with the delivery id (event and URL; the same for every retry, also the payload's deliveryId).</summary>
    public const string DeliveryHeader = "X-Preorders-Delivery";

    /// <summary>Header with the event id (the payload's id: the same for every URL and retry).</summary>
    public const string EventIdHeader = "X-Preorders-Event-Id";

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
    private readonly IEncryptionService _encryptionService;
    private readonly IWebhookAddressResolver _addressResolver;
    private readonly PreorderLedgerService _ledgerService;

    public PreorderWebhookService(IHttpClientFactory httpClientFactory,
        ILogger logger,
        INopDataProvider dataProvider,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderWebhookDelivery> deliveryRepository,
        ISettingService settingService,
        PreorderClock clock,
        IEncryptionService encryptionService,
        IWebhookAddressResolver addressResolver,
        PreorderLedgerService ledgerService)
    {
        _encryptionService = encryptionService;
        _addressResolver = addressResolver;
        _httpClientFactory = httpClientFactory;
        _logger = logger;
        _dataProvider = dataProvider;
        _accountRepository = accountRepository;
        _lineRepository = lineRepository;
        _deliveryRepository = deliveryRepository;
        _settingService = settingService;
        _clock = clock;
        _ledgerService = ledgerService;
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

        var balance = account == null ? null : await _ledgerService.GetBalanceAsync(account);
        var payload = BuildPayload(preorderEvent, storeId, account, line, balance);
        var now = _clock.UtcNow;
        var added = 0;
        foreach (var url in urls)
        {
            var key = PreorderWebhookFormat.DeliveryKey(preorderEvent, url);
            if (await _deliveryRepository.Table.Where(d => d.DeliveryKey == key).AnyAsync())
                continue;
            payload.DeliveryId = PreorderWebhookFormat.DeliveryId(key);
            var json = PreorderWebhookFormat.Serialize(payload);
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

    /// <param name="balance">The account's money (<see cref="AccountBalance"/>): what is outstanding.</param>
    protected virtual PreorderWebhookPayload BuildPayload(PreorderEvent e, int storeId, PreorderAccount account, PreorderLine line, AccountBalance balance) => new()
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
        // a campaign update's text is in its own object
        Reason = e.Kind is PreorderEventKind.MerchantMessage or PreorderEventKind.CampaignUpdate ? null : e.Reason,
        OldDateUtc = e.OldDateUtc,
        NewDateUtc = e.NewDateUtc,
        PenaltyFreeCancel = e.PenaltyFreeCancel,
        Settlement = e.Settlement,
        CampaignUpdate = e.Kind == PreorderEventKind.CampaignUpdate ? CampaignUpdateOf(e) : null,
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
            Outstanding = balance?.Owed ?? 0m,
            NextDueOnUtc = account.NextDueOnUtc,
            CustomerCurrencyCode = account.CustomerCurrencyCode,
            CurrencyRate = account.CurrencyRate
        }
    };

    /// <summary>The campaign update of a "campaign-update:{id}" event.</summary>
    private static PreorderWebhookCampaignUpdate CampaignUpdateOf(PreorderEvent e) => new()
    {
        Id = int.TryParse((e.Key ?? string.Empty).Split(':').LastOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0,
        Stage = e.Stage,
        Text = e.Reason,
        PostedOnUtc = DateTime.SpecifyKind(e.OccurredOnUtc, DateTimeKind.Utc)
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
        var secrets = new Dictionary<int, StoreWebhookSettings>();
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

    /// <summary>A store's webhook secret (decrypted; null when missing, unreadable or too short) and whether it delivers to internal addresses.</summary>
    protected record StoreWebhookSettings(string Secret, bool AllowInternalAddresses);

    /// <summary>The stored secret decrypted with nopCommerce's encryption service; null when there is none, it cannot be decrypted (stored in clear before 1.2, or another encryption key) or it is shorter than the minimum.</summary>
    protected virtual string DecryptSecret(string stored)
    {
        if (string.IsNullOrEmpty(stored))
            return null;
        try
        {
            var secret = _encryptionService.DecryptText(stored);
            return secret?.Length >= PreorderWebhookFormat.MinSecretLength ? secret : null;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>One POST; null on a 2xx answer, else what went wrong (a redirect is not followed: it is an error).</summary>
    protected virtual async Task<string> PostAsync(HttpClient client, PreorderWebhookDelivery delivery, IDictionary<int, StoreWebhookSettings> stores)
    {
        try
        {
            var payload = PreorderWebhookFormat.Deserialize(delivery.PayloadJson);
            var storeId = payload?.StoreId ?? 0;
            if (!stores.TryGetValue(storeId, out var store))
            {
                var settings = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);
                stores[storeId] = store = new StoreWebhookSettings(DecryptSecret(settings.WebhookSecret), settings.WebhookAllowInternalAddresses);
            }
            if (store.Secret == null)
                return $"no webhook secret of at least {PreorderWebhookFormat.MinSecretLength} characters is saved for store {storeId} (enter or generate one on the configuration page); nothing was sent";

            if (!Uri.TryCreate(delivery.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                return "not an absolute http(s) URL";
            // checked here for this store, and again by the handler when it connects (WebhookAddressGuard.CreateHandler)
            await WebhookAddressGuard.ResolveCheckedAsync(_addressResolver, uri.IdnHost, store.AllowInternalAddresses);

            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(delivery.PayloadJson, Encoding.UTF8, "application/json")
            };
            request.Options.Set(WebhookAddressGuard.AllowInternalOption, store.AllowInternalAddresses);
            request.Headers.TryAddWithoutValidation(PreorderDefaults.WebhookEventHeader, delivery.EventType);
            request.Headers.TryAddWithoutValidation(DeliveryHeader, PreorderWebhookFormat.DeliveryId(delivery.DeliveryKey));
            if (!string.IsNullOrEmpty(payload?.Id))
                request.Headers.TryAddWithoutValidation(EventIdHeader, payload.Id);
            request.Headers.TryAddWithoutValidation(PreorderDefaults.WebhookSignatureHeader, PreorderWebhookFormat.Sign(delivery.PayloadJson, store.Secret, _clock.UtcNow));

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if ((int)response.StatusCode is >= 300 and < 400)
                return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: redirects are not followed (Location: {response.Headers.Location})";
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex)
        {
            for (var inner = ex; inner != null; inner = inner.InnerException)
                if (inner is WebhookAddressRefusedException refused)
                    return refused.Message;
            return ex.GetBaseException().Message;
        }
    }
}
