using Newtonsoft.Json;
using Nop.Core.Caching;
using Nop.Core.Domain.Customers;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Customers;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>
/// Deposit rules of categories and customer roles: stored (one per category or role), read whole into the cache, and
/// applied with the product's own rule through <see cref="DepositRuleResolver"/>. The product page, the checkout split and
/// placement all take a line's terms from <see cref="GetTermsAsync"/>, so the deposit charged is the one the page showed.
/// </summary>
public class DepositScopeRuleService
{
    private readonly ICategoryService _categoryService;
    private readonly ICustomerService _customerService;
    private readonly IRepository<PreorderDepositScopeRule> _ruleRepository;
    private readonly IStaticCacheManager _staticCacheManager;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;

    public DepositScopeRuleService(ICategoryService categoryService,
        ICustomerService customerService,
        IRepository<PreorderDepositScopeRule> ruleRepository,
        IStaticCacheManager staticCacheManager,
        PreorderAuditService auditService,
        PreorderClock clock)
    {
        _categoryService = categoryService;
        _customerService = customerService;
        _ruleRepository = ruleRepository;
        _staticCacheManager = staticCacheManager;
        _auditService = auditService;
        _clock = clock;
    }

    /// <summary>Every category and role rule, parsed; one query, then cached until a rule is saved or deleted.</summary>
    public virtual async Task<IReadOnlyList<ScopedDepositRule>> GetAllAsync()
    {
        var key = _staticCacheManager.PrepareKeyForDefaultCache(PreorderDefaults.Cache.DepositScopeRulesKey);
        return await _staticCacheManager.GetAsync(key, async () =>
        {
            var rows = await _ruleRepository.Table.OrderBy(r => r.Id).ToListAsync();
            return (IReadOnlyList<ScopedDepositRule>)rows.Select(ToScoped).ToList();
        });
    }

    /// <summary>
    /// The terms a line of the product is charged by for <paramref name="customer"/> (null: a shopper with no roles).
    /// Without any category or role rule nothing more is read than <see cref="DepositTerms.Of"/> reads; otherwise the
    /// customer's roles and the product's categories come from nopCommerce, which caches both.
    /// </summary>
    public virtual async Task<ResolvedDepositTerms> GetTermsAsync(PreorderProfile profile, PreorderSettings settings, Customer customer)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rules = await GetAllAsync();
        if (rules.Count == 0)
            return DepositRuleResolver.Resolve(profile, settings, null, null, rules);

        IReadOnlyList<int> categoryIds = null;
        if (string.IsNullOrWhiteSpace(profile.DepositRuleJson) && rules.Any(r => r.Scope == DepositRuleScope.Category))
            categoryIds = await ProductCategoryIdsAsync(profile.ProductId);
        IReadOnlyCollection<int> roleIds = null;
        if (customer != null && rules.Any(r => r.Scope == DepositRuleScope.CustomerRole))
            roleIds = await _customerService.GetCustomerRoleIdsAsync(customer);
        return DepositRuleResolver.Resolve(profile, settings, categoryIds, roleIds, rules);
    }

    /// <summary>The terms for the customer with this id (placement: the order's customer, who checked out).</summary>
    public virtual async Task<ResolvedDepositTerms> GetTermsAsync(PreorderProfile profile, PreorderSettings settings, int customerId)
    {
        var customer = customerId > 0 && (await GetAllAsync()).Any(r => r.Scope == DepositRuleScope.CustomerRole)
            ? await _customerService.GetCustomerByIdAsync(customerId)
            : null;
        return await GetTermsAsync(profile, settings, customer);
    }

    /// <summary>
    /// The product's categories in nopCommerce's order, hidden ones included: the rule must not depend on who is looking
    /// (placement may run in the scheduled task) or on a category being published.
    /// </summary>
    public virtual async Task<IReadOnlyList<int>> ProductCategoryIdsAsync(int productId) =>
        (await _categoryService.GetProductCategoriesByProductIdAsync(productId, showHidden: true) ?? new List<Nop.Core.Domain.Catalog.ProductCategory>())
            .Select(pc => pc.CategoryId).ToList();

    /// <summary>
    /// Creates or replaces the rule of a category or a customer role. <paramref name="rule"/> is validated by the caller's form
    /// (<c>DepositRuleForm</c>); here: the scope, the mode the scope allows, and that the target exists. Nothing is changed on errors.
    /// </summary>
    public virtual async Task<IList<RuleError>> SaveAsync(DepositRuleScope scope, int targetId, PreorderPaymentMode mode, DepositRule rule, int priority, int byCustomerId)
    {
        var errors = new List<RuleError>();
        if (!Enum.IsDefined(scope) || !DepositRuleResolver.ModeAllowed(scope, mode))
            errors.Add(new RuleError(PreorderDefaults.Resources.ValueInvalid, (int)mode));
        else if (!await TargetExistsAsync(scope, targetId))
            errors.Add(new RuleError(PreorderDefaults.ResourcePrefix + "DepositRules.TargetUnknown"));
        if (mode == PreorderPaymentMode.Deposit && rule == null)
            errors.Add(new RuleError(PreorderDefaults.Resources.DepositPercentRange));
        if (errors.Count > 0)
            return errors;

        var row = await _ruleRepository.Table.Where(r => r.ScopeId == (int)scope && r.TargetId == targetId).FirstOrDefaultAsync()
                  ?? new PreorderDepositScopeRule { Scope = scope, TargetId = targetId };
        row.PaymentMode = mode;
        row.DepositRuleJson = mode == PreorderPaymentMode.Deposit ? JsonConvert.SerializeObject(rule) : null;
        row.Priority = scope == DepositRuleScope.CustomerRole ? priority : 0;
        row.UpdatedOnUtc = _clock.UtcNow;
        if (row.Id == 0)
            await _ruleRepository.InsertAsync(row, false);
        else
            await _ruleRepository.UpdateAsync(row, false);
        await ClearCacheAsync();
        await _auditService.RecordAsync("DepositScopeRuleSaved", byCustomerId,
            details: $"{scope} {targetId}: {mode}{(row.DepositRuleJson == null ? string.Empty : " " + row.DepositRuleJson)}; priority {row.Priority}");
        return errors;
    }

    /// <summary>Deletes a rule; false when there is none with this id.</summary>
    public virtual async Task<bool> DeleteAsync(int id, int byCustomerId)
    {
        var row = await _ruleRepository.Table.Where(r => r.Id == id).FirstOrDefaultAsync();
        if (row == null)
            return false;
        await _ruleRepository.DeleteAsync(row, false);
        await ClearCacheAsync();
        await _auditService.RecordAsync("DepositScopeRuleDeleted", byCustomerId, details: $"{row.Scope} {row.TargetId}");
        return true;
    }

    public virtual Task ClearCacheAsync() => _staticCacheManager.RemoveAsync(PreorderDefaults.Cache.DepositScopeRulesKey);

    protected virtual async Task<bool> TargetExistsAsync(DepositRuleScope scope, int targetId) => targetId > 0 && scope switch
    {
        DepositRuleScope.Category => await _categoryService.GetCategoryByIdAsync(targetId) is { Deleted: false },
        DepositRuleScope.CustomerRole => await _customerService.GetCustomerRoleByIdAsync(targetId) != null,
        _ => false
    };

    private static ScopedDepositRule ToScoped(PreorderDepositScopeRule row) =>
        new(row.Id, row.Scope, row.TargetId, row.PaymentMode, row.PaymentMode == PreorderPaymentMode.Deposit ? DepositTerms.ParseRule(row.DepositRuleJson) : null, row.Priority);
}
