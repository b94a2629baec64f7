using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 2.7: delay compensation and swap. Runs on install after the earlier ones and as an update; idempotent; Down()
/// keeps everything.
/// <list type="bullet">
/// <item><c>preorder_ship_date_change</c> gains the merchant's offer (compensation kind, amount, percent, swap product) and
/// the task's cursor over the lines to compensate; existing changes offered nothing (kind 0), so their notices are not held.</item>
/// <item><c>preorder_delay_compensation</c>: one row per buyer's coupon or line's refund, unique on its key (the claim two
/// nodes race for); indexed on (change, customer) for the token and the account page; a refund records the line's and the
/// order's totals before it lowers them (the compare-and-set that lowers them once).</item>
/// <item><c>preorder_delay_swap</c>: one row per swapped line, unique on the old line (a line is swapped once).</item>
/// </list>
/// </summary>
[NopMigration("2026/12/14 09:00:00", "Nop.Plugin.Preorders schema 2.7")]
public class DelayCompensationMigration : Migration
{
    public const string CompensationKeyIndex = "ux_preorder_delay_compensation_key";
    public const string CompensationCustomerIndex = "ix_preorder_delay_compensation_customer";
    public const string SwapOldLineIndex = "ux_preorder_delay_swap_old_line";

    public override void Up()
    {
        var changes = Table<PreorderShipDateChange>();
        if (!Schema.Table(changes).Column("compensation_kind_id").Exists())
            Alter.Table(changes).AddColumn("compensation_kind_id").AsInt32().NotNullable().WithDefaultValue(0);
        if (!Schema.Table(changes).Column("compensation_amount").Exists())
            Alter.Table(changes).AddColumn("compensation_amount").AsDecimal(18, 4).NotNullable().WithDefaultValue(0m);
        if (!Schema.Table(changes).Column("compensation_is_percent").Exists())
            Alter.Table(changes).AddColumn("compensation_is_percent").AsBoolean().NotNullable().WithDefaultValue(false);
        if (!Schema.Table(changes).Column("swap_product_id").Exists())
            Alter.Table(changes).AddColumn("swap_product_id").AsInt32().NotNullable().WithDefaultValue(0);
        if (!Schema.Table(changes).Column("compensated_through_line_id").Exists())
            Alter.Table(changes).AddColumn("compensated_through_line_id").AsInt32().NotNullable().WithDefaultValue(0);
        if (!Schema.Table(changes).Column("compensation_done_on_utc").Exists())
            Alter.Table(changes).AddColumn("compensation_done_on_utc").AsDateTime2().Nullable();

        var compensations = Table<PreorderDelayCompensation>();
        if (!Schema.Table(compensations).Exists())
        {
            Create.Table(compensations)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("ship_date_change_id").AsInt32().NotNullable()
                .WithColumn("compensation_key").AsString(100).NotNullable()
                .WithColumn("kind_id").AsInt32().NotNullable()
                .WithColumn("customer_id").AsInt32().NotNullable()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("line_id").AsInt32().NotNullable()
                .WithColumn("coupon_code").AsString(100).Nullable()
                .WithColumn("discount_id").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("amount").AsDecimal(18, 4).NotNullable()
                .WithColumn("is_percent").AsBoolean().NotNullable()
                .WithColumn("line_total_before").AsDecimal(18, 4).Nullable()
                .WithColumn("order_total_before").AsDecimal(18, 4).Nullable()
                .WithColumn("status_id").AsInt32().NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("completed_on_utc").AsDateTime2().Nullable();
        }
        if (!Schema.Table(compensations).Index(CompensationKeyIndex).Exists())
            Create.Index(CompensationKeyIndex).OnTable(compensations).OnColumn("compensation_key").Ascending().WithOptions().Unique();
        if (!Schema.Table(compensations).Index(CompensationCustomerIndex).Exists())
            Create.Index(CompensationCustomerIndex).OnTable(compensations).OnColumn("customer_id").Ascending().OnColumn("ship_date_change_id").Ascending();

        var swaps = Table<PreorderDelaySwap>();
        if (!Schema.Table(swaps).Exists())
        {
            Create.Table(swaps)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("ship_date_change_id").AsInt32().NotNullable()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("customer_id").AsInt32().NotNullable()
                .WithColumn("old_line_id").AsInt32().NotNullable()
                .WithColumn("new_product_id").AsInt32().NotNullable()
                .WithColumn("new_order_item_id").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("new_line_id").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("units_reserved").AsBoolean().NotNullable().WithDefaultValue(false)
                .WithColumn("amount_moved").AsDecimal(18, 4).NotNullable().WithDefaultValue(0m)
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("completed_on_utc").AsDateTime2().Nullable();
        }
        if (!Schema.Table(swaps).Index(SwapOldLineIndex).Exists())
            Create.Index(SwapOldLineIndex).OnTable(swaps).OnColumn("old_line_id").Ascending().WithOptions().Unique();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration: uninstalling keeps the data.
    }
}
