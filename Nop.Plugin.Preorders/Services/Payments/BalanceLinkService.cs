using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>The outcome of checking a balance link.</summary>
public record BalanceLinkCheck(PreorderBalanceToken Token, string ErrorResourceKey)
{
    public bool IsValid => ErrorResourceKey == null;
}

/// <summary>
/// Personal balance links: 256 random bits per link, only the SHA-256 stored, an expiry, revocable, and
/// valid for one order only. A wrong, revoked or expired link is refused with the same kind of answer.
/// </summary>
public class BalanceLinkService
{
    private readonly IRepository<PreorderBalanceToken> _tokenRepository;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;

    public BalanceLinkService(IRepository<PreorderBalanceToken> tokenRepository,
        PreorderAuditService auditService,
        PreorderClock clock)
    {
        _tokenRepository = tokenRepository;
        _auditService = auditService;
        _clock = clock;
    }

    /// <summary>Issues a new link for an order; returns the raw token (shown once, in the email).</summary>
    public virtual async Task<string> IssueAsync(int orderId, int validDays, int byCustomerId = 0)
    {
        var token = BalanceTokenCodec.NewToken();
        var now = _clock.UtcNow;
        await _tokenRepository.InsertAsync(new PreorderBalanceToken
        {
            OrderId = orderId,
            TokenHash = BalanceTokenCodec.Hash(token),
            CreatedOnUtc = now,
            ExpiresOnUtc = now.AddDays(Math.Clamp(validDays, 1, 365))
        }, false);
        await _auditService.RecordAsync("BalanceLinkIssued", byCustomerId, orderId);
        return token;
    }

    /// <summary>
    /// Checks a link, and for <paramref name="orderId"/> other than 0 that it belongs to that order. Only a link
    /// that passed every check (known, not revoked, not expired, its own order) is stamped as last used.
    /// </summary>
    public virtual async Task<BalanceLinkCheck> CheckAsync(string token, int orderId = 0)
    {
        if (!BalanceTokenCodec.IsWellFormed(token))
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.LinkInvalid);

        var hash = BalanceTokenCodec.Hash(token);
        var stored = await _tokenRepository.Table.Where(t => t.TokenHash == hash).FirstOrDefaultAsync();
        if (stored == null || !BalanceTokenCodec.HashEquals(stored.TokenHash, token) || stored.RevokedOnUtc.HasValue)
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.LinkInvalid);
        if (stored.ExpiresOnUtc <= _clock.UtcNow)
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.LinkExpired);
        if (orderId != 0 && stored.OrderId != orderId)
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.OrderNotFound);

        stored.LastUsedOnUtc = _clock.UtcNow;
        await _tokenRepository.UpdateAsync(stored, false);
        return new BalanceLinkCheck(stored, null);
    }

    /// <summary>Revokes every link of an order (resending a link revokes the older ones).</summary>
    public virtual async Task RevokeAllAsync(int orderId, int byCustomerId = 0)
    {
        var now = _clock.UtcNow;
        foreach (var token in await _tokenRepository.Table.Where(t => t.OrderId == orderId && t.RevokedOnUtc == null).ToListAsync())
        {
            token.RevokedOnUtc = now;
            await _tokenRepository.UpdateAsync(token, false);
        }
        await _auditService.RecordAsync("BalanceLinksRevoked", byCustomerId, orderId);
    }

    /// <summary>
    /// Absolute URL of the balance page. Built from the store's URL, not from the current request, because
    /// links are mostly made by the scheduled task, where there is no request.
    /// </summary>
    public virtual string BuildUrl(string storeUrl, string token) =>
        $"{(storeUrl ?? string.Empty).TrimEnd('/')}/{BalancePathPrefix}{Uri.EscapeDataString(token)}";

    /// <summary>Path of the balance route (see RouteProvider) without the language segment, which is optional.</summary>
    public const string BalancePathPrefix = "preorders/balance/";
}
