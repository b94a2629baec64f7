using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// The rules of reserving an in-stock item with a deposit (schema 2.4), pure: whether a product can be reserved now,
/// the term that applies, the date the balance is due, and the merchant's term as typed.
/// </summary>
public static class ReservationRules
{
    public const int MinTermDays = 1;
    public const int MaxTermDays = 365;

    /// <summary>The product's own term, else the store's; a stored value out of range (an older setting) is brought into range.</summary>
    public static int TermDays(int? productTermDays, int storeTermDays) =>
        Math.Clamp(productTermDays ?? storeTermDays, MinTermDays, MaxTermDays);

    /// <summary>The balance is due when the term ends: the unit is held until then, then the grace period of the store runs.</summary>
    public static DateTime BalanceDueOnUtc(DateTime placedOnUtc, int termDays) => placedOnUtc.AddDays(termDays);

    /// <summary>The merchant's term: empty (the store default) or a whole number of days in range; null error: valid.</summary>
    public static string ValidateTerm(int? termDays) =>
        termDays is null or (>= MinTermDays and <= MaxTermDays) ? null : PreorderDefaults.Resources.ReservationTermRange;

    /// <summary>
    /// Why a shopper cannot reserve <paramref name="quantity"/> units now (a resource key), or null: the product must be
    /// flagged, not be an open pre-order (a product without stock is pre-ordered, not reserved) and have the units free.
    /// </summary>
    public static string RefusalFor(PreorderProfile profile, bool isPreorder, int unitsFree, int quantity)
    {
        if (profile is not { Reservable: true } || isPreorder)
            return PreorderDefaults.Resources.ReservationNotOffered;
        if (quantity <= 0 || unitsFree < quantity)
            return PreorderDefaults.Resources.ReservationNoStock;
        return null;
    }

    /// <summary>
    /// The deposit terms of a reservation: the product's (or the store's) deposit rule, always paid as a deposit (a
    /// reservation paid in full is an ordinary purchase; nothing is paid "on ship" for an item in stock), no ship date.
    /// </summary>
    public static DepositTerms TermsOf(PreorderProfile profile, PreorderSettings settings) =>
        DepositTerms.Of(profile, settings) with { Mode = PreorderPaymentMode.Deposit, ExpectedShipDateUtc = null };

    /// <summary>
    /// Units reservations may hold when the merchant saves the product: what nopCommerce has in stock plus what live
    /// reservations hold already (their units left nopCommerce's stock when their orders were placed).
    /// </summary>
    public static int UnitsOf(int nopStockQuantity, int heldByLiveReservations) =>
        Math.Max(0, nopStockQuantity) + Math.Max(0, heldByLiveReservations);
}
