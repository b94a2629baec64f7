namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>Durable webhook outbox. Being written for the notifications issue.</summary>
public class PreorderWebhookService
{
    public const string HttpClientName = "Nop.Plugin.Preorders.Webhooks";

    public virtual Task<int> DeliverDueAsync() => Task.FromResult(0);
}
