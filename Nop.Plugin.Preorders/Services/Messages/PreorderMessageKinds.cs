using System.Globalization;
using System.Text;
using T = Nop.Plugin.Preorders.PreorderDefaults.Templates;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>Who receives a message.</summary>
public enum MessageAudience
{
    /// <summary>The shopper who placed the order (billing address e-mail).</summary>
    Customer,
    /// <summary>The store owner (the template's e-mail account).</summary>
    StoreOwner
}

/// <summary>One kind of notification: the first segment of its message key, its template and its audience.</summary>
public sealed record PreorderMessageKind(string Code, string TemplateName, MessageAudience Audience);

/// <summary>
/// Every notification the plugin sends. The code is the first segment of the message key, so a log row
/// alone says what to rebuild when it is retried.
/// </summary>
public static class PreorderMessageKinds
{
    public static readonly PreorderMessageKind Confirmed = new("confirmed", T.PreorderConfirmed, MessageAudience.Customer);
    public static readonly PreorderMessageKind DepositReceived = new("deposit", T.DepositReceived, MessageAudience.Customer);
    public static readonly PreorderMessageKind ShipDateChanged = new("shipdate", T.ShipDateChanged, MessageAudience.Customer);
    public static readonly PreorderMessageKind StockArrived = new("stock", T.StockArrivedBalanceDue, MessageAudience.Customer);
    public static readonly PreorderMessageKind BalanceReminder = new("reminder", T.BalanceReminder, MessageAudience.Customer);
    public static readonly PreorderMessageKind UpcomingCharge = new("chargenotice", T.UpcomingCharge, MessageAudience.Customer);
    public static readonly PreorderMessageKind ChargeFailed = new("chargefailed", T.ChargeFailed, MessageAudience.Customer);
    public static readonly PreorderMessageKind ReservationExpiring = new("expiring", T.ReservationExpiring, MessageAudience.Customer);
    public static readonly PreorderMessageKind ReservationExpired = new("expired", T.ReservationExpired, MessageAudience.Customer);
    public static readonly PreorderMessageKind PaymentReceived = new("payment", T.PaidInFull, MessageAudience.Customer);
    public static readonly PreorderMessageKind Cancelled = new("cancelled", T.CancelledRefunded, MessageAudience.Customer);
    public static readonly PreorderMessageKind ThankYou = new("thanks", T.ThankYouReview, MessageAudience.Customer);
    /// <summary>The merchant's free text to the buyers of a product ("e-mail all buyers"), one per order.</summary>
    public static readonly PreorderMessageKind MerchantMessage = new("merchant", T.BuyersMessage, MessageAudience.Customer);
    /// <summary>A new personal balance link, resent at the merchant's request (the order's older links were revoked).</summary>
    public static readonly PreorderMessageKind BalanceLink = new("balancelink", T.BalanceLink, MessageAudience.Customer);
    /// <summary>A line cancelled through the balance link: told to the order's billing address (the link may have been forwarded).</summary>
    public static readonly PreorderMessageKind CancelledThroughLink = new("linkcancel", T.CancelledThroughLink, MessageAudience.Customer);
    public static readonly PreorderMessageKind StoreNewPreorder = new("store-new", T.StoreNewPreorder, MessageAudience.StoreOwner);
    public static readonly PreorderMessageKind StoreCapReached = new("store-cap", T.StoreCapReached, MessageAudience.StoreOwner);
    public static readonly PreorderMessageKind StoreDepositConfirmed = new("store-deposit", T.StoreDepositConfirmed, MessageAudience.StoreOwner);
    public static readonly PreorderMessageKind StoreBalanceOverdue = new("store-overdue", T.StoreBalanceOverdue, MessageAudience.StoreOwner);
    public static readonly PreorderMessageKind StoreReservationExpired = new("store-expired", T.StoreReservationExpired, MessageAudience.StoreOwner);
    public static readonly PreorderMessageKind StoreDailyDigest = new("digest", T.StoreDailyDigest, MessageAudience.StoreOwner);
    /// <summary>More time to pay: the shopper's own extension, the merchant's, or the merchant's reschedule to a later date.</summary>
    public static readonly PreorderMessageKind ExtensionGranted = new("extension", T.ExtensionGranted, MessageAudience.Customer);
    /// <summary>Money given back to the shopper outside a cancellation or expiry (whose own message says what was refunded).</summary>
    public static readonly PreorderMessageKind RefundMade = new("refund", T.RefundMade, MessageAudience.Customer);
    public static readonly PreorderMessageKind LineShipped = new("shipped", T.LineShipped, MessageAudience.Customer);
    /// <summary>A product's pre-order window closes soon: once per window end.</summary>
    public static readonly PreorderMessageKind StoreWindowClosing = new("store-window", T.StoreWindowClosing, MessageAudience.StoreOwner);
    /// <summary>A product's cap is nearly reached: once per cap.</summary>
    public static readonly PreorderMessageKind StoreCapNearlyReached = new("store-capnear", T.StoreCapNearlyReached, MessageAudience.StoreOwner);
    /// <summary>A shopper asked for more time than the automatic extensions give: once per request (step "r{request id}").</summary>
    public static readonly PreorderMessageKind StoreExtensionRequested = new("store-extreq", T.StoreExtensionRequested, MessageAudience.StoreOwner);
    /// <summary>The merchant declined a shopper's request for more time (an approval sends <see cref="ExtensionGranted"/>).</summary>
    public static readonly PreorderMessageKind ExtensionDeclined = new("extdeclined", T.ExtensionDeclined, MessageAudience.Customer);
    /// <summary>A waiting line's expected ship date passed: once per line, with the penalty-free cancel link (the refund, if any, sends the cancellation message).</summary>
    public static readonly PreorderMessageKind MissedShipDate = new("missedship", T.MissedShipDate, MessageAudience.Customer);
    /// <summary>A stage of a product's campaign posted by the merchant: once per buyer (customer) and update, recorded by the task.</summary>
    public static readonly PreorderMessageKind CampaignUpdate = new("campaign", T.CampaignUpdate, MessageAudience.Customer);
    /// <summary>A guest joined a product's waitlist: the double opt-in link, once per waitlist row, recorded by the task.</summary>
    public static readonly PreorderMessageKind WaitlistConfirm = new("waitconfirm", T.WaitlistConfirm, MessageAudience.Customer);
    /// <summary>The pre-order window a waitlisted shopper waited for opened: once per confirmed waitlist row, recorded by the task.</summary>
    public static readonly PreorderMessageKind WaitlistLaunch = new("waitlist", T.WaitlistLaunch, MessageAudience.Customer);

