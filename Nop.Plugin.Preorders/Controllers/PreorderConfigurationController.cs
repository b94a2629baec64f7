using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The plugin's configuration page (nopCommerce's Configure link of the plugin, route <c>Admin/Preorders/Configure</c>):
/// the settings per store scope, validated with localized errors before anything is saved.
/// </summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderConfigurationController : BasePluginController
{
    private const string ViewsPath = PreorderDefaults.Admin.ViewsPath;

    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IPermissionService _permissionService;
    private readonly IStoreContext _storeContext;
    private readonly PreorderAdminConfigurationModelFactory _configurationModelFactory;
    private readonly PreorderConfigurationService _configurationService;

    public PreorderConfigurationController(ILocalizationService localizationService,
        INotificationService notificationService,
        IPermissionService permissionService,
        IStoreContext storeContext,
        PreorderAdminConfigurationModelFactory configurationModelFactory,
        PreorderConfigurationService configurationService)
    {
        _localizationService = localizationService;
        _notificationService = notificationService;
        _permissionService = permissionService;
        _storeContext = storeContext;
        _configurationModelFactory = configurationModelFactory;
        _configurationService = configurationService;
    }

    public virtual async Task<IActionResult> Configure()
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return AccessDeniedView();

        var storeScope = await _storeContext.GetActiveStoreScopeConfigurationAsync();
        var model = await _configurationService.PrepareModelAsync(storeScope);
        await _configurationModelFactory.PrepareConfigurationListsAsync(model);
        return View(ViewsPath + "Configure.cshtml", model);
    }

    [HttpPost, ActionName("Configure")]
    [FormValueRequired("save")]
    public virtual async Task<IActionResult> Configure(PreorderConfigurationModel model)
    {
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return AccessDeniedView();

        var storeScope = await _storeContext.GetActiveStoreScopeConfigurationAsync();
        model.ActiveStoreScopeConfiguration = storeScope;
        foreach (var error in await _configurationService.ValidateAsync(model))
            ModelState.AddModelError(error.Field, await MessageAsync(error.Error.ResourceKey, error.Error.Args));
        if (!ModelState.IsValid)
        {
            // the entered secret is not rendered back either (the password input never renders a value)
            model.WebhookSecret = null;
            await _configurationModelFactory.PrepareConfigurationListsAsync(model);
            return View(ViewsPath + "Configure.cshtml", model);
        }

        await _configurationService.SaveAsync(model, storeScope);
        _notificationService.SuccessNotification(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Configure.Saved"));
        return RedirectToAction(nameof(Configure));
    }


    private Task<string> MessageAsync(string resourceKey, object[] args) => AdminActionJson.MessageAsync(_localizationService, resourceKey, args);
}
