using FluentMigrator.Builders.Create.Table;
using Nop.Core;
using Nop.Data.Mapping.Builders;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Data.Mapping;

/// <summary>
/// Names the key column of a plugin table <c>id</c>, as the plugin's migrations create it.
/// Why: nopCommerce builds its linq2db mapping from the FluentMigrator auto-mapping of each entity
/// (<c>NopMappingSchema</c>), and for an entity without an entity builder it adds the key column under the
/// literal name <c>Id</c>, ignoring <see cref="PreorderNameCompatibility"/>. On PostgreSQL, whose quoted names are
/// case-sensitive, every query then asked for <c>"Id"</c> of a table whose column is <c>id</c> and failed.
/// With the key declared here, nopCommerce maps every other property through the name compatibility
/// (snake_case) as before. Found by nopCommerce's type scan: one concrete builder per entity.
/// </summary>
public abstract class PreorderEntityBuilder<TEntity> : NopEntityBuilder<TEntity> where TEntity : BaseEntity
{
    /// <summary>The key column's name in every plugin table.</summary>
    public const string KeyColumn = "id";

    public override void MapEntity(CreateTableExpressionBuilder table)
    {
        ICreateTableWithColumnSyntax columns = table;
        columns.WithColumn(KeyColumn).AsInt32().NotNullable().PrimaryKey().Identity();
    }
}

public class PreorderProfileBuilder : PreorderEntityBuilder<PreorderProfile>;

public class PreorderCapCounterBuilder : PreorderEntityBuilder<PreorderCapCounter>;

public class PreorderLineBuilder : PreorderEntityBuilder<PreorderLine>;

public class PreorderAccountBuilder : PreorderEntityBuilder<PreorderAccount>;

public class PreorderLedgerEntryBuilder : PreorderEntityBuilder<PreorderLedgerEntry>;

public class PreorderInstallmentBuilder : PreorderEntityBuilder<PreorderInstallment>;

public class PreorderBalanceTokenBuilder : PreorderEntityBuilder<PreorderBalanceToken>;

public class PreorderMessageLogBuilder : PreorderEntityBuilder<PreorderMessageLog>;

public class PreorderWebhookDeliveryBuilder : PreorderEntityBuilder<PreorderWebhookDelivery>;

public class PreorderAuditEntryBuilder : PreorderEntityBuilder<PreorderAuditEntry>;

public class PreorderShipDateChangeBuilder : PreorderEntityBuilder<PreorderShipDateChange>;

public class PreorderCustomerCounterBuilder : PreorderEntityBuilder<PreorderCustomerCounter>;

public class PreorderExtensionRequestBuilder : PreorderEntityBuilder<PreorderExtensionRequest>;

public class PreorderMissedShipDateBuilder : PreorderEntityBuilder<PreorderMissedShipDate>;

public class PreorderCampaignUpdateBuilder : PreorderEntityBuilder<PreorderCampaignUpdate>;

public class PreorderCampaignOptOutBuilder : PreorderEntityBuilder<PreorderCampaignOptOut>;

public class PreorderDepositScopeRuleBuilder : PreorderEntityBuilder<PreorderDepositScopeRule>;
public class PreorderProductViewBuilder : PreorderEntityBuilder<PreorderProductView>;
public class PreorderDelayCompensationBuilder : PreorderEntityBuilder<PreorderDelayCompensation>;

public class PreorderDelaySwapBuilder : PreorderEntityBuilder<PreorderDelaySwap>;
public class PreorderReservationCounterBuilder : PreorderEntityBuilder<PreorderReservationCounter>;

public class PreorderReservationIntentBuilder : PreorderEntityBuilder<PreorderReservationIntent>;
public class PreorderWaitlistEntryBuilder : PreorderEntityBuilder<PreorderWaitlistEntry>;

public class PreorderWaitlistProductBuilder : PreorderEntityBuilder<PreorderWaitlistProduct>;
