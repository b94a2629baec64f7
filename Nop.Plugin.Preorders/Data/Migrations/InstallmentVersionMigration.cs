using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.3 (plugin 1.2.0): installments remember the account version of the refresh that wrote what they say
/// was paid (<see cref="PreorderInstallment.AccountVersion"/>), so an older refresh cannot write over a newer one.
/// Runs on install after 1.2 and as an update; idempotent; Down() keeps everything, like the earlier schemas.
/// Rows written before it start at 0: the next refresh of their account writes them. Also an index on the
/// accounts' last change, for the reconciliation's settling of closed lines whose order's money moved.
/// </summary>
[NopMigration("2026/11/24 09:00:00", "Nop.Plugin.Preorders schema 1.3")]
public class InstallmentVersionMigration : Migration
{
    public override void Up()
    {
        var installments = Table<PreorderInstallment>();
        if (!Schema.Table(installments).Column("account_version").Exists())
            Alter.Table(installments).AddColumn("account_version").AsInt32().NotNullable().WithDefaultValue(0);

        // the reconciliation settles closed lines of orders whose money moved since its previous run
        var accounts = Table<PreorderAccount>();
        if (!Schema.Table(accounts).Index("ix_preorder_account_updated").Exists())
            Create.Index("ix_preorder_account_updated").OnTable(accounts).OnColumn("updated_on_utc").Ascending();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }
}
