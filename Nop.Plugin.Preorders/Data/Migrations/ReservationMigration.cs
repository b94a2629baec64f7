using FluentMigrator;
using Nop.Data.Migrations;
using Nop.Plugin.Preorders.Domain;
using static Nop.Plugin.Preorders.Data.PreorderDbNames;

namespace Nop.Plugin.Preorders.Data.Migrations;

/// <summary>
/// Schema 2.4: reserving an in-stock item with a deposit. Idempotent; Down() keeps everything.
/// <list type="bullet">
/// <item><c>preorder_profile</c>: <c>reservable</c>, <c>reservation_term_days</c> (the merchant's flag and term).</item>
/// <item><c>preorder_line.is_reservation</c>: the line is a reservation (placed allocated, unit held by the counter below).</item>
/// <item><c>preorder_reservation_counter</c>: units and held per product, unique per product (the hold's conditional UPDATE).</item>
/// <item><c>preorder_reservation_intent</c>: the shopper's "Reserve with deposit", unique per (customer, product).</item>
/// </list>
/// </summary>
[NopMigration("2026/12/11 09:00:00", "Nop.Plugin.Preorders schema 2.4")]
public class ReservationMigration : Migration
{
    public const string CounterProductIndex = "ux_preorder_reservation_counter_product";
    public const string IntentIndex = "ux_preorder_reservation_intent_customer_product";

    public override void Up()
    {
        var profiles = Table<PreorderProfile>();
        if (!Schema.Table(profiles).Column("reservable").Exists())
            Alter.Table(profiles).AddColumn("reservable").AsBoolean().NotNullable().WithDefaultValue(false);
        if (!Schema.Table(profiles).Column("reservation_term_days").Exists())
            Alter.Table(profiles).AddColumn("reservation_term_days").AsInt32().Nullable();

        var lines = Table<PreorderLine>();
        if (!Schema.Table(lines).Column("is_reservation").Exists())
            Alter.Table(lines).AddColumn("is_reservation").AsBoolean().NotNullable().WithDefaultValue(false);

        var counters = Table<PreorderReservationCounter>();
        if (!Schema.Table(counters).Exists())
        {
            Create.Table(counters)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("units").AsInt32().NotNullable().WithDefaultValue(0)
                .WithColumn("held").AsInt32().NotNullable().WithDefaultValue(0);
        }
        if (!Schema.Table(counters).Index(CounterProductIndex).Exists())
            Create.Index(CounterProductIndex).OnTable(counters).OnColumn("product_id").Ascending().WithOptions().Unique();

        var intents = Table<PreorderReservationIntent>();
        if (!Schema.Table(intents).Exists())
        {
            Create.Table(intents)
                .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
                .WithColumn("customer_id").AsInt32().NotNullable()
                .WithColumn("product_id").AsInt32().NotNullable()
                .WithColumn("created_on_utc").AsDateTime2().NotNullable();
        }
        if (!Schema.Table(intents).Index(IntentIndex).Exists())
            Create.Index(IntentIndex).OnTable(intents).OnColumn("customer_id").Ascending().OnColumn("product_id").Ascending().WithOptions().Unique();
    }

    public override void Down()
    {
        // Intentionally empty, as in SchemaMigration: uninstalling keeps the data.
    }
}
