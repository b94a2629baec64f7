using System.Text;
using LinqToDB.Data;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Catalog;
using Nop.Services.Customers;
using Nop.Services.Localization;
using Nop.Services.Orders;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>CSV export of the grids: 100,000 rows streamed (never all in memory), RFC 4180 fields, no spreadsheet formulas, store-local dates.</summary>
[TestFixture]
public class CsvExportTests
{
    private const int ManyRows = 100_000;

    /// <summary>The grid service with a counter of the rows it has handed out so far.</summary>
    private sealed class CountingGridQueryService : PreorderGridQueryService
    {
        public CountingGridQueryService(TestScope scope)
            : base(scope.Repository<PreorderAccount>(), scope.Repository<PreorderLedgerEntry>(), scope.Repository<PreorderLine>(), scope.Repository<PreorderProfile>(), scope.Repository<PreorderExtensionRequest>())
        {
        }

        public int RowsRead;

        public override async IAsyncEnumerable<PreorderLineRow> StreamLinesAsync(PreorderLineFilter filter, GridSort sort)
        {
            await foreach (var row in base.StreamLinesAsync(filter, sort))
            {
                RowsRead++;
                yield return row;
            }
        }
    }

    /// <summary>A response body that keeps nothing: it counts bytes and completed lines, and at every write notes how far the reading had got.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly Func<int> _rowsRead;

        public CountingStream(Func<int> rowsRead) => _rowsRead = rowsRead;

        public long Bytes;
        public int Lines;
        public int Writes;
        public int RowsReadAtFirstWrite = -1;
        public int LargestLag;
        public byte[] Head = Array.Empty<byte>();

        public override void Write(byte[] buffer, int offset, int count) => Record(buffer.AsSpan(offset, count));

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Record(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Record(buffer.Span);
            return ValueTask.CompletedTask;
        }

