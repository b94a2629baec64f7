using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// Exactly-once record of a notification. <see cref="MessageKey"/> (kind:entity:step) is unique, so a
/// repeated event or a task run on two nodes cannot queue the same message twice.
/// </summary>
public class PreorderMessageLog : BaseEntity
{
    public string MessageKey { get; set; }

    public string TemplateName { get; set; }

    public int OrderId { get; set; }

    public int ProductId { get; set; }

    public int StatusId { get; set; }

    public int Attempts { get; set; }

    public int QueuedEmailId { get; set; }

    public string LastError { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime? SentOnUtc { get; set; }

    public DeliveryStatus Status
    {
        get => (DeliveryStatus)StatusId;
        set => StatusId = (int)value;
    }
}
