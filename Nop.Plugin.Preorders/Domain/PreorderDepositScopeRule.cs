using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>What a deposit rule of a category or a customer role is attached to.</summary>
public enum DepositRuleScope
{
    /// <summary>A nopCommerce category: the rule of its products that have no rule of their own.</summary>
    Category = 1,

    /// <summary>A nopCommerce customer role: the rule of its customers, over the product's and the category's.</summary>
    CustomerRole = 2
}

/// <summary>
/// A deposit rule of a category or a customer role (schema 2.5); one per scope and target. Resolved with the
/// product's own rule by <c>DepositRuleResolver</c> (precedence in its summary and in DESIGN.md).
/// </summary>
public class PreorderDepositScopeRule : BaseEntity
{
    public int ScopeId { get; set; }

    /// <summary>The category id or the customer role id.</summary>
    public int TargetId { get; set; }

    /// <summary>
    /// <see cref="PreorderPaymentMode.Deposit"/> with <see cref="DepositRuleJson"/>; a customer role's rule may instead say
    /// <see cref="PreorderPaymentMode.FullUpfront"/> ("no deposit: the whole line at checkout") or
    /// <see cref="PreorderPaymentMode.PayOnShip"/> ("no deposit: nothing until shipment"). A category's is always Deposit.
    /// </summary>
    public int PaymentModeId { get; set; }

    /// <summary>The <see cref="DepositRule"/> as JSON (the product profile's form); null unless the mode is Deposit.</summary>
    public string DepositRuleJson { get; set; }

    /// <summary>Customer roles only: when a customer has several roles with rules, the lowest priority wins (then the lowest role id).</summary>
    public int Priority { get; set; }

    public DateTime UpdatedOnUtc { get; set; }

    public DepositRuleScope Scope
    {
        get => (DepositRuleScope)ScopeId;
        set => ScopeId = (int)value;
    }

    public PreorderPaymentMode PaymentMode
    {
        get => (PreorderPaymentMode)PaymentModeId;
        set => PaymentModeId = (int)value;
    }
}
