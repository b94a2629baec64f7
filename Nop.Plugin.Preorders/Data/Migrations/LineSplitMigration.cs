using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 2.1 ("Ship what arrived"). Runs on install after the earlier schemas and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_line.split_from_line_id</c>, <c>split_from_version</c>: a line split off a waiting line when only
/// part of its units arrived (<see cref="PreorderLine.SplitFromLineId"/>); 0 and 0 for every line placed from an order item.</item>
/// <item>The unique index on the order item becomes unique on (order item, split from, split version): an order item
/// now has one placed line (0, 0), which placement's idempotency still relies on, plus one row per split of it.</item>
/// </list>
/// </summary>
[NopMigration("2026/12/08 09:00:00", "Nop.Plugin.Preorders schema 2.1")]
public class LineSplitMigration : Migration
{
    public const string OldOrderItemIndex = "ux_preorder_line_order_item";

    public const string OrderItemSplitIndex = "ux_preorder_line_order_item_split";

    /// <summary>Finds the parts split off lines of a product queue (the check for a split a crash left half done).</summary>
    public const string SplitIndex = "ix_preorder_line_split_from";

    public override void Up()
    {
        var lines = Table<PreorderLine>();
        if (!Schema.Table(lines).Column("split_from_line_id").Exists())
            Alter.Table(lines).AddColumn("split_from_line_id").AsInt32().NotNullable().WithDefaultValue(0);
        if (!Schema.Table(lines).Column("split_from_version").Exists())
            Alter.Table(lines).AddColumn("split_from_version").AsInt32().NotNullable().WithDefaultValue(0);
        // the new index first: the order item stays covered by a unique index at every moment
        if (!Schema.Table(lines).Index(OrderItemSplitIndex).Exists())
            Create.Index(OrderItemSplitIndex).OnTable(lines)
                .OnColumn("order_item_id").Ascending().OnColumn("split_from_line_id").Ascending().OnColumn("split_from_version").Ascending()
                .WithOptions().Unique();
        if (Schema.Table(lines).Index(OldOrderItemIndex).Exists())
            Delete.Index(OldOrderItemIndex).OnTable(lines);
        if (!Schema.Table(lines).Index(SplitIndex).Exists())
            Create.Index(SplitIndex).OnTable(lines).OnColumn("split_from_line_id").Ascending();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration: uninstalling keeps the data.
    }
}
