using System.Globalization;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>What the product block posted: the edit to save, the values to show again, and format problems.</summary>
public record ProductFormResult(PreorderProfileEdit Edit, AdminProductPreorderModel Model, IList<ConfigurationError> Errors);

/// <summary>
/// The product page's pre-order block between its form fields (prefixed, posted with nopCommerce's product
/// form) and the profile. Windows are typed in the store's time zone and stored in UTC
/// (<see cref="StoreTime"/>); a ship date is a calendar day, stored as noon of that day in the store's zone so
/// it reads as the same day anywhere within twelve hours of the store. Pure.
/// </summary>
public static class ProductPreorderForm
{
    public const string Prefix = PreorderDefaults.Admin.ProductFormPrefix + ".";

    public const string PresentField = Prefix + "Present";

    public const string CombinationCapPrefix = Prefix + "CombinationCap.";

    /// <summary>The block was on the posted page (and editable): only then is anything saved.</summary>
    public static bool IsPresent(Func<string, string> form) => IsTrue(form(PresentField));

    /// <param name="form">Form value by field name ("" when absent; for repeated names the first value).</param>
    /// <param name="combinationIds">Combinations whose cap field may be posted.</param>
    /// <param name="countedCombinationIds">Combinations that already have a counter (a cleared field then removes the cap).</param>
    /// <param name="existing">The saved profile: an unchanged ship day keeps its stored moment, so re-saving never looks like a date change.</param>
    /// <param name="culture">The admin's working culture: amounts and percentages are read in it first (<see cref="AdminAmountParser"/>).</param>
    public static ProductFormResult Parse(int productId, Func<string, string> form, TimeZoneInfo zone,
        IEnumerable<int> combinationIds = null, ISet<int> countedCombinationIds = null, PreorderProfile existing = null, CultureInfo culture = null)
    {
        culture ??= CultureInfo.InvariantCulture;
        zone ??= TimeZoneInfo.Utc;
        var errors = new List<ConfigurationError>();
        var model = new AdminProductPreorderModel
        {
            ProductId = productId,
            Enabled = IsTrue(form(Prefix + nameof(AdminProductPreorderModel.Enabled))),
            Cap = Int(form, nameof(AdminProductPreorderModel.Cap), errors),
            WindowStart = DateTimeValue(form, nameof(AdminProductPreorderModel.WindowStart), errors),
            WindowEnd = DateTimeValue(form, nameof(AdminProductPreorderModel.WindowEnd), errors),
            ExpectedShipDate = DateTimeValue(form, nameof(AdminProductPreorderModel.ExpectedShipDate), errors)?.Date,
            ExpectedSoonText = Text(form, nameof(AdminProductPreorderModel.ExpectedSoonText)),
            PaymentModeId = Int(form, nameof(AdminProductPreorderModel.PaymentModeId), errors) ?? 0,
            UseStoreDepositRule = IsTrue(form(Prefix + nameof(AdminProductPreorderModel.UseStoreDepositRule))),
            PerCustomerLimit = Int(form, nameof(AdminProductPreorderModel.PerCustomerLimit), errors),
            AllowedCountryCodes = Text(form, nameof(AdminProductPreorderModel.AllowedCountryCodes)),
            ShopperNote = Text(form, nameof(AdminProductPreorderModel.ShopperNote)),
            AutoWhenOutOfStock = IsTrue(form(Prefix + nameof(AdminProductPreorderModel.AutoWhenOutOfStock))),
            Reservable = IsTrue(form(Prefix + nameof(AdminProductPreorderModel.Reservable))),
            ReservationTermDays = Int(form, nameof(AdminProductPreorderModel.ReservationTermDays), errors),
            ShipDateChangeReason = Text(form, nameof(AdminProductPreorderModel.ShipDateChangeReason)),
            PenaltyFreeCancel = IsTrue(form(Prefix + nameof(AdminProductPreorderModel.PenaltyFreeCancel))),
            DepositRule = new DepositRuleModel
            {
                Percent = Decimal(form, "DepositRule.Percent", culture, errors),
                FixedPerUnit = Decimal(form, "DepositRule.FixedPerUnit", culture, errors),
                CombineId = Int(form, "DepositRule.CombineId", errors) ?? 0,
                MinAmount = Decimal(form, "DepositRule.MinAmount", culture, errors),
                MaxAmount = Decimal(form, "DepositRule.MaxAmount", culture, errors),
                TermTiers = Text(form, "DepositRule.TermTiers"),
                Choices = Text(form, "DepositRule.Choices"),
                Installments = Int(form, "DepositRule.Installments", errors) ?? 1,
                InstallmentIntervalDays = Int(form, "DepositRule.InstallmentIntervalDays", errors) ?? 30
            }
        };
        if (ReservationRules.ValidateTerm(model.ReservationTermDays) is { } termError)
            errors.Add(new ConfigurationError(Prefix + nameof(model.ReservationTermDays), new RuleError(termError)));
        if (model.ShipDateChangeReason?.Length > PreorderAdminActionService.MaxShipDateReasonLength)
            errors.Add(new ConfigurationError(Prefix + nameof(model.ShipDateChangeReason), new RuleError(R.TextTooLong)));

        var caps = new Dictionary<int, int?>();
        foreach (var combinationId in combinationIds ?? Enumerable.Empty<int>())
        {
            var field = "CombinationCap." + combinationId.ToString(CultureInfo.InvariantCulture);
            var cap = Int(form, field, errors);
            model.CombinationCaps.Add(new CombinationCapModel { CombinationId = combinationId, Cap = cap });
            if (cap.HasValue || countedCombinationIds?.Contains(combinationId) == true)
                caps[combinationId] = cap;
        }

        DepositRule rule = null;
        if (!model.UseStoreDepositRule)
        {
            var (parsed, ruleErrors) = DepositRuleForm.FromModel(model.DepositRule);
            rule = parsed;
            // rule validation itself runs again in the catalog service; here only the format problems count
            errors.AddRange(ruleErrors.Where(e => e.ResourceKey == R.RuleLineInvalid || e.ResourceKey == R.ValueInvalid)
                .Select(e => new ConfigurationError(Prefix + "DepositRule.TermTiers", e)));
        }

        var profile = new PreorderProfile
        {
            ProductId = productId,
            Enabled = model.Enabled,
            Cap = model.Cap,
            WindowStartUtc = model.WindowStart is DateTime start ? StoreTime.ToUtc(start, zone) : null,
            WindowEndUtc = model.WindowEnd is DateTime end ? StoreTime.ToUtc(end, zone) : null,
            ExpectedShipDateUtc = existing?.ExpectedShipDateUtc is DateTime saved && model.ExpectedShipDate == StoreTime.ToLocal(saved, zone).Date
                ? saved
                : ShipDateToUtc(model.ExpectedShipDate, zone),
            ExpectedSoonText = model.ExpectedSoonText,
            PaymentModeId = model.PaymentModeId,
            PerCustomerLimit = model.PerCustomerLimit,
            AllowedCountryCodes = model.AllowedCountryCodes,
            ShopperNote = model.ShopperNote,
            AutoWhenOutOfStock = model.AutoWhenOutOfStock,
            Reservable = model.Reservable,
            ReservationTermDays = model.ReservationTermDays
        };
        var edit = new PreorderProfileEdit
        {
            Profile = profile,
            DepositRule = rule,
            CombinationCaps = caps,
            ShipDateChangeReason = model.ShipDateChangeReason,
            PenaltyFreeCancel = model.PenaltyFreeCancel
        };
        return new ProductFormResult(edit, model, errors);
    }

