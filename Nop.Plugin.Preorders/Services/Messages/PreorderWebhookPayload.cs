using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The JSON body posted to webhook URLs (documented in docs/WEBHOOKS.md). Amounts are in the primary
/// store currency; dates are UTC in ISO 8601. No e-mail addresses or names: receivers look the customer up
/// by id if they need to.
/// </summary>
public class PreorderWebhookPayload
{
    /// <summary>Unique per event: the same for every URL and every retry, so receivers can drop duplicates.</summary>
    public string Id { get; set; }

    /// <summary>Unique per event and URL, the same for every retry (also in the X-Preorders-Delivery header): de-duplicate deliveries by it.</summary>
    public string DeliveryId { get; set; }

    /// <summary>"preorder." + the event kind in snake case, for example "preorder.line_placed".</summary>
    public string Type { get; set; }

    public DateTime OccurredOnUtc { get; set; }

    public int StoreId { get; set; }

    public int OrderId { get; set; }

    public int CustomerId { get; set; }

    public int ProductId { get; set; }

    public int LineId { get; set; }

    /// <summary>The money the event is about (payment, refund, balance now due); 0 when none.</summary>
    public decimal Amount { get; set; }

    public string Reason { get; set; }

    public DateTime? OldDateUtc { get; set; }

    public DateTime? NewDateUtc { get; set; }

    public bool PenaltyFreeCancel { get; set; }

    /// <summary>What happened to the money of a cancelled or expired line, as recorded ("refunded 40.00 (Offline)").</summary>
    public string Settlement { get; set; }

    public PreorderWebhookLine Line { get; set; }

    public PreorderWebhookAccount Account { get; set; }

    /// <summary>The update of a "preorder.campaign_update" event; left out of every other event's body.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public PreorderWebhookCampaignUpdate CampaignUpdate { get; set; }
}

/// <summary>A stage of a product's campaign as the merchant posted it.</summary>
public class PreorderWebhookCampaignUpdate
{
    public int Id { get; set; }

    /// <summary>The stage's code: in_production, quality_check, shipped_from_factory, in_customs, arrived.</summary>
    public string Stage { get; set; }

    public string Text { get; set; }

    public DateTime PostedOnUtc { get; set; }
}

/// <summary>The line's state after the event.</summary>
public class PreorderWebhookLine
{
    public int Id { get; set; }
    public int OrderItemId { get; set; }
    public int ProductId { get; set; }
    public int CombinationId { get; set; }
    public int Quantity { get; set; }
    public PreorderLineState State { get; set; }
    public PreorderPaymentMode PaymentMode { get; set; }
    public decimal LineTotal { get; set; }
    public decimal DepositAmount { get; set; }
    public DateTime PlacedOnUtc { get; set; }
    public DateTime? ExpectedShipDateUtc { get; set; }
    public DateTime? AllocatedOnUtc { get; set; }
    public DateTime? BalanceDueOnUtc { get; set; }
}

/// <summary>The order's money after the event (primary store currency).</summary>
public class PreorderWebhookAccount
{
    public PreorderAccountState State { get; set; }
    public decimal OrderTotal { get; set; }
    public decimal Paid { get; set; }
    public decimal Refunded { get; set; }
    public decimal Forfeited { get; set; }
    public decimal TransferredToGiftCard { get; set; }
    public decimal Outstanding { get; set; }
    public DateTime? NextDueOnUtc { get; set; }
    /// <summary>Currency the shopper paid in and its rate to the primary currency.</summary>
    public string CustomerCurrencyCode { get; set; }
    public decimal CurrencyRate { get; set; }
}

/// <summary>Serialization and signing of webhook bodies. Pure.</summary>
public static class PreorderWebhookFormat
{
    public static JsonSerializerSettings SerializerSettings { get; } = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        Converters = { new StringEnumConverter() },
        Formatting = Formatting.None
    };

    public static string EventType(PreorderEventKind kind)
    {
        var name = kind.ToString();
        var sb = new StringBuilder("preorder.");
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    public static string Serialize(PreorderWebhookPayload payload) => JsonConvert.SerializeObject(payload, SerializerSettings);

    public static PreorderWebhookPayload Deserialize(string json) => JsonConvert.DeserializeObject<PreorderWebhookPayload>(json, SerializerSettings);

    /// <summary>Shortest webhook secret accepted (characters); the configuration page generates 48 hex characters.</summary>
    public const int MinSecretLength = 32;

    /// <summary>How far a receiver should accept a signature's timestamp from its own clock (docs/WEBHOOKS.md).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Value of the X-Preorders-Signature header: "t=" + unix seconds + ",v1=" + lower-case hex HMAC-SHA256 of
    /// "&lt;t&gt;.&lt;body&gt;" (UTF-8), keyed with the secret (UTF-8). The timestamp is signed with the body, so a
    /// captured request cannot be replayed outside the receiver's tolerance.
    /// </summary>
    public static string Sign(string body, string secret, long unixSeconds) =>
        $"t={unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)},v1={Hmac(body, secret, unixSeconds)}";

    public static string Sign(string body, string secret, DateTime utcNow) => Sign(body, secret, new DateTimeOffset(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc)).ToUnixTimeSeconds());

    /// <summary>
    /// What a receiver does: the header's timestamp within <paramref name="tolerance"/> of <paramref name="utcNow"/> and
    /// one of its v1 values equal (constant time) to the HMAC of "&lt;t&gt;.&lt;body&gt;".
    /// </summary>
    public static bool Verify(string body, string secret, string signatureHeader, DateTime utcNow, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(signatureHeader) || string.IsNullOrEmpty(secret))
            return false;
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
                continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t" && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t))
                timestamp = t;
            else if (key == "v1")
                signatures.Add(value);
        }
        if (timestamp == null || signatures.Count == 0)
            return false;
        var age = new DateTimeOffset(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc)).ToUnixTimeSeconds() - timestamp.Value;
        if (Math.Abs(age) > (long)tolerance.TotalSeconds)
            return false;
        var expected = Encoding.ASCII.GetBytes(Hmac(body, secret, timestamp.Value));
        var valid = false;
        foreach (var signature in signatures)
            valid |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
        return valid;
    }

    private static string Hmac(string body, string secret, long unixSeconds)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret ?? string.Empty));
        var signed = unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + (body ?? string.Empty);
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(signed))).ToLowerInvariant();
    }

    /// <summary>The delivery id of an outbox row: derived from its delivery key (event and URL), so the same for every retry.</summary>
    public static string DeliveryId(string deliveryKey) =>
        "dlv_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey ?? string.Empty)))[..32].ToLowerInvariant();

    /// <summary>Configured URLs: one per line (commas and spaces also separate); only absolute http(s) URLs, each once.</summary>
    public static IList<string> ParseUrls(string value) =>
        (value ?? string.Empty).Split(new[] { '\r', '\n', ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
            .Where(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Unique per event and URL (the URL hashed, so the key stays short).</summary>
    public static string DeliveryKey(PreorderEvent preorderEvent, string url)
    {
        var urlHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16].ToLowerInvariant();
        var key = $"{preorderEvent.Kind}:{preorderEvent.Key}";
        return (key.Length > 180 ? key[..180] : key) + ":" + urlHash;
    }
}
