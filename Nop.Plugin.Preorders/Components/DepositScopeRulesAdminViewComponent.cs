using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Services.Security;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Preorders.Components;

/// <summary>
/// The configuration page's "Deposit rules by category and customer role" panel: the order of precedence, the rules
/// (role rules in the order they win) and, with the Manage permission, the form to add or replace one and delete buttons.
/// </summary>
public class DepositScopeRulesAdminViewComponent : NopViewComponent
{
    private readonly DepositScopeRuleModelFactory _modelFactory;
    private readonly IPermissionService _permissionService;

    public DepositScopeRulesAdminViewComponent(DepositScopeRuleModelFactory modelFactory, IPermissionService permissionService)
    {
        _modelFactory = modelFactory;
        _permissionService = permissionService;
    }

    /// <param name="posted">A refused entry to show again.</param>
    public async Task<IViewComponentResult> InvokeAsync(DepositScopeRuleEditModel posted = null)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return Content(string.Empty);
        // a refused save comes back through a redirect: its entry is shown again
        if (posted == null && TempData?[Controllers.PreorderDepositRuleController.PostedKey] is string json)
            posted = Newtonsoft.Json.JsonConvert.DeserializeObject<DepositScopeRuleEditModel>(json);
        return View(PreorderDefaults.Admin.ViewsPath + "_DepositScopeRules.cshtml", await _modelFactory.PreparePanelModelAsync(posted));
    }
}