    /// <summary>A saved profile as the block shows it (store time zone).</summary>
    public static AdminProductPreorderModel ToModel(int productId, PreorderProfile profile, DepositRule productRule, TimeZoneInfo zone)
    {
        zone ??= TimeZoneInfo.Utc;
        if (profile == null)
            return new AdminProductPreorderModel { ProductId = productId, UseStoreDepositRule = true, DepositRule = DepositRuleForm.ToModel(null) };
        return new AdminProductPreorderModel
        {
            ProductId = productId,
            HasProfile = true,
            Released = profile.ReleasedOnUtc.HasValue,
            Enabled = profile.Enabled,
            Cap = profile.Cap,
            WindowStart = profile.WindowStartUtc is DateTime start ? StoreTime.ToLocal(start, zone) : null,
            WindowEnd = profile.WindowEndUtc is DateTime end ? StoreTime.ToLocal(end, zone) : null,
            ExpectedShipDate = profile.ExpectedShipDateUtc is DateTime ship ? StoreTime.ToLocal(ship, zone).Date : null,
            ExpectedSoonText = profile.ExpectedSoonText,
            PaymentModeId = profile.PaymentModeId,
            UseStoreDepositRule = productRule == null,
            DepositRule = DepositRuleForm.ToModel(productRule),
            PerCustomerLimit = profile.PerCustomerLimit,
            AllowedCountryCodes = profile.AllowedCountryCodes,
            ShopperNote = profile.ShopperNote,
            AutoWhenOutOfStock = profile.AutoWhenOutOfStock,
            Reservable = profile.Reservable,
            ReservationTermDays = profile.ReservationTermDays
        };
    }

