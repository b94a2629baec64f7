namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>Exactly-once notifications. Being written for the notifications issue.</summary>
public class PreorderMessageService
{
    public virtual Task<int> RunScheduledAsync(DateTime nowUtc) => Task.FromResult(0);
}
