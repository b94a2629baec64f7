using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.6 (plugin 1.5.0). Runs on install after 1.5 and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_line.allocation_notified_on_utc</c>: when the task recorded the stock-arrived e-mail and webhook
/// of the line's allocation (<see cref="PreorderLine.AllocationNotifiedOnUtc"/>). Allocation no longer writes them
/// inside the request that raised the stock. Lines allocated before 1.6 were notified then: they are stamped with
/// their allocation date, so the first run after the update sends nothing twice.</item>
/// <item>An index on (notified, allocated): the task reads the allocated lines not yet notified, oldest first.</item>
/// </list>
/// The message templates and texts new in plugin 1.5.0 are added by <see cref="PreorderPlugin.UpdateAsync"/>, which
/// nopCommerce calls after this migration when the plugin's version changes (a migration cannot reach the
/// localization and template services).
/// </summary>
[NopMigration("2026/12/05 09:00:00", "Nop.Plugin.Preorders schema 1.6")]
public class AllocationNoticeMigration : Migration
{
    public const string NoticeIndex = "ix_preorder_line_allocation_notice";

    public override void Up()
    {
        var lines = Table<PreorderLine>();
        if (!Schema.Table(lines).Column("allocation_notified_on_utc").Exists())
        {
            Alter.Table(lines).AddColumn("allocation_notified_on_utc").AsDateTime2().Nullable();
            Execute.Sql($"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET allocation_notified_on_utc = allocated_on_utc WHERE allocated_on_utc IS NOT NULL");
        }
        if (!Schema.Table(lines).Index(NoticeIndex).Exists())
            Create.Index(NoticeIndex).OnTable(lines).OnColumn("allocation_notified_on_utc").Ascending().OnColumn("allocated_on_utc").Ascending();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }
}
