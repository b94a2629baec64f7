using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// News about a pre-ordered product, told to each order that still waits for it: the ship date moved (with the free
/// cancellation where it costs the shopper nothing) and the merchant's own text to the buyers.
/// </summary>
public class ProductNewsMessageTokens : IPreorderKindTokens
{
    private readonly IRepository<PreorderAuditEntry> _auditRepository;
    private readonly IRepository<PreorderShipDateChange> _shipDateChangeRepository;
    private readonly Campaigns.DelayOfferMessageTokens _delayOfferTokens;
    private readonly Dictionary<string, Func<PreorderMessageContext, PreorderAccount, PreorderSettings, DateTime, PreorderMessageTokenBuilder, Task>> _kinds;

    public ProductNewsMessageTokens(IRepository<PreorderAuditEntry> auditRepository, IRepository<PreorderShipDateChange> shipDateChangeRepository,
        Campaigns.DelayOfferMessageTokens delayOfferTokens)
    {
        _delayOfferTokens = delayOfferTokens;
        _auditRepository = auditRepository;
        _shipDateChangeRepository = shipDateChangeRepository;
        _kinds = new()
        {
            [PreorderMessageKinds.ShipDateChanged.Code] = ShipDateChangedAsync,
            [PreorderMessageKinds.MerchantMessage.Code] = MerchantMessageAsync,
        };
    }

    public virtual bool Handles(string kindCode) => _kinds.ContainsKey(kindCode);

    public virtual Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder) =>
        _kinds[ctx.Key.Kind.Code](ctx, account, settings, nowUtc, builder);

    protected virtual async Task ShipDateChangedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var change = await _shipDateChangeRepository.GetByIdAsync(ctx.Key.ChangeId);
        if (change == null)
        {
            ctx.SkipReason = "ship date change not found";
            return;
        }
        var lines = (await builder.OpenLinesAsync(ctx.Order.Id)).Where(l => l.ProductId == change.ProductId && l.State != PreorderLineState.Shipped).ToList();
        if (lines.Count == 0)
        {
            ctx.SkipReason = "no open pre-order of this product";
            return;
        }
        await builder.AddProductsAsync(ctx, lines);
        ctx.Add(PreorderMessageTokens.OldShipDate, builder.DateText(ctx, change.OldDateUtc) ?? await builder.ResourceAsync(ctx, "Messages.ShipDate.Unknown", "to be announced"));
        ctx.Add(PreorderMessageTokens.NewShipDate, builder.DateText(ctx, change.NewDateUtc) ?? await builder.ResourceAsync(ctx, "Messages.ShipDate.Unknown", "to be announced"));
        ctx.Add(PreorderMessageTokens.DelayReason, change.Reason ?? string.Empty);

        // the one-click cancellation is offered only where it costs the shopper nothing
        var cancellable = lines.Where(l => l.State is PreorderLineState.Waiting or PreorderLineState.BalanceDue or PreorderLineState.Overdue).ToList();
        var free = cancellable.Count > 0 && cancellable.All(l =>
            RefundPolicy.TermsFor(l, settings, nowUtc, penaltyFreeOffered: change.PenaltyFreeCancel) == CancellationTerms.Refundable);
        ctx.Add(PreorderMessageTokens.CanCancelFree, free);
        ctx.Add(PreorderMessageTokens.CancelLink, free ? await builder.IssueBalanceLinkAsync(ctx, settings, nowUtc) : string.Empty, true);
        await _delayOfferTokens.AddAsync(ctx, change, lines, builder);
        await builder.AddAccountAsync(ctx, account);
    }

    /// <summary>
    /// The merchant's text to the buyers of a product, for one order. The text is read from the request's audit row
    /// (<see cref="MerchantTextAction"/>); a buyer whose pre-order of the product closed meanwhile gets nothing.
    /// </summary>
    protected virtual async Task MerchantMessageAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var productId = ctx.Key.ProductId;
        var action = PreorderMessageTokenBuilder.MerchantTextAction(ctx.Key.Step ?? string.Empty);
        var text = await _auditRepository.Table.Where(a => a.OrderId == 0 && a.ProductId == productId && a.Action == action)
            .OrderBy(a => a.Id).Select(a => a.Details).FirstOrDefaultAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            ctx.SkipReason = "message text not found";
            return;
        }
        var lines = (await builder.OpenLinesAsync(ctx.Order.Id)).Where(l => l.ProductId == productId && l.State != PreorderLineState.Shipped).ToList();
        if (lines.Count == 0)
        {
            ctx.SkipReason = "no open pre-order of this product";
            return;
        }
        await builder.AddProductsAsync(ctx, lines);
        // plain text: nopCommerce's tokenizer HTML-encodes it in the body (never marked never-encoded)
        ctx.Add(PreorderMessageTokens.MerchantMessage, text);
        await builder.AddAccountAsync(ctx, account);
    }
}
