using System.Security.Cryptography;
using System.Text;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>Where a product's waitlist stands at a moment.</summary>
public enum WaitlistWindowState
{
    /// <summary>Not a pre-order, or a pre-order without a future opening: no waitlist to join.</summary>
    None = 0,
    /// <summary>The window opens later: shoppers may join ("coming soon").</summary>
    ComingSoon = 10,
    /// <summary>The window is open (and not closed): the launch e-mails go out.</summary>
    Open = 20,
    /// <summary>The window closed: nothing is sent any more.</summary>
    Closed = 30
}

/// <summary>The waitlist's rules: when shoppers may join, when the launch e-mails go out, first access, addresses and signed links. Pure.</summary>
public static class WaitlistRules
{
    public const int MaxEmailLength = 254;

    /// <summary>A week: longer first access would shut the pre-order to everyone else for most of a campaign.</summary>
    public const int MaxFirstAccessHours = 168;

    /// <summary>The waitlist state of a profile at <paramref name="nowUtc"/>.</summary>
    public static WaitlistWindowState StateOf(PreorderProfile profile, DateTime nowUtc)
    {
        if (profile is null || !profile.Enabled || profile.ReleasedOnUtc.HasValue || profile.WindowStartUtc is not DateTime start)
            return WaitlistWindowState.None;
        if (start > nowUtc)
            return WaitlistWindowState.ComingSoon;
        if (profile.WindowEndUtc is DateTime end && end <= nowUtc)
            return WaitlistWindowState.Closed;
        return WaitlistWindowState.Open;
    }

    /// <summary>Shoppers join only before the window opens (afterwards they can pre-order).</summary>
    public static bool CanJoin(WaitlistWindowState state) => state == WaitlistWindowState.ComingSoon;

    /// <summary>A row gets the launch e-mail when it is confirmed and the window is open.</summary>
    public static bool ShouldSendLaunch(bool confirmed, WaitlistWindowState state) => confirmed && state == WaitlistWindowState.Open;

    /// <summary>The first-access period's end, when the product has one: the window's opening plus the hours; null otherwise.</summary>
    public static DateTime? FirstAccessEndsUtc(DateTime? windowStartUtc, int firstAccessHours) =>
        windowStartUtc is DateTime start && firstAccessHours > 0 ? start.AddHours(firstAccessHours) : null;

    /// <summary>True during the first-access hours: from the opening (inclusive) to the opening plus the hours (exclusive).</summary>
    public static bool InFirstAccess(DateTime? windowStartUtc, int firstAccessHours, DateTime atUtc) =>
        FirstAccessEndsUtc(windowStartUtc, firstAccessHours) is DateTime ends && windowStartUtc <= atUtc && atUtc < ends;

    /// <summary>Who may pre-order at <paramref name="atUtc"/>: everyone, except during first access, when only confirmed members may.</summary>
    public static bool MayPreorder(DateTime? windowStartUtc, int firstAccessHours, DateTime atUtc, bool confirmedMember) =>
        confirmedMember || !InFirstAccess(windowStartUtc, firstAccessHours, atUtc);

    /// <summary>The hours the merchant may set: 0 (none) to <see cref="MaxFirstAccessHours"/>.</summary>
    public static bool IsValidFirstAccessHours(int hours) => hours >= 0 && hours <= MaxFirstAccessHours;

    /// <summary>Trimmed and lower-cased (the unique key and the checkout's comparison); null when empty.</summary>
    public static string NormalizeEmail(string email)
    {
        var trimmed = email?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.ToLowerInvariant();
    }

    /// <summary>One @, something on each side, a dot in the domain, no spaces, not too long.</summary>
    public static bool IsValidEmail(string email)
    {
        var value = NormalizeEmail(email);
        if (value == null || value.Length > MaxEmailLength || value.Any(char.IsWhiteSpace))
            return false;
        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
            return false;
        var domain = value[(at + 1)..];
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    /// <summary>A fresh per-row key for the signed links (256 random bits, URL-safe).</summary>
    public static string NewLinkSecret() => BalanceTokenCodec.NewToken();

    /// <summary>The signature of a row's link for one purpose ("confirm", "leave"): HMAC-SHA256 of the purpose, row and address under the row's key.</summary>
    public static string Sign(string secret, string purpose, int entryId, string email)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret ?? string.Empty));
        var mac = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{purpose}:{entryId}:{NormalizeEmail(email)}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Constant-time check of a link's signature; false for anything malformed.</summary>
    public static bool Verify(string secret, string purpose, int entryId, string email, string signature)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signature) || signature.Length > 64)
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, purpose, entryId, email));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
