using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 2.3. Runs on install after the earlier ones and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_campaign_update</c>: the stages of a campaign the merchant posts (<see cref="PreorderCampaignUpdate"/>).
/// The index on (product, created) serves the product page's timeline and the admin list; the index on (done, id) serves
/// the task's read of the updates whose buyers are not all e-mailed yet.</item>
/// <item><c>preorder_campaign_opt_out</c>: shoppers who want no campaign update e-mails, unique per customer (the task's
/// NOT EXISTS and the account checkbox read it by customer).</item>
/// <item>An index on <c>preorder_line</c> (product, customer): the task's step walks a product's buyers by customer id
/// (keyset), which the (product, state, ...) index cannot give in customer order.</item>
/// </list>
/// The message template new with it is added by <see cref="PreorderPlugin.UpdateAsync"/>.
/// </summary>
[NopMigration("2026/12/10 09:00:00", "Nop.Plugin.Preorders schema 2.3")]
public class CampaignUpdateMigration : Migration
{
    public const string ProductIndex = "ix_preorder_campaign_update_product";
    public const string PendingIndex = "ix_preorder_campaign_update_pending";
    public const string OptOutCustomerIndex = "ux_preorder_campaign_opt_out_customer";
    public const string LineBuyerIndex = "ix_preorder_line_product_customer";

    public override void Up()
    {
        var updates = Table<PreorderCampaignUpdate>();
        if (!Schema.Table(updates).Exists())
        {
            Create.Table(updates)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("stage_id").AsInt32().NotNullable()
                .WithColumn("text").AsString(CampaignUpdateRules.MaxTextLength).Nullable()
                .WithColumn("posted_by_customer_id").AsInt32().NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable()
                .WithColumn("deleted_on_utc").AsDateTime2().Nullable()
                .WithColumn("announced_on_utc").AsDateTime2().Nullable()
                .WithColumn("recipients_after_customer_id").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("recipients_recorded").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("recipients_done_on_utc").AsDateTime2().Nullable();
        }
        if (!Schema.Table(updates).Index(ProductIndex).Exists())
            Create.Index(ProductIndex).OnTable(updates).OnColumn("product_id").Ascending().OnColumn("created_on_utc").Ascending();
        if (!Schema.Table(updates).Index(PendingIndex).Exists())
            Create.Index(PendingIndex).OnTable(updates).OnColumn("recipients_done_on_utc").Ascending().OnColumn("id").Ascending();

        var optOuts = Table<PreorderCampaignOptOut>();
        if (!Schema.Table(optOuts).Exists())
        {
            Create.Table(optOuts)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("customer_id").AsInt32().NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable();
        }
        if (!Schema.Table(optOuts).Index(OptOutCustomerIndex).Exists())
            Create.Index(OptOutCustomerIndex).OnTable(optOuts).OnColumn("customer_id").Ascending().WithOptions().Unique();

        var lines = Table<PreorderLine>();
        if (!Schema.Table(lines).Index(LineBuyerIndex).Exists())
            Create.Index(LineBuyerIndex).OnTable(lines).OnColumn("product_id").Ascending().OnColumn("customer_id").Ascending();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration: uninstalling keeps the data.
    }
}
