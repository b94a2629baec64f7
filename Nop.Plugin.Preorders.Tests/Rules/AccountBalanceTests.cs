using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>
/// <see cref="AccountBalance"/>, table-driven. Every expected figure is worked out by hand in the comment above
/// its case. Lines: A is line 1, B is line 2; "pool" is the order's money not recorded against a line (plus the
/// credit), shared out in the rule's steps: 1 deficits of lines, 2 rest of the order, 3 live deposits,
/// 4 cancelled lines' claims, 5 live balances (arrived first), 6 unsettled cancelled lines up to their totals.
/// </summary>
[TestFixture]
public class AccountBalanceTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    private static PreorderLine Line(int id, decimal total, decimal deposit, PreorderLineState state = PreorderLineState.Waiting, DateTime? allocated = null) =>
        new() { Id = id, OrderId = 1, LineTotal = total, DepositAmount = deposit, State = state, AllocatedOnUtc = allocated };

    private static PreorderLedgerEntry Entry(LedgerEntryKind kind, decimal amount, int lineId = 0, LedgerEntryStatus status = LedgerEntryStatus.Succeeded) =>
        new() { OrderId = 1, PreorderLineId = lineId, Kind = kind, Status = status, Amount = amount };

    /// <summary>One row of the table: the order and what the rule must make of it.</summary>
    public sealed record Case(string Name, decimal OrderTotal, PreorderLine[] Lines, PreorderLedgerEntry[] Entries, bool Closed,
        decimal[] LineHeld, decimal[] LineOwed, decimal Held, decimal Owed, decimal DepositOwed, PreorderAccountState State,
        decimal Waived = 0m, decimal GivenBack = 0m)
    {
        public override string ToString() => Name;
    }

    private static IEnumerable<TestCaseData> Table()
    {
        TestCaseData Row(Case c) => new TestCaseData(c).SetName(c.Name);
        var c = LedgerEntryKind.Deposit;

        // The example before anything is cancelled: 2 x 100.00, 50% deposit, 100.00 paid at checkout.
        // pool 100: step 3 gives A 50, B 50 (pool 0). Owed 50 + 50 = 100, deposits covered, held 100 -> awaiting balance.
        yield return Row(new Case("two lines, deposits paid", 200m,
            new[] { Line(1, 100m, 50m), Line(2, 100m, 50m) }, new[] { Entry(c, 100m) }, false,
            LineHeld: new[] { 50m, 50m }, LineOwed: new[] { 50m, 50m }, Held: 100m, Owed: 100m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance));

        // The moment A is cancelled, before its settlement: what settlement may give back for A.
        // pool 100: step 3 B 50 (pool 50); step 4 A's claim min(100, 50 + 0) - 0 = 50 -> A 50 (pool 0).
        // A holds 50 (to settle) and owes nothing; B owes 100 - 50 = 50; waived 100.
        yield return Row(new Case("A cancelled, not settled yet", 200m,
            new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled), Line(2, 100m, 50m) }, new[] { Entry(c, 100m) }, false,
            LineHeld: new[] { 50m, 50m }, LineOwed: new[] { 0m, 50m }, Held: 100m, Owed: 50m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance, Waived: 100m));

        // The example: A cancelled, its 50 refunded. Old rule: 200 - 100 waived - 100 gross paid = 0 owed (wrong).
        // A's own money: 0 in, 50 out -> held -50. pool = (100 - 0) - (50 - 50) = 100.
        // step 1: A +50 -> 0 (pool 50); step 3: B 50 (pool 0); A's claim max(0, min(100, 50) - 50) = 0.
        // held: order 100 - 50 = 50, all B's; B owes 100 - 50 = 50 -> awaiting balance, not paid in full.
        yield return Row(new Case("A cancelled and refunded", 200m,
            new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled), Line(2, 100m, 50m) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Refund, 50m, 1) }, false,
            LineHeld: new[] { 0m, 50m }, LineOwed: new[] { 0m, 50m }, Held: 50m, Owed: 50m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance,
            Waived: 100m, GivenBack: 50m));

        // The same with A's deposit forfeited: the shop keeps 50, but it is not held for the order: B still owes 50.
        // Same steps as the refund (a forfeit releases money like a refund); given back to the shopper: 0.
        yield return Row(new Case("A cancelled and its deposit forfeited", 200m,
            new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled), Line(2, 100m, 50m) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Forfeit, 50m, 1) }, false,
            LineHeld: new[] { 0m, 50m }, LineOwed: new[] { 0m, 50m }, Held: 50m, Owed: 50m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance,
            Waived: 100m, GivenBack: 0m));

        // The same with A's deposit moved to a gift card: given back 50 (as store credit), B still owes 50.
        yield return Row(new Case("A cancelled and its deposit moved to a gift card", 200m,
            new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled), Line(2, 100m, 50m) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Transfer, 50m, 1) }, false,
            LineHeld: new[] { 0m, 50m }, LineOwed: new[] { 0m, 50m }, Held: 50m, Owed: 50m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance,
            Waived: 100m, GivenBack: 50m));

        // ... and then B's balance is paid at order level: pool 150. step 1: A +50 (pool 100); step 3: B 50 (pool 50);
        // A's claim 0; step 5: B +50 -> 100 (pool 0). Nothing owed: paid in full (money given back for A never pays B).
        yield return Row(new Case("A refunded, then B's balance paid", 200m,
            new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled), Line(2, 100m, 50m, PreorderLineState.BalanceDue, T0) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Refund, 50m, 1), Entry(LedgerEntryKind.Balance, 50m) }, false,
            LineHeld: new[] { 0m, 100m }, LineOwed: new[] { 0m, 0m }, Held: 100m, Owed: 0m, DepositOwed: 0m, PreorderAccountState.PaidInFull,
            Waived: 100m, GivenBack: 50m));

        // Waiver: two pay-on-ship lines (no deposit), nothing paid, A cancelled: only B's 100 is owed (200 - 100 waived).
        // pool 0; B owes 100; deposits owed 0 but nothing held -> awaiting deposit (as before: nothing paid yet).
        yield return Row(new Case("waiver: a cancelled line's total is not owed", 200m,
            new[] { Line(1, 100m, 0m, PreorderLineState.Cancelled), Line(2, 100m, 0m) }, Array.Empty<PreorderLedgerEntry>(), false,
            LineHeld: new[] { 0m, 0m }, LineOwed: new[] { 0m, 100m }, Held: 0m, Owed: 100m, DepositOwed: 0m, PreorderAccountState.AwaitingDeposit, Waived: 100m));

        // Partial refund at order level: one line of 100 with a 20 deposit, 20 paid, 15 refunded (no line).
        // pool 20 - 15 = 5 -> step 3: A 5. Held 5; A owes 95, of it 15 deposit -> awaiting the deposit again.
        yield return Row(new Case("partial refund of the order", 100m,
            new[] { Line(1, 100m, 20m) }, new[] { Entry(c, 20m), Entry(LedgerEntryKind.Refund, 15m) }, false,
            LineHeld: new[] { 5m }, LineOwed: new[] { 95m }, Held: 5m, Owed: 95m, DepositOwed: 15m, PreorderAccountState.AwaitingDeposit, GivenBack: 15m));

        // Closed account: both lines cancelled, each deposit refunded. step 1 gives each line back its 50 (pool 0).
        // All held 0, nothing owed, closed; waived 200.
        yield return Row(new Case("closed: every line cancelled and refunded", 200m,
            new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled), Line(2, 100m, 50m, PreorderLineState.Expired) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Refund, 50m, 1), Entry(LedgerEntryKind.Refund, 50m, 2) }, false,
            LineHeld: new[] { 0m, 0m }, LineOwed: new[] { 0m, 0m }, Held: 0m, Owed: 0m, DepositOwed: 0m, PreorderAccountState.Closed,
            Waived: 200m, GivenBack: 100m));

        // Closed stays closed (a lost cap race closes an account before it has lines): nothing owed though nothing was paid.
        yield return Row(new Case("closed account without lines", 150m,
            Array.Empty<PreorderLine>(), Array.Empty<PreorderLedgerEntry>(), true,
            LineHeld: Array.Empty<decimal>(), LineOwed: Array.Empty<decimal>(), Held: 0m, Owed: 0m, DepositOwed: 0m, PreorderAccountState.Closed));

        // Everything paid (100 deposits + 100 "pay everything"), then A cancelled, not settled yet. pool 200:
        // step 3 B 50 (150); step 4 A's claim 50 (100); step 5 B +50 (50); step 6 A, unsettled, up to 100: +50 (0).
        // A holds 100 (all of it to settle), B is covered: paid in full.
        yield return Row(new Case("all paid, A cancelled: A holds its balance payment too", 200m,
            new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled), Line(2, 100m, 50m) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Extra, 100m) }, false,
            LineHeld: new[] { 100m, 100m }, LineOwed: new[] { 0m, 0m }, Held: 200m, Owed: 0m, DepositOwed: 0m, PreorderAccountState.PaidInFull, Waived: 100m));

        // A settlement in parts, between its forfeit and its refund. A paid its own balance (50 against line A) and
        // shared the 100 checkout; cancelled with the deposit forfeited: forfeit 50 recorded, refund 50 not yet.
        // A: own 50 in, 50 out -> 0; claim min(100, 50 + 50) - 50 = 50. pool 100: step 3 B 50 (50); step 4 A +50 (0).
        // A still holds the 50 to refund; B owes 50: not lent A's money, so not paid in full for a moment.
        yield return Row(new Case("settlement in parts: forfeit recorded, refund not yet", 200m,
            new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled), Line(2, 100m, 50m) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Balance, 50m, 1), Entry(LedgerEntryKind.Forfeit, 50m, 1) }, false,
            LineHeld: new[] { 50m, 50m }, LineOwed: new[] { 0m, 50m }, Held: 100m, Owed: 50m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance, Waived: 100m));

        // The rest of the order (shipping 10 of a 210 order) is paid first: 110 at checkout covers it and both deposits.
        // pool 110: step 2 other 10 (100); step 3 A 50, B 50. Owed 100.
        yield return Row(new Case("shipping is part of what is due at checkout", 210m,
            new[] { Line(1, 100m, 50m), Line(2, 100m, 50m) }, new[] { Entry(c, 110m) }, false,
            LineHeld: new[] { 50m, 50m }, LineOwed: new[] { 50m, 50m }, Held: 110m, Owed: 100m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance));

        // Only 100 of the 110 paid: shipping 10 first, then A 50, B 40. Deposit owed 10 (B's) -> awaiting the deposit.
        yield return Row(new Case("short checkout payment", 210m,
            new[] { Line(1, 100m, 50m), Line(2, 100m, 50m) }, new[] { Entry(c, 100m) }, false,
            LineHeld: new[] { 50m, 40m }, LineOwed: new[] { 50m, 60m }, Held: 100m, Owed: 110m, DepositOwed: 10m, PreorderAccountState.AwaitingDeposit));

        // An order discount of 20 (order total 180 below the lines' 200) is credit: due at checkout 180 - 100 = 80.
        // pool 80 + 20 credit = 100: A 50, B 50. Owed 100 (= 180 - 80), money held 80.
        yield return Row(new Case("order-level discount counts as credit", 180m,
            new[] { Line(1, 100m, 50m), Line(2, 100m, 50m) }, new[] { Entry(c, 80m) }, false,
            LineHeld: new[] { 50m, 50m }, LineOwed: new[] { 50m, 50m }, Held: 80m, Owed: 100m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance));

        // A balance payment at order level goes to the line whose stock arrived first: B (allocated), not A (waiting).
        // pool 150: step 3 A 50, B 50 (50); step 5 B first (allocated) +50 (0). B owes 0, A owes 50.
        yield return Row(new Case("balance money goes to the arrived line first", 200m,
            new[] { Line(1, 100m, 50m), Line(2, 100m, 50m, PreorderLineState.BalanceDue, T0) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Installment, 50m) }, false,
            LineHeld: new[] { 50m, 100m }, LineOwed: new[] { 50m, 0m }, Held: 150m, Owed: 50m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance));

        // Only completed entries count: a pending and a failed balance attempt change nothing (as the first row).
        yield return Row(new Case("pending and failed attempts do not count", 200m,
            new[] { Line(1, 100m, 50m), Line(2, 100m, 50m) },
            new[] { Entry(c, 100m), Entry(LedgerEntryKind.Balance, 50m, 2, LedgerEntryStatus.Pending), Entry(LedgerEntryKind.Balance, 50m, 2, LedgerEntryStatus.Failed) }, false,
            LineHeld: new[] { 50m, 50m }, LineOwed: new[] { 50m, 50m }, Held: 100m, Owed: 100m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance));

        // A payment against a live line beyond its total joins the pool: 150 recorded against A (total 100).
        // A holds 100, 50 spills to the pool -> step 3 B 50. A owes 0, B 50.
        yield return Row(new Case("a line's own overpayment pays the other lines", 200m,
            new[] { Line(1, 100m, 50m), Line(2, 100m, 50m) }, new[] { Entry(LedgerEntryKind.Balance, 150m, 1) }, false,
            LineHeld: new[] { 100m, 50m }, LineOwed: new[] { 0m, 50m }, Held: 150m, Owed: 50m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance));

        // An order-level refund larger than the order-level money: 100 paid against A, 30 refunded at order level.
        // pool = 0 - 30 = -30: taken back from A's balance part (held 100 above its deposit 50) -> A holds 70, owes 30.
        yield return Row(new Case("order-level refund of money paid against a line", 100m,
            new[] { Line(1, 100m, 50m) }, new[] { Entry(LedgerEntryKind.Balance, 100m, 1), Entry(LedgerEntryKind.Refund, 30m) }, false,
            LineHeld: new[] { 70m }, LineOwed: new[] { 30m }, Held: 70m, Owed: 30m, DepositOwed: 0m, PreorderAccountState.AwaitingBalance, GivenBack: 30m));

        // A shipped line is still sold: it keeps its total due (not waived) and is covered like a live line.
        // pool 100: A (shipped) deposit 100 (full upfront) -> paid in full.
        yield return Row(new Case("a shipped line stays in the sale", 100m,
            new[] { Line(1, 100m, 100m, PreorderLineState.Shipped, T0) }, new[] { Entry(c, 100m) }, false,
            LineHeld: new[] { 100m }, LineOwed: new[] { 0m }, Held: 100m, Owed: 0m, DepositOwed: 0m, PreorderAccountState.PaidInFull));
    }

    [TestCaseSource(nameof(Table))]
    public void The_figures_of_an_order(Case c)
    {
        var balance = AccountBalance.FromLedger(c.OrderTotal, c.Lines, c.Entries, c.Closed);

        Assert.Multiple(() =>
        {
            Assert.That(c.Lines.Select(l => balance.Line(l.Id).Held), Is.EqualTo(c.LineHeld), "held per line");
            Assert.That(c.Lines.Select(l => balance.LineOwed(l.Id)), Is.EqualTo(c.LineOwed), "owed per line");
            Assert.That(balance.Held, Is.EqualTo(c.Held), "held");
            Assert.That(balance.Owed, Is.EqualTo(c.Owed), "owed");
            Assert.That(balance.DepositOwed, Is.EqualTo(c.DepositOwed), "deposit owed");
            Assert.That(balance.State, Is.EqualTo(c.State), "state");
            Assert.That(balance.Waived, Is.EqualTo(c.Waived), "waived");
            Assert.That(balance.GivenBack, Is.EqualTo(c.GivenBack), "given back");
            // owed per order is the sum of the lines' and the uncovered rest of the order, unless closed
            if (c.State != PreorderAccountState.Closed)
                Assert.That(balance.Owed, Is.EqualTo(balance.Lines.Sum(l => l.Owed) + Math.Max(0m, balance.OtherPart - balance.OtherHeld)));
            // no money is lost or made: what lines and the rest of the order hold, plus what is unassigned, is what is held plus the credit
            Assert.That(balance.Lines.Sum(l => l.Held) + balance.OtherHeld + balance.Unassigned, Is.EqualTo(balance.Held + balance.Credit), "money conserved");
        });
    }

    [TestCaseSource(nameof(Table))]
    public void The_stored_totals_give_the_same_figures_as_the_entries(Case c)
    {
        // what the services do: the account's stored totals and each line's own sums, not the entries themselves
        var order = LedgerTotals.FromEntries(c.Entries);
        var own = c.Lines.Select(l => LineMoney.Of(l, LedgerTotals.FromEntries(c.Entries.Where(e => e.PreorderLineId == l.Id)))).ToList();
        var account = new PreorderAccount
        {
            OrderTotal = c.OrderTotal, PaidAmount = order.Paid, RefundedAmount = order.Refunded, ForfeitedAmount = order.Forfeited, TransferredAmount = order.Transferred,
            State = c.Closed ? PreorderAccountState.Closed : PreorderAccountState.AwaitingDeposit
        };
        var fromTotals = AccountBalance.Of(account, own);
        var fromEntries = AccountBalance.FromLedger(c.OrderTotal, c.Lines, c.Entries, c.Closed);

        Assert.That(fromTotals.Lines, Is.EqualTo(fromEntries.Lines));
        Assert.That((fromTotals.Held, fromTotals.Owed, fromTotals.DepositOwed, fromTotals.State), Is.EqualTo((fromEntries.Held, fromEntries.Owed, fromEntries.DepositOwed, fromEntries.State)));
    }

    [Test]
    public void Given_back_released_and_held_follow_their_definitions()
    {
        // paid 100; refunded 10, forfeited 20, transferred 30
        var balance = AccountBalance.FromLedger(100m, new[] { Line(1, 100m, 100m) },
            new[] { Entry(LedgerEntryKind.Deposit, 100m), Entry(LedgerEntryKind.Refund, 10m), Entry(LedgerEntryKind.Forfeit, 20m), Entry(LedgerEntryKind.Transfer, 30m) });

        Assert.That(balance.Paid, Is.EqualTo(100m), "gross in");
        Assert.That(balance.GivenBack, Is.EqualTo(40m), "refunded 10 + transferred 30: the forfeit is kept, not given back");
        Assert.That(balance.Released, Is.EqualTo(60m), "refunded, forfeited and transferred all leave the order");
        Assert.That(balance.Held, Is.EqualTo(40m), "100 - 60");
        Assert.That(balance.Owed, Is.EqualTo(60m), "the line's 100 less the 40 held");
        Assert.That(balance.Totals.Held, Is.EqualTo(balance.Held));
    }

    [Test]
    public void A_lines_held_money_is_capped_by_what_the_order_holds()
    {
        // an inconsistent ledger (more given back at order level than paid there, nothing left to take back from)
        var balance = AccountBalance.FromLedger(100m, new[] { Line(1, 100m, 50m, PreorderLineState.Cancelled) },
            new[] { Entry(LedgerEntryKind.Deposit, 50m), Entry(LedgerEntryKind.Refund, 80m) });

        Assert.That(balance.Held, Is.EqualTo(0m), "never below zero");
        Assert.That(balance.LineHeld(1), Is.EqualTo(0m));
        Assert.That(balance.LineHeld(99), Is.EqualTo(0m), "an unknown line holds nothing");
        Assert.That(balance.LineOwed(99), Is.EqualTo(0m));
    }

    [Test]
    public void Sums_from_the_database_are_rounded_to_the_columns_decimals()
    {
        var totals = LedgerTotals.FromSums(new[] { (LedgerEntryKind.Deposit, 19.99999999m), (LedgerEntryKind.Extra, 0.00001m), (LedgerEntryKind.Forfeit, 5m) });
        Assert.That(totals, Is.EqualTo(new LedgerTotals(20m, 0m, 5m, 0m)));
        Assert.That((totals.Released, totals.Held), Is.EqualTo((5m, 15m)));
    }
}
