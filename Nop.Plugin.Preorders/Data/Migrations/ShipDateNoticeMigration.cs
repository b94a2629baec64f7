using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 2.0. Runs on install after 1.9 and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_ship_date_change.notified_through_order_id</c>: the task's keyset cursor over the affected orders
/// (<see cref="PreorderShipDateChange.NotifiedThroughOrderId"/>). The delay notices are no longer recorded inside the
/// admin's product save: with tens of thousands of waiting orders that save took over a minute.</item>
/// <item><c>preorder_ship_date_change.notices_done_on_utc</c>: when the last notice was recorded. Changes made before
/// 2.0 were notified in the save that made them: they are stamped with their own date, so the first run after the
/// update sends nothing twice.</item>
/// <item>An index on (done, id): the task reads the changes still to notify, oldest first.</item>
/// </list>
/// </summary>
[NopMigration("2026/12/07 09:00:00", "Nop.Plugin.Preorders schema 2.0")]
public class ShipDateNoticeMigration : Migration
{
    public const string PendingIndex = "ix_preorder_ship_date_change_pending";

    public override void Up()
    {
        var changes = Table<PreorderShipDateChange>();
        if (!Schema.Table(changes).Column("notified_through_order_id").Exists())
            Alter.Table(changes).AddColumn("notified_through_order_id").AsInt32().NotNullable().WithDefaultValue(0);
        if (!Schema.Table(changes).Column("notices_done_on_utc").Exists())
        {
            Alter.Table(changes).AddColumn("notices_done_on_utc").AsDateTime2().Nullable();
            Execute.Sql($"UPDATE {PreorderDbNames.Table<PreorderShipDateChange>()} SET notices_done_on_utc = created_on_utc");
        }
        if (!Schema.Table(changes).Index(PendingIndex).Exists())
            Create.Index(PendingIndex).OnTable(changes).OnColumn("notices_done_on_utc").Ascending().OnColumn("id").Ascending();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }
}
