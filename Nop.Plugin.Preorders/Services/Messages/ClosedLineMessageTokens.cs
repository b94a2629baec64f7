using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// A line cancelled or expired (by the shopper, through the link, by the merchant or by the deadline): why, and what happened
/// to the money held for it, read from the ledger.
/// </summary>
public class ClosedLineMessageTokens : IPreorderKindTokens
{
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly Dictionary<string, Func<PreorderMessageContext, PreorderAccount, PreorderSettings, DateTime, PreorderMessageTokenBuilder, Task>> _kinds;

    public ClosedLineMessageTokens(IRepository<PreorderLedgerEntry> ledgerRepository)
    {
        _ledgerRepository = ledgerRepository;
        _kinds = new()
        {
            [PreorderMessageKinds.ReservationExpired.Code] = ClosedAsync,
            [PreorderMessageKinds.Cancelled.Code] = ClosedAsync,
            [PreorderMessageKinds.StoreReservationExpired.Code] = ClosedAsync,
            [PreorderMessageKinds.CancelledThroughLink.Code] = ClosedAsync,
        };
    }

    public virtual bool Handles(string kindCode) => _kinds.ContainsKey(kindCode);

    public virtual Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder) =>
        _kinds[ctx.Key.Kind.Code](ctx, account, settings, nowUtc, builder);

    /// <summary>Cancelled or expired: the tokens say what happened to the money held for the line, from the ledger.</summary>
    protected virtual async Task ClosedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var line = ctx.Line;
        if (line == null || line.State is not (PreorderLineState.Cancelled or PreorderLineState.Expired))
        {
            ctx.SkipReason = "line not closed";
            return;
        }
        await builder.AddProductsAsync(ctx, new[] { line });
        ctx.Add(PreorderMessageTokens.CancelReason, line.CloseReason ?? string.Empty);
        var chosen = await CancellationReasonTextAsync(ctx, line, builder);
        ctx.Add(PreorderMessageTokens.CancellationReason, chosen);
        ctx.Add(PreorderMessageTokens.HasCancellationReason, chosen.Length > 0);

        var entries = await _ledgerRepository.Table
            .Where(e => e.OrderId == line.OrderId && e.PreorderLineId == line.Id && e.StatusId == (int)LedgerEntryStatus.Succeeded)
            .ToListAsync();
        // a swap's move to the new line (method "Swap") is no gift card: the old line's e-mail tells only the rest
        var swapped = entries.Where(e => e.Kind == LedgerEntryKind.Transfer && e.Method == PreorderDefaults.SwapMethod).Sum(e => e.Amount);
        entries = entries.Where(e => !(e.Kind == LedgerEntryKind.Transfer && e.Method == PreorderDefaults.SwapMethod)).ToList();
        decimal Sum(LedgerEntryKind kind) => entries.Where(e => e.Kind == kind).Sum(e => e.Amount);
        var refunded = Sum(LedgerEntryKind.Refund);
        var forfeited = Sum(LedgerEntryKind.Forfeit);
        var transferred = Sum(LedgerEntryKind.Transfer);
        var giftCard = entries.Where(e => e.Kind == LedgerEntryKind.Transfer).Select(e => e.Reference).FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? string.Empty;

        var sentences = new List<string>();
        if (refunded > 0m)
            sentences.Add(string.Format(await builder.ResourceAsync(ctx, "Messages.Settlement.Refunded", "{0} has been refunded to you."), await builder.MoneyAsync(ctx, refunded)));
        if (forfeited > 0m)
            sentences.Add(string.Format(await builder.ResourceAsync(ctx, "Messages.Settlement.Forfeited", "{0} of the deposit was kept as agreed compensation."), await builder.MoneyAsync(ctx, forfeited)));
        if (transferred > 0m)
            sentences.Add(string.Format(await builder.ResourceAsync(ctx, "Messages.Settlement.Transferred", "{0} has been moved to gift card {1}."), await builder.MoneyAsync(ctx, transferred), giftCard));
        if (swapped > 0m)
            sentences.Add(string.Format(await builder.ResourceAsync(ctx, "Messages.Settlement.Swapped", "{0} has been moved to your new pre-order."), await builder.MoneyAsync(ctx, swapped)));
        if (sentences.Count == 0)
            sentences.Add(await builder.ResourceAsync(ctx, "Messages.Settlement.Nothing", "No payment was held for this pre-order."));

        ctx.Add(PreorderMessageTokens.Settlement, string.Join(" ", sentences));
        ctx.Add(PreorderMessageTokens.RefundedAmount, await builder.MoneyAsync(ctx, refunded));
        ctx.Add(PreorderMessageTokens.ForfeitedAmount, await builder.MoneyAsync(ctx, forfeited));
        ctx.Add(PreorderMessageTokens.GiftCardAmount, await builder.MoneyAsync(ctx, transferred));
        ctx.Add(PreorderMessageTokens.GiftCardCode, giftCard);
        ctx.Add(PreorderMessageTokens.IsRefunded, refunded > 0m);
        ctx.Add(PreorderMessageTokens.IsForfeited, forfeited > 0m);
        ctx.Add(PreorderMessageTokens.IsTransferred, transferred > 0m);
        await builder.AddAccountAsync(ctx, account);
    }

    /// <summary>What <see cref="PreorderMessageTokens.CancellationReason"/> says: the shopper's own reason and comment, or the merchant's note.</summary>
    private async Task<string> CancellationReasonTextAsync(PreorderMessageContext ctx, PreorderLine line, PreorderMessageTokenBuilder builder)
    {
        if (line.CancelReason == CancellationReason.NotGiven)
            return string.Empty;
        if (!CancellationReasonRules.ShownToShopper(line.CancelReason))
            return line.CancelReasonText ?? string.Empty;
        var key = CancellationReasonRules.ResourceKey(line.CancelReason);
        var english = Infrastructure.PreorderLocaleResources.All.TryGetValue(key, out var texts) ? texts.En : line.CancelReason.ToString();
        var name = await builder.ResourceAsync(ctx, key[PreorderDefaults.ResourcePrefix.Length..], english);
        return string.IsNullOrEmpty(line.CancelReasonText) ? name : $"{name}: {line.CancelReasonText}";
    }
}
