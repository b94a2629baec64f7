using System.Diagnostics;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>
/// A shop a year into selling pre-orders: 1,000,000 pre-order lines (one per order) of 200 products
/// (product 1, the launch, holds one line in five), their 1,000,000 accounts and 2,000,000 ledger rows.
/// States: 45% waiting, 15% balance due (due in 45–64 days), 10% paid in full, 5% ready, 15% shipped,
/// 6% cancelled, 4% expired; and <c>due</c> lines (every N/due-th) whose balance fell due 1–2 days ago (inside the grace period),
/// which the scheduled task must turn overdue. Ledger: per order the checkout deposit, then a balance
/// payment (paid, ready, shipped), a refund (cancelled, expired) or a failed charge attempt (still owing).
/// Built once per database and shared by benchmarks 4 and 5.
/// </summary>
public sealed class BigDataset : IDisposable
{
    public const int HotProductId = 1;
    public const int Products = 200;

    private static readonly Dictionary<TestDbProvider, BigDataset> Cache = new();

    private BigDataset(TestDatabase database, int lines, int due)
    {
        Database = database;
        Lines = lines;
        Due = due;
    }

    public TestDatabase Database { get; }

    public int Lines { get; }

    /// <summary>Lines whose balance fell due (the task's work).</summary>
    public int Due { get; }

    public TimeSpan SeedTime { get; private set; }

    public static async Task<BigDataset> GetAsync(BenchContext context)
    {
        if (Cache.TryGetValue(context.Provider, out var cached))
            return cached;
        var dataset = await CreateAsync(context.Provider, context.Size(1_000_000, 20_000), context.Size(10_000, 200));
        context.Log($"{dataset.Lines:#,0} lines, {dataset.Lines:#,0} accounts, {2 * dataset.Lines:#,0} ledger rows seeded in {dataset.SeedTime.TotalSeconds:0.0} s");
        Cache[context.Provider] = dataset;
        return dataset;
    }

    public static void DisposeAll()
    {
        foreach (var dataset in Cache.Values)
            dataset.Dispose();
        Cache.Clear();
    }

    /// <summary>A database with <paramref name="lines"/> lines of which <paramref name="due"/> are due.</summary>
    public static async Task<BigDataset> CreateAsync(TestDbProvider provider, int lines, int due)
    {
        var sw = Stopwatch.StartNew();
        var database = BenchDatabase.Create(provider);
        var dataset = new BigDataset(database, lines, due);
        await Seeder.ProfilesAsync(database, 1, Products, cap: null);
        await Seeder.BulkInsertAsync(database, Enumerable.Range(1, lines).Select(dataset.Line));
        await Seeder.BulkInsertAsync(database, Enumerable.Range(1, lines).Select(dataset.Account));
        await Seeder.BulkInsertAsync(database, Enumerable.Range(1, lines).SelectMany(dataset.Ledger));
        // the counters count what the lines hold, as the plugin keeps them
        database.ExecuteSql("UPDATE preorder_cap_counter SET sold = (SELECT COALESCE(SUM(l.quantity), 0) FROM preorder_line l " +
                            $"WHERE l.product_id = preorder_cap_counter.product_id AND l.state_id NOT IN ({(int)PreorderLineState.Cancelled}, {(int)PreorderLineState.Expired}))");
        Seeder.Analyze(database);
        dataset.SeedTime = sw.Elapsed;
        return dataset;
    }

    public int ProductOf(int i) => i % 5 == 0 ? HotProductId : 2 + i % (Products - 1);

    public static int Quantity(int i) => i % 3 == 0 ? 2 : 1;

    public DateTime PlacedOn(int i) => Seeder.Now.AddDays(-365).AddTicks(TimeSpan.FromDays(364).Ticks / Lines * i);

    private int Stride => Math.Max(1, Lines / Due);

    public bool IsDue(int i) => i % Stride == Math.Min(7, Stride - 1);

    public PreorderLineState StateOf(int i)
    {
        if (IsDue(i))
            return PreorderLineState.BalanceDue;
        var h = (int)((uint)i * 2654435761u % 1000);
        return h switch
        {
            < 450 => PreorderLineState.Waiting,
            < 600 => PreorderLineState.BalanceDue,
            < 700 => PreorderLineState.PaidInFull,
            < 750 => PreorderLineState.Ready,
            < 900 => PreorderLineState.Shipped,
            < 960 => PreorderLineState.Cancelled,
            _ => PreorderLineState.Expired
        };
    }

    public DateTime? DueOn(int i) => StateOf(i) != PreorderLineState.BalanceDue ? null
        : IsDue(i) ? Seeder.Now.AddDays(-1).AddMinutes(-(i % 1440))
        : Seeder.Now.AddDays(45 + i % 20);

