using Nop.Plugin.Preorders.Domain;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// When a shopper may ask the merchant for more time, and what a request may say. Pure: the service reads the line,
/// the store's settings and the line's pending request, and refuses with the resource key this returns (changing nothing).
/// </summary>
public static class ExtensionRequestRules
{
    /// <summary>Most days one request may ask for.</summary>
    public const int MaxRequestedDays = 90;

    /// <summary>Longest note to the merchant (the column's size).</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>
    /// Null when the request may be stored; else the resource key of the reason it is refused. The automatic extensions
    /// come first: a shopper who may still extend alone is told to do that (no merchant needed).
    /// </summary>
    public static string Refusal(PreorderLine line, int maxAutoExtensions, bool hasPendingRequest, int requestedDays, string message)
    {
        if (!SelfServiceRules.CanExtend(line))
            return R.ExtensionNotAllowed;
        if (hasPendingRequest)
            return R.ExtensionRequestPending;
        if (line.ExtensionCount < maxAutoExtensions)
            return R.ExtensionRequestNotNeeded;
        if (requestedDays < 1 || requestedDays > MaxRequestedDays)
            return R.ExtensionRequestDaysRange;
        if (message != null && message.Trim().Length > MaxMessageLength)
            return R.TextTooLong;
        return null;
    }

    /// <summary>The note as stored: trimmed, null when empty.</summary>
    public static string CleanMessage(string message) => string.IsNullOrWhiteSpace(message) ? null : message.Trim();

    /// <summary>Whether the merchant may still decide it: pending, and the line's balance can still move.</summary>
    public static bool CanDecide(PreorderExtensionRequest request, PreorderLine line) =>
        request.Status == ExtensionRequestStatus.Pending && line != null && SelfServiceRules.CanExtend(line);
}
