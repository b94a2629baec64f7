using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

[TestFixture]
public class PayOnShipRulesTests
{
    private static readonly DateTime Due = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static IEnumerable<TestCaseData> Lines()
    {
        // mode, state, due date, item in the shipment -> falls due now
        yield return new TestCaseData(PreorderPaymentMode.PayOnShip, PreorderLineState.BalanceDue, null, true, true).SetName("pay on ship, arrived, owing, shipped now: falls due");
        yield return new TestCaseData(PreorderPaymentMode.PayOnShip, PreorderLineState.BalanceDue, Due, true, false).SetName("already fell due with an earlier shipment");
        yield return new TestCaseData(PreorderPaymentMode.PayOnShip, PreorderLineState.BalanceDue, null, false, false).SetName("not in this shipment");
        yield return new TestCaseData(PreorderPaymentMode.PayOnShip, PreorderLineState.Waiting, null, true, false).SetName("stock not arrived");
        yield return new TestCaseData(PreorderPaymentMode.PayOnShip, PreorderLineState.PaidInFull, null, true, false).SetName("paid early");
        yield return new TestCaseData(PreorderPaymentMode.PayOnShip, PreorderLineState.Ready, null, true, false).SetName("owes nothing");
        yield return new TestCaseData(PreorderPaymentMode.PayOnShip, PreorderLineState.Overdue, Due, true, false).SetName("overdue since an earlier shipment");
        yield return new TestCaseData(PreorderPaymentMode.Deposit, PreorderLineState.BalanceDue, null, true, false).SetName("a deposit line");
        yield return new TestCaseData(PreorderPaymentMode.FullUpfront, PreorderLineState.BalanceDue, null, true, false).SetName("a full-upfront line");
    }

    [TestCaseSource(nameof(Lines))]
    public void Falling_due(PreorderPaymentMode mode, PreorderLineState state, DateTime? due, bool inShipment, bool expected)
    {
        var line = new PreorderLine { Id = 7, OrderItemId = 70, PaymentMode = mode, State = state, BalanceDueOnUtc = due };
        var items = inShipment ? new HashSet<int> { 70 } : new HashSet<int> { 71 };

        Assert.That(PayOnShipRules.FallingDue(new[] { line }, items).Contains(line), Is.EqualTo(expected));
    }

    [TestCase(LedgerEntryStatus.Succeeded, ShipmentCollection.Charged)]
    [TestCase(LedgerEntryStatus.Authorized, ShipmentCollection.AwaitingGateway)]
    [TestCase(LedgerEntryStatus.AwaitingConfirmation, ShipmentCollection.AwaitingGateway)]
    [TestCase(LedgerEntryStatus.Pending, ShipmentCollection.AwaitingGateway)]
    [TestCase(LedgerEntryStatus.Failed, ShipmentCollection.LinkSent)]
    [TestCase(null, ShipmentCollection.LinkSent)]
    public void After_the_charge(LedgerEntryStatus? status, ShipmentCollection expected) =>
        Assert.That(PayOnShipRules.AfterCharge(status), Is.EqualTo(expected));

    [TestCase(PreorderLineState.BalanceDue, true)]
    [TestCase(PreorderLineState.Overdue, true)]
    [TestCase(PreorderLineState.Waiting, false)]
    [TestCase(PreorderLineState.Ready, false)]
    [TestCase(PreorderLineState.PaidInFull, false)]
    [TestCase(PreorderLineState.Shipped, false)]
    [TestCase(PreorderLineState.Cancelled, false)]
    public void Ship_without_payment_takes_only_owing_allocated_lines(PreorderLineState state, bool expected)
    {
        Assert.That(PayOnShipRules.OwesBeforeShipping(state), Is.EqualTo(expected));
        if (expected)
            Assert.That(PreorderLineStateMachine.CanMove(state, PreorderLineState.Shipped), Is.True, "the state machine allows the override");
        Assert.That(PreorderLineStateMachine.IsReadyToShip(state), Is.EqualTo(state is PreorderLineState.Ready or PreorderLineState.PaidInFull));
    }

    [TestCase(PreorderLineState.BalanceDue, true, true)]
    [TestCase(PreorderLineState.BalanceDue, false, false)]
    [TestCase(PreorderLineState.Overdue, true, true)]
    [TestCase(PreorderLineState.Waiting, false, false)]
    [TestCase(PreorderLineState.PaidInFull, true, false)]
    public void Only_a_dated_balance_can_be_extended(PreorderLineState state, bool dated, bool expected) =>
        Assert.That(SelfServiceRules.CanExtend(new PreorderLine { State = state, BalanceDueOnUtc = dated ? Due : null }), Is.EqualTo(expected));
}
