using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Web.Framework.Models;

namespace Nop.Plugin.Preorders.Models.Admin;

/// <summary>The configuration page's "Deposit rules by category and customer role" panel.</summary>
public record DepositScopeRulesPanelModel : BaseNopModel
{
    public bool CanManage { get; set; }

    /// <summary>The order of precedence, highest first, in words.</summary>
    public IList<string> Precedence { get; set; } = new List<string>();

    /// <summary>Customer role rules in the order they win, then category rules by name.</summary>
    public IList<DepositScopeRuleRowModel> Rules { get; set; } = new List<DepositScopeRuleRowModel>();

    /// <summary>Categories and customer roles a rule can be given to ("c:{id}" / "r:{id}"), grouped.</summary>
    public IList<SelectListItem> AvailableTargets { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableModes { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableCombineModes { get; set; } = new List<SelectListItem>();

    public string PrimaryStoreCurrencyCode { get; set; }

    /// <summary>What the merchant posted when the save was refused (shown again), else a new rule's defaults.</summary>
    public DepositScopeRuleEditModel Edit { get; set; } = new();
}

public record DepositScopeRuleRowModel(int Id, string ScopeText, string TargetText, string RuleText, int? Priority);

/// <summary>The form of one category or customer role rule (created, or replaced when the target has one); amounts as typed, read by <c>DepositScopeRuleForm</c>.</summary>
public record DepositScopeRuleEditModel : BaseNopModel
{
    /// <summary>"c:{categoryId}" or "r:{customerRoleId}".</summary>
    public string Target { get; set; }

    /// <summary>A <see cref="Domain.PreorderPaymentMode"/>: Deposit, or for a role "no deposit" either way.</summary>
    public int PaymentModeId { get; set; } = (int)Domain.PreorderPaymentMode.Deposit;

    public string Percent { get; set; }

    public string FixedPerUnit { get; set; }

    public int CombineId { get; set; }

    public string MinAmount { get; set; }

    public string MaxAmount { get; set; }

    public int Priority { get; set; }
}