    public static DateTime? ShipDateToUtc(DateTime? day, TimeZoneInfo zone) =>
        day is DateTime d ? StoreTime.ToUtc(d.Date.AddHours(12), zone ?? TimeZoneInfo.Utc) : null;

    /// <summary>The form field a catalog validation error belongs to (shown next to it and in the summary).</summary>
    public static string FieldOf(string resourceKey) => resourceKey switch
    {
        R.CapNegative or R.CapBelowSold => Prefix + nameof(AdminProductPreorderModel.Cap),
        R.WindowEndBeforeStart => Prefix + nameof(AdminProductPreorderModel.WindowEnd),
        R.ShipDateInPast => Prefix + nameof(AdminProductPreorderModel.ExpectedShipDate),
        R.PerCustomerLimitRange => Prefix + nameof(AdminProductPreorderModel.PerCustomerLimit),
        R.CountryUnknown => Prefix + nameof(AdminProductPreorderModel.AllowedCountryCodes),
        R.PaymentModeUnknown => Prefix + nameof(AdminProductPreorderModel.PaymentModeId),
        R.ReasonRequired => Prefix + nameof(AdminProductPreorderModel.ShipDateChangeReason),
        R.TextTooLong => Prefix + nameof(AdminProductPreorderModel.ShopperNote),
        R.DepositPercentRange or R.DepositNegative or R.DepositMinAboveMax or R.DepositFixedRequired or R.DepositInstallmentsRange
            => Prefix + "DepositRule.Percent",
        _ => string.Empty
    };

    public static bool IsTrue(string value) =>
        !string.IsNullOrEmpty(value) && value.Split(',')[0].Trim().Equals("true", StringComparison.OrdinalIgnoreCase);

    private static string Text(Func<string, string> form, string name)
    {
        var value = form(Prefix + name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static int? Int(Func<string, string> form, string name, List<ConfigurationError> errors)
    {
        var text = form(Prefix + name)?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(new ConfigurationError(Prefix + name, new RuleError(R.ValueInvalid, text)));
        return null;
    }

    private static decimal? Decimal(Func<string, string> form, string name, CultureInfo culture, List<ConfigurationError> errors)
    {
        var text = form(Prefix + name)?.Trim();
        var parsed = AdminAmountParser.Parse(text, culture);
        switch (parsed.Status)
        {
            case AmountParseStatus.Ok:
                return parsed.Value;
            case AmountParseStatus.Ambiguous:
                errors.Add(new ConfigurationError(Prefix + name, new RuleError(R.AmountAmbiguous, text)));
                return null;
            case AmountParseStatus.Invalid:
                errors.Add(new ConfigurationError(Prefix + name, new RuleError(R.ValueInvalid, text)));
                return null;
            default:
                return null;
        }
    }

    /// <summary>HTML date ("yyyy-MM-dd") and datetime-local ("yyyy-MM-ddTHH:mm[:ss]") inputs; other layouts by the current culture.</summary>
    private static DateTime? DateTimeValue(Func<string, string> form, string name, List<ConfigurationError> errors)
    {
        var text = form(Prefix + name)?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        string[] formats = { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.fff", "yyyy-MM-dd HH:mm", "yyyy-MM-dd" };
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            || DateTime.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.None, out value))
            return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        errors.Add(new ConfigurationError(Prefix + name, new RuleError(R.ValueInvalid, text)));
        return null;
    }
}
