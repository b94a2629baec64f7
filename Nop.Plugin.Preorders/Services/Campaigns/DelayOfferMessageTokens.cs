using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// The delay e-mail's words about the merchant's offer (#14.5): the buyer's coupon code (or free-shipping code), or the
/// refunds made to this order's lines; and the swap product with the link to the account's pre-orders page, where the
/// swap is one click. Read when the e-mail is built, after the task made the compensations (the notices of a change
/// wait for them).
/// </summary>
public class DelayOfferMessageTokens
{
    /// <summary>The account's pre-orders page, at the swap block.</summary>
    public const string SwapPath = "customer/preorders#delay-offers";

    private readonly IRepository<PreorderDelayCompensation> _compensationRepository;

    public DelayOfferMessageTokens(IRepository<PreorderDelayCompensation> compensationRepository)
    {
        _compensationRepository = compensationRepository;
    }

    public virtual async Task AddAsync(PreorderMessageContext ctx, PreorderShipDateChange change, IList<PreorderLine> lines, PreorderMessageTokenBuilder builder)
    {
        var customerId = ctx.Order.CustomerId;
        var lineIds = lines.Select(l => l.Id).ToArray();
        var given = await _compensationRepository.Table
            .Where(c => c.ShipDateChangeId == change.Id && c.CustomerId == customerId && c.StatusId == (int)DelayCompensationStatus.Done
                && (c.LineId == 0 || lineIds.Contains(c.LineId)))
            .ToListAsync();
        var text = string.Empty;
        var coupon = given.FirstOrDefault(c => c.LineId == 0);
        if (coupon?.Kind == DelayCompensationKind.FreeShipping)
            text = string.Format(await builder.ResourceAsync(ctx, "Delay.Message.FreeShipping", "free shipping on your next order with the coupon code {0}."), coupon.CouponCode);
        else if (coupon != null)
            text = string.Format(await builder.ResourceAsync(ctx, "Delay.Message.Coupon", "a coupon of {1} off your next order, code {0} (usable once)."),
                coupon.CouponCode, coupon.IsPercent ? $"{coupon.Amount:0.##}%" : await builder.MoneyAsync(ctx, coupon.Amount));
        else if (given.Sum(c => c.Amount) is > 0m and var refunded)
            text = string.Format(await builder.ResourceAsync(ctx, "Delay.Message.Refund", "{0} has been refunded to you."), await builder.MoneyAsync(ctx, refunded));
        ctx.Add(PreorderMessageTokens.DelayCompensation, text);
        ctx.Add(PreorderMessageTokens.HasDelayCompensation, text.Length > 0);

        var swappable = change.SwapProductId != 0 && lines.Any(l => l.State == PreorderLineState.Waiting);
        ctx.Add(PreorderMessageTokens.HasSwapOffer, swappable);
        ctx.Add(PreorderMessageTokens.SwapProduct, swappable ? await builder.ProductNameAsync(ctx, change.SwapProductId) : string.Empty);
        ctx.Add(PreorderMessageTokens.SwapLink, swappable ? $"{(ctx.Store.Url ?? string.Empty).TrimEnd('/')}/{SwapPath}" : string.Empty, true);
    }
}
