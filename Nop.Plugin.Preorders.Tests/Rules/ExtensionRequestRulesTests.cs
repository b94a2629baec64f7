using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>When a shopper may ask the store for more time, and what a request may say (<see cref="ExtensionRequestRules"/>).</summary>
[TestFixture]
public class ExtensionRequestRulesTests
{
    private const string Ok = null;

    // state, has a due date, extensions taken, automatic extensions allowed, a request pending, days asked, note length -> refusal
    [TestCase(PreorderLineState.BalanceDue, true, 1, 1, false, 14, 0, Ok, TestName = "automatic extension used up: may ask")]
    [TestCase(PreorderLineState.Overdue, true, 2, 1, false, 1, 0, Ok, TestName = "overdue, beyond the limit, 1 day: may ask")]
    [TestCase(PreorderLineState.BalanceDue, true, 0, 0, false, 90, 1000, Ok, TestName = "no automatic extensions at all, the most days and the longest note")]
    [TestCase(PreorderLineState.BalanceDue, true, 0, 1, false, 14, 0, R.ExtensionRequestNotNeeded, TestName = "an automatic extension is left: no request needed")]
    [TestCase(PreorderLineState.BalanceDue, true, 1, 1, true, 14, 0, R.ExtensionRequestPending, TestName = "a request is already pending")]
    [TestCase(PreorderLineState.BalanceDue, true, 1, 1, false, 0, 0, R.ExtensionRequestDaysRange, TestName = "zero days")]
    [TestCase(PreorderLineState.BalanceDue, true, 1, 1, false, -3, 0, R.ExtensionRequestDaysRange, TestName = "negative days")]
    [TestCase(PreorderLineState.BalanceDue, true, 1, 1, false, 91, 0, R.ExtensionRequestDaysRange, TestName = "more than the most days")]
    [TestCase(PreorderLineState.BalanceDue, true, 1, 1, false, 14, 1001, R.TextTooLong, TestName = "note too long")]
    [TestCase(PreorderLineState.Waiting, false, 0, 0, false, 14, 0, R.ExtensionNotAllowed, TestName = "waiting for stock: nothing due yet")]
    [TestCase(PreorderLineState.PaidInFull, false, 1, 1, false, 14, 0, R.ExtensionNotAllowed, TestName = "paid in full")]
    [TestCase(PreorderLineState.BalanceDue, false, 1, 1, false, 14, 0, R.ExtensionNotAllowed, TestName = "pay on ship: no due date to move")]
    [TestCase(PreorderLineState.Cancelled, true, 1, 1, true, 14, 0, R.ExtensionNotAllowed, TestName = "closed line: the state is told before the pending request")]
    public void Refusal(PreorderLineState state, bool hasDueDate, int taken, int maxAuto, bool pending, int days, int noteLength, string expected)
    {
        var line = new PreorderLine { State = state, ExtensionCount = taken, BalanceDueOnUtc = hasDueDate ? new DateTime(2026, 12, 10, 0, 0, 0, DateTimeKind.Utc) : null };
        var note = noteLength == 0 ? null : new string('x', noteLength);
        Assert.That(ExtensionRequestRules.Refusal(line, maxAuto, pending, days, note), Is.EqualTo(expected));
    }

    [TestCase(null, null)]
    [TestCase("   ", null)]
    [TestCase("  two more weeks please \n", "two more weeks please")]
    public void The_note_is_stored_trimmed_or_not_at_all(string note, string stored) =>
        Assert.That(ExtensionRequestRules.CleanMessage(note), Is.EqualTo(stored));

    [TestCase(ExtensionRequestStatus.Pending, PreorderLineState.BalanceDue, true, true)]
    [TestCase(ExtensionRequestStatus.Pending, PreorderLineState.Overdue, true, true)]
    [TestCase(ExtensionRequestStatus.Pending, PreorderLineState.PaidInFull, false, false)]
    [TestCase(ExtensionRequestStatus.Pending, PreorderLineState.Expired, true, false)]
    [TestCase(ExtensionRequestStatus.Approved, PreorderLineState.BalanceDue, true, false)]
    [TestCase(ExtensionRequestStatus.Declined, PreorderLineState.BalanceDue, true, false)]
    public void The_merchant_may_approve_a_pending_request_while_the_balance_can_move(ExtensionRequestStatus status, PreorderLineState state, bool hasDueDate, bool expected)
    {
        var line = new PreorderLine { State = state, BalanceDueOnUtc = hasDueDate ? new DateTime(2026, 12, 10, 0, 0, 0, DateTimeKind.Utc) : null };
        Assert.That(ExtensionRequestRules.CanDecide(new PreorderExtensionRequest { Status = status }, line), Is.EqualTo(expected));
    }
}
