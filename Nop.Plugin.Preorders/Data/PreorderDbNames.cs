using System.Text;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Data;

/// <summary>
/// Table and column names of the plugin. Everything is lower snake_case so the few raw SQL statements
/// (the cap counter's conditional UPDATE) need no identifier quoting on any database nopCommerce supports:
/// SQL Server, MySQL, PostgreSQL (which folds unquoted names to lower case), and SQLite in our tests.
/// </summary>
public static class PreorderDbNames
{
    public static IReadOnlyList<Type> EntityTypes { get; } = new[]
    {
        typeof(PreorderProfile), typeof(PreorderCapCounter), typeof(PreorderLine), typeof(PreorderAccount),
        typeof(PreorderLedgerEntry), typeof(PreorderInstallment), typeof(PreorderBalanceToken),
        typeof(PreorderMessageLog), typeof(PreorderWebhookDelivery), typeof(PreorderAuditEntry),
        typeof(PreorderShipDateChange), typeof(PreorderCustomerCounter), typeof(PreorderExtensionRequest), typeof(PreorderMissedShipDate),
        typeof(PreorderCampaignUpdate), typeof(PreorderCampaignOptOut), typeof(PreorderDepositScopeRule), typeof(PreorderProductView),
        typeof(PreorderDelayCompensation), typeof(PreorderDelaySwap),
        typeof(PreorderReservationCounter), typeof(PreorderReservationIntent),
        typeof(PreorderWaitlistEntry), typeof(PreorderWaitlistProduct)
    };

    public static string Table<TEntity>() => Table(typeof(TEntity));

    public static string Table(Type entityType) => ToSnakeCase(entityType.Name);

    public static string Column<TEntity>(string propertyName) => ToSnakeCase(propertyName);

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
