using System.Data.Common;
using NUnit.Framework;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Tests.Data;

/// <summary>The plugin's FluentMigrator migrations, run for real on the current provider (one database per test).</summary>
[TestFixture]
public class MigrationTests
{
    /// <summary>The unique indexes the schema promises (the plugin's idempotency and one-row-per-scope guarantees).</summary>
    private static readonly Dictionary<Type, string[]> ExpectedUniqueIndexes = new()
    {
        [typeof(PreorderProfile)] = new[] { "ux_preorder_profile_product" },
        [typeof(PreorderCapCounter)] = new[] { "ux_preorder_cap_counter_scope" },
        [typeof(PreorderLine)] = new[] { LineSplitMigration.OrderItemSplitIndex },
        [typeof(PreorderAccount)] = new[] { "ux_preorder_account_order" },
        [typeof(PreorderLedgerEntry)] = new[] { "ux_preorder_ledger_idempotency" },
        [typeof(PreorderInstallment)] = new[] { "ux_preorder_installment_order_seq" },
        [typeof(PreorderBalanceToken)] = new[] { "ux_preorder_balance_token_hash" },
        [typeof(PreorderMessageLog)] = new[] { "ux_preorder_message_key" },
        [typeof(PreorderWebhookDelivery)] = new[] { "ux_preorder_webhook_key" },
        [typeof(PreorderAuditEntry)] = Array.Empty<string>(),
        [typeof(PreorderShipDateChange)] = Array.Empty<string>(),
        [typeof(PreorderCustomerCounter)] = new[] { CustomerLimitMigration.CounterScopeIndex },
        [typeof(PreorderExtensionRequest)] = new[] { PaymentScheduleMigration.LineSequenceIndex },
        [typeof(PreorderMissedShipDate)] = new[] { PaymentScheduleMigration.MissedLineIndex },
        [typeof(PreorderCampaignUpdate)] = Array.Empty<string>(),
        [typeof(PreorderCampaignOptOut)] = new[] { CampaignUpdateMigration.OptOutCustomerIndex },
        [typeof(PreorderDepositScopeRule)] = new[] { DepositScopeRuleMigration.TargetIndex },
        [typeof(PreorderProductView)] = new[] { FunnelMigration.ProductIndex },
        [typeof(PreorderDelayCompensation)] = new[] { DelayCompensationMigration.CompensationKeyIndex },
        [typeof(PreorderDelaySwap)] = new[] { DelayCompensationMigration.SwapOldLineIndex },
        [typeof(PreorderReservationCounter)] = new[] { ReservationMigration.CounterProductIndex },
        [typeof(PreorderReservationIntent)] = new[] { ReservationMigration.IntentIndex },
        [typeof(PreorderWaitlistEntry)] = new[] { WaitlistMigration.ProductEmailIndex },
        [typeof(PreorderWaitlistProduct)] = new[] { WaitlistMigration.SettingsProductIndex }
    };

    /// <summary>Tables that exist from schema 1.0 on; the others come with 1.1.</summary>
    private static readonly Type[] Schema10Types =
    {
        typeof(PreorderProfile), typeof(PreorderCapCounter), typeof(PreorderLine), typeof(PreorderAccount),
        typeof(PreorderLedgerEntry), typeof(PreorderInstallment), typeof(PreorderBalanceToken)
    };

    private TestDatabase _db;

    [SetUp]
    public void SetUp() => _db = TestDatabase.Create();

    [TearDown]
    public void TearDown() => _db?.Dispose();

    private static string Table(Type type) => PreorderMappingSchema.TableName(type);

    private static IEnumerable<string> MappedColumns(Type type) =>
        PreorderMappingSchema.ColumnProperties(type).Select(p => PreorderMappingSchema.ColumnName(type, p.Name));

    [Test]
    public void Every_entity_type_is_covered_by_these_tests()
    {
        Assert.That(ExpectedUniqueIndexes.Keys, Is.EquivalentTo(PreorderDbNames.EntityTypes));
        Assert.That(Schema10Types, Is.SubsetOf(PreorderDbNames.EntityTypes));
    }

    [Test]
    public void Up_creates_every_table_with_exactly_the_mapped_columns()
    {
        _db.MigrateUp();

        Assert.Multiple(() =>
        {
            foreach (var type in PreorderDbNames.EntityTypes)
            {
                var table = Table(type);
                Assert.That(_db.TableExists(table), Is.True, $"table {table}");
                // the schema and the run-time mapping agree both ways: no unmapped column, no column-less property
                Assert.That(_db.Columns(table), Is.EquivalentTo(MappedColumns(type)), $"columns of {table}");
            }
        });
    }

    [Test]
    public void Up_creates_the_unique_indexes()
    {
        _db.MigrateUp();

        Assert.Multiple(() =>
        {
            foreach (var (type, indexes) in ExpectedUniqueIndexes)
                Assert.That(_db.UniqueIndexes(Table(type)), Is.EquivalentTo(indexes), $"unique indexes of {Table(type)}");
        });
    }

