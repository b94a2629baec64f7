using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The order's progress as the shopper and the store owner see it: the pre-order placed (<see cref="PreorderMessageKinds.Confirmed"/>,
/// <see cref="PreorderMessageKinds.StoreNewPreorder"/>), a line shipped and the thank-you after delivery.
/// </summary>
public class OrderProgressMessageTokens : IPreorderKindTokens
{
    private readonly Dictionary<string, Func<PreorderMessageContext, PreorderAccount, PreorderSettings, DateTime, PreorderMessageTokenBuilder, Task>> _kinds;

    public OrderProgressMessageTokens()
    {
        _kinds = new()
        {
            [PreorderMessageKinds.Confirmed.Code] = OrderPlacedAsync,
            [PreorderMessageKinds.StoreNewPreorder.Code] = OrderPlacedAsync,
            [PreorderMessageKinds.LineShipped.Code] = LineShippedAsync,
            [PreorderMessageKinds.ThankYou.Code] = ThankYouAsync,
        };
    }

    public virtual bool Handles(string kindCode) => _kinds.ContainsKey(kindCode);

    public virtual Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder) =>
        _kinds[ctx.Key.Kind.Code](ctx, account, settings, nowUtc, builder);

    protected virtual async Task OrderPlacedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var lines = await builder.OpenLinesAsync(ctx.Order.Id);
        if (lines.Count == 0)
        {
            ctx.SkipReason = "no pre-order lines";
            return;
        }
        await builder.AddProductsAsync(ctx, lines);
        ctx.Add(PreorderMessageTokens.Quantity, lines.Sum(l => l.Quantity));
        await builder.AddAccountAsync(ctx, account);
    }

    protected virtual async Task LineShippedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        if (ctx.Line?.State != PreorderLineState.Shipped)
        {
            ctx.SkipReason = "line not shipped";
            return;
        }
        await builder.AddProductsAsync(ctx, new[] { ctx.Line });
        await builder.AddAccountAsync(ctx, account);
    }

    protected virtual async Task ThankYouAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var lines = (await builder.LinesAsync(ctx.Order.Id)).Where(l => l.State is not (PreorderLineState.Cancelled or PreorderLineState.Expired)).ToList();
        if (lines.Count == 0)
        {
            ctx.SkipReason = "no delivered pre-order";
            return;
        }
        await builder.AddProductsAsync(ctx, lines);
        ctx.Add(PreorderMessageTokens.ReviewLink, PreorderMessageTokenBuilder.StoreUrl(ctx, $"productreviews/{lines[0].ProductId}"), true);
    }
}
