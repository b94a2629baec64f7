using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

[TestFixture]
public class PreorderLineStateMachineTests
{
    private static readonly (PreorderLineState From, PreorderLineState To)[] Legal =
    {
        (PreorderLineState.Waiting, PreorderLineState.Ready),
        (PreorderLineState.Waiting, PreorderLineState.BalanceDue),
        (PreorderLineState.Waiting, PreorderLineState.Cancelled),
        (PreorderLineState.Waiting, PreorderLineState.Expired),
        (PreorderLineState.BalanceDue, PreorderLineState.PaidInFull),
        (PreorderLineState.BalanceDue, PreorderLineState.Overdue),
        (PreorderLineState.BalanceDue, PreorderLineState.Cancelled),
        (PreorderLineState.BalanceDue, PreorderLineState.Expired),
        (PreorderLineState.BalanceDue, PreorderLineState.Shipped),
        (PreorderLineState.Overdue, PreorderLineState.PaidInFull),
        (PreorderLineState.Overdue, PreorderLineState.BalanceDue),
        (PreorderLineState.Overdue, PreorderLineState.Expired),
        (PreorderLineState.Overdue, PreorderLineState.Cancelled),
        (PreorderLineState.Overdue, PreorderLineState.Shipped),
        (PreorderLineState.Ready, PreorderLineState.Shipped),
        (PreorderLineState.Ready, PreorderLineState.Cancelled),
        (PreorderLineState.PaidInFull, PreorderLineState.Shipped),
        (PreorderLineState.PaidInFull, PreorderLineState.Cancelled)
    };

    [Test]
    public void Exactly_the_drawn_transitions_are_allowed()
    {
        var states = Enum.GetValues<PreorderLineState>();
        foreach (var from in states)
            foreach (var to in states)
            {
                var legal = Legal.Contains((from, to));
                Assert.That(PreorderLineStateMachine.CanMove(from, to), Is.EqualTo(legal), $"{from} -> {to}");
                if (legal)
                    Assert.DoesNotThrow(() => PreorderLineStateMachine.EnsureCanMove(from, to));
                else
                {
                    var ex = Assert.Throws<PreorderRuleException>(() => PreorderLineStateMachine.EnsureCanMove(from, to));
                    Assert.That(ex.ResourceKey, Is.EqualTo(PreorderDefaults.Resources.IllegalTransition));
                    Assert.That(ex.Args, Is.EqualTo(new object[] { from, to }));
                }
            }
    }

    [Test]
    public void Closed_states_are_final_and_release_units()
    {
        foreach (var state in new[] { PreorderLineState.Shipped, PreorderLineState.Cancelled, PreorderLineState.Expired })
        {
            Assert.That(PreorderLineStateMachine.IsClosed(state), Is.True);
            Assert.That(PreorderLineStateMachine.TargetsOf(state), Is.Empty);
        }
        Assert.That(PreorderLineStateMachine.HoldsUnits(PreorderLineState.Cancelled), Is.False);
        Assert.That(PreorderLineStateMachine.HoldsUnits(PreorderLineState.Expired), Is.False);
        Assert.That(PreorderLineStateMachine.HoldsUnits(PreorderLineState.Shipped), Is.True);
        Assert.That(PreorderLineStateMachine.AllocationTarget(owesMoney: true), Is.EqualTo(PreorderLineState.BalanceDue));
        Assert.That(PreorderLineStateMachine.AllocationTarget(owesMoney: false), Is.EqualTo(PreorderLineState.Ready));
    }
}

[TestFixture]
public class FifoAllocatorTests
{
    private static QueuedLine L(int id, int qty) => new(id, qty);

    [Test]
    public void Serves_in_placement_order_whole_lines_only()
    {
        var queue = new[] { L(1, 2), L(2, 3), L(3, 1) };
        Assert.That(FifoAllocator.Allocate(queue, 5).Select(l => l.LineId), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(FifoAllocator.Allocate(queue, 6).Select(l => l.LineId), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(FifoAllocator.Allocate(queue, 0), Is.Empty);
    }

    [Test]
    public void Never_skips_ahead_of_a_line_that_does_not_fit()
    {
        var queue = new[] { L(1, 2), L(2, 5), L(3, 1) };
        // 4 units: line 1 (2) fits, line 2 (5) does not; line 3 (1) would fit but must wait its turn
        Assert.That(FifoAllocator.Allocate(queue, 4).Select(l => l.LineId), Is.EqualTo(new[] { 1 }));
    }

    [TestCase(-10, 10, 0)]
    [TestCase(-10, 15, 5)]
    [TestCase(0, 10, 10)]
    [TestCase(5, 10, 10)]
    [TestCase(-3, 0, 0)]
    public void Allocatable_units_follow_stock_on_hand(int stock, int waiting, int expected) =>
        Assert.That(FifoAllocator.AllocatableFromStock(stock, waiting), Is.EqualTo(expected));
}

[TestFixture]
public class CapRulesTests
{
    [Test]
    public void Counts_and_limits()
    {
        Assert.That(CapRules.Remaining(10, 4), Is.EqualTo(6));
        Assert.That(CapRules.Remaining(10, 12), Is.EqualTo(0));
        Assert.That(CapRules.Remaining(null, 1000), Is.EqualTo(int.MaxValue));
        Assert.That(CapRules.CanTake(10, 8, 2), Is.True);
        Assert.That(CapRules.CanTake(10, 8, 3), Is.False);
        Assert.That(CapRules.CanTake(null, 8, 3), Is.True);
        Assert.That(CapRules.CanTake(10, 0, 0), Is.False);
        Assert.That(CapRules.ProgressPercent(200, 50), Is.EqualTo(25));
        Assert.That(CapRules.ProgressPercent(null, 50), Is.Null);
    }

    [Test]
    public void A_new_cap_cannot_be_negative_or_below_sold()
    {
        Assert.That(CapRules.ValidateNewCap(-1, 0), Is.EqualTo(PreorderDefaults.Resources.CapNegative));
        Assert.That(CapRules.ValidateNewCap(5, 6), Is.EqualTo(PreorderDefaults.Resources.CapBelowSold));
        Assert.That(CapRules.ValidateNewCap(6, 6), Is.Null);
        Assert.That(CapRules.ValidateNewCap(null, 6), Is.Null);
    }
}
