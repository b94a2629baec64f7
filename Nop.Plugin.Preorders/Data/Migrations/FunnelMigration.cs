using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 2.8. Runs on install after the earlier ones and as an update; idempotent; Down() keeps everything.
/// <c>preorder_product_view</c>: the product page views of pre-order products (<see cref="PreorderProductView"/>), unique
/// per product: the flush's additive UPDATE finds its row by product, and two nodes creating a product's row at once
/// leave one (the loser adds to it instead).
/// </summary>
[NopMigration("2026/12/15 09:00:00", "Nop.Plugin.Preorders schema 2.8")]
public class FunnelMigration : Migration
{
    public const string ProductIndex = "ux_preorder_product_view_product";

    public override void Up()
    {
        var views = Table<PreorderProductView>();
        if (!Schema.Table(views).Exists())
        {
            Create.Table(views)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("views").AsInt64().NotNullable().WithDefaultValue(0)
                .WithColumn("updated_on_utc").AsDateTime2().NotNullable();
        }
        if (!Schema.Table(views).Index(ProductIndex).Exists())
            Create.Index(ProductIndex).OnTable(views).OnColumn("product_id").Ascending().WithOptions().Unique();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration: uninstalling keeps the data.
    }
}