    public static IReadOnlyList<PreorderMessageKind> All { get; } = new[]
    {
        Confirmed, DepositReceived, ShipDateChanged, StockArrived, BalanceReminder, UpcomingCharge, ChargeFailed,
        ReservationExpiring, ReservationExpired, PaymentReceived, Cancelled, ThankYou, MerchantMessage, BalanceLink, CancelledThroughLink,
        StoreNewPreorder, StoreCapReached, StoreDepositConfirmed, StoreBalanceOverdue, StoreReservationExpired, StoreDailyDigest,
        ExtensionGranted, RefundMade, LineShipped, StoreWindowClosing, StoreCapNearlyReached,
        StoreExtensionRequested, ExtensionDeclined, MissedShipDate, CampaignUpdate, WaitlistConfirm, WaitlistLaunch
    };

    private static readonly Dictionary<string, PreorderMessageKind> ByCode = All.ToDictionary(k => k.Code, StringComparer.Ordinal);

    public static PreorderMessageKind Find(string code) => code != null && ByCode.TryGetValue(code, out var kind) ? kind : null;
}

/// <summary>
/// The exactly-once key of a message: <c>kind:name:id:...:step</c>, for example
/// <c>reminder:order:12:line:31:x0:d3</c> (the 3-days-before reminder of line 31, before any extension).
/// Named ids (order, line, entry, change, inst, product, store, customer) say what the message is about; the
/// remaining segments are the step. Unique in the database, so the same message is recorded once.
/// </summary>
public sealed class PreorderMessageKey
{
    public const int MaxLength = 200;

    private static readonly HashSet<string> IdNames = new(StringComparer.Ordinal) { "order", "line", "entry", "change", "inst", "product", "store", "customer" };

