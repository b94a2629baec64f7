namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>How money held for a cancelled line is settled by the merchant's choice.</summary>
public enum AdminSettlement
{
    /// <summary>Everything held for the line is paid back.</summary>
    Refund = 10,
    /// <summary>The deposit is kept as agreed compensation; anything paid above it is refunded.</summary>
    Forfeit = 20,
    /// <summary>Everything held is moved to a gift card.</summary>
    Transfer = 30
}

/// <summary>A problem with one target of an action: a locale resource key, its arguments, and the line or order it concerns (0 = the action as a whole).</summary>
public record AdminActionMessage(string ResourceKey, object[] Args, int TargetId = 0);

/// <summary>The outcome of an admin action (single or bulk).</summary>
public class AdminActionResult
{
    /// <summary>The acting user lacks the permission: nothing was changed.</summary>
    public bool Denied { get; init; }

    /// <summary>Targets the action was applied to.</summary>
    public int Succeeded { get; set; }

    /// <summary>A number the action reports (units allocated, buyers messaged...).</summary>
    public int Count { get; set; }

    public IList<AdminActionMessage> Errors { get; } = new List<AdminActionMessage>();

    /// <summary>Plain texts to show as they are (reconciliation findings, settlement descriptions).</summary>
    public IList<string> Details { get; } = new List<string>();

    public bool Success => !Denied && Errors.Count == 0;

    public static AdminActionResult AccessDenied() => new() { Denied = true };

    public static AdminActionResult Error(string resourceKey, params object[] args)
    {
        var result = new AdminActionResult();
        result.Errors.Add(new AdminActionMessage(resourceKey, args));
        return result;
    }
}
