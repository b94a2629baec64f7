namespace Nop.Plugin.Preorders.E2E;

/// <summary>The suite's settings, all from the environment (see e2e/run.sh).</summary>
public static class E2EConfig
{
    /// <summary>Base URL of a running nopCommerce 4.90 shop (required), e.g. http://127.0.0.1:5000.</summary>
    public static string BaseUrl => Env("PREORDERS_E2E_BASE_URL")?.TrimEnd('/');

    public static string AdminEmail => Env("PREORDERS_E2E_ADMIN_EMAIL") ?? "admin@example.com";

    public static string AdminPassword => Env("PREORDERS_E2E_ADMIN_PASSWORD") ?? "Admin123!";

    /// <summary>The plugin archive to upload when the shop does not have the plugin yet.</summary>
    public static string PluginZip => Env("PREORDERS_E2E_ZIP");

    /// <summary>Npgsql connection string of the shop's database (optional): read-only use of "Log" and "QueuedEmail".</summary>
    public static string Database => Env("PREORDERS_E2E_DB");

    /// <summary>Screenshots and the accessibility report.</summary>
    public static string OutDir => Path.GetFullPath(Env("PREORDERS_E2E_OUT") ?? Path.Combine(RepositoryRoot(), "e2e", "out"));

    /// <summary>Debian's Chromium; never a downloaded browser.</summary>
    public static string Chromium => Env("PREORDERS_E2E_CHROMIUM") ?? "/usr/bin/chromium";

    public static bool Headed => Env("PREORDERS_E2E_HEADED") == "1";

    public const string PluginSystemName = "Misc.Preorders";

    public const string PaymentMethodName = "Pre-orders and deposits";

    /// <summary>A simple sample product without required attributes (the one the shop's checkout example uses).</summary>
    public static string ProductPath => Env("PREORDERS_E2E_PRODUCT") ?? "/htc-smartphone";

    /// <summary>A sample product with stock tracked at product level and no pre-order settings: the automatic pre-order journey.</summary>
    public static string AutoProductPath => Env("PREORDERS_E2E_AUTO_PRODUCT") ?? "/lenovo-ideacentre";

    private static string Env(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "plugin.json")))
            dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
