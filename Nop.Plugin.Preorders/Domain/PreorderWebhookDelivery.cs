using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>Durable outbox row: one event for one webhook URL, retried with backoff until delivered.</summary>
public class PreorderWebhookDelivery : BaseEntity
{
    /// <summary>Unique per event and URL, so an event is enqueued once.</summary>
    public string DeliveryKey { get; set; }

    public string EventType { get; set; }

    public string Url { get; set; }

    public string PayloadJson { get; set; }

    public int StatusId { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptOnUtc { get; set; }

    public string LastError { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime? DeliveredOnUtc { get; set; }

    public DeliveryStatus Status
    {
        get => (DeliveryStatus)StatusId;
        set => StatusId = (int)value;
    }
}
