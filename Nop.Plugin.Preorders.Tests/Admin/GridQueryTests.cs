using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// The pre-orders and ledger grids as real SQL on the test database: paging, every sort column in both
/// directions, every filter, and the computed money columns, each compared with the same rule computed here
/// from the seeded rows.
/// </summary>
[TestFixture]
public class GridQueryTests
{
    private TestDatabase _database;
    private TestScope _scope;
    private PreorderGridQueryService _grid;
    private List<PreorderLine> _lines;
    private List<PreorderAccount> _accounts;
    private List<PreorderLedgerEntry> _entries;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _database = TestDatabase.CreateMigrated();
        _scope = new TestScope(_database);
        _lines = await AdminSeed.LinesAsync(_scope);

        // line 10 (balance due, deposit paid) also got a balance payment of its own; the account follows the ledger
        var line10 = _lines[10];
        await AdminSeed.EntryAsync(_scope, line10.OrderId, LedgerEntryKind.Deposit, line10.DepositAmount, AdminSeed.Base.AddDays(11));
        await AdminSeed.EntryAsync(_scope, line10.OrderId, LedgerEntryKind.Balance, 100m, AdminSeed.Base.AddDays(60), lineId: line10.Id, method: "Payments.Manual", recordedBy: 77);
        await AdminSeed.EntryAsync(_scope, line10.OrderId, LedgerEntryKind.Balance, 55m, AdminSeed.Base.AddDays(61), LedgerEntryStatus.Failed, line10.Id, "Payments.Manual");
        var account10 = _scope.Repository<PreorderAccount>().Table.Single(a => a.OrderId == line10.OrderId);
        account10.PaidAmount = line10.DepositAmount + 100m;
        await _scope.Repository<PreorderAccount>().UpdateAsync(account10, false);

        // ledger rows of other orders: refunds, forfeits, transfers, pending
        await AdminSeed.EntryAsync(_scope, _lines[1].OrderId, LedgerEntryKind.Deposit, 40m, AdminSeed.Base.AddDays(2));
        await AdminSeed.EntryAsync(_scope, _lines[6].OrderId, LedgerEntryKind.Refund, 20m, AdminSeed.Base.AddDays(20), lineId: _lines[6].Id);
        await AdminSeed.EntryAsync(_scope, _lines[7].OrderId, LedgerEntryKind.Forfeit, 15m, AdminSeed.Base.AddDays(21), lineId: _lines[7].Id);
        await AdminSeed.EntryAsync(_scope, _lines[14].OrderId, LedgerEntryKind.Transfer, 25m, AdminSeed.Base.AddDays(22), lineId: _lines[14].Id, method: PreorderDefaults.GiftCardMethod);
        await AdminSeed.EntryAsync(_scope, _lines[4].OrderId, LedgerEntryKind.Installment, 33m, AdminSeed.Base.AddDays(23), LedgerEntryStatus.Pending, method: "Payments.Manual");

