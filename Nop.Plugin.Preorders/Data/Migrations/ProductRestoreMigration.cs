using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.9 (plugin 1.6.0). Runs on install after 1.8 and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_profile.nop_backorder_mode_before_id</c> and <c>nop_low_stock_activity_before_id</c>: what the
/// product's backorder mode and low-stock activity were before the plugin changed them for the pre-order
/// (<see cref="PreorderProfile.NopBackorderModeBeforeId"/>), so that releasing the product puts them back. Profiles of
/// earlier versions have none recorded: their products keep what they have (nothing is guessed).</item>
/// <item><c>preorder_profile.nop_combinations_allowed_out_of_stock</c>: the attribute combinations the plugin made allow
/// out-of-stock orders while the product is a pre-order (<see cref="PreorderProfile.NopCombinationsAllowedOutOfStock"/>).</item>
/// </list>
/// </summary>
[NopMigration("2026/12/06 15:00:00", "Nop.Plugin.Preorders schema 1.9")]
public class ProductRestoreMigration : Migration
{
    public override void Up()
    {
        var profiles = Table<PreorderProfile>();
        if (!Schema.Table(profiles).Column("nop_backorder_mode_before_id").Exists())
            Alter.Table(profiles).AddColumn("nop_backorder_mode_before_id").AsInt32().Nullable();
        if (!Schema.Table(profiles).Column("nop_low_stock_activity_before_id").Exists())
            Alter.Table(profiles).AddColumn("nop_low_stock_activity_before_id").AsInt32().Nullable();
        if (!Schema.Table(profiles).Column("nop_combinations_allowed_out_of_stock").Exists())
            Alter.Table(profiles).AddColumn("nop_combinations_allowed_out_of_stock").AsString(int.MaxValue).Nullable();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }
}
