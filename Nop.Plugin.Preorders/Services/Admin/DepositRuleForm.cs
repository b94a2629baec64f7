using System.Globalization;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// A deposit rule between its stored form (<see cref="DepositRule"/>) and the merchant's form: term tiers
/// as "days:percent" lines, shopper choices as "percent:perk" lines. Pure; problems are returned as
/// <see cref="RuleError"/>s (a malformed line names itself), then <see cref="DepositCalculator.Validate"/> checks the rule.
/// </summary>
public static class DepositRuleForm
{
    public static DepositRuleModel ToModel(DepositRule rule)
    {
        rule ??= new DepositRule();
        return new DepositRuleModel
        {
            Percent = rule.Percent,
            FixedPerUnit = rule.FixedPerUnit,
            CombineId = (int)rule.Combine,
            MinAmount = rule.MinAmount,
            MaxAmount = rule.MaxAmount,
            TermTiers = string.Join("\n", (rule.TermTiers ?? new List<DepositTermTier>()).OrderBy(t => t.MinDaysAhead)
                .Select(t => $"{t.MinDaysAhead.ToString(CultureInfo.InvariantCulture)}:{t.Percent.ToString("0.##", CultureInfo.InvariantCulture)}")),
            Choices = string.Join("\n", (rule.Choices ?? new List<DepositChoice>())
                .Select(c => $"{c.Percent.ToString("0.##", CultureInfo.InvariantCulture)}:{c.Perk}")),
            Installments = rule.Installments,
            InstallmentIntervalDays = rule.InstallmentIntervalDays
        };
    }

    /// <summary>The rule the form describes and every problem found (format and rule validation).</summary>
    public static (DepositRule Rule, IList<RuleError> Errors) FromModel(DepositRuleModel model)
    {
        model ??= new DepositRuleModel();
        var errors = new List<RuleError>();
        var rule = new DepositRule
        {
            Percent = model.Percent,
            FixedPerUnit = model.FixedPerUnit,
            Combine = Enum.IsDefined(typeof(DepositCombineMode), model.CombineId) ? (DepositCombineMode)model.CombineId : DepositCombineMode.PercentOnly,
            MinAmount = model.MinAmount,
            MaxAmount = model.MaxAmount,
            Installments = model.Installments,
            InstallmentIntervalDays = model.InstallmentIntervalDays
        };
        if (!Enum.IsDefined(typeof(DepositCombineMode), model.CombineId))
            errors.Add(new RuleError(PreorderDefaults.Resources.ValueInvalid, model.CombineId));

        foreach (var line in Lines(model.TermTiers))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2
                && int.TryParse(parts[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var days)
                && TryDecimal(parts[1], out var percent))
                rule.TermTiers.Add(new DepositTermTier { MinDaysAhead = days, Percent = percent });
            else
                errors.Add(new RuleError(PreorderDefaults.Resources.RuleLineInvalid, line));
        }
        foreach (var line in Lines(model.Choices))
        {
            var parts = line.Split(':', 2);
            if (TryDecimal(parts[0], out var percent))
                rule.Choices.Add(new DepositChoice { Percent = percent, Perk = parts.Length == 2 ? parts[1].Trim() : string.Empty });
            else
                errors.Add(new RuleError(PreorderDefaults.Resources.RuleLineInvalid, line));
        }
        if (rule.TermTiers.Select(t => t.MinDaysAhead).Distinct().Count() != rule.TermTiers.Count)
            errors.Add(new RuleError(PreorderDefaults.Resources.RuleLineInvalid, model.TermTiers?.Trim()));

        errors.AddRange(DepositCalculator.Validate(rule).Select(key => new RuleError(key)));
        return (rule, errors);
    }

    private static IEnumerable<string> Lines(string text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.Trim().TrimEnd('\r')).Where(l => l.Length > 0);

    private static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text?.Trim().TrimEnd('%').Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
}
