using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// One movement of money for an order: payments, refunds, forfeits, transfers, and failed attempts.
/// Rows are never updated except a Pending attempt turning Succeeded/Failed, and never deleted.
/// <see cref="IdempotencyKey"/> is unique, so a repeated request records nothing new.
/// </summary>
public class PreorderLedgerEntry : BaseEntity
{
    public int OrderId { get; set; }

    /// <summary>0 when the entry concerns the order as a whole.</summary>
    public int PreorderLineId { get; set; }

    public int KindId { get; set; }

    public int StatusId { get; set; }

    /// <summary>Positive amount in the primary store currency; the kind says its direction.</summary>
    public decimal Amount { get; set; }

    public string CurrencyCode { get; set; }

    /// <summary>The same amount in <see cref="CurrencyCode"/> as the shopper saw it.</summary>
    public decimal AmountInCurrency { get; set; }

    /// <summary>"Offline", a payment method system name, or "GiftCard".</summary>
    public string Method { get; set; }

    /// <summary>Bank reference, transaction id, gift card code...</summary>
    public string Reference { get; set; }

    public string IdempotencyKey { get; set; }

    public string Note { get; set; }

    /// <summary>Who recorded it (customer id of the admin or shopper; 0 for the system).</summary>
    public int RecordedByCustomerId { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public LedgerEntryKind Kind
    {
        get => (LedgerEntryKind)KindId;
        set => KindId = (int)value;
    }

    public LedgerEntryStatus Status
    {
        get => (LedgerEntryStatus)StatusId;
        set => StatusId = (int)value;
    }
}
