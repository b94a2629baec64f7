namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>When a failed e-mail or webhook delivery is tried again: exponential, capped, never given up. Pure.</summary>
public static class DeliveryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Max = TimeSpan.FromHours(6);

    /// <summary>Wait after the n-th failed attempt (1 → 1 min, 2 → 2 min, 3 → 4 min ... at most 6 hours).</summary>
    public static TimeSpan After(int failedAttempts)
    {
        if (failedAttempts <= 1)
            return First;
        var exponent = Math.Min(failedAttempts - 1, 20);
        var wait = TimeSpan.FromTicks(First.Ticks * (1L << exponent));
        return wait > Max ? Max : wait;
    }
}
