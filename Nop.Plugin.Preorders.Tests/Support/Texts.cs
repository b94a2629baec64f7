using Nop.Plugin.Preorders.Infrastructure;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>The English texts the fake localization service returns (the plugin's own resources), for assertions.</summary>
public static class Texts
{
    public static string En(string key) => PreorderLocaleResources.All.TryGetValue(key, out var text) ? text.En : key;

    public static string Format(string key, params object[] args) => string.Format(En(key), args);

    /// <summary>The text up to its first placeholder.</summary>
    public static string Prefix(string key) => En(key).Split('{')[0];
}
