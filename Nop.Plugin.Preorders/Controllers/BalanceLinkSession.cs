using Microsoft.AspNetCore.Http;
using Nop.Plugin.Preorders.Services.Payments;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The balance page session: the e-mailed link's token, exchanged once (the link's first GET) for a cookie named after
/// the order, so the token is never in a URL again (nopCommerce's log keeps page URLs, "last visited page", web-server
/// logs, referrers). The cookie holds the raw token: every request checks it exactly as the link is checked (revoked,
/// expired, its order, the order still has something to do) plus the session's idle limit
/// (<see cref="BalanceLinkService.SessionIdleLimit"/>, measured on the server from the link's last use), so revoking
/// the link ends the session at once and no second secret or table is needed. HttpOnly (no script reads it), Secure
/// over https, SameSite=Lax (not sent with cross-site POSTs), expires with the session. Never logged.
/// </summary>
public static class BalanceLinkSession
{
    public const string CookiePrefix = ".Nop.Preorders.Balance.";

    public static string CookieName(int orderId) => CookiePrefix + orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts (or slides) the session of <paramref name="orderId"/>.</summary>
    public static void Write(HttpContext context, int orderId, string token, DateTime nowUtc) =>
        context.Response.Cookies.Append(CookieName(orderId), token, Options(context, new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)).Add(BalanceLinkService.SessionIdleLimit)));

    /// <summary>The session's token for <paramref name="orderId"/>, or null.</summary>
    public static string Read(HttpContext context, int orderId) =>
        context.Request.Cookies.TryGetValue(CookieName(orderId), out var token) && !string.IsNullOrEmpty(token) ? token : null;

    public static void End(HttpContext context, int orderId) =>
        context.Response.Cookies.Delete(CookieName(orderId), Options(context, null));

    /// <summary>The balance pages are never cached and never send their address on as a referrer.</summary>
    public static void NoStore(HttpContext context)
    {
        context.Response.Headers["Cache-Control"] = "no-store, no-cache";
        context.Response.Headers["Pragma"] = "no-cache";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value + "/" : "/",
        Expires = expires,
        // needed for the page to work at all, so not subject to nopCommerce's cookie consent
        IsEssential = true
    };
}
