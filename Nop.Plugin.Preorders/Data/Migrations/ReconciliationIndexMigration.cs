using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.2: the indexes the scheduled reconciliation reads by (bench 5: without them each run scanned
/// the accounts, the closed lines and the ledger's statuses). Runs on install after 1.1 and as an update;
/// idempotent; Down() keeps everything, like 1.0 and 1.1.
/// </summary>
[NopMigration("2026/11/23 12:00:00", "Nop.Plugin.Preorders schema 1.2")]
public class ReconciliationIndexMigration : Migration
{
    public override void Up()
    {
        CreateIndexIfMissing(Table<PreorderAccount>(), "ix_preorder_account_created", "created_on_utc");
        CreateIndexIfMissing(Table<PreorderLine>(), "ix_preorder_line_closed", "closed_on_utc");
        CreateIndexIfMissing(Table<PreorderLedgerEntry>(), "ix_preorder_ledger_status", "status_id", "created_on_utc");
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }

    private void CreateIndexIfMissing(string table, string name, params string[] columns)
    {
        if (Schema.Table(table).Index(name).Exists())
            return;
        var index = Create.Index(name).OnTable(table).OnColumn(columns[0]).Ascending();
        foreach (var column in columns.Skip(1))
            index = index.OnColumn(column).Ascending();
    }
}
