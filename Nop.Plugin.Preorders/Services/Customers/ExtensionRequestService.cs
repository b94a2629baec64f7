using Nop.Core.Domain.Customers;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Customers;

/// <summary>
/// A shopper's request for more time beyond the automatic extensions (<see cref="PreorderSettings.MaxAutoExtensions"/>):
/// stored as pending and e-mailed to the store owner, who approves or declines it
/// (<see cref="Admin.ExtensionRequestAdminService"/>). The same access rule as every self-service action
/// (<see cref="PreorderSelfService.AuthorizeAsync"/>); a refused request changes nothing.
/// </summary>
public class ExtensionRequestService
{
    private readonly IRepository<PreorderExtensionRequest> _requestRepository;
    private readonly ISettingService _settingService;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;
    private readonly PreorderMessageService _messageService;
    private readonly PreorderOrderService _orderPreorderService;
    private readonly PreorderSelfService _selfService;

    public ExtensionRequestService(IRepository<PreorderExtensionRequest> requestRepository,
        ISettingService settingService,
        PreorderAuditService auditService,
        PreorderClock clock,
        PreorderMessageService messageService,
        PreorderOrderService orderPreorderService,
        PreorderSelfService selfService)
    {
        _requestRepository = requestRepository;
        _settingService = settingService;
        _auditService = auditService;
        _clock = clock;
        _messageService = messageService;
        _orderPreorderService = orderPreorderService;
        _selfService = selfService;
    }

    /// <summary>Stores the request as pending and tells the store owner; refused (<see cref="PreorderRuleException"/>, nothing stored) by <see cref="ExtensionRequestRules.Refusal"/>.</summary>
    public virtual async Task<PreorderExtensionRequest> SubmitAsync(Customer customer, int orderId, int lineId, string token, int requestedDays, string message)
    {
        var order = await _selfService.AuthorizeAsync(customer, orderId, token);
        var line = await _orderPreorderService.GetLineAsync(lineId);
        if (line == null || line.OrderId != order.Id)
            throw new PreorderRuleException(R.OrderNotFound);
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(order.StoreId);
        var pending = await PendingAsync(line.Id);
        if (ExtensionRequestRules.Refusal(line, settings.MaxAutoExtensions, pending != null, requestedDays, message) is { } refusal)
            throw new PreorderRuleException(refusal, ExtensionRequestRules.MaxRequestedDays);

        var sequence = await _requestRepository.Table.Where(r => r.PreorderLineId == line.Id).OrderByDescending(r => r.Sequence).Select(r => r.Sequence).FirstOrDefaultAsync() + 1;
        var request = new PreorderExtensionRequest
        {
            PreorderLineId = line.Id,
            OrderId = order.Id,
            StoreId = order.StoreId,
            Sequence = sequence,
            RequestedDays = requestedDays,
            Message = ExtensionRequestRules.CleanMessage(message),
            Status = ExtensionRequestStatus.Pending,
            RequestedByCustomerId = string.IsNullOrEmpty(token) ? order.CustomerId : 0,
            CreatedOnUtc = _clock.UtcNow
        };
        try
        {
            await _requestRepository.InsertAsync(request, false);
        }
        catch (Exception)
        {
            // the unique (line, sequence) index: a request sent at the same moment took this number
            if (await _requestRepository.Table.Where(r => r.PreorderLineId == line.Id && r.Sequence == sequence).AnyAsync())
                throw new PreorderRuleException(R.ExtensionRequestPending);
            throw;
        }

        await _auditService.RecordAsync("ExtensionRequestSubmitted", request.RequestedByCustomerId, line.OrderId, line.ProductId, line.Id,
            $"request {request.Id}: {requestedDays} day(s)");
        await NotifyAsync(K.StoreExtensionRequested, request, line);
        return request;
    }

    /// <summary>The latest request of each line (pending or decided), for the shopper's page and the admin grid.</summary>
    public virtual async Task<IDictionary<int, PreorderExtensionRequest>> GetLatestAsync(IEnumerable<int> lineIds)
    {
        var ids = lineIds.Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, PreorderExtensionRequest>();
        var requests = await _requestRepository.Table.Where(r => ids.Contains(r.PreorderLineId)).ToListAsync();
        return requests.GroupBy(r => r.PreorderLineId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Sequence).First());
    }

    public virtual async Task<PreorderExtensionRequest> PendingAsync(int lineId) =>
        await _requestRepository.Table.Where(r => r.PreorderLineId == lineId && r.StatusId == (int)ExtensionRequestStatus.Pending).FirstOrDefaultAsync();

    /// <summary>
    /// Records the message of a request (once: the key names the request) and sends it now, unless automation is paused
    /// (the scheduled run sends it then, and retries a failure).
    /// </summary>
    public virtual async Task NotifyAsync(PreorderMessageKind kind, PreorderExtensionRequest request, PreorderLine line)
    {
        var key = PreorderMessageKey.Format(kind, new[] { ("order", line.OrderId), ("line", line.Id) }, ExtensionRequestMessageTokens.Step(request.Id));
        if (await _messageService.TryRecordAsync(key, line.OrderId, line.ProductId) is not { } log)
            return;
        if (!(await _settingService.LoadSettingAsync<PreorderSettings>()).AutomationPaused)
            await _messageService.TrySendAsync(log, _clock.UtcNow);
    }
}
