namespace Nop.Plugin.Preorders.Services;

/// <summary>The current time; a class of its own so tests can move time (windows, due dates, daylight saving).</summary>
public class PreorderClock
{
    public virtual DateTime UtcNow => DateTime.UtcNow;
}
