using LinqToDB;
using LinqToDB.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>
/// Bulk loads through linq2db's BulkCopy (PostgreSQL: binary COPY; SQLite: multi-row INSERTs in one
/// transaction), so the rows are written exactly as the plugin's mapping writes them (dates, decimals)
/// and loading a million rows takes seconds, not the hours of row-by-row inserts.
/// </summary>
public static class Seeder
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public static async Task BulkInsertAsync<T>(TestDatabase database, IEnumerable<T> rows) where T : class
    {
        await using var connection = database.CreateConnection();
        var options = new BulkCopyOptions
        {
            BulkCopyType = database.Provider == TestDbProvider.Postgres ? BulkCopyType.ProviderSpecific : BulkCopyType.MultipleRows,
            MaxBatchSize = database.Provider == TestDbProvider.Postgres ? 100_000 : 2_000,
            BulkCopyTimeout = 3600
        };
        if (database.Provider == TestDbProvider.Sqlite)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.BulkCopyAsync(options, rows);
            await transaction.CommitAsync();
        }
        else
            await connection.BulkCopyAsync(options, rows);
    }

    /// <summary>Fresh statistics (PostgreSQL: also the visibility map, so index-only scans apply as in a live shop).</summary>
    public static void Analyze(TestDatabase database) =>
        database.ExecuteSql(database.Provider == TestDbProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");

    /// <summary>Profiles and cap counters of products <paramref name="firstProductId"/>.. (enabled pre-orders, ship date in 60 days).</summary>
    public static async Task ProfilesAsync(TestDatabase database, int firstProductId, int count, int? cap = null)
    {
        await BulkInsertAsync(database, Enumerable.Range(firstProductId, count).Select(id => new PreorderProfile
        {
            ProductId = id,
            Enabled = true,
            Cap = cap,
            ExpectedShipDateUtc = Now.AddDays(60),
            PaymentModeId = (int)PreorderPaymentMode.Deposit,
            DepositRuleJson = "{\"Percent\":20}",
            ShopperNote = "Ships in spring",
            CreatedOnUtc = Now.AddDays(-30),
            UpdatedOnUtc = Now.AddDays(-30)
        }));
        await BulkInsertAsync(database, Enumerable.Range(firstProductId, count).Select(id => new PreorderCapCounter
        {
            ProductId = id,
            CombinationId = 0,
            Cap = cap,
            Sold = 0
        }));
    }
}
