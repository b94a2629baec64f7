namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>Cap accounting as plain arithmetic; the atomic part lives in the database (CapReservationService).</summary>
public static class CapRules
{
    public static int Remaining(int? cap, int sold) => cap is int c ? Math.Max(0, c - sold) : int.MaxValue;

    public static bool CanTake(int? cap, int sold, int quantity) => quantity > 0 && (cap is null || sold + quantity <= cap);

    /// <summary>Progress "N of M reserved", 0-100; null without a cap.</summary>
    public static int? ProgressPercent(int? cap, int sold) =>
        cap is int c && c > 0 ? (int)Math.Min(100, Math.Floor(sold * 100m / c)) : null;

    /// <summary>Resource key of the problem with a new cap, or null: a cap may not be negative nor below units already sold.</summary>
    public static string ValidateNewCap(int? newCap, int sold)
    {
        if (newCap is < 0)
            return PreorderDefaults.Resources.CapNegative;
        if (newCap is int c && c < sold)
            return PreorderDefaults.Resources.CapBelowSold;
        return null;
    }
}
