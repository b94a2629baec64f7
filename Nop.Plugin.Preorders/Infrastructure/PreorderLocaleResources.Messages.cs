namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Notification texts (template descriptions, token names).</summary>
    private static Dictionary<string, (string En, string Ru)> Messages => new()
    {
    };
}
