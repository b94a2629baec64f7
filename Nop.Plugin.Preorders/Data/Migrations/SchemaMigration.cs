using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.0: catalog (profiles, cap counters), order lines, money (accounts, ledger, schedule, balance links).
/// Columns are written out (rather than derived) so a later migration never re-creates what this one made.
/// Down() keeps every table: nopCommerce runs Down() on uninstall and these rows are records of money
/// (see <see cref="PreorderPlugin.UninstallAsync"/> for the explicit purge).
/// </summary>
[NopMigration("2026/11/20 09:00:00", "Nop.Plugin.Preorders schema 1.0", MigrationProcessType.Installation)]
public class SchemaMigration : Migration
{
    public override void Up()
    {
        if (!Schema.Table(Table<PreorderProfile>()).Exists())
        {
            Create.Table(Table<PreorderProfile>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("enabled").AsBoolean().NotNullable()
                .WithColumn("cap").AsInt32().Nullable()
                .WithColumn("window_start_utc").AsDateTime2().Nullable()
                .WithColumn("window_end_utc").AsDateTime2().Nullable()
                .WithColumn("expected_ship_date_utc").AsDateTime2().Nullable()
                .WithColumn("expected_soon_text").AsString(400).Nullable()
                .WithColumn("payment_mode_id").AsInt32().NotNullable()
                .WithColumn("deposit_rule_json").AsString(int.MaxValue).Nullable()
                .WithColumn("per_customer_limit").AsInt32().Nullable()
                .WithColumn("allowed_country_codes").AsString(1000).Nullable()
                .WithColumn("shopper_note").AsString(int.MaxValue).Nullable()
                .WithColumn("auto_when_out_of_stock").AsBoolean().NotNullable()
                .WithColumn("auto_activated").AsBoolean().NotNullable()
                .WithColumn("released_on_utc").AsDateTime2().Nullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("updated_on_utc").AsDateTime2().NotNullable();
            Create.Index("ux_preorder_profile_product").OnTable(Table<PreorderProfile>())
                .OnColumn("product_id").Ascending().WithOptions().Unique();
        }

        if (!Schema.Table(Table<PreorderCapCounter>()).Exists())
        {
            Create.Table(Table<PreorderCapCounter>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("combination_id").AsInt32().NotNullable()
                .WithColumn("cap").AsInt32().Nullable()
                .WithColumn("sold").AsInt32().NotNullable();
            Create.Index("ux_preorder_cap_counter_scope").OnTable(Table<PreorderCapCounter>())
                .OnColumn("product_id").Ascending().OnColumn("combination_id").Ascending().WithOptions().Unique();
        }

        if (!Schema.Table(Table<PreorderLine>()).Exists())
        {
            Create.Table(Table<PreorderLine>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("order_item_id").AsInt32().NotNullable()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("combination_id").AsInt32().NotNullable()
                .WithColumn("customer_id").AsInt32().NotNullable()
                .WithColumn("store_id").AsInt32().NotNullable()
                .WithColumn("quantity").AsInt32().NotNullable()
                .WithColumn("state_id").AsInt32().NotNullable()
                .WithColumn("payment_mode_id").AsInt32().NotNullable()
                .WithColumn("line_total").AsDecimal(18, 4).NotNullable()
                .WithColumn("deposit_amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("placed_on_utc").AsDateTime2().NotNullable()
                .WithColumn("allocated_on_utc").AsDateTime2().Nullable()
                .WithColumn("balance_due_on_utc").AsDateTime2().Nullable()
                .WithColumn("shipped_on_utc").AsDateTime2().Nullable()
                .WithColumn("closed_on_utc").AsDateTime2().Nullable()
                .WithColumn("close_reason").AsString(1000).Nullable()
                .WithColumn("expected_ship_date_utc").AsDateTime2().Nullable()
                .WithColumn("country_code").AsString(2).Nullable()
                .WithColumn("updated_on_utc").AsDateTime2().NotNullable();
            Create.Index("ux_preorder_line_order_item").OnTable(Table<PreorderLine>())
                .OnColumn("order_item_id").Ascending().WithOptions().Unique();
            // FIFO queue of a product: waiting lines in placement order
            Create.Index("ix_preorder_line_queue").OnTable(Table<PreorderLine>())
                .OnColumn("product_id").Ascending().OnColumn("state_id").Ascending()
                .OnColumn("placed_on_utc").Ascending().OnColumn("id").Ascending();
            // scheduled task: due and overdue lines
            Create.Index("ix_preorder_line_due").OnTable(Table<PreorderLine>())
                .OnColumn("state_id").Ascending().OnColumn("balance_due_on_utc").Ascending();
            Create.Index("ix_preorder_line_order").OnTable(Table<PreorderLine>()).OnColumn("order_id").Ascending();
            Create.Index("ix_preorder_line_customer").OnTable(Table<PreorderLine>()).OnColumn("customer_id").Ascending();
            Create.Index("ix_preorder_line_placed").OnTable(Table<PreorderLine>()).OnColumn("placed_on_utc").Descending();
        }

        if (!Schema.Table(Table<PreorderAccount>()).Exists())
        {
            Create.Table(Table<PreorderAccount>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("customer_id").AsInt32().NotNullable()
                .WithColumn("store_id").AsInt32().NotNullable()
                .WithColumn("order_total").AsDecimal(18, 4).NotNullable()
                .WithColumn("due_at_checkout").AsDecimal(18, 4).NotNullable()
                .WithColumn("paid_amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("refunded_amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("forfeited_amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("transferred_amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("waived_amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("state_id").AsInt32().NotNullable()
                .WithColumn("customer_currency_code").AsString(5).Nullable()
                .WithColumn("currency_rate").AsDecimal(18, 8).NotNullable()
                .WithColumn("charge_method_system_name").AsString(400).Nullable()
                .WithColumn("next_due_on_utc").AsDateTime2().Nullable()
                .WithColumn("terms_accepted_on_utc").AsDateTime2().Nullable()
                .WithColumn("marked_paid_in_nop").AsBoolean().NotNullable()
                .WithColumn("version").AsInt32().NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("updated_on_utc").AsDateTime2().NotNullable();
            Create.Index("ux_preorder_account_order").OnTable(Table<PreorderAccount>())
                .OnColumn("order_id").Ascending().WithOptions().Unique();
            Create.Index("ix_preorder_account_state").OnTable(Table<PreorderAccount>())
                .OnColumn("state_id").Ascending().OnColumn("next_due_on_utc").Ascending();
        }

        if (!Schema.Table(Table<PreorderLedgerEntry>()).Exists())
        {
            Create.Table(Table<PreorderLedgerEntry>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("preorder_line_id").AsInt32().NotNullable()
                .WithColumn("kind_id").AsInt32().NotNullable()
                .WithColumn("status_id").AsInt32().NotNullable()
                .WithColumn("amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("currency_code").AsString(5).Nullable()
                .WithColumn("amount_in_currency").AsDecimal(18, 4).NotNullable()
                .WithColumn("method").AsString(400).Nullable()
                .WithColumn("reference").AsString(400).Nullable()
                .WithColumn("idempotency_key").AsString(200).NotNullable()
                .WithColumn("note").AsString(int.MaxValue).Nullable()
                .WithColumn("recorded_by_customer_id").AsInt32().NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable();
            Create.Index("ux_preorder_ledger_idempotency").OnTable(Table<PreorderLedgerEntry>())
                .OnColumn("idempotency_key").Ascending().WithOptions().Unique();
            Create.Index("ix_preorder_ledger_order").OnTable(Table<PreorderLedgerEntry>()).OnColumn("order_id").Ascending();
            Create.Index("ix_preorder_ledger_created").OnTable(Table<PreorderLedgerEntry>()).OnColumn("created_on_utc").Descending();
        }

        if (!Schema.Table(Table<PreorderInstallment>()).Exists())
        {
            Create.Table(Table<PreorderInstallment>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("sequence").AsInt32().NotNullable()
                .WithColumn("amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("paid_amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("due_on_utc").AsDateTime2().Nullable()
                .WithColumn("paid_on_utc").AsDateTime2().Nullable();
            Create.Index("ux_preorder_installment_order_seq").OnTable(Table<PreorderInstallment>())
                .OnColumn("order_id").Ascending().OnColumn("sequence").Ascending().WithOptions().Unique();
            Create.Index("ix_preorder_installment_due").OnTable(Table<PreorderInstallment>()).OnColumn("due_on_utc").Ascending();
        }

        if (!Schema.Table(Table<PreorderBalanceToken>()).Exists())
        {
            Create.Table(Table<PreorderBalanceToken>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("token_hash").AsString(64).NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("expires_on_utc").AsDateTime2().NotNullable()
                .WithColumn("revoked_on_utc").AsDateTime2().Nullable()
                .WithColumn("last_used_on_utc").AsDateTime2().Nullable();
            Create.Index("ux_preorder_balance_token_hash").OnTable(Table<PreorderBalanceToken>())
                .OnColumn("token_hash").Ascending().WithOptions().Unique();
            Create.Index("ix_preorder_balance_token_order").OnTable(Table<PreorderBalanceToken>()).OnColumn("order_id").Ascending();
        }
    }

    public override void Down()
    {
        // Intentionally empty: pre-orders and money records survive an uninstall (see the class summary).
    }
}
