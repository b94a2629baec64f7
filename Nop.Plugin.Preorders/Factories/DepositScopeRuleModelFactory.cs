using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Configuration;
using Nop.Services.Customers;
using Nop.Services.Security;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>
/// The admin's view of deposit rules by category and customer role: the configuration page's panel (precedence, rules,
/// form) and the product block's explanation of which rule its lines are charged by and why.
/// </summary>
public class DepositScopeRuleModelFactory
{
    private const string Key = "DepositRules.";

    private readonly ICategoryService _categoryService;
    private readonly ICustomerService _customerService;
    private readonly IPermissionService _permissionService;
    private readonly ISettingService _settingService;
    private readonly DepositScopeRuleService _ruleService;
    private readonly PreorderAdminModelHelper _helper;

    public DepositScopeRuleModelFactory(ICategoryService categoryService,
        ICustomerService customerService,
        IPermissionService permissionService,
        ISettingService settingService,
        DepositScopeRuleService ruleService,
        PreorderAdminModelHelper helper)
    {
        _categoryService = categoryService;
        _customerService = customerService;
        _permissionService = permissionService;
        _settingService = settingService;
        _ruleService = ruleService;
        _helper = helper;
    }

    /// <param name="posted">The merchant's refused entry, shown again; null for a new rule.</param>
    public virtual async Task<DepositScopeRulesPanelModel> PreparePanelModelAsync(DepositScopeRuleEditModel posted = null)
    {
        var currency = await _helper.PrimaryCurrencyCodeAsync();
        var model = new DepositScopeRulesPanelModel
        {
            CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage),
            PrimaryStoreCurrencyCode = currency,
            AvailableCombineModes = await _helper.CombineModeItemsAsync(),
            Edit = posted ?? new DepositScopeRuleEditModel()
        };
        foreach (var step in new[] { "ProductMode", "Role", "Product", "Category", "Store" })
            model.Precedence.Add(await _helper.ResourceAsync(Key + "Precedence." + step));

        var categories = (await _categoryService.GetAllCategoriesAsync(0, showHidden: true)) ?? new List<Nop.Core.Domain.Catalog.Category>();
        var roles = (await _customerService.GetAllCustomerRolesAsync(showHidden: true)) ?? new List<Nop.Core.Domain.Customers.CustomerRole>();
        var categoryNames = new Dictionary<int, string>();
        foreach (var category in categories)
            categoryNames[category.Id] = await _categoryService.GetFormattedBreadCrumbAsync(category, categories) ?? category.Name;

        var rules = await _ruleService.GetAllAsync();
        var roleScope = await _helper.ResourceAsync(Key + "Scope.CustomerRole");
        var categoryScope = await _helper.ResourceAsync(Key + "Scope.Category");
        foreach (var rule in DepositRuleResolver.InPrecedence(rules.Where(r => r.Scope == DepositRuleScope.CustomerRole)))
            model.Rules.Add(new DepositScopeRuleRowModel(rule.Id, roleScope, roles.FirstOrDefault(r => r.Id == rule.TargetId)?.Name ?? $"#{rule.TargetId}",
                await DescribeAsync(rule.Mode, rule.Rule, currency), rule.Priority));
        foreach (var rule in rules.Where(r => r.Scope == DepositRuleScope.Category).OrderBy(r => categoryNames.GetValueOrDefault(r.TargetId, string.Empty)))
            model.Rules.Add(new DepositScopeRuleRowModel(rule.Id, categoryScope, categoryNames.GetValueOrDefault(rule.TargetId, $"#{rule.TargetId}"),
                await DescribeAsync(rule.Mode, rule.Rule, currency), null));

        var categoryGroup = new SelectListGroup { Name = categoryScope };
        var roleGroup = new SelectListGroup { Name = roleScope };
        foreach (var (id, name) in categoryNames.OrderBy(c => c.Value))
            model.AvailableTargets.Add(new SelectListItem(name, DepositScopeRuleForm.TargetValue(DepositRuleScope.Category, id)) { Group = categoryGroup });
        foreach (var role in roles.OrderBy(r => r.Name))
            model.AvailableTargets.Add(new SelectListItem(role.Name, DepositScopeRuleForm.TargetValue(DepositRuleScope.CustomerRole, role.Id)) { Group = roleGroup });
        foreach (var item in model.AvailableTargets)
            item.Selected = item.Value == model.Edit.Target;