    [Test]
    public void Up_makes_id_an_identity_primary_key_with_the_conventional_sequence()
    {
        _db.MigrateUp();

        Assert.Multiple(() =>
        {
            foreach (var type in PreorderDbNames.EntityTypes)
            {
                var table = Table(type);
                if (_db.Provider == TestDbProvider.Postgres)
                {
                    // nopCommerce's identity helpers look the sequence up with pg_get_serial_sequence
                    Assert.That(_db.ExecuteScalar($"SELECT pg_get_serial_sequence('{table}', 'id')"), Is.EqualTo($"public.{table}_id_seq"), table);
                    Assert.That(_db.ExecuteScalar(
                        $"SELECT a.attidentity::text FROM pg_attribute a WHERE a.attrelid = '{table}'::regclass AND a.attname = 'id'"),
                        Is.EqualTo("a").Or.EqualTo("d"), $"{table}.id is an identity column");
                    Assert.That(_db.ExecuteScalar(
                        "SELECT string_agg(k.attname, ',') FROM pg_index x JOIN pg_attribute k ON k.attrelid = x.indrelid AND k.attnum = ANY(x.indkey) " +
                        $"WHERE x.indrelid = '{table}'::regclass AND x.indisprimary"), Is.EqualTo("id"), $"{table} primary key");
                }
                else
                {
                    // SQLite: an INTEGER PRIMARY KEY column is the rowid, i.e. the identity
                    Assert.That(_db.ExecuteScalar($"SELECT upper(type) || ':' || pk FROM pragma_table_info('{table}') WHERE name = 'id'"),
                        Is.EqualTo("INTEGER:1"), $"{table}.id");
                    Assert.That(Convert.ToInt64(_db.ExecuteScalar($"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE pk > 0")), Is.EqualTo(1));
                }
            }
        });
    }

    [Test]
    public async Task Unique_index_refuses_a_duplicate_ledger_idempotency_key()
    {
        _db.MigrateUp();
        using var scope = new TestScope(_db);
        var ledger = scope.Repository<PreorderLedgerEntry>();

        await ledger.InsertAsync(LedgerEntry("pay:order-7:deposit", orderId: 7));
        await ledger.InsertAsync(LedgerEntry("pay:order-7:balance", orderId: 7));

        var duplicate = LedgerEntry("pay:order-7:deposit", orderId: 8);
        Assert.That(async () => await ledger.InsertAsync(duplicate), Throws.InstanceOf<DbException>());

        var rows = await ledger.GetAllAsync(q => q.OrderBy(e => e.Id));
        Assert.That(rows.Select(e => e.IdempotencyKey), Is.EqualTo(new[] { "pay:order-7:deposit", "pay:order-7:balance" }));
        Assert.That(rows.Select(e => e.OrderId), Is.All.EqualTo(7));
    }

    [Test]
    public async Task Unique_index_refuses_a_duplicate_cap_counter_scope()
    {
        _db.MigrateUp();
        using var scope = new TestScope(_db);
        var counters = scope.Repository<PreorderCapCounter>();

        await counters.InsertAsync(new PreorderCapCounter { ProductId = 5, CombinationId = 0, Cap = 10 });
        // same product, other combination; same combination id, other product: both allowed
        await counters.InsertAsync(new PreorderCapCounter { ProductId = 5, CombinationId = 3, Cap = 4 });
        await counters.InsertAsync(new PreorderCapCounter { ProductId = 6, CombinationId = 0 });

        Assert.That(async () => await counters.InsertAsync(new PreorderCapCounter { ProductId = 5, CombinationId = 0, Cap = 99 }),
            Throws.InstanceOf<DbException>());
        Assert.That(async () => await counters.InsertAsync(new PreorderCapCounter { ProductId = 5, CombinationId = 3 }),
            Throws.InstanceOf<DbException>());

        var rows = await counters.GetAllAsync(q => q.OrderBy(c => c.ProductId).ThenBy(c => c.CombinationId));
        Assert.That(rows.Select(c => (c.ProductId, c.CombinationId, c.Cap)),
            Is.EqualTo(new[] { (5, 0, (int?)10), (5, 3, (int?)4), (6, 0, (int?)null) }));
    }

    [Test]
    public async Task Up_twice_is_harmless_and_keeps_the_data()
    {
        _db.MigrateUp();
        var before = await InsertOneRowPerTableAsync();
        var columns = PreorderDbNames.EntityTypes.ToDictionary(t => t, t => _db.Columns(Table(t)));

        Assert.That(() => _db.MigrateUp(), Throws.Nothing);
        Assert.That(() => _db.Migrator.UpSchemaOnly(), Throws.Nothing);
        Assert.That(() => _db.Migrator.UpAutomationOnly(), Throws.Nothing);

        Assert.Multiple(() =>
        {
            foreach (var type in PreorderDbNames.EntityTypes)
            {
                Assert.That(_db.Columns(Table(type)), Is.EqualTo(columns[type]), $"columns of {Table(type)}");
                Assert.That(_db.UniqueIndexes(Table(type)), Is.EquivalentTo(ExpectedUniqueIndexes[type]), $"unique indexes of {Table(type)}");
            }
        });
        await AssertRowsUnchangedAsync(before);
    }

