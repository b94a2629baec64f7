using Nop.Core.Domain.Messages;
using Nop.Core.Domain.Shipping;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Events;
using Nop.Services.Logging;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// Turns events into notifications: the plugin's own <see cref="PreorderEvent"/> (which the order, payment,
/// allocation and catalog services raise, including for nopCommerce's order placed / paid / cancelled /
/// refunded and product events they handle) into e-mails and webhook outbox rows, nopCommerce's delivered
/// shipment into the thank-you, and the template editor's token list. These handlers run inside other
/// requests (checkout among them): a failure here is logged and never breaks that request.
/// </summary>
public class PreorderNotificationEventConsumer :
    IConsumer<PreorderEvent>,
    IConsumer<ShipmentDeliveredEvent>,
    IConsumer<AdditionalTokensAddedEvent>
{
    private readonly ILogger _logger;
    private readonly PreorderMessageService _messageService;
    private readonly PreorderWebhookService _webhookService;

    public PreorderNotificationEventConsumer(ILogger logger,
        PreorderMessageService messageService,
        PreorderWebhookService webhookService)
    {
        _logger = logger;
        _messageService = messageService;
        _webhookService = webhookService;
    }

    public async Task HandleEventAsync(PreorderEvent eventMessage)
    {
        // the outbox first: it is one insert per URL and never touches the network here
        await GuardedAsync(() => _webhookService.EnqueueAsync(eventMessage), $"webhook {eventMessage.Kind} {eventMessage.Key}");
        await GuardedAsync(() => _messageService.HandleEventAsync(eventMessage), $"message {eventMessage.Kind} {eventMessage.Key}");
    }

    public async Task HandleEventAsync(ShipmentDeliveredEvent eventMessage)
    {
        if (eventMessage.Shipment is { } shipment)
            await GuardedAsync(() => _messageService.HandleDeliveredAsync(shipment.OrderId), $"thank-you for order {shipment.OrderId}");
    }

    /// <summary>The plugin's tokens in the list of allowed tokens of the message template editor.</summary>
    public Task HandleEventAsync(AdditionalTokensAddedEvent eventMessage)
    {
        eventMessage.AddTokens(PreorderMessageTokens.All.ToArray());
        return Task.CompletedTask;
    }

    private async Task GuardedAsync(Func<Task<int>> action, string what)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            await _logger.ErrorAsync($"Pre-orders: {what} could not be recorded: {ex.Message}", ex);
        }
    }
}
