using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>
/// A product's pre-order queue as checkout leaves it: one waiting line per order (1 or 2 units, placed over
/// 30 days), the order's account, its checkout payment in the ledger and its payment schedule. Four orders
/// in five paid a 20% deposit (they owe the balance when stock arrives), one in five paid in full.
/// </summary>
public static class QueueDataset
{
    public const int ProductId = 7;

    public static int Quantity(int orderId) => orderId % 4 == 0 ? 2 : 1;

    public static bool PaidInFull(int orderId) => orderId % 5 == 0;

    /// <summary>Units of the first <paramref name="lines"/> orders of the queue.</summary>
    public static int UnitsOfFirst(int lines) => Enumerable.Range(1, lines).Sum(Quantity);

    public static async Task SeedAsync(TestDatabase database, int lines)
    {
        await Seeder.ProfilesAsync(database, ProductId, 1, cap: null);
        var start = Seeder.Now.AddDays(-30);
        var step = TimeSpan.FromDays(30).Ticks / lines;
        DateTime Placed(int orderId) => start.AddTicks(step * orderId);
        decimal Total(int orderId) => 100m * Quantity(orderId);
        decimal Deposit(int orderId) => PaidInFull(orderId) ? Total(orderId) : 20m * Quantity(orderId);

        await Seeder.BulkInsertAsync(database, Enumerable.Range(1, lines).Select(orderId => new PreorderLine
        {
            OrderId = orderId,
            OrderItemId = orderId,
            ProductId = ProductId,
            CombinationId = 0,
            CustomerId = 10_000 + orderId % 50_000,
            StoreId = 1,
            Quantity = Quantity(orderId),
            StateId = (int)PreorderLineState.Waiting,
            PaymentModeId = (int)(PaidInFull(orderId) ? PreorderPaymentMode.FullUpfront : PreorderPaymentMode.Deposit),
            LineTotal = Total(orderId),
            DepositAmount = Deposit(orderId),
            PlacedOnUtc = Placed(orderId),
            ExpectedShipDateUtc = Seeder.Now.AddDays(60),
            CountryCode = "US",
            UpdatedOnUtc = Placed(orderId)
        }));
        await Seeder.BulkInsertAsync(database, Enumerable.Range(1, lines).Select(orderId => new PreorderAccount
        {
            OrderId = orderId,
            CustomerId = 10_000 + orderId % 50_000,
            StoreId = 1,
            OrderTotal = Total(orderId),
            DueAtCheckout = Deposit(orderId),
            PaidAmount = Deposit(orderId),
            StateId = (int)(PaidInFull(orderId) ? PreorderAccountState.PaidInFull : PreorderAccountState.AwaitingBalance),
            CustomerCurrencyCode = "USD",
            CurrencyRate = 1m,
            MarkedPaidInNop = PaidInFull(orderId),
            CreatedOnUtc = Placed(orderId),
            UpdatedOnUtc = Placed(orderId)
        }));
        await Seeder.BulkInsertAsync(database, Enumerable.Range(1, lines).Select(orderId => new PreorderLedgerEntry
        {
            OrderId = orderId,
            KindId = (int)LedgerEntryKind.Deposit,
            StatusId = (int)LedgerEntryStatus.Succeeded,
            Amount = Deposit(orderId),
            CurrencyCode = "USD",
            AmountInCurrency = Deposit(orderId),
            Method = "Payments.Manual",
            IdempotencyKey = $"checkout:{orderId}",
            CreatedOnUtc = Placed(orderId)
        }));
        await Seeder.BulkInsertAsync(database, Enumerable.Range(1, lines).SelectMany(orderId => PaidInFull(orderId)
            ? new[] { new PreorderInstallment { OrderId = orderId, Sequence = 0, Amount = Total(orderId), PaidAmount = Total(orderId), DueOnUtc = Placed(orderId), PaidOnUtc = Placed(orderId) } }
            : new[]
            {
                new PreorderInstallment { OrderId = orderId, Sequence = 0, Amount = Deposit(orderId), PaidAmount = Deposit(orderId), DueOnUtc = Placed(orderId), PaidOnUtc = Placed(orderId) },
                new PreorderInstallment { OrderId = orderId, Sequence = 1, Amount = Total(orderId) - Deposit(orderId), PaidAmount = 0m, DueOnUtc = null }
            }));
        Seeder.Analyze(database);
    }

    /// <summary>Back to "nothing allocated" (set-based, not timed).</summary>
    public static void Reset(TestDatabase database)
    {
        database.ExecuteSql($"UPDATE preorder_line SET state_id = {(int)PreorderLineState.Waiting}, version = 0, allocated_on_utc = NULL, balance_due_on_utc = NULL WHERE product_id = {ProductId} AND state_id <> {(int)PreorderLineState.Waiting}");
        database.ExecuteSql("UPDATE preorder_account SET next_due_on_utc = NULL, version = 0 WHERE next_due_on_utc IS NOT NULL OR version <> 0");
        if (database.Provider == TestDbProvider.Postgres)
            database.ExecuteSql("VACUUM ANALYZE preorder_line, preorder_account");
    }

    /// <summary>What an allocation left: lines per state and a checksum of (line, state) pairs, to compare plugin and baseline.</summary>
    public static (long Ready, long BalanceDue, long Waiting, long Checksum) Outcome(TestDatabase database) =>
    (
        Convert.ToInt64(database.ExecuteScalar($"SELECT COUNT(*) FROM preorder_line WHERE product_id = {ProductId} AND state_id = {(int)PreorderLineState.Ready}")),
        Convert.ToInt64(database.ExecuteScalar($"SELECT COUNT(*) FROM preorder_line WHERE product_id = {ProductId} AND state_id = {(int)PreorderLineState.BalanceDue}")),
        Convert.ToInt64(database.ExecuteScalar($"SELECT COUNT(*) FROM preorder_line WHERE product_id = {ProductId} AND state_id = {(int)PreorderLineState.Waiting}")),
        Convert.ToInt64(database.ExecuteScalar($"SELECT COALESCE(SUM(CAST(id AS bigint) * state_id), 0) FROM preorder_line WHERE product_id = {ProductId}"))
    );
}
