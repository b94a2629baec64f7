using Nop.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services;

/// <summary>Append-only record of who did what (admin actions, shopper self-service, automation).</summary>
public class PreorderAuditService
{
    private readonly IRepository<PreorderAuditEntry> _auditRepository;
    private readonly PreorderClock _clock;

    public PreorderAuditService(IRepository<PreorderAuditEntry> auditRepository, PreorderClock clock)
    {
        _auditRepository = auditRepository;
        _clock = clock;
    }

    public virtual Task RecordAsync(string action, int customerId, int orderId = 0, int productId = 0, int lineId = 0, string details = null) =>
        _auditRepository.InsertAsync(new PreorderAuditEntry
        {
            Action = action,
            CustomerId = customerId,
            OrderId = orderId,
            ProductId = productId,
            PreorderLineId = lineId,
            Details = details?.Length > 4000 ? details[..4000] : details,
            CreatedOnUtc = _clock.UtcNow
        }, false);
}
