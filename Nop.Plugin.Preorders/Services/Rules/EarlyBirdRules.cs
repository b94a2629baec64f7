namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>The early-bird discount requirement as plain logic: which cart product qualifies, and which "first N units" values are valid.</summary>
public static class EarlyBirdRules
{
    /// <summary>
    /// A product in the cart qualifies while its pre-order is open and, with a "first N units" limit (N &gt; 0),
    /// the units already pre-ordered plus the cart's quantity of it stay within N.
    /// </summary>
    public static bool Qualifies(PreorderOfferState state, int sold, int cartQuantity, int firstUnits) =>
        state == PreorderOfferState.Open && (firstUnits <= 0 || sold + cartQuantity <= firstUnits);

    /// <summary>Resource key of the problem with a "first N units" value, or null (0 = no limit).</summary>
    public static string ValidateFirstUnits(int firstUnits) =>
        firstUnits < 0 ? PreorderDefaults.Resources.DiscountFirstUnitsNegative : null;
}
