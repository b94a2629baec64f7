using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>Which charge (part of) a refund goes back to: <see cref="RefundSource.Choose"/>, worked out by hand.</summary>
[TestFixture]
public class RefundSourceTests
{
    private const string Card = "Payments.Card";
    private int _id;

    private PreorderLedgerEntry Entry(LedgerEntryKind kind, decimal amount, string reference, int line = 0,
        LedgerEntryStatus status = LedgerEntryStatus.Succeeded, string method = Card) =>
        new() { Id = ++_id, Kind = kind, Amount = amount, Reference = reference, PreorderLineId = line, Status = status, Method = method };

    private static IEnumerable<TestCaseData> Rows()
    {
        // name, entries (built in the test from a code), line, wanted, expected (reference, amount, offline)
        yield return new TestCaseData("one charge covers it", "D20:a", 0, 15m, ("a", 15m, false));
        yield return new TestCaseData("the charge with most left first, capped to it", "D20:a B80:b", 0, 90m, ("b", 80m, false));
        yield return new TestCaseData("refunds against a charge count, done or on their way", "D20:a B80:b R70:b Rp5:b", 0, 20m, ("a", 20m, false));
        yield return new TestCaseData("the line's own charge first", "D20:a B80:b@7 B50:c", 7, 60m, ("b", 60m, false));
        yield return new TestCaseData("a tie: the latest charge", "D50:a B50:b", 0, 10m, ("b", 10m, false));
        yield return new TestCaseData("a charge without a transaction: the order's own", "D30:-", 0, 10m, ("", 10m, false));
        yield return new TestCaseData("failed, authorized and offline money is not the gateway's to give back", "Bf50:a Ba50:b Bo50:c", 0, 10m, ((string)null, 10m, true));
        yield return new TestCaseData("every charge given back: offline", "D20:a R20:a", 0, 5m, ((string)null, 5m, true));
        yield return new TestCaseData("a refund made offline does not use up a charge", "D20:a Ro20:a", 0, 20m, ("a", 20m, false));
    }

    [TestCaseSource(nameof(Rows))]
    public void Chooses(string why, string code, int line, decimal wanted, (string, decimal, bool) expected)
    {
        var entries = code.Split(' ').Select(Parse).ToList();
        var source = RefundSource.Choose(entries, Card, line, wanted);
        Assert.That((source.Reference, source.Amount, source.Offline), Is.EqualTo(expected), why);
    }

    /// <summary>"B80:b@7": kind (D deposit, B balance, R refund), flags (f failed, a authorized, p pending, o offline), amount, reference (- none), line.</summary>
    private PreorderLedgerEntry Parse(string code)
    {
        var kind = code[0] switch { 'D' => LedgerEntryKind.Deposit, 'B' => LedgerEntryKind.Balance, _ => LedgerEntryKind.Refund };
        var rest = code[1..];
        var status = LedgerEntryStatus.Succeeded;
        var method = Card;
        while (char.IsLetter(rest[0]))
        {
            switch (rest[0])
            {
                case 'f': status = LedgerEntryStatus.Failed; break;
                case 'a': status = LedgerEntryStatus.Authorized; break;
                case 'p': status = LedgerEntryStatus.Pending; break;
                case 'o': method = PreorderDefaults.OfflineMethod; break;
            }
            rest = rest[1..];
        }
        var line = 0;
        if (rest.Contains('@'))
        {
            line = int.Parse(rest[(rest.IndexOf('@') + 1)..]);
            rest = rest[..rest.IndexOf('@')];
        }
        var parts = rest.Split(':');
        return Entry(kind, decimal.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1] == "-" ? null : parts[1], line, status, method);
    }
}
