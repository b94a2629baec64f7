namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Admin texts (menu, grids, dashboard, actions).</summary>
    private static Dictionary<string, (string En, string Ru)> Admin => new()
    {
    };
}
