using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Services.Logging;

namespace Nop.Plugin.Preorders.Services.Tasks;

/// <summary>
/// The task's notification steps, in the order that lets one run send what it records: the stock-arrived notices of
/// new allocations (<see cref="AllocationNoticeService"/>), the compensations merchants attached to ship date changes
/// (<see cref="DelayCompensationService"/>), the delay notices of ship date changes
/// (<see cref="ShipDateNoticeService"/>), the buyers' e-mails of campaign updates
/// (<see cref="CampaignUpdateNoticeService"/>), the waitlist's confirmation and launch e-mails (<see cref="WaitlistNoticeService"/>) and the store owner's early warnings
/// (<see cref="StoreAlertService"/>) and the missed ship date notices (<see cref="MissedShipDateService"/>, which also makes
/// the automatic refunds that came due) are recorded first, then the messages that came due are recorded and everything
/// pending is sent (<see cref="PreorderMessageService"/>), then the webhook outbox is delivered.
/// </summary>
public class ScheduledNotifications
{
    private readonly AllocationNoticeService _allocationNoticeService;
    private readonly CampaignUpdateNoticeService _campaignUpdateNoticeService;
    private readonly DelayCompensationService _delayCompensationService;
    private readonly ILogger _logger;
    private readonly MissedShipDateService _missedShipDateService;
    private readonly PreorderMessageService _messageService;
    private readonly PreorderWebhookService _webhookService;
    private readonly ShipDateNoticeService _shipDateNoticeService;
    private readonly StoreAlertService _storeAlertService;
    private readonly WaitlistNoticeService _waitlistNoticeService;

    public ScheduledNotifications(AllocationNoticeService allocationNoticeService,
        CampaignUpdateNoticeService campaignUpdateNoticeService,
        DelayCompensationService delayCompensationService,
        ILogger logger,
        MissedShipDateService missedShipDateService,
        PreorderMessageService messageService,
        PreorderWebhookService webhookService,
        ShipDateNoticeService shipDateNoticeService,
        StoreAlertService storeAlertService,
        WaitlistNoticeService waitlistNoticeService)
    {
        _waitlistNoticeService = waitlistNoticeService;
        _allocationNoticeService = allocationNoticeService;
        _campaignUpdateNoticeService = campaignUpdateNoticeService;
        _delayCompensationService = delayCompensationService;
        _logger = logger;
        _missedShipDateService = missedShipDateService;
        _messageService = messageService;
        _webhookService = webhookService;
        _shipDateNoticeService = shipDateNoticeService;
        _storeAlertService = storeAlertService;
    }

    /// <summary>Returns the allocations announced, the e-mails queued and the webhooks delivered by this run.</summary>
    public virtual async Task<(int Notices, int Messages, int Webhooks)> RunAsync(DateTime nowUtc)
    {
        var notices = await _allocationNoticeService.NotifyAllocatedAsync();
        try
        {
            // before the delay notices: a change's notices wait until its compensations are made, and then name them
            await _delayCompensationService.RunDueAsync();
        }
        catch (Exception ex)
        {
            await _logger.WarningAsync($"Pre-orders automation: {ex.Message}", ex);
        }
        try
        {
            // failures are logged per change inside; this catches only what the reads themselves throw
            await _shipDateNoticeService.RecordDueAsync();
        }
        catch (Exception ex)
        {
            await _logger.WarningAsync($"Pre-orders automation: {ex.Message}", ex);
        }
        try
        {
            await _campaignUpdateNoticeService.RecordDueAsync();
        }
        catch (Exception ex)
        {
            // resumed next run from the update's cursor; the other notifications go on
            await _logger.WarningAsync($"Pre-orders automation: {ex.Message}", ex);
        }
        // the waitlist's confirmation and launch e-mails (failures logged inside; resumed next run)
        await _waitlistNoticeService.RecordDueAsync(nowUtc);
        try
        {
            await _storeAlertService.RecordDueAsync(nowUtc);
        }
        catch (Exception ex)
        {
            // retried next run; the other notifications go on
            await _logger.WarningAsync($"Pre-orders automation: {ex.Message}", ex);
        }
        try
        {
            await _missedShipDateService.RunAsync(nowUtc);
        }
        catch (Exception ex)
        {
            await _logger.WarningAsync($"Pre-orders automation: {ex.Message}", ex);
        }
        var messages = await _messageService.RunScheduledAsync(nowUtc);
        var webhooks = await _webhookService.DeliverDueAsync();
        return (notices, messages, webhooks);
    }
}
