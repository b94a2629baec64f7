using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

public enum PreorderOfferState
{
    /// <summary>The product is not a pre-order (no profile, disabled or released).</summary>
    NotOffered = 0,
    NotYetOpen = 10,
    Open = 20,
    Closed = 30,
    SoldOut = 40,
    CountryExcluded = 50
}

/// <summary>What the product page and the cart know about a pre-order at a moment, for a shopper's country.</summary>
public record PreorderOffer(PreorderOfferState State, int? Cap, int Sold, int UnitsLeft, int? ProgressPercent, TimeSpan? TimeToWindowEnd, TimeSpan? TimeToWindowStart)
{
    public bool CanOrder => State == PreorderOfferState.Open;
}

/// <summary>Decides the pre-order state of a product: window, cap, country. Pure.</summary>
public static class PreorderAvailability
{
    public static PreorderOffer Evaluate(PreorderProfile profile, int sold, DateTime nowUtc, string countryCode)
    {
        if (profile is null || !profile.Enabled || profile.ReleasedOnUtc.HasValue)
            return new PreorderOffer(PreorderOfferState.NotOffered, null, sold, 0, null, null, null);

        var cap = profile.Cap;
        var left = CapRules.Remaining(cap, sold);
        var progress = CapRules.ProgressPercent(cap, sold);
        TimeSpan? toEnd = profile.WindowEndUtc > nowUtc ? profile.WindowEndUtc.Value - nowUtc : null;
        TimeSpan? toStart = profile.WindowStartUtc > nowUtc ? profile.WindowStartUtc.Value - nowUtc : null;

        PreorderOfferState state;
        if (toStart.HasValue)
            state = PreorderOfferState.NotYetOpen;
        else if (profile.WindowEndUtc.HasValue && profile.WindowEndUtc.Value <= nowUtc)
            state = PreorderOfferState.Closed;
        else if (!IsCountryAllowed(profile.AllowedCountryCodes, countryCode))
            state = PreorderOfferState.CountryExcluded;
        else if (cap.HasValue && left <= 0)
            state = PreorderOfferState.SoldOut;
        else
            state = PreorderOfferState.Open;

        return new PreorderOffer(state, cap, sold, cap.HasValue ? left : 0, progress, toEnd, toStart);
    }

    /// <summary>Empty list = everywhere. An unknown shopper country is allowed (checked again at checkout with the address).</summary>
    public static bool IsCountryAllowed(string allowedCodes, string countryCode)
    {
        var allowed = ParseCountryCodes(allowedCodes);
        return allowed.Count == 0 || string.IsNullOrEmpty(countryCode) || allowed.Contains(countryCode.ToUpperInvariant());
    }

    public static IReadOnlyCollection<string> ParseCountryCodes(string codes) =>
        (codes ?? string.Empty).Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Trim().ToUpperInvariant()).ToHashSet();
}
