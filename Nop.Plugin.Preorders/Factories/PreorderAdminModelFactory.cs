namespace Nop.Plugin.Preorders.Factories;

/// <summary>Admin models (grids, dashboard, order block). Being written for the admin issue.</summary>
public class PreorderAdminModelFactory
{
}
