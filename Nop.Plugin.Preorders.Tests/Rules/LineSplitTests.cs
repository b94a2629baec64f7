using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>"Ship what arrived": the split of a line's units and money (figures worked out by hand).</summary>
[TestFixture]
public class LineSplitTests
{
    private static readonly MoneyCurrency Usd = MoneyCurrency.Primary();

    // quantity, total, deposit, arrived -> arrived total, arrived deposit (the rest is the remainder)
    [TestCase(2, 100.00, 20.00, 1, 50.00, 10.00, TestName = "Even: half and half")]
    [TestCase(3, 100.00, 20.00, 1, 33.33, 6.67, TestName = "Odd quantity: a third, the rest takes the extra cent")]
    [TestCase(3, 100.00, 20.00, 2, 66.67, 13.33, TestName = "Odd quantity: two thirds round up, the rest down")]
    [TestCase(7, 10.00, 1.00, 3, 4.29, 0.43, TestName = "Seven units of ten dollars: 3/7 rounded to cents")]
    [TestCase(5, 0.03, 0.01, 2, 0.01, 0.00, TestName = "Cents that do not divide: 2/5 of 3 cents")]
    [TestCase(4, 99.99, 99.99, 3, 74.99, 74.99, TestName = "Deposit is the whole line: each part's deposit is its whole total")]
    [TestCase(3, 90.00, 0.00, 1, 30.00, 0.00, TestName = "No deposit (pay on ship): no deposit on either part")]
    [TestCase(10, 123.4567, 24.6913, 9, 111.11, 22.22, TestName = "Four decimals stored: the parts round to cents, the rest keeps the odd digits")]
    public void Divides_a_line_exactly(int quantity, decimal total, decimal deposit, int arrived, decimal arrivedTotal, decimal arrivedDeposit)
    {
        var split = LineSplit.Divide(new LinePart(quantity, total, deposit), arrived, Usd);
        Assert.Multiple(() =>
        {
            Assert.That(split.Arrived, Is.EqualTo(new LinePart(arrived, arrivedTotal, arrivedDeposit)));
            Assert.That(split.Rest.Quantity, Is.EqualTo(quantity - arrived));
            Assert.That(split.Arrived.Total + split.Rest.Total, Is.EqualTo(total), "totals sum to the line exactly");
            Assert.That(split.Arrived.Deposit + split.Rest.Deposit, Is.EqualTo(deposit), "deposits sum to the line exactly");
            Assert.That(split.Rest.Deposit, Is.InRange(0m, split.Rest.Total), "the rest's balance is not negative");
            Assert.That(split.Arrived.Deposit, Is.InRange(0m, split.Arrived.Total), "the arrived part's balance is not negative");
        });
    }

    [Test]
    public void Rounds_in_the_orders_currency_and_stores_the_primary_figure()
    {
        // 3 units, 100 primary = 150 in the order's currency at 1.5; one arrived: 50.00 there, 33.3333 primary
        var eur = new MoneyCurrency("EUR", 1.5m, RoundingType.Rounding001);
        var split = LineSplit.Divide(new LinePart(3, 100m, 20m), 1, eur);
        Assert.Multiple(() =>
        {
            Assert.That(split.Arrived.Total, Is.EqualTo(33.3333m));
            Assert.That(split.Rest.Total, Is.EqualTo(66.6667m));
            // 20 primary = 30.00 there, a third is 10.00 = 6.6667 primary
            Assert.That(split.Arrived.Deposit, Is.EqualTo(6.6667m));
            Assert.That(split.Rest.Deposit, Is.EqualTo(13.3333m));
        });
    }

    [Test]
    public void Rounds_to_the_currencys_cash_step()
    {
        // a currency rounded to whole units: 3 units of 100 in all, one arrived is 33.33 -> 33
        var whole = new MoneyCurrency("XXX", 1m, RoundingType.Rounding1);
        var split = LineSplit.Divide(new LinePart(3, 100m, 50m), 1, whole);
        Assert.That(split.Arrived, Is.EqualTo(new LinePart(1, 33m, 17m)));
        Assert.That(split.Rest, Is.EqualTo(new LinePart(2, 67m, 33m)));
    }

    [Test]
    public void A_deposit_close_to_the_total_never_leaves_a_part_with_a_deposit_above_its_total()
    {
        // rounded up to whole units: the arrived half of 2.02 is 2 and of the 2.00 deposit 1; the rest would be a 0.02
        // total with a 1.00 deposit. The arrived deposit is raised to 1.98 so the rest's deposit (0.02) is its total.
        var up = new MoneyCurrency("XXX", 1m, RoundingType.Rounding1Up);
        var split = LineSplit.Divide(new LinePart(2, 2.02m, 2.00m), 1, up);
        Assert.That(split.Arrived, Is.EqualTo(new LinePart(1, 2m, 1.98m)));
        Assert.That(split.Rest, Is.EqualTo(new LinePart(1, 0.02m, 0.02m)));
    }

    [TestCase(1, 1)]
    [TestCase(3, 0)]
    [TestCase(3, 3)]
    [TestCase(3, -1)]
    public void Refuses_a_split_that_is_not_one(int quantity, int arrived) =>
        Assert.That(() => LineSplit.Divide(new LinePart(quantity, 10m, 2m), arrived, Usd), Throws.InstanceOf<ArgumentOutOfRangeException>());
}

[TestFixture]
public class FifoSplittingTests
{
    private static QueuedLine L(int id, int qty) => new(id, qty);

    // queue "id:qty,...", units, lines that may split -> whole line ids, part "id:units" or ""
    [TestCase("1:2,2:3,3:1", 4, "2", "1", "2:2", TestName = "The head that does not fit is split when its store allows")]
    [TestCase("1:2,2:3,3:1", 4, "", "1", "", TestName = "Setting off: the queue stops at the head as today")]
    [TestCase("1:2,2:3,3:1", 4, "3", "1", "", TestName = "Only the head may be split: a later line never overtakes it")]
    [TestCase("1:5", 3, "1", "", "1:3", TestName = "A single line partly served")]
    [TestCase("1:2,2:3", 5, "1,2", "1,2", "", TestName = "Whole lines cover the units exactly: nothing to split")]
    [TestCase("1:2,2:3", 9, "1,2", "1,2", "", TestName = "More units than the queue: every line whole")]
    [TestCase("1:4", 0, "1", "", "", TestName = "No units: nothing")]
    public void Splits_only_the_head_of_the_queue(string queue, int units, string maySplit, string whole, string part)
    {
        var lines = queue.Split(',').Select(s => s.Split(':')).Select(p => L(int.Parse(p[0]), int.Parse(p[1]))).ToList();
        var splittable = maySplit.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();
        var pick = FifoAllocator.AllocateSplitting(lines, units, splittable.Contains);
        Assert.That(string.Join(",", pick.Whole.Select(l => l.LineId)), Is.EqualTo(whole));
        Assert.That(pick.Part is { } p ? $"{p.LineId}:{p.Quantity}" : "", Is.EqualTo(part));
    }
}
