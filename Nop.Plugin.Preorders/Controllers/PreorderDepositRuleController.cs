using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The configuration page's deposit rules by category and customer role: save (create, or replace the target's rule) and
/// delete. Form posts that come back to the configuration page with nopCommerce's notification; the Manage permission is
/// checked first; a refused entry changes nothing and is shown again with its errors.
/// </summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderDepositRuleController : BasePluginController
{
    private readonly DepositScopeRuleService _ruleService;
    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IPermissionService _permissionService;
    private readonly IWorkContext _workContext;

    public PreorderDepositRuleController(DepositScopeRuleService ruleService,
        ILocalizationService localizationService,
        INotificationService notificationService,
        IPermissionService permissionService,
        IWorkContext workContext)
    {
        _ruleService = ruleService;
        _localizationService = localizationService;
        _notificationService = notificationService;
        _permissionService = permissionService;
        _workContext = workContext;
    }

    [HttpPost]
    public virtual async Task<IActionResult> Save(DepositScopeRuleEditModel model)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return AccessDeniedView();

        var culture = AdminAmountParser.CultureOf((await _workContext.GetWorkingLanguageAsync())?.LanguageCulture);
        var (input, errors) = DepositScopeRuleForm.Parse(model, culture);
        if (input != null)
            errors = await _ruleService.SaveAsync(input.Scope, input.TargetId, input.Mode, input.Rule, input.Priority, (await _workContext.GetCurrentCustomerAsync()).Id);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                _notificationService.ErrorNotification(await AdminActionJson.MessageAsync(_localizationService, error.ResourceKey, error.Args));
            // the entry is shown again (TempData survives the redirect to the configuration page)
            TempData[PostedKey] = Newtonsoft.Json.JsonConvert.SerializeObject(model);
            return RedirectToAction("Configure", "PreorderConfiguration");
        }

        _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "DepositRules.Saved"));
        return RedirectToAction("Configure", "PreorderConfiguration");
    }

    [HttpPost]
    public virtual async Task<IActionResult> Delete(int id)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return AccessDeniedView();

        if (await _ruleService.DeleteAsync(id, (await _workContext.GetCurrentCustomerAsync()).Id))
            _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "DepositRules.Deleted"));
        else
            _notificationService.ErrorNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "DepositRules.NotFound"));
        return RedirectToAction("Configure", "PreorderConfiguration");
    }

    /// <summary>TempData key of a refused entry (read back by the configuration page's panel).</summary>
    public const string PostedKey = "Preorders.DepositRule.Posted";
}