    private PreorderLine Line(int i)
    {
        var state = StateOf(i);
        var quantity = Quantity(i);
        var allocated = state is PreorderLineState.BalanceDue or PreorderLineState.PaidInFull or PreorderLineState.Ready or PreorderLineState.Shipped
            ? Seeder.Now.AddDays(-10) : (DateTime?)null;
        var closed = state is PreorderLineState.Cancelled or PreorderLineState.Expired ? PlacedOn(i).AddDays(1) : (DateTime?)null;
        return new PreorderLine
        {
            OrderId = i,
            OrderItemId = i,
            ProductId = ProductOf(i),
            CombinationId = 0,
            CustomerId = 1 + (int)((long)i * 7919 % 250_000),
            StoreId = 1,
            Quantity = quantity,
            StateId = (int)state,
            PaymentModeId = (int)PreorderPaymentMode.Deposit,
            LineTotal = 100m * quantity,
            DepositAmount = 20m * quantity,
            PlacedOnUtc = PlacedOn(i),
            AllocatedOnUtc = allocated,
            BalanceDueOnUtc = DueOn(i),
            ShippedOnUtc = state == PreorderLineState.Shipped ? Seeder.Now.AddDays(-5) : null,
            ClosedOnUtc = closed,
            CloseReason = closed == null ? null : state == PreorderLineState.Cancelled ? "Cancelled by the shopper" : "Balance not paid within the grace period",
            ExpectedShipDateUtc = Seeder.Now.AddDays(60),
            CountryCode = (i % 4) switch { 0 => "US", 1 => "DE", 2 => "RU", _ => "FR" },
            UpdatedOnUtc = allocated ?? closed ?? PlacedOn(i)
        };
    }

    private PreorderAccount Account(int i)
    {
        var state = StateOf(i);
        var total = 100m * Quantity(i);
        var deposit = 20m * Quantity(i);
        var paidInFull = state is PreorderLineState.PaidInFull or PreorderLineState.Ready or PreorderLineState.Shipped;
        var closed = state is PreorderLineState.Cancelled or PreorderLineState.Expired;
        return new PreorderAccount
        {
            OrderId = i,
            CustomerId = 1 + (int)((long)i * 7919 % 250_000),
            StoreId = 1,
            OrderTotal = total,
            DueAtCheckout = deposit,
            PaidAmount = paidInFull ? total : deposit,
            RefundedAmount = closed ? deposit : 0m,
            WaivedAmount = closed ? total : 0m,
            StateId = (int)(paidInFull ? PreorderAccountState.PaidInFull : closed ? PreorderAccountState.Closed : PreorderAccountState.AwaitingBalance),
            CustomerCurrencyCode = "USD",
            CurrencyRate = 1m,
            NextDueOnUtc = DueOn(i),
            MarkedPaidInNop = paidInFull,
            CreatedOnUtc = PlacedOn(i),
            UpdatedOnUtc = PlacedOn(i)
        };
    }

    private IEnumerable<PreorderLedgerEntry> Ledger(int i)
    {
        var state = StateOf(i);
        var total = 100m * Quantity(i);
        var deposit = 20m * Quantity(i);
        yield return Entry(i, 1, LedgerEntryKind.Deposit, LedgerEntryStatus.Succeeded, deposit, PlacedOn(i));
        yield return state switch
        {
            PreorderLineState.PaidInFull or PreorderLineState.Ready or PreorderLineState.Shipped =>
                Entry(i, 2, LedgerEntryKind.Balance, LedgerEntryStatus.Succeeded, total - deposit, Seeder.Now.AddDays(-10 + i % 7)),
            PreorderLineState.Cancelled or PreorderLineState.Expired =>
                Entry(i, 2, LedgerEntryKind.Refund, LedgerEntryStatus.Succeeded, deposit, PlacedOn(i).AddDays(1)),
            _ => Entry(i, 2, LedgerEntryKind.Balance, LedgerEntryStatus.Failed, total - deposit, PlacedOn(i).AddDays(2))
        };
    }

    private static PreorderLedgerEntry Entry(int orderId, int n, LedgerEntryKind kind, LedgerEntryStatus status, decimal amount, DateTime on) => new()
    {
        OrderId = orderId,
        KindId = (int)kind,
        StatusId = (int)status,
        Amount = amount,
        CurrencyCode = "USD",
        AmountInCurrency = amount,
        Method = n == 1 ? "Payments.Manual" : "Offline",
        Reference = $"R{orderId}-{n}",
        IdempotencyKey = $"seed:{orderId}:{n}",
        CreatedOnUtc = on > Seeder.Now ? Seeder.Now.AddHours(-1) : on
    };

    public void Dispose() => Database.Dispose();
}
