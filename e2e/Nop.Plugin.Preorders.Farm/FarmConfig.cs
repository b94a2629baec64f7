namespace Nop.Plugin.Preorders.Farm;

/// <summary>The farm tier's settings, all from the environment (see e2e/farm.sh).</summary>
public static class FarmConfig
{
    /// <summary>nopCommerce's source tree the shop was built in (its Nop.Web runs both nodes).</summary>
    public static string NopSource => Env("PREORDERS_FARM_NOP_SRC");

    /// <summary>The folder with nophost's start.sh and stop.sh.</summary>
    public static string NopHost => Env("PREORDERS_FARM_NOPHOST");

    /// <summary>Npgsql connection string of the shop's database (both nodes use it).</summary>
    public static string Database => Env("PREORDERS_FARM_DB");

    public static int[] Ports => (Env("PREORDERS_FARM_PORTS") ?? "5080,5081").Split(',').Select(int.Parse).ToArray();

    public static string Redis => Env("PREORDERS_FARM_REDIS") ?? "127.0.0.1:6379";

    public static int Shoppers => int.Parse(Env("PREORDERS_FARM_SHOPPERS") ?? "200");

    /// <summary>Checkouts in flight at once (each a shopper with its own cookies).</summary>
    public static int Concurrency => int.Parse(Env("PREORDERS_FARM_CONCURRENCY") ?? "40");

    /// <summary>The whole launch must end within this many seconds (bounded in time as well as count).</summary>
    public static int LaunchTimeoutSeconds => int.Parse(Env("PREORDERS_FARM_TIMEOUT") ?? "900");

    public static string AdminEmail => Env("PREORDERS_E2E_ADMIN_EMAIL") ?? "admin@example.com";

    public static string AdminPassword => Env("PREORDERS_E2E_ADMIN_PASSWORD") ?? "Admin123!";

    public const string PaymentMethod = "Misc.Preorders";

    public const string TaskType = "Nop.Plugin.Preorders.Services.Tasks.PreorderAutomationTask";

    public static bool Configured => NopSource != null && NopHost != null && Database != null;

    public static string Env(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
