using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>Where a shopper's request for more time stands.</summary>
public enum ExtensionRequestStatus
{
    /// <summary>Waiting for the merchant.</summary>
    Pending = 10,
    /// <summary>The merchant approved it: the due date moved by the requested days.</summary>
    Approved = 20,
    /// <summary>The merchant declined it: the due date stays.</summary>
    Declined = 30
}

/// <summary>
/// A shopper's request for more time to pay a line's balance beyond the automatic extensions (schema 1.8). At most
/// one is pending per line: <see cref="Sequence"/> numbers a line's requests and is unique per line, so two requests
/// sent at once cannot both be stored. The merchant's decision is a conditional UPDATE from Pending (one click wins).
/// </summary>
public class PreorderExtensionRequest : BaseEntity
{
    public int PreorderLineId { get; set; }

    public int OrderId { get; set; }

    public int StoreId { get; set; }

    /// <summary>1 for a line's first request, then 2, 3...</summary>
    public int Sequence { get; set; }

    public int RequestedDays { get; set; }

    /// <summary>The shopper's optional note to the merchant (plain text, at most <see cref="Services.Rules.ExtensionRequestRules.MaxMessageLength"/> characters).</summary>
    public string Message { get; set; }

    public int StatusId { get; set; }

    /// <summary>0 when sent through a balance link by a guest.</summary>
    public int RequestedByCustomerId { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime? DecidedOnUtc { get; set; }

    public int DecidedByCustomerId { get; set; }

    public ExtensionRequestStatus Status
    {
        get => (ExtensionRequestStatus)StatusId;
        set => StatusId = (int)value;
    }
}
