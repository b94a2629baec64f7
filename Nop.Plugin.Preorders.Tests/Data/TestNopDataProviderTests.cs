using System.Reflection;
using LinqToDB;
using LinqToDB.Data;
using NUnit.Framework;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Tests.Data;

/// <summary>
/// Raw SQL through <see cref="TestNopDataProvider"/>, including the plugin's own compare-and-set statements
/// (<see cref="ConditionalUpdates"/>), whose linq2db 5.4.1 parameter types must reach linq2db 6.5.1 intact.
/// </summary>
[TestFixture]
public class TestNopDataProviderTests
{
    private TestDatabase _db;

    [OneTimeSetUp]
    public void CreateDatabase() => _db = TestDatabase.CreateMigrated();

    [OneTimeTearDown]
    public void DropDatabase() => _db?.Dispose();

    [Test]
    public void The_test_run_uses_the_real_linq2db_and_FluentMigrator_not_the_reference_declarations()
    {
        Assert.That(typeof(DataConnection).Assembly.GetName().Version, Is.EqualTo(new Version(6, 5, 1, 0)));
        Assert.That(typeof(FluentMigrator.Migration).Assembly.GetName().Version, Is.EqualTo(new Version(8, 0, 1, 0)));
        Assert.That(typeof(FluentMigrator.IMigration).Assembly.GetName().Version, Is.EqualTo(new Version(8, 0, 1, 0)));

        var output = Path.GetDirectoryName(typeof(TestNopDataProviderTests).Assembly.Location)!;
        Assert.That(AssemblyName.GetAssemblyName(Path.Combine(output, "linq2db.dll")).Version, Is.EqualTo(new Version(6, 5, 1, 0)));
        foreach (var name in new[] { "FluentMigrator.dll", "FluentMigrator.Abstractions.dll" })
            Assert.That(AssemblyName.GetAssemblyName(Path.Combine(output, name)).Version, Is.EqualTo(new Version(8, 0, 1, 0)), name);

        // and the plugin was compiled against the 5.4.1 / 7.1.0 declarations, which the real ones replace
        var plugin = typeof(PreorderDbNames).Assembly.GetReferencedAssemblies();
        Assert.That(plugin.Single(a => a.Name == "linq2db").Version, Is.EqualTo(new Version(5, 4, 1, 0)));
        Assert.That(plugin.Single(a => a.Name == "FluentMigrator").Version!.Major, Is.EqualTo(7));
    }

    [Test]
    public void Plugin_parameters_carry_the_running_linq2dbs_data_types_not_the_compiled_in_numbers()
    {
        Assert.That(Linq2DbCompatibility.UsesLegacyDataTypeNumbering(typeof(ConditionalUpdates).Assembly), Is.True, "the plugin is compiled against linq2db 5.4.1");
        Assert.That((int)DataType.DateTime2, Is.Not.EqualTo(30), "linq2db 6 renumbered the enum: 5.4.1's DateTime2 (30) is 6.5.1's Time");
        Assert.That(Linq2DbCompatibility.FromLegacy((DataType)30), Is.EqualTo(DataType.DateTime2));

        // found by the end-to-end suite in a shop on linq2db 6.5.1 + PostgreSQL: "Writing values of 'System.DateTime'
        // is not supported for parameters having NpgsqlDbType 'Time'" when an order was placed
        Assert.That(PreorderDataTypes.DateTime2, Is.EqualTo(DataType.DateTime2));
        Assert.That(PreorderDataTypes.Decimal, Is.EqualTo(DataType.Decimal));
        Assert.That(PreorderDataTypes.Int32, Is.EqualTo(DataType.Int32));
        Assert.That(PreorderDataTypes.Boolean, Is.EqualTo(DataType.Boolean));
        Assert.That(PreorderDataTypes.NVarChar, Is.EqualTo(DataType.NVarChar));
    }

