using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Helpers;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The missed ship date notice (<see cref="PreorderMessageKinds.MissedShipDate"/>): the line's product and the date
/// that passed, the link to cancel without penalty (the balance page, which honours it: see
/// <see cref="Customers.PreorderSelfService"/>), and the automatic refund's date when the store's policy refunds.
/// </summary>
public class MissedShipDateMessageTokens : IPreorderKindTokens
{
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly IRepository<PreorderMissedShipDate> _missedRepository;

    public MissedShipDateMessageTokens(IDateTimeHelper dateTimeHelper, IRepository<PreorderMissedShipDate> missedRepository)
    {
        _dateTimeHelper = dateTimeHelper;
        _missedRepository = missedRepository;
    }

    public virtual bool Handles(string kindCode) => kindCode == PreorderMessageKinds.MissedShipDate.Code;

    public virtual async Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var line = ctx.Line;
        // stock arrived or the line was closed before the notice went out: nothing to tell any more
        if (line == null || line.State != PreorderLineState.Waiting)
        {
            ctx.SkipReason = "line no longer waiting";
            return;
        }
        var missed = await _missedRepository.Table.Where(m => m.PreorderLineId == line.Id).FirstOrDefaultAsync();
        if (missed == null)
        {
            ctx.SkipReason = "missed ship date not recorded";
            return;
        }
        await builder.AddLineTokensAsync(ctx, account, settings, line, nowUtc);
        ctx.Add(PreorderMessageTokens.OldShipDate, DateText(ctx, missed.ShipDateUtc));
        ctx.Add(PreorderMessageTokens.CanCancelFree, true);
        ctx.Add(PreorderMessageTokens.CancelLink, await builder.IssueBalanceLinkAsync(ctx, settings, nowUtc), true);
        ctx.Add(PreorderMessageTokens.HasAutoRefund, missed.RefundDueOnUtc.HasValue);
        ctx.Add(PreorderMessageTokens.RefundDate, missed.RefundDueOnUtc is DateTime due ? DateText(ctx, due) : string.Empty);
    }

    /// <summary>A date in the store's time zone, as the message's language writes dates (as the builder does).</summary>
    private string DateText(PreorderMessageContext ctx, DateTime utc)
    {
        var zone = _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("D", ctx.Culture);
    }
}
