using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 1.4 (plugin 1.3.0). Runs on install after 1.3 and as an update; idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item>Accounts remember when nopCommerce answered the mark-paid call (<see cref="PreorderAccount.MarkPaidConfirmedOnUtc"/>),
/// indexed with the claim, so the reconciliation finds every claim whose call died, however old, in one seek.
/// Accounts already marked are taken as answered (their orders were marked then, or the ledger check reports them).</item>
/// <item>On PostgreSQL, an index on the ledger's keys with <c>text_pattern_ops</c>: the next key of an intent
/// counts keys by prefix (<c>LIKE 'pay:12:0:%'</c>), which the unique index cannot serve under a non-C
/// collation. SQL Server and MySQL serve a prefix LIKE from the unique index already.</item>
/// </list>
/// </summary>
[NopMigration("2026/12/03 20:00:00", "Nop.Plugin.Preorders schema 1.4")]
public class MarkPaidRetryMigration : Migration
{
    public const string ClaimIndex = "ix_preorder_account_mark_paid";
    public const string KeyPrefixIndex = "ix_preorder_ledger_key_prefix";

    public override void Up()
    {
        var accounts = Table<PreorderAccount>();
        if (!Schema.Table(accounts).Column("mark_paid_confirmed_on_utc").Exists())
        {
            Alter.Table(accounts).AddColumn("mark_paid_confirmed_on_utc").AsDateTime2().Nullable();
            // a boolean literal per database; on a database not named here the accounts stay unanswered and the
            // reconciliation asks nopCommerce once for each (an order already paid is only stamped)
            var stamp = $"UPDATE {PreorderDbNames.Table<PreorderAccount>()} SET mark_paid_confirmed_on_utc = updated_on_utc WHERE marked_paid_in_nop = ";
            IfDatabase("postgres", "postgresql").Execute.Sql(stamp + "TRUE");
            IfDatabase("sqlserver", "mysql", "sqlite").Execute.Sql(stamp + "1");
        }
        if (!Schema.Table(accounts).Index(ClaimIndex).Exists())
            Create.Index(ClaimIndex).OnTable(accounts).OnColumn("marked_paid_in_nop").Ascending().OnColumn("mark_paid_confirmed_on_utc").Ascending();

        IfDatabase("postgres", "postgresql").Execute.Sql(
            $"CREATE INDEX IF NOT EXISTS {KeyPrefixIndex} ON {Table<PreorderLedgerEntry>()} (idempotency_key text_pattern_ops)");
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration.
    }
}