    private static PreorderLine NewLine(int orderItemId) => new()
    {
        OrderId = orderItemId / 10,
        OrderItemId = orderItemId,
        ProductId = 3,
        CustomerId = 4,
        StoreId = 1,
        Quantity = 1,
        State = PreorderLineState.Waiting,
        PaymentMode = PreorderPaymentMode.Deposit,
        LineTotal = 100m,
        DepositAmount = 20m,
        PlacedOnUtc = new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc),
        UpdatedOnUtc = new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc)
    };

    [Test]
    public async Task Plugin_conditional_line_update_writes_once_per_version()
    {
        using var scope = new TestScope(_db);
        var line = NewLine(9001);
        await scope.Repository<PreorderLine>().InsertAsync(line);
        var updates = new ConditionalUpdates(scope.DataProvider);

        var stale = await scope.Repository<PreorderLine>().GetByIdAsync(line.Id);

        line.State = PreorderLineState.BalanceDue;
        line.AllocatedOnUtc = new DateTime(2026, 4, 10, 8, 30, 15, 250, DateTimeKind.Utc);
        line.BalanceDueOnUtc = new DateTime(2026, 4, 24, 0, 0, 0, DateTimeKind.Utc);
        line.UpdatedOnUtc = line.AllocatedOnUtc.Value;
        line.CloseReason = "größer – Grund";
        line.ExtensionCount = 2;
        Assert.That(await updates.TryUpdateLineAsync(line), Is.True);
        Assert.That(line.Version, Is.EqualTo(1));

        // another node that read version 0 loses
        stale.State = PreorderLineState.Cancelled;
        stale.ClosedOnUtc = new DateTime(2026, 4, 11, 0, 0, 0, DateTimeKind.Utc);
        Assert.That(await updates.TryUpdateLineAsync(stale), Is.False);
        Assert.That(stale.Version, Is.EqualTo(0));

        using var check = new TestScope(_db);
        var stored = await check.Repository<PreorderLine>().GetByIdAsync(line.Id);
        Assert.That(EntityValues.Differences(line, stored), Is.Empty);
        Assert.That(stored.ClosedOnUtc, Is.Null);
    }

    [Test]
    public async Task Plugin_conditional_account_update_keeps_money_exact()
    {
        using var scope = new TestScope(_db);
        var account = new PreorderAccount
        {
            OrderId = 777,
            CustomerId = 4,
            StoreId = 1,
            OrderTotal = 1234.5678m,
            DueAtCheckout = 246.9136m,
            State = PreorderAccountState.AwaitingDeposit,
            CurrencyRate = 1.0850m,
            CreatedOnUtc = new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc),
            UpdatedOnUtc = new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc)
        };
        await scope.Repository<PreorderAccount>().InsertAsync(account);

        account.PaidAmount = 246.9136m;
        account.RefundedAmount = 0.0001m;
        account.WaivedAmount = 99999.9999m;
        account.State = PreorderAccountState.AwaitingBalance;
        account.NextDueOnUtc = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        account.MarkedPaidInNop = true;
        account.UpdatedOnUtc = new DateTime(2026, 4, 2, 10, 11, 12, DateTimeKind.Utc);
        Assert.That(await new ConditionalUpdates(scope.DataProvider).TryUpdateAccountAsync(account), Is.True);

        using var check = new TestScope(_db);
        var stored = await check.Repository<PreorderAccount>().GetByIdAsync(account.Id);
        Assert.That(EntityValues.Differences(account, stored), Is.Empty);
        Assert.That(stored.Version, Is.EqualTo(1));
        Assert.That(scope.DataProvider.ExecutedSql, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Raw_sql_runs_with_parameters_and_reports_rows_affected()
    {
        using var scope = new TestScope(_db);
        var provider = scope.DataProvider;
        var counters = PreorderDbNames.Table<PreorderCapCounter>();

        var first = await provider.InsertEntityAsync(new PreorderCapCounter { ProductId = 8001, Cap = 5 });
        var batch = new[] { new PreorderCapCounter { ProductId = 8002, Cap = 1 }, new PreorderCapCounter { ProductId = 8003 } };
        await provider.BulkInsertEntitiesAsync(batch);
        var ids = new[] { first.Id, batch[0].Id, batch[1].Id };
        Assert.That(ids, Is.All.GreaterThan(0));
        Assert.That(ids, Is.Unique);

        // the cap counter's kind of statement: only within the cap
        var sql = $"UPDATE {counters} SET sold = sold + @q WHERE product_id = @p AND combination_id = 0 AND (cap IS NULL OR sold + @q <= cap)";
        Assert.That(await provider.ExecuteNonQueryAsync(sql, new DataParameter("q", 3, DataType.Int32), new DataParameter("p", 8001, DataType.Int32)), Is.EqualTo(1));
        Assert.That(await provider.ExecuteNonQueryAsync(sql, new DataParameter("q", 3, DataType.Int32), new DataParameter("p", 8001, DataType.Int32)), Is.EqualTo(0));

        var sold = await provider.QueryAsync<int>($"SELECT sold FROM {counters} WHERE product_id = @p", new DataParameter("p", 8001, DataType.Int32));
        Assert.That(sold, Is.EqualTo(new[] { 3 }));

        var rows = await provider.QueryAsync<PreorderCapCounter>($"SELECT * FROM {counters} WHERE product_id >= @p ORDER BY product_id",
            new DataParameter("p", 8002, DataType.Int32));
        Assert.That(rows.Select(r => (r.Id, r.ProductId, r.Cap)), Is.EqualTo(new[] { (batch[0].Id, 8002, (int?)1), (batch[1].Id, 8003, (int?)null) }));

        // parameters built by the tests (linq2db 6.5.1 numbering) pass untouched
        var when = new DateTime(2026, 7, 1, 1, 2, 3, DateTimeKind.Utc);
        await provider.ExecuteNonQueryAsync(
            $"INSERT INTO {PreorderDbNames.Table<PreorderAuditEntry>()} (action, order_id, product_id, preorder_line_id, customer_id, details, created_on_utc) " +
            "VALUES (@a, 1, 8001, 0, 0, NULL, @when)",
            new DataParameter("a", "raw", DataType.NVarChar), new DataParameter("when", when, DataType.DateTime2));
        Assert.That(provider.GetTable<PreorderAuditEntry>().Where(a => a.Action == "raw").Select(a => a.CreatedOnUtc).Single(), Is.EqualTo(when));
        Assert.That(provider.ConfigurationName, Is.Not.Empty);
    }
}
