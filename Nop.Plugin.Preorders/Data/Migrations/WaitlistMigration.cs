using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 2.6. Runs on install after the earlier ones and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_waitlist_entry</c> (<see cref="PreorderWaitlistEntry"/>): unique per (product, e-mail), so joining twice
/// finds the row and two requests of the same join insert one; an index on (product, customer) for the signed-in
/// shopper's reads and the first-access check; an index on (launch recorded, id) for the task's keyset walk of the rows
/// still to e-mail.</item>
/// <item><c>preorder_waitlist_product</c> (<see cref="PreorderWaitlistProduct"/>): the first-access hours, unique per product.</item>
/// </list>
/// The message templates new with it are added by <see cref="PreorderPlugin.UpdateAsync"/>.
/// </summary>
[NopMigration("2026/12/13 09:00:00", "Nop.Plugin.Preorders schema 2.6")]
public class WaitlistMigration : Migration
{
    public const string ProductEmailIndex = "ux_preorder_waitlist_entry_product_email";
    public const string ProductCustomerIndex = "ix_preorder_waitlist_entry_product_customer";
    public const string PendingIndex = "ix_preorder_waitlist_entry_pending";
    public const string SettingsProductIndex = "ux_preorder_waitlist_product_product";

    public override void Up()
    {
        var entries = Table<PreorderWaitlistEntry>();
        if (!Schema.Table(entries).Exists())
        {
            Create.Table(entries)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("store_id").AsInt32().NotNullable()
                .WithColumn("customer_id").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("email").AsString(WaitlistRules.MaxEmailLength).NotNullable()
                .WithColumn("language_id").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("link_secret").AsString(64).NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("confirmed_on_utc").AsDateTime2().Nullable()
                .WithColumn("confirm_recorded_on_utc").AsDateTime2().Nullable()
                .WithColumn("launch_recorded_on_utc").AsDateTime2().Nullable();
        }
        if (!Schema.Table(entries).Index(ProductEmailIndex).Exists())
            Create.Index(ProductEmailIndex).OnTable(entries).OnColumn("product_id").Ascending().OnColumn("email").Ascending().WithOptions().Unique();
        if (!Schema.Table(entries).Index(ProductCustomerIndex).Exists())
            Create.Index(ProductCustomerIndex).OnTable(entries).OnColumn("product_id").Ascending().OnColumn("customer_id").Ascending();
        if (!Schema.Table(entries).Index(PendingIndex).Exists())
            Create.Index(PendingIndex).OnTable(entries).OnColumn("launch_recorded_on_utc").Ascending().OnColumn("id").Ascending();

        var settings = Table<PreorderWaitlistProduct>();
        if (!Schema.Table(settings).Exists())
        {
            Create.Table(settings)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("first_access_hours").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("updated_on_utc").AsDateTime2().NotNullable();
        }
        if (!Schema.Table(settings).Index(SettingsProductIndex).Exists())
            Create.Index(SettingsProductIndex).OnTable(settings).OnColumn("product_id").Ascending().WithOptions().Unique();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration: uninstalling keeps the data.
    }
}