        foreach (var mode in new[] { PreorderPaymentMode.Deposit, PreorderPaymentMode.FullUpfront, PreorderPaymentMode.PayOnShip })
            model.AvailableModes.Add(new SelectListItem(await _helper.ResourceAsync(Key + "Mode." + mode), ((int)mode).ToString()) { Selected = (int)mode == model.Edit.PaymentModeId });
        return model;
    }

    /// <summary>
    /// Which rule the product's lines are charged by and why, in the merchant's words: the product's own, its category's or
    /// the store's, then the customer role rules that override it (in the order they win). Empty for a product without a profile.
    /// </summary>
    public virtual async Task<IList<string>> PrepareProductExplanationAsync(PreorderProfile profile)
    {
        var lines = new List<string>();
        if (profile == null)
            return lines;
        var currency = await _helper.PrimaryCurrencyCodeAsync();
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(0);
        var rules = await _ruleService.GetAllAsync();
        var categoryIds = rules.Any(r => r.Scope == DepositRuleScope.Category) ? await _ruleService.ProductCategoryIdsAsync(profile.ProductId) : null;
        // the terms of a shopper with no role rule: the base every role rule overrides
        var resolved = DepositRuleResolver.Resolve(profile, settings, categoryIds, null, rules);
        var terms = resolved.Terms;
        if (terms.Mode != PreorderPaymentMode.Deposit)
        {
            lines.Add(string.Format(await _helper.ResourceAsync(Key + "Explain.NotDeposit"), await _helper.ResourceAsync("Product.PaymentMode." + terms.Mode)));
            return lines;
        }

        var ruleText = await DescribeAsync(terms.Mode, terms.Rule, currency);
        var categoryName = resolved.CategoryRule == null ? null : await CategoryNameAsync(resolved.CategoryRule.TargetId);
        switch (resolved.Source)
        {
            case DepositRuleSource.Product:
                lines.Add(string.Format(await _helper.ResourceAsync(Key + "Explain.Product"), ruleText));
                if (resolved.CategoryRule != null)
                    lines.Add(string.Format(await _helper.ResourceAsync(Key + "Explain.CategoryUnused"), categoryName,
                        await DescribeAsync(resolved.CategoryRule.Mode, resolved.CategoryRule.Rule, currency)));
                break;
            case DepositRuleSource.Category:
                lines.Add(string.Format(await _helper.ResourceAsync(Key + "Explain.Category"), categoryName, ruleText));
                break;
            default:
                lines.Add(string.Format(await _helper.ResourceAsync(Key + "Explain.Store"), ruleText));
                break;
        }

        var roleRules = DepositRuleResolver.InPrecedence(rules.Where(r => r.Scope == DepositRuleScope.CustomerRole)).ToList();
        if (roleRules.Count == 0)
            return lines;
        var roles = await _customerService.GetAllCustomerRolesAsync(showHidden: true) ?? new List<Nop.Core.Domain.Customers.CustomerRole>();
        foreach (var rule in roleRules)
            lines.Add(string.Format(await _helper.ResourceAsync(Key + (rule.Mode == PreorderPaymentMode.Deposit ? "Explain.Role" : "Explain.RoleNoDeposit")),
                roles.FirstOrDefault(r => r.Id == rule.TargetId)?.Name ?? $"#{rule.TargetId}", await DescribeAsync(rule.Mode, rule.Rule, currency)));
        if (roleRules.Count > 1)
            lines.Add(await _helper.ResourceAsync(Key + "Explain.SeveralRoles"));
        return lines;
    }

    protected virtual async Task<string> DescribeAsync(PreorderPaymentMode mode, DepositRule rule, string currencyCode)
    {
        // the rule's words are few and fixed: read them once per call
        var texts = new Dictionary<string, string>();
        foreach (var key in new[] { "FullUpfront", "PayOnShip", "Tier", "Tiers", "Fixed", "Larger", "Smaller", "Choices", "Min", "Max" })
            texts[DepositRuleText.KeyPrefix + key] = await _helper.ResourceAsync(Key + "Text." + key);
        return DepositRuleText.Describe(mode, rule, currencyCode, key => texts.GetValueOrDefault(key, key));
    }

    protected virtual async Task<string> CategoryNameAsync(int categoryId) =>
        (await _categoryService.GetCategoryByIdAsync(categoryId))?.Name ?? $"#{categoryId}";
}