    [TestCase(false, TestName = "The reconciliation's indexes (schema 1.2) exist after a fresh install")]
    [TestCase(true, TestName = "The reconciliation's indexes (schema 1.2) exist after the update from 1.0")]
    public void Reconciliation_indexes_exist(bool update)
    {
        if (update)
        {
            _db.Migrator.UpSchemaOnly();
            Assert.That(_db.Indexes(Table(typeof(PreorderLine))), Does.Not.Contain("ix_preorder_line_closed"), "not in 1.0");
            _db.Migrator.UpAutomationOnly();
        }
        else
            _db.MigrateUp();

        Assert.Multiple(() =>
        {
            Assert.That(_db.Indexes(Table(typeof(PreorderAccount))), Does.Contain("ix_preorder_account_created"));
            Assert.That(_db.Indexes(Table(typeof(PreorderLine))), Does.Contain("ix_preorder_line_closed").And.Contain("ix_preorder_line_placed"));
            Assert.That(_db.Indexes(Table(typeof(PreorderLedgerEntry))), Does.Contain("ix_preorder_ledger_status"));
        });
    }

    [Test]
    public async Task Update_to_1_4_takes_accounts_already_marked_paid_as_answered_and_indexes_the_claims()
    {
        _db.Migrator.UpSchemaOnly();
        var accounts = Table(typeof(PreorderAccount));
        Assert.That(_db.Columns(accounts), Does.Not.Contain("mark_paid_confirmed_on_utc"));
        _db.ExecuteSql(
            $"INSERT INTO {accounts} (order_id, customer_id, store_id, order_total, due_at_checkout, paid_amount, " +
            "refunded_amount, forfeited_amount, transferred_amount, waived_amount, state_id, customer_currency_code, currency_rate, " +
            "charge_method_system_name, next_due_on_utc, terms_accepted_on_utc, marked_paid_in_nop, version, created_on_utc, updated_on_utc) VALUES " +
            "(80, 5, 1, 100, 20, 100, 0, 0, 0, 0, 30, 'USD', 1, NULL, NULL, NULL, TRUE, 4, '2026-02-03 04:05:06', '2026-02-04 04:05:06'), " +
            "(81, 5, 1, 100, 20, 20, 0, 0, 0, 0, 20, 'USD', 1, NULL, NULL, NULL, FALSE, 1, '2026-02-03 04:05:06', '2026-02-03 04:05:06')");

        _db.Migrator.UpAutomationOnly();

        using var scope = new TestScope(_db);
        var read = (await scope.Repository<PreorderAccount>().GetAllAsync(q => q.OrderBy(a => a.OrderId))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(read[0].MarkPaidConfirmedOnUtc, Is.Not.Null, "marked by 1.3 or earlier: taken as answered, not asked again");
            Assert.That(read[1].MarkPaidConfirmedOnUtc, Is.Null, "never claimed");
            Assert.That(_db.Indexes(accounts), Does.Contain(MarkPaidRetryMigration.ClaimIndex));
            if (TestDatabase.CurrentProvider == TestDbProvider.Postgres)
                Assert.That(_db.Indexes(Table(typeof(PreorderLedgerEntry))), Does.Contain(MarkPaidRetryMigration.KeyPrefixIndex));
        });
    }

    [Test]
    public async Task Update_to_1_5_adds_the_customer_counters_and_leaves_old_lines_without_an_e_mail_hash()
    {
        _db.Migrator.UpBefore<CustomerLimitMigration>();
        var lines = Table(typeof(PreorderLine));
        Assert.That(_db.Columns(lines), Does.Not.Contain("email_hash"));
        Assert.That(_db.TableExists(Table(typeof(PreorderCustomerCounter))), Is.False, "new in 1.5");
        _db.ExecuteSql(
                $"INSERT INTO {lines} (order_id, order_item_id, product_id, combination_id, customer_id, store_id, quantity, state_id, " +
                "payment_mode_id, line_total, deposit_amount, placed_on_utc, expected_ship_date_utc, country_code, extension_count, version, updated_on_utc) VALUES " +
                "(90, 900, 9, 0, 5, 1, 2, 10, 20, 100, 20, '2026-02-03 04:05:06', NULL, 'DE', 0, 0, '2026-02-03 04:05:06')");

        _db.Migrator.Up(new CustomerLimitMigration());
        Assert.That(() => _db.Migrator.Up(new CustomerLimitMigration()), Throws.Nothing, "idempotent");
        // the repository maps today's columns
        _db.Migrator.UpAfter<CustomerLimitMigration>();

        using var scope = new TestScope(_db);
        Assert.Multiple(() =>
        {
            Assert.That(_db.UniqueIndexes(Table(typeof(PreorderCustomerCounter))), Is.EquivalentTo(new[] { CustomerLimitMigration.CounterScopeIndex }));
            Assert.That(_db.Indexes(lines), Does.Contain(CustomerLimitMigration.LineEmailIndex));
            var line = scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == 90);
            Assert.That(line.EmailHash, Is.Null, "lines placed before 1.5 count by customer account only");
            Assert.That(line.Quantity, Is.EqualTo(2));
        });
    }

    [Test]
    public void Update_to_1_6_stamps_lines_allocated_before_so_the_task_announces_none_of_them_again()
    {
        _db.Migrator.UpBefore<AllocationNoticeMigration>();
        var lines = Table(typeof(PreorderLine));
        Assert.That(_db.Columns(lines), Does.Not.Contain("allocation_notified_on_utc"));
        var columns = "(order_id, order_item_id, product_id, combination_id, customer_id, store_id, quantity, state_id, " +
                      "payment_mode_id, line_total, deposit_amount, placed_on_utc, allocated_on_utc, country_code, extension_count, version, updated_on_utc)";
        _db.ExecuteSql($"INSERT INTO {lines} {columns} VALUES (91, 910, 9, 0, 5, 1, 1, 10, 20, 100, 20, '2026-02-03 04:05:06', NULL, 'DE', 0, 0, '2026-02-03 04:05:06')");
        _db.ExecuteSql($"INSERT INTO {lines} {columns} VALUES (92, 920, 9, 0, 5, 1, 1, 30, 20, 100, 20, '2026-02-03 04:05:06', '2026-02-04 05:06:07', 'DE', 0, 1, '2026-02-04 05:06:07')");

        _db.Migrator.Up(new AllocationNoticeMigration());
        Assert.That(() => _db.Migrator.Up(new AllocationNoticeMigration()), Throws.Nothing, "idempotent");
        _db.Migrator.UpAfter<AllocationNoticeMigration>();

        using var scope = new TestScope(_db);
        var read = scope.Repository<PreorderLine>().Table.OrderBy(l => l.OrderId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(read[0].AllocationNotifiedOnUtc, Is.Null, "still waiting: announced when its stock arrives");
            Assert.That(read[1].AllocationNotifiedOnUtc, Is.EqualTo(read[1].AllocatedOnUtc), "announced when it was allocated, before 1.6");
            Assert.That(_db.Indexes(lines), Does.Contain(AllocationNoticeMigration.NoticeIndex));
        });
    }

    [Test]
    public void Update_to_1_7_from_1_6_adds_both_columns_with_the_not_given_default()
    {
        _db.Migrator.UpBefore<CancellationReasonMigration>();
        var lines = Table(typeof(PreorderLine));
        Assert.That(_db.Columns(lines), Does.Not.Contain("cancel_reason_id").And.Not.Contain("cancel_reason_text"));
        var columns = "(order_id, order_item_id, product_id, combination_id, customer_id, store_id, quantity, state_id, " +
                      "payment_mode_id, line_total, deposit_amount, placed_on_utc, close_reason, country_code, extension_count, version, updated_on_utc)";
        _db.ExecuteSql($"INSERT INTO {lines} {columns} VALUES (94, 940, 9, 0, 5, 1, 1, 60, 20, 100, 20, '2026-02-03 04:05:06', 'Changed my mind', 'DE', 0, 1, '2026-02-03 04:05:06')");

        _db.Migrator.Up(new CancellationReasonMigration());
        Assert.That(() => _db.Migrator.Up(new CancellationReasonMigration()), Throws.Nothing, "idempotent");
        // the repository maps today's columns
        _db.Migrator.Up(new LineSplitMigration());
        _db.Migrator.Up(new ReservationMigration());

        using var scope = new TestScope(_db);
        var read = scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == 94);
        Assert.Multiple(() =>
        {
            Assert.That(read.CancelReason, Is.EqualTo(CancellationReason.NotGiven), "cancelled before 1.7: no reason given");
            Assert.That(read.CancelReasonText, Is.Null);
            Assert.That(read.CloseReason, Is.EqualTo("Changed my mind"), "the old close reason stays");
        });
    }

    [Test]
    public void Update_to_2_0_stamps_changes_made_before_so_the_task_sends_no_delay_notice_twice()
    {
        _db.Migrator.UpBefore<ShipDateNoticeMigration>();
        var changes = Table(typeof(PreorderShipDateChange));
        Assert.That(_db.Columns(changes), Does.Not.Contain("notices_done_on_utc").And.Not.Contain("notified_through_order_id"));
        _db.ExecuteSql($"INSERT INTO {changes} (product_id, old_date_utc, new_date_utc, reason, penalty_free_cancel, changed_by_customer_id, created_on_utc) " +
                       "VALUES (9, '2026-03-01 10:00:00', '2026-04-01 10:00:00', 'late', FALSE, 1, '2026-02-03 04:05:06')");

        _db.Migrator.Up(new ShipDateNoticeMigration());
        Assert.That(() => _db.Migrator.Up(new ShipDateNoticeMigration()), Throws.Nothing, "idempotent");
        // the entity maps the columns later schemas add to the table (2.7: the delay offer): read it at the latest schema
        _db.Migrator.UpAll();

        using var scope = new TestScope(_db);
        var read = scope.Repository<PreorderShipDateChange>().Table.Single(c => c.ProductId == 9);
        Assert.Multiple(() =>
        {
            Assert.That(read.NoticesDoneOnUtc, Is.EqualTo(read.CreatedOnUtc), "notified in the save that made it, before 2.0");
            Assert.That(read.NotifiedThroughOrderId, Is.EqualTo(0));
            Assert.That(_db.Indexes(changes), Does.Contain(ShipDateNoticeMigration.PendingIndex));
        });
    }

    [Test]
    public async Task Update_to_2_1_from_2_0_keeps_lines_unsplit_and_keeps_one_placed_line_per_order_item()
    {
        _db.Migrator.UpBefore<LineSplitMigration>();
        var lines = Table(typeof(PreorderLine));
        Assert.That(_db.Columns(lines), Does.Not.Contain("split_from_line_id").And.Not.Contain("split_from_version"));
        Assert.That(_db.UniqueIndexes(lines), Does.Contain(LineSplitMigration.OldOrderItemIndex), "2.0 has the order item's unique index");
        var columns = "(order_id, order_item_id, product_id, combination_id, customer_id, store_id, quantity, state_id, " +
                      "payment_mode_id, line_total, deposit_amount, placed_on_utc, country_code, extension_count, version, updated_on_utc)";
        _db.ExecuteSql($"INSERT INTO {lines} {columns} VALUES (95, 950, 9, 0, 5, 1, 3, 10, 20, 90, 18, '2026-02-03 04:05:06', 'DE', 0, 2, '2026-02-03 04:05:06')");

        _db.Migrator.Up(new LineSplitMigration());
        Assert.That(() => _db.Migrator.Up(new LineSplitMigration()), Throws.Nothing, "idempotent");
        _db.Migrator.Up(new ReservationMigration()); // the line's column of 2.4, so the entity reads

        using var scope = new TestScope(_db);
        var repository = scope.Repository<PreorderLine>();
        var read = repository.Table.Single(l => l.OrderId == 95);
        Assert.Multiple(() =>
        {
            Assert.That(read.SplitFromLineId, Is.Zero, "placed before 2.1: not split");
            Assert.That(read.SplitFromVersion, Is.Zero);
            Assert.That(read.Quantity, Is.EqualTo(3));
            Assert.That(_db.UniqueIndexes(lines), Is.EquivalentTo(new[] { LineSplitMigration.OrderItemSplitIndex }));
            Assert.That(_db.Indexes(lines), Does.Contain(LineSplitMigration.SplitIndex));
        });

        PreorderLine Copy(int splitFrom, int splitVersion) => new()
        {
            OrderId = 95, OrderItemId = 950, ProductId = 9, CustomerId = 5, StoreId = 1, Quantity = 1, StateId = read.StateId,
            PaymentModeId = read.PaymentModeId, LineTotal = 30m, DepositAmount = 6m, PlacedOnUtc = read.PlacedOnUtc, CountryCode = "DE",
            UpdatedOnUtc = read.UpdatedOnUtc, SplitFromLineId = splitFrom, SplitFromVersion = splitVersion
        };
        // placement stays idempotent: a second placed line of the order item is refused
        Assert.That(async () => await repository.InsertAsync(Copy(0, 0)), Throws.InstanceOf<DbException>());
        // one part per split of the line's version: a second split of the same version (another node) is refused
        await repository.InsertAsync(Copy(read.Id, 2));
        Assert.That(async () => await repository.InsertAsync(Copy(read.Id, 2)), Throws.InstanceOf<DbException>());
        await repository.InsertAsync(Copy(read.Id, 3));
        Assert.That(repository.Table.Count(l => l.OrderItemId == 950), Is.EqualTo(3));
    }

    [Test]
    public async Task Update_to_2_5_adds_the_deposit_scope_rule_table_unique_per_scope_and_target()
    {
        _db.Migrator.UpBefore<DepositScopeRuleMigration>();
        var rules = Table(typeof(PreorderDepositScopeRule));
        Assert.That(_db.TableExists(rules), Is.False, "new in 2.5");

        _db.Migrator.Up(new DepositScopeRuleMigration());
        Assert.That(() => _db.Migrator.Up(new DepositScopeRuleMigration()), Throws.Nothing, "idempotent");

        using var scope = new TestScope(_db);
        var repository = scope.Repository<PreorderDepositScopeRule>();
        PreorderDepositScopeRule Rule(DepositRuleScope s, int target) => new() { Scope = s, TargetId = target, PaymentMode = PreorderPaymentMode.Deposit, DepositRuleJson = "{\"Percent\":10}", UpdatedOnUtc = new DateTime(2026, 12, 12) };
        await repository.InsertAsync(Rule(DepositRuleScope.Category, 7));
        await repository.InsertAsync(Rule(DepositRuleScope.CustomerRole, 7));
        Assert.Multiple(() =>
        {
            Assert.That(_db.UniqueIndexes(rules), Is.EquivalentTo(new[] { DepositScopeRuleMigration.TargetIndex }));
            Assert.That(async () => await repository.InsertAsync(Rule(DepositRuleScope.Category, 7)), Throws.InstanceOf<DbException>(), "one rule per category");
            Assert.That(repository.Table.Count(), Is.EqualTo(2), "a category and a role may share an id");
        });
    }

    [Test]
    public void Update_to_2_7_adds_the_offer_to_ship_date_changes_without_holding_their_notices_and_the_claim_tables()
    {
        _db.Migrator.UpBefore<DelayCompensationMigration>();
        var changes = Table(typeof(PreorderShipDateChange));
        Assert.That(_db.TableExists(Table(typeof(PreorderDelayCompensation))), Is.False, "new in 2.7");
        _db.ExecuteSql($"INSERT INTO {changes} (product_id, reason, penalty_free_cancel, changed_by_customer_id, created_on_utc, notified_through_order_id) " +
                       "VALUES (9, 'late', FALSE, 1, '2026-02-03 04:05:06', 0)");

        _db.Migrator.Up(new DelayCompensationMigration());
        Assert.That(() => _db.Migrator.Up(new DelayCompensationMigration()), Throws.Nothing, "idempotent");

        using var scope = new TestScope(_db);
        var change = scope.Repository<PreorderShipDateChange>().Table.Single(c => c.ProductId == 9);
        // a refund's totals before it lowered them: nullable, recorded later by the refund
        _db.ExecuteSql($"INSERT INTO {Table(typeof(PreorderDelayCompensation))} (ship_date_change_id, compensation_key, kind_id, customer_id, order_id, line_id, " +
                       "amount, is_percent, status_id, created_on_utc, line_total_before, order_total_before) " +
                       "VALUES (1, 'refund:1:line:7', 20, 5, 95, 7, 10, FALSE, 10, '2026-02-03 04:05:06', 100.5, 130.25)");
        var refund = scope.Repository<PreorderDelayCompensation>().Table.Single(c => c.CompensationKey == "refund:1:line:7");
        Assert.Multiple(() =>
        {
            Assert.That((refund.LineTotalBefore, refund.OrderTotalBefore), Is.EqualTo(((decimal?)100.5m, (decimal?)130.25m)));
            Assert.That((change.CompensationKind, change.SwapProductId, change.CompensatedThroughLineId, change.CompensationDoneOnUtc),
                Is.EqualTo((DelayCompensationKind.None, 0, 0, (DateTime?)null)), "an older change offered nothing: its notices are not held");
            Assert.That(_db.UniqueIndexes(Table(typeof(PreorderDelayCompensation))), Is.EquivalentTo(new[] { DelayCompensationMigration.CompensationKeyIndex }));
            Assert.That(_db.Indexes(Table(typeof(PreorderDelayCompensation))), Does.Contain(DelayCompensationMigration.CompensationCustomerIndex));
            Assert.That(_db.UniqueIndexes(Table(typeof(PreorderDelaySwap))), Is.EquivalentTo(new[] { DelayCompensationMigration.SwapOldLineIndex }));
        });
    }

    [Test]
    public void Update_to_2_3_from_2_1_adds_the_campaign_tables_and_indexes_and_keeps_the_lines()
    {
        _db.Migrator.UpBefore<CampaignUpdateMigration>();
        var lines = Table(typeof(PreorderLine));
        Assert.That(_db.TableExists(Table(typeof(PreorderCampaignUpdate))), Is.False, "new in 2.3");
        Assert.That(_db.Indexes(lines), Does.Not.Contain(CampaignUpdateMigration.LineBuyerIndex));
        var columns = "(order_id, order_item_id, product_id, combination_id, customer_id, store_id, quantity, state_id, " +
                      "payment_mode_id, line_total, deposit_amount, placed_on_utc, country_code, extension_count, version, updated_on_utc)";
        _db.ExecuteSql($"INSERT INTO {lines} {columns} VALUES (95, 950, 9, 0, 5, 1, 1, 10, 20, 100, 20, '2026-02-03 04:05:06', 'DE', 0, 0, '2026-02-03 04:05:06')");

        _db.Migrator.Up(new CampaignUpdateMigration());
        Assert.That(() => _db.Migrator.Up(new CampaignUpdateMigration()), Throws.Nothing, "idempotent");
        _db.Migrator.Up(new ReservationMigration()); // the line's column of 2.4, so the entity reads

        using var scope = new TestScope(_db);
        Assert.Multiple(() =>
        {
            Assert.That(_db.Indexes(Table(typeof(PreorderCampaignUpdate))), Does.Contain(CampaignUpdateMigration.ProductIndex).And.Contain(CampaignUpdateMigration.PendingIndex));
            Assert.That(_db.UniqueIndexes(Table(typeof(PreorderCampaignOptOut))), Is.EquivalentTo(new[] { CampaignUpdateMigration.OptOutCustomerIndex }));
            Assert.That(_db.Indexes(lines), Does.Contain(CampaignUpdateMigration.LineBuyerIndex));
            Assert.That(scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == 95).CustomerId, Is.EqualTo(5), "the lines stay");
            Assert.That(scope.Repository<PreorderCampaignUpdate>().Table.Count(), Is.Zero);
        });
    }

    [Test]
    public void Update_to_2_8_adds_the_view_counter_table_unique_per_product()
    {
        _db.Migrator.UpBefore<FunnelMigration>();
        var views = Table(typeof(PreorderProductView));
        Assert.That(_db.TableExists(views), Is.False, "new in 2.8");

        _db.Migrator.Up(new FunnelMigration());
        Assert.That(() => _db.Migrator.Up(new FunnelMigration()), Throws.Nothing, "idempotent");

        _db.ExecuteSql($"INSERT INTO {views} (product_id, views, updated_on_utc) VALUES (7, 3, '2026-02-03 04:05:06')");
        Assert.Multiple(() =>
        {
            Assert.That(_db.UniqueIndexes(views), Is.EquivalentTo(new[] { FunnelMigration.ProductIndex }));
            Assert.That(() => _db.ExecuteSql($"INSERT INTO {views} (product_id, views, updated_on_utc) VALUES (7, 1, '2026-02-03 04:05:06')"),
                Throws.Exception, "one row per product");
        });
    }

    [Test]
    public void Update_to_2_4_from_2_3_adds_the_reservation_columns_and_tables_and_keeps_the_lines()
    {
        _db.Migrator.UpBefore<ReservationMigration>();
        var lines = Table(typeof(PreorderLine));
        Assert.That(_db.Columns(lines), Does.Not.Contain("is_reservation"), "new in 2.4");
        Assert.That(_db.TableExists(Table(typeof(PreorderReservationCounter))), Is.False, "new in 2.4");
        var columns = "(order_id, order_item_id, product_id, combination_id, customer_id, store_id, quantity, state_id, " +
                      "payment_mode_id, line_total, deposit_amount, placed_on_utc, country_code, extension_count, version, updated_on_utc)";
        _db.ExecuteSql($"INSERT INTO {lines} {columns} VALUES (96, 960, 9, 0, 5, 1, 1, 10, 20, 100, 20, '2026-02-03 04:05:06', 'DE', 0, 0, '2026-02-03 04:05:06')");

        _db.Migrator.Up(new ReservationMigration());
        Assert.That(() => _db.Migrator.Up(new ReservationMigration()), Throws.Nothing, "idempotent");

        using var scope = new TestScope(_db);
        Assert.Multiple(() =>
        {
            Assert.That(_db.Columns(Table(typeof(PreorderProfile))), Does.Contain("reservable").And.Contain("reservation_term_days"));
            Assert.That(_db.UniqueIndexes(Table(typeof(PreorderReservationCounter))), Is.EquivalentTo(new[] { ReservationMigration.CounterProductIndex }));
            Assert.That(_db.UniqueIndexes(Table(typeof(PreorderReservationIntent))), Is.EquivalentTo(new[] { ReservationMigration.IntentIndex }));
            var line = scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == 96);
            Assert.That(line.CustomerId, Is.EqualTo(5), "the lines stay");
            Assert.That(line.IsReservation, Is.False, "a line placed before 2.4 is a pre-order");
        });
    }

    [Test]
    public async Task Down_of_both_migrations_keeps_tables_and_rows()
    {
        _db.MigrateUp();
        var before = await InsertOneRowPerTableAsync();

        Assert.That(() => _db.Migrator.DownAll(), Throws.Nothing);

        foreach (var type in PreorderDbNames.EntityTypes)
            Assert.That(_db.TableExists(Table(type)), Is.True, $"table {Table(type)} after Down");
        await AssertRowsUnchangedAsync(before);

        // and a reinstall (Up again) over the kept tables works and still keeps them
        Assert.That(() => _db.MigrateUp(), Throws.Nothing);
        await AssertRowsUnchangedAsync(before);
    }

    [Test]
    public async Task Upgrade_from_1_0_to_1_1_keeps_rows_and_defaults_the_new_columns()
    {
        _db.Migrator.UpSchemaOnly();

        // what a 1.0 shop has
        var lines = Table(typeof(PreorderLine));
        Assert.That(_db.Columns(lines), Does.Not.Contain("extension_count").And.Not.Contain("version"));
        foreach (var type in PreorderDbNames.EntityTypes.Except(Schema10Types))
            Assert.That(_db.TableExists(Table(type)), Is.False, $"{Table(type)} is new in 1.1");
        Assert.That(_db.Columns(Table(typeof(PreorderAccount))), Does.Contain("version"), "accounts are versioned from 1.0 on");

        // rows written by 1.0 (raw SQL: the 1.1 mapping does not fit a 1.0 table)
        _db.ExecuteSql(
            $"INSERT INTO {lines} (order_id, order_item_id, product_id, combination_id, customer_id, store_id, quantity, state_id, " +
            "payment_mode_id, line_total, deposit_amount, placed_on_utc, allocated_on_utc, balance_due_on_utc, shipped_on_utc, " +
            "closed_on_utc, close_reason, expected_ship_date_utc, country_code, updated_on_utc) VALUES " +
            "(70, 700, 9, 0, 5, 1, 2, 10, 20, 199.9900, 40.0000, '2026-02-03 04:05:06', NULL, NULL, NULL, NULL, NULL, '2026-06-01 00:00:00', 'DE', '2026-02-03 04:05:06'), " +
            "(71, 710, 9, 3, 6, 1, 1, 30, 30, 50.5000, 0.0000, '2026-02-04 10:00:00', '2026-03-01 08:00:00', '2026-03-15 08:00:00', NULL, NULL, NULL, NULL, 'FR', '2026-03-01 08:00:00')");
        _db.ExecuteSql(
            $"INSERT INTO {Table(typeof(PreorderAccount))} (order_id, customer_id, store_id, order_total, due_at_checkout, paid_amount, " +
            "refunded_amount, forfeited_amount, transferred_amount, waived_amount, state_id, customer_currency_code, currency_rate, " +
            "charge_method_system_name, next_due_on_utc, terms_accepted_on_utc, marked_paid_in_nop, version, created_on_utc, updated_on_utc) VALUES " +
            "(70, 5, 1, 199.9900, 40.0000, 40.0000, 0, 0, 0, 0, 20, 'EUR', 1.0850, 'Payments.Manual', NULL, '2026-02-03 04:05:06', FALSE, 3, '2026-02-03 04:05:06', '2026-02-03 04:05:06')");
        _db.ExecuteSql(
            $"INSERT INTO {Table(typeof(PreorderLedgerEntry))} (order_id, preorder_line_id, kind_id, status_id, amount, currency_code, " +
            "amount_in_currency, method, reference, idempotency_key, note, recorded_by_customer_id, created_on_utc) VALUES " +
            "(70, 1, 10, 20, 40.0000, 'EUR', 43.4000, 'Offline', 'bank-1', 'pay:70:deposit', NULL, 0, '2026-02-03 04:05:06')");

        _db.Migrator.UpAutomationOnly();

        Assert.That(_db.Columns(lines), Does.Contain("extension_count").And.Contain("version"));
        foreach (var type in PreorderDbNames.EntityTypes)
            Assert.That(_db.TableExists(Table(type)), Is.True, $"{Table(type)} after the update");

        using var scope = new TestScope(_db);
        var readLines = await scope.Repository<PreorderLine>().GetAllAsync(q => q.OrderBy(l => l.OrderId));
        Assert.That(readLines, Has.Count.EqualTo(2));
        var first = readLines[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.OrderItemId, Is.EqualTo(700));
            Assert.That(first.Quantity, Is.EqualTo(2));
            Assert.That(first.State, Is.EqualTo(PreorderLineState.Waiting));
            Assert.That(first.PaymentMode, Is.EqualTo(PreorderPaymentMode.Deposit));
            Assert.That(first.LineTotal, Is.EqualTo(199.99m));
            Assert.That(first.DepositAmount, Is.EqualTo(40m));
            Assert.That(first.PlacedOnUtc, Is.EqualTo(new DateTime(2026, 2, 3, 4, 5, 6)));
            Assert.That(first.AllocatedOnUtc, Is.Null);
            Assert.That(first.ExpectedShipDateUtc, Is.EqualTo(new DateTime(2026, 6, 1)));
            Assert.That(first.CountryCode, Is.EqualTo("DE"));
            Assert.That(readLines[1].State, Is.EqualTo(PreorderLineState.BalanceDue));
            Assert.That(readLines[1].BalanceDueOnUtc, Is.EqualTo(new DateTime(2026, 3, 15, 8, 0, 0)));
            // the columns added by 1.1 got their defaults on the old rows
            Assert.That(readLines.Select(l => l.ExtensionCount), Is.All.EqualTo(0));
            Assert.That(readLines.Select(l => l.Version), Is.All.EqualTo(0));
        });

        var account = (await scope.Repository<PreorderAccount>().GetAllAsync(q => q)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(account.OrderId, Is.EqualTo(70));
            Assert.That(account.State, Is.EqualTo(PreorderAccountState.AwaitingBalance));
            Assert.That(account.PaidAmount, Is.EqualTo(40m));
            Assert.That(account.CurrencyRate, Is.EqualTo(1.085m));
            Assert.That(account.MarkedPaidInNop, Is.False);
            Assert.That(account.Version, Is.EqualTo(3));
        });

        var entry = (await scope.Repository<PreorderLedgerEntry>().GetAllAsync(q => q)).Single();
        Assert.That((entry.Kind, entry.Status, entry.Amount, entry.IdempotencyKey),
            Is.EqualTo((LedgerEntryKind.Deposit, LedgerEntryStatus.Succeeded, 40m, "pay:70:deposit")));
        Assert.That(AccountBalance.FromLedger(account.OrderTotal, readLines.Where(l => l.OrderId == account.OrderId), new[] { entry }).Owed, Is.EqualTo(159.99m),
            "the old rows still give what is owed");

        // the updated schema takes 1.1 rows next to the old ones
        var line = readLines[0];
        line.ExtensionCount = 1;
        line.Version = 1;
        await scope.Repository<PreorderLine>().UpdateAsync(line);
        var reread = await scope.Repository<PreorderLine>().GetByIdAsync(line.Id);
        Assert.That((reread.ExtensionCount, reread.Version, reread.OrderItemId), Is.EqualTo((1, 1, 700)));
        await scope.Repository<PreorderMessageLog>().InsertAsync(new PreorderMessageLog
        {
            MessageKey = "LinePlaced:line:1", OrderId = 70, Status = DeliveryStatus.Pending, CreatedOnUtc = new DateTime(2026, 2, 3)
        });
        Assert.That(await scope.Repository<PreorderMessageLog>().GetAllAsync(q => q), Has.Count.EqualTo(1));
    }

    private static PreorderLedgerEntry LedgerEntry(string key, int orderId) => new()
    {
        OrderId = orderId,
        Kind = LedgerEntryKind.Deposit,
        Status = LedgerEntryStatus.Succeeded,
        Amount = 25m,
        AmountInCurrency = 25m,
        CurrencyCode = "USD",
        Method = "Offline",
        IdempotencyKey = key,
        CreatedOnUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)
    };

    private async Task<Dictionary<Type, Nop.Core.BaseEntity>> InsertOneRowPerTableAsync()
    {
        using var scope = new TestScope(_db);
        var rows = new Dictionary<Type, Nop.Core.BaseEntity>();
        foreach (var type in PreorderDbNames.EntityTypes)
        {
            var entity = EntityValues.Create(type, 1, _db.ColumnMaxLengths(Table(type)));
            await RepositoryAccess.InsertAsync(scope, entity);
            rows[type] = entity;
        }
        return rows;
    }

    private async Task AssertRowsUnchangedAsync(Dictionary<Type, Nop.Core.BaseEntity> expected)
    {
        using var scope = new TestScope(_db);
        foreach (var (type, entity) in expected)
        {
            var all = await RepositoryAccess.GetAllAsync(scope, type);
            Assert.That(all, Has.Count.EqualTo(1), $"rows of {Table(type)}");
            Assert.That(EntityValues.Differences(entity, all[0]), Is.Empty, $"row of {Table(type)}");
        }
    }
}
