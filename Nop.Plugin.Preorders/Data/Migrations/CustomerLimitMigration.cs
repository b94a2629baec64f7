using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.5 (plugin 1.4.0). Runs on install after 1.4 and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_customer_counter</c>: units per product and shopper identity (account, billing e-mail), the
/// per-customer limit's conditional UPDATE (<see cref="PreorderCustomerCounter"/>). Rows are created on first use
/// from the lines, so shops updating from 1.4 need no data step.</item>
/// <item><c>preorder_line.email_hash</c>: the billing e-mail's hash of the line's order (null for lines placed before
/// 1.5, which count by customer account only), with an index for the counter's first count.</item>
/// </list>
/// </summary>
[NopMigration("2026/12/04 09:00:00", "Nop.Plugin.Preorders schema 1.5")]
public class CustomerLimitMigration : Migration
{
    public const string CounterScopeIndex = "ux_preorder_customer_counter_scope";
    public const string LineEmailIndex = "ix_preorder_line_email";

    public override void Up()
    {
        var counters = Table<PreorderCustomerCounter>();
        if (!Schema.Table(counters).Exists())
        {
            Create.Table(counters)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("identity_key").AsString(80).NotNullable()
                .WithColumn("held").AsInt32().NotNullable().WithDefaultValue(0);
        }
        if (!Schema.Table(counters).Index(CounterScopeIndex).Exists())
            Create.Index(CounterScopeIndex).OnTable(counters)
                .OnColumn("product_id").Ascending().OnColumn("identity_key").Ascending().WithOptions().Unique();

        var lines = Table<PreorderLine>();
        if (!Schema.Table(lines).Column("email_hash").Exists())
            Alter.Table(lines).AddColumn("email_hash").AsString(64).Nullable();
        if (!Schema.Table(lines).Index(LineEmailIndex).Exists())
            Create.Index(LineEmailIndex).OnTable(lines).OnColumn("email_hash").Ascending().OnColumn("product_id").Ascending();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }
}
