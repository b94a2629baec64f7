using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The balance links a message carries: issued per attempt (only their hashes are stored, so a retry cannot resend
/// one), revoked when the attempt sends nothing, and made the order's only working link once the message is queued.
/// Split out of <see cref="PreorderMessageTokenBuilder"/>: the link's life follows the message's, not its tokens.
/// </summary>
public class PreorderMessageLinks
{
    /// <summary>Audit action of a link revoked because its e-mail did not go out.</summary>
    public const string UndeliveredLinkRevokedAction = "BalanceLinkRevoked";

    private readonly BalanceLinkService _balanceLinkService;
    private readonly IRepository<PreorderBalanceToken> _tokenRepository;
    private readonly PreorderAuditService _auditService;

    public PreorderMessageLinks(BalanceLinkService balanceLinkService,
        IRepository<PreorderBalanceToken> tokenRepository,
        PreorderAuditService auditService)
    {
        _balanceLinkService = balanceLinkService;
        _tokenRepository = tokenRepository;
        _auditService = auditService;
    }

    /// <summary>
    /// A fresh personal link, valid for the store's <see cref="PreorderSettings.BalanceLinkValidDays"/> (at most
    /// <see cref="BalanceLinkService.MaxValidDays"/>; a later reminder brings a new one) and only while the order has
    /// something to do. Remembered on the context so it is revoked if this attempt sends nothing, and so the older
    /// links are revoked once it is sent. Empty in the store owner's messages: a link is the shopper's key.
    /// </summary>
    public virtual async Task<string> IssueAsync(PreorderMessageContext ctx, PreorderSettings settings)
    {
        if (ctx.Key.Kind.Audience != MessageAudience.Customer)
            return string.Empty;
        var days = Math.Clamp(settings.BalanceLinkValidDays, 1, BalanceLinkService.MaxValidDays);
        var token = await _balanceLinkService.IssueAsync(ctx.Order.Id, days);
        ctx.IssuedLinkHashes.Add(BalanceTokenCodec.Hash(token));
        return _balanceLinkService.BuildUrl(ctx.Store.Url, token);
    }

    /// <summary>
    /// Revokes the links issued for a message that did not go out (build or queue failed, no active template, skipped).
    /// A retry issues a fresh link, so the message never leaves more than the one link it delivered. Best effort: a
    /// link left behind was never shown to anyone and expires.
    /// </summary>
    public virtual async Task RevokeUndeliveredAsync(PreorderMessageContext ctx, DateTime nowUtc)
    {
        foreach (var hash in ctx.IssuedLinkHashes)
        {
            try
            {
                var token = await _tokenRepository.Table.Where(t => t.TokenHash == hash).FirstOrDefaultAsync();
                if (token == null || token.RevokedOnUtc.HasValue)
                    continue;
                token.RevokedOnUtc = nowUtc;
                await _tokenRepository.UpdateAsync(token, false);
                await _auditService.RecordAsync(UndeliveredLinkRevokedAction, 0, token.OrderId, details: $"e-mail not sent: {ctx.Key.Value}");
            }
            catch (Exception)
            {
                // the database that failed the message may fail this too; the link is unknown to anyone and expires
            }
        }
        ctx.IssuedLinkHashes.Clear();
    }

    /// <summary>
    /// A queued message that carries a new link makes it the order's only working link: the older links are revoked
    /// now (not when the link was issued, so a message that fails to go out never leaves the shopper without a link).
    /// </summary>
    public virtual async Task RevokeSupersededAsync(PreorderMessageContext ctx)
    {
        if (ctx.IssuedLinkHashes.Count == 0 || ctx.Order == null || ctx.Key.Kind.Audience != MessageAudience.Customer)
            return;
        await _balanceLinkService.RevokeOthersAsync(ctx.Order.Id, ctx.IssuedLinkHashes.ToList());
    }
}
