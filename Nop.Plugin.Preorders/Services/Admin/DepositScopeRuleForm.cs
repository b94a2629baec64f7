using System.Globalization;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>What the merchant's form of a category or customer role rule says, once read.</summary>
public sealed record DepositScopeRuleInput(DepositRuleScope Scope, int TargetId, PreorderPaymentMode Mode, DepositRule Rule, int Priority);

/// <summary>
/// Reads the configuration page's form of a category or customer role rule: the target ("c:{id}" / "r:{id}"), the mode
/// (a category's is a deposit rule; a role's may be "no deposit"), the amounts as typed in the admin's culture
/// (<see cref="AdminAmountParser"/>), then the rule's own checks (<see cref="DepositRuleForm"/>). Pure; every problem is returned.
/// </summary>
public static class DepositScopeRuleForm
{
    public const string CategoryPrefix = "c:";
    public const string RolePrefix = "r:";

    public static string TargetValue(DepositRuleScope scope, int targetId) =>
        (scope == DepositRuleScope.Category ? CategoryPrefix : RolePrefix) + targetId.ToString(CultureInfo.InvariantCulture);

    public static (DepositScopeRuleInput Input, IList<RuleError> Errors) Parse(DepositScopeRuleEditModel model, CultureInfo culture)
    {
        model ??= new DepositScopeRuleEditModel();
        var errors = new List<RuleError>();
        var target = model.Target?.Trim() ?? string.Empty;
        var scope = target.StartsWith(CategoryPrefix, StringComparison.Ordinal) ? DepositRuleScope.Category
            : target.StartsWith(RolePrefix, StringComparison.Ordinal) ? DepositRuleScope.CustomerRole
            : (DepositRuleScope)0;
        if (scope == 0 || !int.TryParse(target[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var targetId) || targetId <= 0)
            return (null, new List<RuleError> { new(PreorderDefaults.ResourcePrefix + "DepositRules.TargetUnknown") });

        var mode = (PreorderPaymentMode)model.PaymentModeId;
        if (!DepositRuleResolver.ModeAllowed(scope, mode))
        {
            errors.Add(new RuleError(PreorderDefaults.ResourcePrefix + "DepositRules.ModeNotForCategory"));
            return (null, errors);
        }

        DepositRule rule = null;
        if (mode == PreorderPaymentMode.Deposit)
        {
            var ruleModel = new DepositRuleModel
            {
                Percent = Amount(model.Percent, culture, errors),
                FixedPerUnit = Amount(model.FixedPerUnit, culture, errors),
                CombineId = model.CombineId,
                MinAmount = Amount(model.MinAmount, culture, errors),
                MaxAmount = Amount(model.MaxAmount, culture, errors)
            };
            if (errors.Count > 0)
                return (null, errors);
            (rule, var ruleErrors) = DepositRuleForm.FromModel(ruleModel);
            errors.AddRange(ruleErrors);
        }
        if (scope == DepositRuleScope.CustomerRole && model.Priority < 0)
            errors.Add(new RuleError(PreorderDefaults.Resources.ValueInvalid, model.Priority));
        return errors.Count > 0 ? (null, errors) : (new DepositScopeRuleInput(scope, targetId, mode, rule, scope == DepositRuleScope.CustomerRole ? model.Priority : 0), errors);
    }

    private static decimal? Amount(string text, CultureInfo culture, List<RuleError> errors)
    {
        var read = AdminAmountParser.Parse(text, culture);
        if (read.Status is AmountParseStatus.Invalid or AmountParseStatus.Ambiguous)
            errors.Add(new RuleError(PreorderDefaults.Resources.ValueInvalid, text));
        return read.Value;
    }
}
