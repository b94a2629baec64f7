using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>A validation problem: a locale resource key and its format arguments.</summary>
public record RuleError(string ResourceKey, params object[] Args);

/// <summary>Checks a pre-order profile as a merchant submits it. Pure; returns every problem found.</summary>
public static class PreorderProfileValidator
{
    public const int MaxTextLength = 4000;

    public static IList<RuleError> Validate(PreorderProfile profile, int soldUnits, DateTime nowUtc, ISet<string> knownCountryCodes, DepositRule productRule = null)
    {
        var errors = new List<RuleError>();

        var capError = CapRules.ValidateNewCap(profile.Cap, soldUnits);
        if (capError != null)
            errors.Add(new RuleError(capError, soldUnits));

        if (profile.WindowStartUtc.HasValue && profile.WindowEndUtc.HasValue && profile.WindowEndUtc <= profile.WindowStartUtc)
            errors.Add(new RuleError(PreorderDefaults.Resources.WindowEndBeforeStart));

        if (profile.ExpectedShipDateUtc.HasValue && profile.ExpectedShipDateUtc.Value.Date < nowUtc.Date)
            errors.Add(new RuleError(PreorderDefaults.Resources.ShipDateInPast));

        if (profile.PerCustomerLimit is < 1)
            errors.Add(new RuleError(PreorderDefaults.Resources.PerCustomerLimitRange));

        if (!Enum.IsDefined(profile.PaymentMode))
            errors.Add(new RuleError(PreorderDefaults.Resources.PaymentModeUnknown));

        foreach (var code in PreorderAvailability.ParseCountryCodes(profile.AllowedCountryCodes))
            if (code.Length != 2 || !knownCountryCodes.Contains(code))
                errors.Add(new RuleError(PreorderDefaults.Resources.CountryUnknown, code));

        if ((profile.ShopperNote?.Length ?? 0) > MaxTextLength || (profile.ExpectedSoonText?.Length ?? 0) > 400)
            errors.Add(new RuleError(PreorderDefaults.Resources.TextTooLong));

        if (productRule != null)
            errors.AddRange(DepositCalculator.Validate(productRule).Select(key => new RuleError(key)));

        return errors;
    }
}
