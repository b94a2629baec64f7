using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>What the task does with one line about its missed ship date.</summary>
public enum MissedShipDateAction
{
    None,
    /// <summary>Tell the shopper (with the penalty-free cancel link, and the refund date when the policy refunds).</summary>
    Notify,
    /// <summary>Cancel the line and refund everything it holds, through the cancellation path.</summary>
    Refund,
    /// <summary>The refund came due but is not needed any more (stock arrived, the line was closed, a new ship date is ahead): handled, nothing done.</summary>
    NoRefund
}

/// <summary>
/// Which lines have missed their ship date and when an automatic refund is due (<see cref="PreorderSettings.MissedShipDate"/>).
/// Pure. A ship date is a day: it is missed once that whole day (UTC) has passed without the stock being allocated,
/// that is while the line is still waiting. The policy in force when the shopper is told decides whether a refund
/// follows (the notice says so); the refund itself happens only if the line is still waiting and still late then.
/// </summary>
public static class MissedShipDateRules
{
    /// <summary>Most days the refund may wait after the notice.</summary>
    public const int MaxRefundDays = 365;

    /// <summary>The moment a ship date counts as missed: the end of its day.</summary>
    public static DateTime MissedFrom(DateTime shipDateUtc) => shipDateUtc.Date.AddDays(1);

    /// <summary>The line waits for stock and its ship date's day is over.</summary>
    public static bool IsMissed(PreorderLineState state, DateTime? shipDateUtc, DateTime nowUtc) =>
        state == PreorderLineState.Waiting && shipDateUtc is DateTime ship && nowUtc >= MissedFrom(ship);

    /// <summary>Notify once: the policy asks for it, the line is late, and it was not told before.</summary>
    public static MissedShipDateAction NoticeAction(MissedShipDatePolicy policy, PreorderLineState state, DateTime? shipDateUtc, DateTime nowUtc, bool alreadyNotified) =>
        policy != MissedShipDatePolicy.Nothing && !alreadyNotified && IsMissed(state, shipDateUtc, nowUtc)
            ? MissedShipDateAction.Notify
            : MissedShipDateAction.None;

    /// <summary>When a line told now is refunded if still waiting: only under the refunding policy (at least one day later).</summary>
    public static DateTime? RefundDueOn(MissedShipDatePolicy policy, int refundDays, DateTime notifiedOnUtc) =>
        policy == MissedShipDatePolicy.NotifyThenRefund ? notifiedOnUtc.AddDays(Math.Clamp(refundDays, 1, MaxRefundDays)) : null;

    /// <summary>What to do once the refund date of a notice has come: refund a line still late, else close the matter.</summary>
    public static MissedShipDateAction RefundAction(DateTime? refundDueOnUtc, bool alreadyHandled, PreorderLineState state, DateTime? shipDateUtc, DateTime nowUtc)
    {
        if (alreadyHandled || refundDueOnUtc is not DateTime due || nowUtc < due)
            return MissedShipDateAction.None;
        return IsMissed(state, shipDateUtc, nowUtc) ? MissedShipDateAction.Refund : MissedShipDateAction.NoRefund;
    }
}
