using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.7. Runs on install after 1.6 and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_line.cancel_reason_id</c>: the reason chosen from the list when the line was cancelled
/// (<see cref="CancellationReason"/>); lines cancelled before 1.7 keep 0, "no reason given".</item>
/// <item><c>preorder_line.cancel_reason_text</c>: the free text given with it (1000: the merchant's note, which is also
/// the close reason).</item>
/// </list>
/// No new index: the dashboard groups one product's cancelled lines, which the (product, state, ...) queue index finds.
/// The reason names are locale resources added by <see cref="PreorderPlugin.UpdateAsync"/> after this migration.
/// </summary>
[NopMigration("2026/12/06 09:00:00", "Nop.Plugin.Preorders schema 1.7")]
public class CancellationReasonMigration : Migration
{
    public override void Up()
    {
        var lines = Table<PreorderLine>();
        if (!Schema.Table(lines).Column("cancel_reason_id").Exists())
            Alter.Table(lines).AddColumn("cancel_reason_id").AsInt32().NotNullable().WithDefaultValue(0);
        if (!Schema.Table(lines).Column("cancel_reason_text").Exists())
            Alter.Table(lines).AddColumn("cancel_reason_text").AsString(1000).Nullable();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration: uninstalling keeps the data.
    }
}
