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
/// Personal balance links: 256 random bits per link, only the SHA-256 stored, an expiry (at most
/// <see cref="MaxValidDays"/>), revocable, valid for one order only and only while that order has something to
/// do (<see cref="SelfServiceRules.HasSomethingToDo"/>). A wrong, revoked or expired link is refused with the same
/// kind of answer. The link's token is exchanged once for a short session cookie (see
/// <see cref="Nop.Plugin.Preorders.Controllers.BalanceLinkSession"/>); the session is checked here too.
/// </summary>
public class BalanceLinkService
{
    /// <summary>Longest life of a link, whatever the setting says (older settings allowed 365 days).</summary>
    public const int MaxValidDays = 90;

    /// <summary>A balance page session ends after this long without use (sliding; checked on the server from the link's last use).</summary>
    public static readonly TimeSpan SessionIdleLimit = TimeSpan.FromMinutes(30);

    private readonly IRepository<PreorderBalanceToken> _tokenRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;

    public BalanceLinkService(IRepository<PreorderBalanceToken> tokenRepository,
        IRepository<PreorderLine> lineRepository,
        PreorderAuditService auditService,
        PreorderClock clock,
        PreorderLedgerService ledgerService)
    {
        _tokenRepository = tokenRepository;
        _lineRepository = lineRepository;
        _auditService = auditService;
        _clock = clock;
        _ledgerService = ledgerService;
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
            ExpiresOnUtc = now.AddDays(Math.Clamp(validDays, 1, MaxValidDays))
        }, false);
        await _auditService.RecordAsync("BalanceLinkIssued", byCustomerId, orderId);
        return token;
    }

    /// <summary>
    /// Checks a link, and for <paramref name="orderId"/> other than 0 that it belongs to that order, and that the order
    /// still has something to do (owes money, or a line can be cancelled or extended). Only a link that passed every
    /// check is stamped as last used.
    /// </summary>
    public virtual Task<BalanceLinkCheck> CheckAsync(string token, int orderId = 0) =>
        CheckCoreAsync(token, orderId, session: false, requireSomethingToDo: true);

    /// <summary>
    /// Checks a balance page session (the link's token kept in the session cookie after the exchange): the link's
    /// checks for <paramref name="orderId"/>, and the link was used less than <see cref="SessionIdleLimit"/> ago.
    /// <paramref name="requireSomethingToDo"/> false lets the page show an order the session has just paid or
    /// cancelled; every action asks for it.
    /// </summary>
    public virtual Task<BalanceLinkCheck> CheckSessionAsync(string token, int orderId, bool requireSomethingToDo) =>
        orderId <= 0
            ? Task.FromResult(new BalanceLinkCheck(null, PreorderDefaults.Resources.LinkSessionEnded))
            : CheckCoreAsync(token, orderId, session: true, requireSomethingToDo);

    private async Task<BalanceLinkCheck> CheckCoreAsync(string token, int orderId, bool session, bool requireSomethingToDo)
    {
        if (!BalanceTokenCodec.IsWellFormed(token))
            return new BalanceLinkCheck(null, session ? PreorderDefaults.Resources.LinkSessionEnded : PreorderDefaults.Resources.LinkInvalid);

        var hash = BalanceTokenCodec.Hash(token);
        var stored = await _tokenRepository.Table.Where(t => t.TokenHash == hash).FirstOrDefaultAsync();
        if (stored == null || !BalanceTokenCodec.HashEquals(stored.TokenHash, token) || stored.RevokedOnUtc.HasValue)
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.LinkInvalid);
        var now = _clock.UtcNow;
        if (stored.ExpiresOnUtc <= now)
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.LinkExpired);
        if (orderId != 0 && stored.OrderId != orderId)
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.OrderNotFound);
        if (session && (stored.LastUsedOnUtc is not DateTime last || now - last > SessionIdleLimit))
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.LinkSessionEnded);
        if (requireSomethingToDo && !await HasSomethingToDoAsync(stored.OrderId))
            return new BalanceLinkCheck(null, PreorderDefaults.Resources.LinkNothingToDo);

        stored.LastUsedOnUtc = now;
        await _tokenRepository.UpdateAsync(stored, false);
        return new BalanceLinkCheck(stored, null);
    }

    /// <summary>The order owes money or has a line the shopper may still cancel or extend (<see cref="SelfServiceRules"/>).</summary>
    public virtual async Task<bool> HasSomethingToDoAsync(int orderId)
    {
        var balance = await _ledgerService.GetBalanceAsync(orderId);
        if (balance == null)
            return false;
        var states = await _lineRepository.Table.Where(l => l.OrderId == orderId).Select(l => l.StateId).ToListAsync();
        return SelfServiceRules.HasSomethingToDo(balance.Owed, states.Select(s => (PreorderLineState)s));
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
    /// Revokes the order's links other than <paramref name="keepHashes"/>: a message that delivered a new link leaves
    /// it the only one that works (called once the e-mail is queued, so a failed send never leaves the shopper without one).
    /// </summary>
    public virtual async Task<int> RevokeOthersAsync(int orderId, IReadOnlyCollection<string> keepHashes, int byCustomerId = 0)
    {
        var now = _clock.UtcNow;
        var revoked = 0;
        foreach (var token in await _tokenRepository.Table.Where(t => t.OrderId == orderId && t.RevokedOnUtc == null).ToListAsync())
        {
            if (keepHashes.Contains(token.TokenHash, StringComparer.Ordinal))
                continue;
            token.RevokedOnUtc = now;
            await _tokenRepository.UpdateAsync(token, false);
            revoked++;
        }
        if (revoked > 0)
            await _auditService.RecordAsync("BalanceLinksRevoked", byCustomerId, orderId, details: "a newer link was sent");
        return revoked;
    }

    /// <summary>
    /// Absolute URL of the balance page. Built from the store's URL, not from the current request, because
    /// links are mostly made by the scheduled task, where there is no request.
    /// </summary>
    public virtual string BuildUrl(string storeUrl, string token) =>
        $"{(storeUrl ?? string.Empty).TrimEnd('/')}/{BalancePathPrefix}{Uri.EscapeDataString(token)}";

    /// <summary>Path of the link's route (see RouteProvider) without the language segment, which is optional.</summary>
    public const string BalancePathPrefix = "preorders/balance/";

    /// <summary>Path of the token-free balance page the link redirects to (followed by the order id).</summary>
    public const string BalanceOrderPathPrefix = "preorders/balance/order/";
}
