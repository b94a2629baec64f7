using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.1: notifications, webhooks, audit and delays; line extensions and optimistic versions.
/// Runs on install after 1.0 and as an update from a 1.0 database (nopCommerce runs NoMatter migrations both ways).
/// Idempotent, so a reinstall over kept tables is safe; Down() keeps data like 1.0.
/// </summary>
[NopMigration("2026/11/23 09:00:00", "Nop.Plugin.Preorders schema 1.1")]
public class AutomationSchemaMigration : Migration
{
    public override void Up()
    {
        var lines = Table<PreorderLine>();
        if (!Schema.Table(lines).Column("extension_count").Exists())
            Alter.Table(lines).AddColumn("extension_count").AsInt32().NotNullable().WithDefaultValue(0);
        if (!Schema.Table(lines).Column("version").Exists())
            Alter.Table(lines).AddColumn("version").AsInt32().NotNullable().WithDefaultValue(0);

        if (!Schema.Table(Table<PreorderMessageLog>()).Exists())
        {
            Create.Table(Table<PreorderMessageLog>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("message_key").AsString(200).NotNullable()
                .WithColumn("template_name").AsString(200).Nullable()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("status_id").AsInt32().NotNullable()
                .WithColumn("attempts").AsInt32().NotNullable()
                .WithColumn("queued_email_id").AsInt32().NotNullable()
                .WithColumn("last_error").AsString(int.MaxValue).Nullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("sent_on_utc").AsDateTime2().Nullable();
            Create.Index("ux_preorder_message_key").OnTable(Table<PreorderMessageLog>())
                .OnColumn("message_key").Ascending().WithOptions().Unique();
            Create.Index("ix_preorder_message_status").OnTable(Table<PreorderMessageLog>()).OnColumn("status_id").Ascending();
        }

        if (!Schema.Table(Table<PreorderWebhookDelivery>()).Exists())
        {
            Create.Table(Table<PreorderWebhookDelivery>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("delivery_key").AsString(200).NotNullable()
                .WithColumn("event_type").AsString(100).NotNullable()
                .WithColumn("url").AsString(1000).NotNullable()
                .WithColumn("payload_json").AsString(int.MaxValue).NotNullable()
                .WithColumn("status_id").AsInt32().NotNullable()
                .WithColumn("attempts").AsInt32().NotNullable()
                .WithColumn("next_attempt_on_utc").AsDateTime2().NotNullable()
                .WithColumn("last_error").AsString(int.MaxValue).Nullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("delivered_on_utc").AsDateTime2().Nullable();
            Create.Index("ux_preorder_webhook_key").OnTable(Table<PreorderWebhookDelivery>())
                .OnColumn("delivery_key").Ascending().WithOptions().Unique();
            Create.Index("ix_preorder_webhook_due").OnTable(Table<PreorderWebhookDelivery>())
                .OnColumn("status_id").Ascending().OnColumn("next_attempt_on_utc").Ascending();
        }

        if (!Schema.Table(Table<PreorderAuditEntry>()).Exists())
        {
            Create.Table(Table<PreorderAuditEntry>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("action").AsString(100).NotNullable()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("preorder_line_id").AsInt32().NotNullable()
                .WithColumn("customer_id").AsInt32().NotNullable()
                .WithColumn("details").AsString(int.MaxValue).Nullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable();
            Create.Index("ix_preorder_audit_order").OnTable(Table<PreorderAuditEntry>()).OnColumn("order_id").Ascending();
            Create.Index("ix_preorder_audit_created").OnTable(Table<PreorderAuditEntry>()).OnColumn("created_on_utc").Descending();
        }

        if (!Schema.Table(Table<PreorderShipDateChange>()).Exists())
        {
            Create.Table(Table<PreorderShipDateChange>())
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("old_date_utc").AsDateTime2().Nullable()
                .WithColumn("new_date_utc").AsDateTime2().Nullable()
                .WithColumn("reason").AsString(2000).Nullable()
                .WithColumn("penalty_free_cancel").AsBoolean().NotNullable()
                .WithColumn("changed_by_customer_id").AsInt32().NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable();
            Create.Index("ix_preorder_ship_date_change_product").OnTable(Table<PreorderShipDateChange>()).OnColumn("product_id").Ascending();
        }
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }
}
