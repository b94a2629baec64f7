namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// Whether a change of the expected ship date lets the affected shoppers cancel without penalty by store
/// policy: a delay longer than <see cref="PreorderSettings.AutoRefundDelayDays"/> (the same threshold after
/// which a missed date makes deposits refundable), or a date withdrawn altogether. Pure.
/// </summary>
public static class ShipDatePolicy
{
    public static bool PenaltyFreeByPolicy(DateTime? oldDateUtc, DateTime? newDateUtc, PreorderSettings settings)
    {
        if (settings == null || settings.AutoRefundDelayDays <= 0 || oldDateUtc is not DateTime old)
            return false;
        return newDateUtc is not DateTime moved || moved > old.AddDays(settings.AutoRefundDelayDays);
    }
}
