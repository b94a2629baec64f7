using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 2.5. Runs on install after the earlier ones and as an update; idempotent; Down() keeps everything.
/// <c>preorder_deposit_scope_rule</c>: deposit rules of categories and customer roles (<see cref="PreorderDepositScopeRule"/>),
/// unique per (scope, target) so a category or a role has one rule. The storefront reads the whole table once into the
/// cache (it is small: one row per category or role with a rule), so no other index is needed.
/// </summary>
[NopMigration("2026/12/12 09:00:00", "Nop.Plugin.Preorders schema 2.5")]
public class DepositScopeRuleMigration : Migration
{
    public const string TargetIndex = "ux_preorder_deposit_scope_rule_target";

    public override void Up()
    {
        var rules = Table<PreorderDepositScopeRule>();
        if (!Schema.Table(rules).Exists())
        {
            Create.Table(rules)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("scope_id").AsInt32().NotNullable()
                .WithColumn("target_id").AsInt32().NotNullable()
                .WithColumn("payment_mode_id").AsInt32().NotNullable()
                .WithColumn("deposit_rule_json").AsString(int.MaxValue).Nullable()
                .WithColumn("priority").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("updated_on_utc").AsDateTime2().NotNullable();
        }
        if (!Schema.Table(rules).Index(TargetIndex).Exists())
            Create.Index(TargetIndex).OnTable(rules).OnColumn("scope_id").Ascending().OnColumn("target_id").Ascending().WithOptions().Unique();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration: uninstalling keeps the data.
    }
}
