using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.8. Runs on install after the earlier ones and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_extension_request</c>: shoppers' requests for more time beyond the automatic extensions
/// (<see cref="PreorderExtensionRequest"/>). The unique index on (line, sequence) is what refuses a second request
/// sent at the same moment as the first; the index on (status, line) serves the admin grid's "extension requested" filter.</item>
/// <item><c>preorder_missed_ship_date</c>: waiting lines whose expected ship date passed, as the task handled them
/// (<see cref="PreorderMissedShipDate"/>). The unique line index is the notice's claim; the index on (refund due, handled)
/// serves the task's read of the refunds that came due.</item>
/// </list>
/// The message templates new with it are added by <see cref="PreorderPlugin.UpdateAsync"/>.
/// </summary>
[NopMigration("2026/12/06 12:00:00", "Nop.Plugin.Preorders schema 1.8")]
public class PaymentScheduleMigration : Migration
{
    public const string LineSequenceIndex = "ux_preorder_extension_request_line_seq";
    public const string StatusIndex = "ix_preorder_extension_request_status";
    public const string MissedLineIndex = "ux_preorder_missed_ship_date_line";
    public const string MissedRefundIndex = "ix_preorder_missed_ship_date_refund";

    public override void Up()
    {
        var requests = Table<PreorderExtensionRequest>();
        if (!Schema.Table(requests).Exists())
        {
            Create.Table(requests)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("preorder_line_id").AsInt32().NotNullable()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("store_id").AsInt32().NotNullable()
                .WithColumn("sequence").AsInt32().NotNullable()
                .WithColumn("requested_days").AsInt32().NotNullable()
                .WithColumn("message").AsString(Services.Rules.ExtensionRequestRules.MaxMessageLength).Nullable()
                .WithColumn("status_id").AsInt32().NotNullable()
                .WithColumn("requested_by_customer_id").AsInt32().NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("decided_on_utc").AsDateTime2().Nullable()
                .WithColumn("decided_by_customer_id").AsInt32().NotNullable().WithDefaultValue(0);
        }
        if (!Schema.Table(requests).Index(LineSequenceIndex).Exists())
            Create.Index(LineSequenceIndex).OnTable(requests)
                .OnColumn("preorder_line_id").Ascending().OnColumn("sequence").Ascending().WithOptions().Unique();
        if (!Schema.Table(requests).Index(StatusIndex).Exists())
            Create.Index(StatusIndex).OnTable(requests).OnColumn("status_id").Ascending().OnColumn("preorder_line_id").Ascending();
        UpMissedShipDates();
    }

    private void UpMissedShipDates()
    {
        var missed = Table<PreorderMissedShipDate>();
        if (!Schema.Table(missed).Exists())
        {
            Create.Table(missed)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("preorder_line_id").AsInt32().NotNullable()
                .WithColumn("order_id").AsInt32().NotNullable()
                .WithColumn("store_id").AsInt32().NotNullable()
                .WithColumn("ship_date_utc").AsDateTime2().NotNullable()
                .WithColumn("notified_on_utc").AsDateTime2().NotNullable()
                .WithColumn("refund_due_on_utc").AsDateTime2().Nullable()
                .WithColumn("refund_handled_on_utc").AsDateTime2().Nullable()
                .WithColumn("refunded").AsBoolean().NotNullable().WithDefaultValue(false);
        }
        if (!Schema.Table(missed).Index(MissedLineIndex).Exists())
            Create.Index(MissedLineIndex).OnTable(missed).OnColumn("preorder_line_id").Ascending().WithOptions().Unique();
        if (!Schema.Table(missed).Index(MissedRefundIndex).Exists())
            Create.Index(MissedRefundIndex).OnTable(missed).OnColumn("refund_due_on_utc").Ascending().OnColumn("refund_handled_on_utc").Ascending();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }
}