        _accounts = _scope.Repository<PreorderAccount>().Table.ToList();
        _entries = _scope.Repository<PreorderLedgerEntry>().Table.ToList();
        _grid = new PreorderGridQueryService(_scope.Repository<PreorderAccount>(), _scope.Repository<PreorderLedgerEntry>(),
            _scope.Repository<PreorderLine>(), _scope.Repository<PreorderProfile>(), _scope.Repository<PreorderExtensionRequest>());
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _scope.Dispose();
        _database.Dispose();
    }

    #region Expected values, computed here

    private DateTime? ExpectedShipDate(PreorderLine line) =>
        line.ProductId == 101 ? new DateTime(2026, 3, 10, 12, 0, 0) : line.ExpectedShipDateUtc;

    private decimal ExpectedDepositPaid(PreorderLine line)
    {
        var account = _accounts.Single(a => a.OrderId == line.OrderId);
        return account.PaidAmount > 0m && account.PaidAmount >= account.DueAtCheckout ? line.DepositAmount : 0m;
    }

    private decimal ExpectedBalanceDue(PreorderLine line)
    {
        var account = _accounts.Single(a => a.OrderId == line.OrderId);
        var owes = line.State is PreorderLineState.Waiting or PreorderLineState.BalanceDue or PreorderLineState.Overdue
                   && account.State is not (PreorderAccountState.PaidInFull or PreorderAccountState.Closed);
        if (!owes)
            return 0m;
        var linePaid = _entries.Where(e => e.PreorderLineId == line.Id && e.Status == LedgerEntryStatus.Succeeded
            && e.Kind is LedgerEntryKind.Balance or LedgerEntryKind.Installment or LedgerEntryKind.Extra).Sum(e => e.Amount);
        var remaining = line.LineTotal - line.DepositAmount - linePaid;
        // AccountBalance.Owed's summary form from the stored totals: what is held is paid less refunded, forfeited, transferred
        var outstanding = account.OrderTotal - account.WaivedAmount - (account.PaidAmount - account.RefundedAmount - account.ForfeitedAmount - account.TransferredAmount);
        return Math.Max(0m, Math.Min(remaining, outstanding));
    }

    #endregion

    private async Task<IList<PreorderLineRow>> AllAsync(PreorderLineFilter filter = null, GridSort sort = null) =>
        (await _grid.GetLinesAsync(filter ?? new PreorderLineFilter(), 0, 1000, sort ?? GridSort.Default)).Rows;

    [Test]
    public async Task Paging_returns_consecutive_pages_and_the_total_of_the_filter()
    {
        var all = await AllAsync();
        Assert.That(all, Has.Count.EqualTo(_lines.Count));

        var paged = new List<int>();
        for (var start = 0; start < _lines.Count; start += 7)
        {
            var page = await _grid.GetLinesAsync(new PreorderLineFilter(), start, 7, GridSort.Default);
            Assert.That(page.TotalCount, Is.EqualTo(_lines.Count), "the total is the filter's, not the page's");
            Assert.That(page.Rows, Has.Count.EqualTo(Math.Min(7, _lines.Count - start)));
            paged.AddRange(page.Rows.Select(r => r.Id));
        }
        Assert.That(paged, Is.EqualTo(all.Select(r => r.Id)), "pages neither overlap nor skip rows");

        var filtered = await _grid.GetLinesAsync(new PreorderLineFilter { ProductId = 102 }, 2, 3, GridSort.Default);
        Assert.That(filtered.TotalCount, Is.EqualTo(_lines.Count(l => l.ProductId == 102)));
        Assert.That(filtered.Rows, Has.Count.EqualTo(3));
        Assert.That((await _grid.GetLinesAsync(new PreorderLineFilter(), 1000, 10, GridSort.Default)).Rows, Is.Empty, "a page past the end is empty");
    }

    [Test]
    public async Task Default_order_is_newest_first()
    {
        var ids = (await AllAsync()).Select(r => r.Id);
        Assert.That(ids, Is.EqualTo(_lines.OrderByDescending(l => l.PlacedOnUtc).ThenByDescending(l => l.Id).Select(l => l.Id)));
    }

    public static IEnumerable<TestCaseData> SortColumns()
    {
        foreach (var desc in new[] { false, true })
        {
            yield return new TestCaseData("Id", desc, (Func<PreorderLineRow, IComparable>)(r => r.Id));
            yield return new TestCaseData("CustomOrderNumber", desc, (Func<PreorderLineRow, IComparable>)(r => r.OrderId));
            yield return new TestCaseData("CustomerEmail", desc, (Func<PreorderLineRow, IComparable>)(r => r.CustomerId));
            yield return new TestCaseData("ProductName", desc, (Func<PreorderLineRow, IComparable>)(r => r.ProductId));
            yield return new TestCaseData("Quantity", desc, (Func<PreorderLineRow, IComparable>)(r => r.Quantity));
            yield return new TestCaseData("PlacedOn", desc, (Func<PreorderLineRow, IComparable>)(r => r.PlacedOnUtc));
            yield return new TestCaseData("State", desc, (Func<PreorderLineRow, IComparable>)(r => r.StateId));
            yield return new TestCaseData("DepositPaid", desc, (Func<PreorderLineRow, IComparable>)(r => r.DepositPaid));
            yield return new TestCaseData("BalanceDue", desc, (Func<PreorderLineRow, IComparable>)(r => r.BalanceDue));
            yield return new TestCaseData("DueDate", desc, (Func<PreorderLineRow, IComparable>)(r => r.BalanceDueOnUtc));
            yield return new TestCaseData("ExpectedShipDate", desc, (Func<PreorderLineRow, IComparable>)(r => r.ExpectedShipDateUtc));
            yield return new TestCaseData("CountryCode", desc, (Func<PreorderLineRow, IComparable>)(r => r.CountryCode));
        }
    }

    [TestCaseSource(nameof(SortColumns))]
    public async Task Every_column_sorts_in_the_database_both_ways(string column, bool descending, Func<PreorderLineRow, IComparable> key)
    {
        var rows = await AllAsync(sort: new GridSort(column, descending));
        Assert.That(rows, Has.Count.EqualTo(_lines.Count));
        AssertSorted(rows, key, descending);
    }

    /// <summary>Sorted by the key (NULLs together at one end: databases differ on which), ties by id in the same direction.</summary>
    private static void AssertSorted(IList<PreorderLineRow> rows, Func<PreorderLineRow, IComparable> key, bool descending)
    {
        var keys = rows.Select(key).ToList();
        var firstValue = keys.FindIndex(k => k != null);
        var lastValue = keys.FindLastIndex(k => k != null);
        Assert.That(keys.Skip(firstValue).Take(lastValue - firstValue + 1), Has.None.Null, "NULL keys form one block at an end");
        for (var i = 1; i < rows.Count; i++)
        {
            if (keys[i] == null || keys[i - 1] == null)
                continue;
            var compare = keys[i - 1].CompareTo(keys[i]) * (descending ? -1 : 1);
            Assert.That(compare, Is.LessThanOrEqualTo(0), $"row {i}: {keys[i - 1]} before {keys[i]}");
            if (compare == 0)
                Assert.That(rows[i - 1].Id.CompareTo(rows[i].Id) * (descending ? -1 : 1), Is.LessThan(0), "ties broken by id");
        }
        Assert.That(keys.Distinct().Count(), Is.GreaterThan(1), "the seed has different values in this column");
    }

    [Test]
    public async Task An_unknown_sort_column_falls_back_to_placement_and_cannot_inject_sql()
    {
        var rows = await AllAsync(sort: new GridSort("PlacedOnUtc; DROP TABLE preorder_line", false));
        Assert.That(rows.Select(r => r.Id), Is.EqualTo(_lines.OrderBy(l => l.PlacedOnUtc).ThenBy(l => l.Id).Select(l => l.Id)));
        Assert.That(_database.TableExists(PreorderMappingSchema.TableName(typeof(PreorderLine))), Is.True);
    }

    public static IEnumerable<TestCaseData> Filters()
    {
        TestCaseData Case(string name, PreorderLineFilter filter, Func<PreorderLine, bool> expected) => new TestCaseData(filter, expected).SetName("Filter_" + name);

        foreach (var state in AdminSeed.States)
            yield return Case("state_" + state, new PreorderLineFilter { State = state }, l => l.State == state);
        yield return Case("product", new PreorderLineFilter { ProductId = 102 }, l => l.ProductId == 102);
        yield return Case("store", new PreorderLineFilter { StoreId = 2 }, l => l.StoreId == 2);
        yield return Case("order", new PreorderLineFilter { OrderId = 9005 }, l => l.OrderId == 9005);
        yield return Case("customer", new PreorderLineFilter { CustomerId = 503 }, l => l.CustomerId == 503);
        yield return Case("unknown_customer_email_matches_nothing", new PreorderLineFilter { CustomerId = -1 }, _ => false);
        yield return Case("country_case_insensitive", new PreorderLineFilter { CountryCode = " de " }, l => l.CountryCode == "DE");
        yield return Case("placed_range", new PreorderLineFilter { PlacedFromUtc = AdminSeed.Base.AddDays(5), PlacedToUtc = AdminSeed.Base.AddDays(12) },
            l => l.PlacedOnUtc >= AdminSeed.Base.AddDays(5) && l.PlacedOnUtc < AdminSeed.Base.AddDays(12));
        yield return Case("placed_from_only", new PreorderLineFilter { PlacedFromUtc = AdminSeed.Base.AddDays(30) }, l => l.PlacedOnUtc >= AdminSeed.Base.AddDays(30));
        yield return Case("due_range", new PreorderLineFilter { DueFromUtc = AdminSeed.Base.AddDays(45), DueToUtc = AdminSeed.Base.AddDays(70) },
            l => l.BalanceDueOnUtc >= AdminSeed.Base.AddDays(45) && l.BalanceDueOnUtc < AdminSeed.Base.AddDays(70));
        // product 101 ships on its profile's date (10 March), the others on their own snapshot (1-5 May)
        yield return Case("ship_range_uses_the_products_current_date",
            new PreorderLineFilter { ShipFromUtc = new DateTime(2026, 3, 1), ShipToUtc = new DateTime(2026, 4, 1) }, l => l.ProductId == 101);
        yield return Case("ship_range_of_snapshots",
            new PreorderLineFilter { ShipFromUtc = new DateTime(2026, 5, 2), ShipToUtc = new DateTime(2026, 5, 4) },
            l => l.ProductId != 101 && l.ExpectedShipDateUtc >= new DateTime(2026, 5, 2) && l.ExpectedShipDateUtc < new DateTime(2026, 5, 4));
        yield return Case("combined", new PreorderLineFilter { ProductId = 101, StoreId = 1, State = PreorderLineState.Waiting },
            l => l.ProductId == 101 && l.StoreId == 1 && l.State == PreorderLineState.Waiting);
    }

    [TestCaseSource(nameof(Filters))]
    public async Task Every_filter_selects_exactly_the_matching_rows(PreorderLineFilter filter, Func<PreorderLine, bool> expected)
    {
        var page = await _grid.GetLinesAsync(filter, 0, 1000, GridSort.Default);
        var expectedIds = _lines.Where(expected).Select(l => l.Id).OrderBy(id => id).ToList();
        Assert.That(page.Rows.Select(r => r.Id).OrderBy(id => id), Is.EqualTo(expectedIds));
        Assert.That(page.TotalCount, Is.EqualTo(expectedIds.Count));
        Assert.That(expectedIds.Count, Is.LessThan(_lines.Count), "the filter narrows the seed");
    }

    [Test]
    public async Task Computed_columns_follow_the_account_the_profile_and_the_lines_own_payments()
    {
        var rows = (await AllAsync()).ToDictionary(r => r.Id);
        Assert.Multiple(() =>
        {
            foreach (var line in _lines)
            {
                var row = rows[line.Id];
                Assert.That(row.DepositPaid, Is.EqualTo(ExpectedDepositPaid(line)), $"deposit paid of line {line.Id}");
                Assert.That(row.BalanceDue, Is.EqualTo(ExpectedBalanceDue(line)), $"balance due of line {line.Id}");
                Assert.That(row.ExpectedShipDateUtc, Is.EqualTo(ExpectedShipDate(line)), $"ship date of line {line.Id}");
            }
        });

        // the hand-checked cases: line 10 owes 300 - 60 deposit - 100 paid on the line; line 0 (waiting, nothing paid) owes its balance 80
        Assert.That(rows[_lines[10].Id].BalanceDue, Is.EqualTo(140m));
        Assert.That(rows[_lines[10].Id].DepositPaid, Is.EqualTo(60m));
        Assert.That(rows[_lines[0].Id].BalanceDue, Is.EqualTo(80m));
        Assert.That(rows[_lines[0].Id].DepositPaid, Is.EqualTo(0m));
        Assert.That(rows[_lines[6].Id].BalanceDue, Is.EqualTo(0m), "a cancelled line owes nothing");
    }

    [Test]
    public async Task Streaming_returns_every_row_in_the_grids_order()
    {
        var streamed = new List<int>();
        await foreach (var row in _grid.StreamLinesAsync(new PreorderLineFilter { StoreId = 1 }, new GridSort("Quantity", true)))
            streamed.Add(row.Id);
        var paged = (await AllAsync(new PreorderLineFilter { StoreId = 1 }, new GridSort("Quantity", true))).Select(r => r.Id);
        Assert.That(streamed, Is.EqualTo(paged));
    }

    #region Ledger

    public static IEnumerable<TestCaseData> LedgerFilters()
    {
        TestCaseData Case(string name, LedgerFilter filter, Func<PreorderLedgerEntry, PreorderAccount, bool> expected) =>
            new TestCaseData(filter, expected).SetName("LedgerFilter_" + name);

        yield return Case("kind_refund", new LedgerFilter { Kind = LedgerEntryKind.Refund }, (e, _) => e.Kind == LedgerEntryKind.Refund);
        yield return Case("kind_balance", new LedgerFilter { Kind = LedgerEntryKind.Balance }, (e, _) => e.Kind == LedgerEntryKind.Balance);
        yield return Case("status_failed", new LedgerFilter { Status = LedgerEntryStatus.Failed }, (e, _) => e.Status == LedgerEntryStatus.Failed);
        yield return Case("method", new LedgerFilter { Method = "Payments.Manual" }, (e, _) => e.Method == "Payments.Manual");
        yield return Case("order", new LedgerFilter { OrderId = 9010 }, (e, _) => e.OrderId == 9010);
        yield return Case("dates", new LedgerFilter { FromUtc = AdminSeed.Base.AddDays(20), ToUtc = AdminSeed.Base.AddDays(23) },
            (e, _) => e.CreatedOnUtc >= AdminSeed.Base.AddDays(20) && e.CreatedOnUtc < AdminSeed.Base.AddDays(23));
        yield return Case("store", new LedgerFilter { StoreId = 2 }, (_, a) => a.StoreId == 2);
        yield return Case("customer", new LedgerFilter { CustomerId = 501 }, (_, a) => a.CustomerId == 501);
        yield return Case("unknown_customer", new LedgerFilter { CustomerId = -1 }, (_, _) => false);
        // orders holding product 102: lines 1, 4, 7, 10, 13...
        yield return Case("product", new LedgerFilter { ProductId = 102 }, (e, _) => (e.OrderId - 9000) % 3 == 1);
    }

    [TestCaseSource(nameof(LedgerFilters))]
    public async Task Every_ledger_filter_selects_exactly_the_matching_entries(LedgerFilter filter, Func<PreorderLedgerEntry, PreorderAccount, bool> expected)
    {
        var page = await _grid.GetLedgerAsync(filter, 0, 1000, GridSort.Default);
        var expectedIds = _entries.Where(e => expected(e, _accounts.Single(a => a.OrderId == e.OrderId))).Select(e => e.Id).OrderBy(id => id).ToList();
        Assert.That(page.Rows.Select(r => r.Id).OrderBy(id => id), Is.EqualTo(expectedIds));
        Assert.That(page.TotalCount, Is.EqualTo(expectedIds.Count));
        Assert.That(expectedIds.Count, Is.LessThan(_entries.Count));
    }

    [Test]
    public async Task Ledger_totals_cover_the_whole_filter_not_the_page()
    {
        var page = await _grid.GetLedgerAsync(new LedgerFilter(), 0, 2, new GridSort("Amount", true));
        Assert.That(page.Rows, Has.Count.EqualTo(2));
        Assert.That(page.TotalCount, Is.EqualTo(_entries.Count));
        Assert.That(page.Rows.Select(r => r.Amount), Is.EqualTo(_entries.Select(e => e.Amount).OrderByDescending(a => a).Take(2)));

        var succeeded = _entries.Where(e => e.Status == LedgerEntryStatus.Succeeded).ToList();
        var collected = succeeded.Where(e => e.Kind is LedgerEntryKind.Deposit or LedgerEntryKind.Balance or LedgerEntryKind.Installment or LedgerEntryKind.Extra).Sum(e => e.Amount);
        Assert.That(page.Totals.Collected, Is.EqualTo(collected));
        Assert.That(page.Totals.Refunded, Is.EqualTo(20m));
        Assert.That(page.Totals.Forfeited, Is.EqualTo(15m));
        Assert.That(page.Totals.Transferred, Is.EqualTo(25m));
        Assert.That(page.Totals.NetHeld, Is.EqualTo(collected - 20m - 15m - 25m), "held: refunds, forfeits and transfers all leave it (AccountBalance.Held)");
        Assert.That(page.Totals.Pending, Is.EqualTo(1));
        Assert.That(page.Totals.Failed, Is.EqualTo(1));

        var refunds = await _grid.GetLedgerAsync(new LedgerFilter { Kind = LedgerEntryKind.Refund }, 0, 10, GridSort.Default);
        Assert.That(refunds.Totals.Collected, Is.EqualTo(0m), "totals follow the filter");
        Assert.That(refunds.Totals.Refunded, Is.EqualTo(20m));
    }

    [TestCase("CreatedOn", false)]
    [TestCase("CreatedOn", true)]
    [TestCase("Amount", false)]
    [TestCase("Amount", true)]
    [TestCase("Kind", true)]
    [TestCase("Status", false)]
    [TestCase("Method", false)]
    [TestCase("CustomOrderNumber", true)]
    public async Task Ledger_sorts_in_the_database(string column, bool descending)
    {
        var rows = (await _grid.GetLedgerAsync(new LedgerFilter(), 0, 1000, new GridSort(column, descending))).Rows;
        Func<LedgerRow, IComparable> key = column switch
        {
            "Amount" => r => r.Amount,
            "Kind" => r => r.KindId,
            "Status" => r => r.StatusId,
            "Method" => r => r.Method,
            "CustomOrderNumber" => r => r.OrderId,
            _ => r => r.CreatedOnUtc
        };
        var keys = rows.Select(key).ToList();
        var expected = descending ? keys.OrderByDescending(k => k).ToList() : keys.OrderBy(k => k).ToList();
        Assert.That(keys, Is.EqualTo(expected));
        Assert.That(rows.Select(r => r.CustomerId), Has.All.GreaterThan(0), "the account's customer joins in");
    }

    #endregion
}