        private void Record(ReadOnlySpan<byte> data)
        {
            if (Writes++ == 0)
                RowsReadAtFirstWrite = _rowsRead();
            if (Head.Length < 4096)
                Head = Head.Concat(data.Slice(0, Math.Min(data.Length, 4096 - Head.Length)).ToArray()).ToArray();
            Bytes += data.Length;
            foreach (var b in data)
                if (b == (byte)'\n')
                    Lines++;
            // rows read from the database but not yet written out (the header line is not a row)
            LargestLag = Math.Max(LargestLag, _rowsRead() - Math.Max(0, Lines - 1));
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Bytes;
        public override long Position { get => Bytes; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static PreorderCsvExportService Exporter(PreorderGridQueryService grid, Func<int, string> email = null, Func<int, string> productName = null)
    {
        var customers = new Mock<ICustomerService>();
        customers.Setup(c => c.GetCustomersByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => new Customer { Id = id, Email = email?.Invoke(id) ?? $"buyer{id}@example.test" }).ToList());
        var products = new Mock<IProductService>();
        products.Setup(p => p.GetProductsByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => new Product { Id = id, Name = productName?.Invoke(id) ?? $"Product {id}" }).ToList());
        var orders = new Mock<IOrderService>();
        orders.Setup(o => o.GetOrdersByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => new Order { Id = id, CustomOrderNumber = $"N-{id}" }).ToList());
        var localization = new Mock<ILocalizationService>();
        localization.Setup(l => l.GetResourceAsync(It.IsAny<string>())).ReturnsAsync((string key) => Texts.En(key));
        return new PreorderCsvExportService(customers.Object, localization.Object, orders.Object, products.Object, grid);
    }

    [Test]
    public async Task A_hundred_thousand_rows_stream_out_batch_by_batch()
    {
        using var database = TestDatabase.CreateMigrated();
        using var scope = new TestScope(database);
        var placed = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = Enumerable.Range(0, ManyRows).Select(i => new PreorderLine
        {
            OrderId = 100_000 + i, OrderItemId = 500_000 + i, ProductId = 1 + i % 20, CustomerId = 1 + i % 5000, StoreId = 1, Quantity = 1 + i % 3,
            StateId = (int)AdminSeed.States[i % AdminSeed.States.Length], PaymentModeId = (int)PreorderPaymentMode.Deposit,
            LineTotal = 100m, DepositAmount = 20m, PlacedOnUtc = placed.AddSeconds(i), CountryCode = "DE", UpdatedOnUtc = placed
        });
        var accounts = Enumerable.Range(0, ManyRows).Select(i => new PreorderAccount
        {
            OrderId = 100_000 + i, CustomerId = 1 + i % 5000, StoreId = 1, OrderTotal = 100m, DueAtCheckout = 20m, PaidAmount = i % 2 == 0 ? 20m : 0m,
            StateId = (int)(i % 2 == 0 ? PreorderAccountState.AwaitingBalance : PreorderAccountState.AwaitingDeposit),
            CustomerCurrencyCode = "USD", CurrencyRate = 1m, CreatedOnUtc = placed, UpdatedOnUtc = placed
        });
        // bulk copy: one statement per many rows (PostgreSQL: binary COPY)
        await scope.Context.Connection.BulkCopyAsync(new BulkCopyOptions(), lines);
        await scope.Context.Connection.BulkCopyAsync(new BulkCopyOptions(), accounts);
        Assert.That(scope.Repository<PreorderLine>().Table.Count(), Is.EqualTo(ManyRows));

        var grid = new CountingGridQueryService(scope);
        var body = new CountingStream(() => grid.RowsRead);
        var written = await Exporter(grid).WriteLinesAsync(body, new PreorderLineFilter(), GridSort.Default, TimeZoneInfo.Utc);

        Assert.That(written, Is.EqualTo(ManyRows));
        Assert.That(grid.RowsRead, Is.EqualTo(ManyRows));
        Assert.That(body.Lines, Is.EqualTo(ManyRows + 1), "a header and one line per pre-order");
        Assert.That(body.Writes, Is.GreaterThan(100), "written in many pieces, not one buffer");
        Assert.That(body.RowsReadAtFirstWrite, Is.LessThanOrEqualTo(PreorderCsvExportService.BatchSize),
            "output starts after the first batch, long before the last row is read");
        Assert.That(body.LargestLag, Is.LessThanOrEqualTo(3 * PreorderCsvExportService.BatchSize),
            "never more than about a batch read ahead of what was written: the result is never held whole");

        var head = Encoding.UTF8.GetString(body.Head);
        Assert.That(head, Does.StartWith("\uFEFF" + Texts.En(PreorderDefaults.ResourcePrefix + "Grid.Id") + ","), "UTF-8 BOM and localized headers");
        Assert.That(head, Does.Contain("buyer"), "e-mails looked up per batch");
        Assert.That(head, Does.Contain(",N-"), "order numbers looked up per batch");
    }

    [Test]
    public async Task Fields_are_escaped_and_formulas_neutralised_and_dates_are_store_local()
    {
        using var database = TestDatabase.CreateMigrated();
        using var scope = new TestScope(database);
        var line = new PreorderLine
        {
            OrderId = 1, OrderItemId = 1, ProductId = 7, CustomerId = 3, StoreId = 1, Quantity = 2, State = PreorderLineState.Cancelled,
            PaymentMode = PreorderPaymentMode.Deposit, LineTotal = 200m, DepositAmount = 40.5m,
            PlacedOnUtc = new DateTime(2026, 3, 29, 23, 30, 0, DateTimeKind.Utc), CountryCode = "DE",
            CloseReason = "=HYPERLINK(\"http://evil\",\"click\")", UpdatedOnUtc = DateTime.UtcNow
        };
        await scope.Repository<PreorderLine>().InsertAsync(line, false);

        var zone = TimeZoneInfo.CreateCustomTimeZone("Store+3", TimeSpan.FromHours(3), "Store+3", "Store+3");
        using var output = new MemoryStream();
        var grid = new PreorderGridQueryService(scope.Repository<PreorderAccount>(), scope.Repository<PreorderLedgerEntry>(), scope.Repository<PreorderLine>(), scope.Repository<PreorderProfile>(), scope.Repository<PreorderExtensionRequest>());
        await Exporter(grid, _ => "a,b@example.test", _ => "Book \"Vol. 1\"\nSigned").WriteLinesAsync(output, new PreorderLineFilter(), GridSort.Default, zone);

        var text = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        var row = text.Split("\r\n")[1];
        Assert.That(row, Does.Contain(",\"a,b@example.test\","), "a separator inside a field is quoted");
        Assert.That(row, Does.Contain("\"Book \"\"Vol. 1\"\"\nSigned\""), "quotes doubled, line breaks kept inside quotes");
        Assert.That(row, Does.Contain("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\""), "a formula is turned into text");
        Assert.That(row, Does.Contain(",2026-03-30 02:30,"), "placed at 23:30 UTC is 02:30 the next day in the store's zone");
        Assert.That(row, Does.Contain(",40.50,"), "invariant number format");
        Assert.That(row, Does.Contain(Texts.En(PreorderDefaults.ResourcePrefix + "State.Cancelled")));
    }

    [Test]
    public async Task The_ledger_exports_every_entry_of_its_filter()
    {
        using var database = TestDatabase.CreateMigrated();
        using var scope = new TestScope(database);
        await scope.Repository<PreorderAccount>().InsertAsync(new PreorderAccount { OrderId = 5, CustomerId = 9, StoreId = 1, OrderTotal = 100m, CustomerCurrencyCode = "EUR", CurrencyRate = 1m }, false);
        for (var i = 0; i < 1200; i++)
            await AdminSeed.EntryAsync(scope, 5, i % 10 == 0 ? LedgerEntryKind.Refund : LedgerEntryKind.Deposit, 1m + i, AdminSeed.Base.AddMinutes(i), recordedBy: i % 20 == 0 ? 0 : 42);

        var grid = new PreorderGridQueryService(scope.Repository<PreorderAccount>(), scope.Repository<PreorderLedgerEntry>(), scope.Repository<PreorderLine>(), scope.Repository<PreorderProfile>(), scope.Repository<PreorderExtensionRequest>());
        using var output = new MemoryStream();
        var written = await Exporter(grid).WriteLedgerAsync(output, new LedgerFilter { Kind = LedgerEntryKind.Refund }, GridSort.Default, TimeZoneInfo.Utc);

        var rows = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(written, Is.EqualTo(120));
        Assert.That(rows, Has.Length.EqualTo(121));
        Assert.That(rows.Skip(1), Has.All.Contains(Texts.En(PreorderDefaults.ResourcePrefix + "Ledger.Kind.Refund")));
        Assert.That(rows.Skip(1), Has.All.Contains("buyer9@example.test"));
        Assert.That(rows.Skip(1).Count(r => r.Contains("," + Texts.En(PreorderDefaults.ResourcePrefix + "Ledger.System") + ",")), Is.EqualTo(60),
            "entries recorded by the system are named so");
    }

    [TestCase("plain", "plain")]
    [TestCase("-1", "'-1")]
    [TestCase("+cmd", "'+cmd")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("a\"b", "\"a\"\"b\"")]
    [TestCase("", "")]
    [TestCase(null, "")]
    public void Text_fields(string value, string expected) => Assert.That(CsvFormat.Text(value), Is.EqualTo(expected));
}