    private readonly Dictionary<string, int> _ids;

    private PreorderMessageKey(string value, PreorderMessageKind kind, Dictionary<string, int> ids, string step)
    {
        Value = value;
        Kind = kind;
        _ids = ids;
        Step = step;
    }

    /// <summary>The key as stored in the message log.</summary>
    public string Value { get; }

    public PreorderMessageKind Kind { get; }

    /// <summary>What is left after the named ids ("x0:d3", "cap:20", "20250101"); null when none.</summary>
    public string Step { get; }

    public int OrderId => Id("order");
    public int LineId => Id("line");
    /// <summary>A ledger entry id.</summary>
    public int EntryId => Id("entry");
    /// <summary>A ship date change id.</summary>
    public int ChangeId => Id("change");
    /// <summary>An installment's sequence within its order.</summary>
    public int InstallmentSequence => Id("inst");
    public int ProductId => Id("product");
    public int StoreId => Id("store");
    /// <summary>A customer id: the message is to the customer, whichever of their orders it is built from (campaign updates).</summary>
    public int CustomerId => Id("customer");

    public int Id(string name) => _ids.TryGetValue(name, out var id) ? id : 0;

    /// <summary>The text following <paramref name="prefix"/> in a step segment ("mab12" → "ab12" for "m"), or null.</summary>
    public string StepText(string prefix)
    {
        if (Step == null)
            return null;
        foreach (var part in Step.Split(':'))
            if (part.Length > prefix.Length && part.StartsWith(prefix, StringComparison.Ordinal))
                return part[prefix.Length..];
        return null;
    }

    /// <summary>
    /// A step segment made from an outside identifier (an event key's id part): kept as it is when it is short
    /// and alphanumeric, otherwise replaced by a hash, so it never breaks the key's format or length.
    /// </summary>
    public static string StepFrom(string prefix, string identifier)
    {
        if (!string.IsNullOrEmpty(identifier) && identifier.Length <= 40 && identifier.All(char.IsAsciiLetterOrDigit))
            return prefix + identifier;
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(identifier ?? string.Empty));
        return prefix + "h" + Convert.ToHexString(hash)[..32].ToLowerInvariant();
    }

    /// <summary>The number following <paramref name="prefix"/> in the step ("d3" → 3 for "d"), or null.</summary>
    public int? StepNumber(string prefix)
    {
        if (Step == null)
            return null;
        foreach (var part in Step.Split(':'))
            if (part.Length > prefix.Length && part.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(part[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return n;
        return null;
    }

    /// <summary>Builds a key; ids with value 0 are left out, steps are appended as given.</summary>
    public static string Format(PreorderMessageKind kind, (string Name, int Id)[] ids, params string[] step)
    {
        var sb = new StringBuilder(kind.Code);
        foreach (var (name, id) in ids)
        {
            if (!IdNames.Contains(name))
                throw new ArgumentException($"Unknown id name {name}.", nameof(ids));
            if (id != 0)
                sb.Append(':').Append(name).Append(':').Append(id.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var part in step.Where(p => !string.IsNullOrEmpty(p)))
        {
            if (part.Contains(':') || IdNames.Contains(part))
                throw new ArgumentException("A step segment cannot contain ':' or be an id name.", nameof(step));
            sb.Append(':').Append(part);
        }
        if (sb.Length > MaxLength)
            throw new ArgumentException("Message key too long.", nameof(ids));
        return sb.ToString();
    }

    public static PreorderMessageKey Parse(string key)
    {
        if (string.IsNullOrEmpty(key))
            return null;
        var parts = key.Split(':');
        var kind = PreorderMessageKinds.Find(parts[0]);
        if (kind == null)
            return null;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var step = new List<string>();
        for (var i = 1; i < parts.Length; i++)
        {
            if (IdNames.Contains(parts[i]) && i + 1 < parts.Length
                && int.TryParse(parts[i + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                ids[parts[i]] = id;
                i++;
            }
            else
                step.Add(parts[i]);
        }
        return new PreorderMessageKey(key, kind, ids, step.Count == 0 ? null : string.Join(":", step));
    }
}
