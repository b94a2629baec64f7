using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>A category's or a customer role's deposit rule as the resolver reads it (parsed once, cached with the table).</summary>
/// <param name="Rule">The deposit rule when <paramref name="Mode"/> is Deposit; null otherwise.</param>
public sealed record ScopedDepositRule(int Id, DepositRuleScope Scope, int TargetId, PreorderPaymentMode Mode, DepositRule Rule, int Priority);

/// <summary>Where the rule a line is charged by comes from (shown in the product's admin block).</summary>
public enum DepositRuleSource
{
    /// <summary>The store's default rule (or 20 % when the store never saved one).</summary>
    Store,

    /// <summary>The rule of one of the product's categories (the product has none of its own).</summary>
    Category,

    /// <summary>The product's own rule.</summary>
    Product,

    /// <summary>The rule of one of the customer's roles, over the product's and the category's.</summary>
    CustomerRole
}

/// <summary>The terms a line is charged by, where they come from, and the scoped rules that took part.</summary>
/// <param name="CategoryRule">The category rule the product falls back to (even when the product's own rule or a role's is used instead).</param>
/// <param name="RoleRule">The customer role rule that applied; null when none did.</param>
public sealed record ResolvedDepositTerms(DepositTerms Terms, DepositRuleSource Source, ScopedDepositRule CategoryRule, ScopedDepositRule RoleRule);

/// <summary>
/// Which deposit rule a pre-order line of a product is charged by, for one customer. The precedence (also on the
/// configuration page and in DESIGN.md), highest first:
/// <list type="number">
/// <item>The product's payment mode (its own, else the store's) decides whether there is a deposit at all: a product sold
/// "pay in full" or "pay on shipment" keeps that for every customer, and no deposit rule applies to it.</item>
/// <item>A rule of a customer role the customer has. With several, the lowest priority wins, then the lowest role id
/// (a fixed order, so the same customer always gets the same rule). The role's rule is a deposit rule, or "no deposit":
/// the whole line at checkout (pay in full) or nothing until shipment (pay on shipment).</item>
/// <item>The product's own deposit rule.</item>
/// <item>The rule of the product's first category that has one, in nopCommerce's order of the product's categories
/// (the product-category display order, then the mapping id). Only the categories the product is in, not their parents.</item>
/// <item>The store's default rule, else 20 %.</item>
/// </list>
/// Pure: the caller passes the customer's role ids and the product's category ids (nopCommerce caches both).
/// </summary>
public static class DepositRuleResolver
{
    public static ResolvedDepositTerms Resolve(PreorderProfile profile, PreorderSettings settings, IReadOnlyList<int> productCategoryIds,
        IReadOnlyCollection<int> customerRoleIds, IReadOnlyCollection<ScopedDepositRule> rules)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(settings);
        rules ??= Array.Empty<ScopedDepositRule>();

        var storeTerms = DepositTerms.Of(profile, settings);
        var categoryRule = CategoryRuleOf(productCategoryIds, rules);
        var productRule = DepositTerms.ParseRule(profile.DepositRuleJson);

        var (rule, source) = productRule != null ? (productRule, DepositRuleSource.Product)
            : categoryRule != null ? (categoryRule.Rule, DepositRuleSource.Category)
            : (storeTerms.Rule, DepositRuleSource.Store);
        var terms = storeTerms with { Rule = rule };
        if (terms.Mode != PreorderPaymentMode.Deposit)
            return new ResolvedDepositTerms(terms, source, categoryRule, null);

        var roleRule = RoleRuleOf(customerRoleIds, rules);
        if (roleRule == null)
            return new ResolvedDepositTerms(terms, source, categoryRule, null);
        // "no deposit" keeps the rule the product would have had (the schedule reads only a Deposit line's rule)
        return new ResolvedDepositTerms(terms with { Mode = roleRule.Mode, Rule = roleRule.Rule ?? rule }, DepositRuleSource.CustomerRole, categoryRule, roleRule);
    }

    /// <summary>The rule of the first of the product's categories (in nopCommerce's order) that has one.</summary>
    public static ScopedDepositRule CategoryRuleOf(IReadOnlyList<int> productCategoryIds, IReadOnlyCollection<ScopedDepositRule> rules)
    {
        if (productCategoryIds == null || rules == null)
            return null;
        foreach (var categoryId in productCategoryIds)
            if (rules.FirstOrDefault(r => r.Scope == DepositRuleScope.Category && r.TargetId == categoryId) is { } found)
                return found;
        return null;
    }

    /// <summary>The winning rule among the customer's roles: lowest priority, then lowest role id.</summary>
    public static ScopedDepositRule RoleRuleOf(IReadOnlyCollection<int> customerRoleIds, IReadOnlyCollection<ScopedDepositRule> rules) =>
        customerRoleIds == null || rules == null ? null
            : InPrecedence(rules.Where(r => r.Scope == DepositRuleScope.CustomerRole && customerRoleIds.Contains(r.TargetId))).FirstOrDefault();

    /// <summary>Customer role rules in the order they win (how the configuration page lists them).</summary>
    public static IEnumerable<ScopedDepositRule> InPrecedence(IEnumerable<ScopedDepositRule> roleRules) =>
        roleRules.OrderBy(r => r.Priority).ThenBy(r => r.TargetId);

    /// <summary>The modes a rule of the scope may have: a category's is a deposit rule; a role's may also be "no deposit" either way.</summary>
    public static bool ModeAllowed(DepositRuleScope scope, PreorderPaymentMode mode) => scope switch
    {
        DepositRuleScope.Category => mode == PreorderPaymentMode.Deposit,
        DepositRuleScope.CustomerRole => Enum.IsDefined(mode),
        _ => false
    };
}
