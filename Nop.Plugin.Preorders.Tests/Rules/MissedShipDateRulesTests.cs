using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>Which lines have missed their ship date, and when the automatic refund comes (<see cref="MissedShipDateRules"/>).</summary>
[TestFixture]
public class MissedShipDateRulesTests
{
    private static readonly DateTime Ship = new(2026, 12, 10, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime? At(string text) => text == null ? null : DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    // state, ship date, now -> missed
    [TestCase(PreorderLineState.Waiting, "2026-12-10", "2026-12-10 23:59", false, TestName = "the ship date's own day is not over")]
    [TestCase(PreorderLineState.Waiting, "2026-12-10", "2026-12-11 00:00", true, TestName = "the day after: missed")]
    [TestCase(PreorderLineState.Waiting, "2026-12-10 15:30", "2026-12-11 00:00", true, TestName = "a time of day counts as its day")]
    [TestCase(PreorderLineState.Waiting, null, "2027-06-01", false, TestName = "no ship date: never missed")]
    [TestCase(PreorderLineState.BalanceDue, "2026-12-10", "2026-12-20", false, TestName = "stock arrived (balance due)")]
    [TestCase(PreorderLineState.Ready, "2026-12-10", "2026-12-20", false, TestName = "stock arrived (ready)")]
    [TestCase(PreorderLineState.PaidInFull, "2026-12-10", "2026-12-20", false, TestName = "stock arrived (paid)")]
    [TestCase(PreorderLineState.Shipped, "2026-12-10", "2026-12-20", false, TestName = "shipped")]
    [TestCase(PreorderLineState.Cancelled, "2026-12-10", "2026-12-20", false, TestName = "cancelled")]
    [TestCase(PreorderLineState.Expired, "2026-12-10", "2026-12-20", false, TestName = "expired")]
    public void IsMissed(PreorderLineState state, string ship, string now, bool expected) =>
        Assert.That(MissedShipDateRules.IsMissed(state, At(ship), At(now)!.Value), Is.EqualTo(expected));

    // policy, state, notified before -> action (ship date 10 Dec, now 12 Dec)
    [TestCase(MissedShipDatePolicy.Notify, PreorderLineState.Waiting, false, MissedShipDateAction.Notify)]
    [TestCase(MissedShipDatePolicy.NotifyThenRefund, PreorderLineState.Waiting, false, MissedShipDateAction.Notify)]
    [TestCase(MissedShipDatePolicy.Nothing, PreorderLineState.Waiting, false, MissedShipDateAction.None)]
    [TestCase(MissedShipDatePolicy.Notify, PreorderLineState.Waiting, true, MissedShipDateAction.None)]
    [TestCase(MissedShipDatePolicy.NotifyThenRefund, PreorderLineState.BalanceDue, false, MissedShipDateAction.None)]
    public void NoticeAction(MissedShipDatePolicy policy, PreorderLineState state, bool notified, MissedShipDateAction expected) =>
        Assert.That(MissedShipDateRules.NoticeAction(policy, state, Ship, Ship.AddDays(2), notified), Is.EqualTo(expected));

    // policy, days -> refund due (notice on 11 Dec 08:00), null = no refund
    [TestCase(MissedShipDatePolicy.NotifyThenRefund, 14, "2026-12-25 08:00")]
    [TestCase(MissedShipDatePolicy.NotifyThenRefund, 0, "2026-12-12 08:00", TestName = "at least one day after the notice")]
    [TestCase(MissedShipDatePolicy.NotifyThenRefund, 5000, "2027-12-11 08:00", TestName = "at most a year")]
    [TestCase(MissedShipDatePolicy.Notify, 14, null)]
    [TestCase(MissedShipDatePolicy.Nothing, 14, null)]
    public void RefundDueOn(MissedShipDatePolicy policy, int days, string expected) =>
        Assert.That(MissedShipDateRules.RefundDueOn(policy, days, new DateTime(2026, 12, 11, 8, 0, 0, DateTimeKind.Utc)), Is.EqualTo(At(expected)));

    // refund due, handled, state, current ship date, now -> action
    [TestCase("2026-12-25", false, PreorderLineState.Waiting, "2026-12-10", "2026-12-24 23:59", MissedShipDateAction.None, TestName = "not due yet")]
    [TestCase("2026-12-25", false, PreorderLineState.Waiting, "2026-12-10", "2026-12-25", MissedShipDateAction.Refund, TestName = "due and still late: refund")]
    [TestCase("2026-12-25", true, PreorderLineState.Waiting, "2026-12-10", "2026-12-26", MissedShipDateAction.None, TestName = "handled already: once")]
    [TestCase(null, false, PreorderLineState.Waiting, "2026-12-10", "2027-03-01", MissedShipDateAction.None, TestName = "the policy did not refund when the shopper was told")]
    [TestCase("2026-12-25", false, PreorderLineState.BalanceDue, "2026-12-10", "2026-12-25", MissedShipDateAction.NoRefund, TestName = "stock arrived meanwhile")]
    [TestCase("2026-12-25", false, PreorderLineState.Cancelled, "2026-12-10", "2026-12-25", MissedShipDateAction.NoRefund, TestName = "the shopper cancelled meanwhile")]
    [TestCase("2026-12-25", false, PreorderLineState.Waiting, "2027-01-15", "2026-12-25", MissedShipDateAction.NoRefund, TestName = "a new ship date ahead")]
    public void RefundAction(string due, bool handled, PreorderLineState state, string ship, string now, MissedShipDateAction expected) =>
        Assert.That(MissedShipDateRules.RefundAction(At(due), handled, state, At(ship), At(now)!.Value), Is.EqualTo(expected));
}
