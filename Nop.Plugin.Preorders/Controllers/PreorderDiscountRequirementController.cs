using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Core.Domain.Discounts;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Discounts;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Discounts;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>
/// The configuration box of the "bought as a pre-order" discount requirement, which nopCommerce's discount
/// page loads by AJAX (GET) and which saves itself by AJAX (POST, JSON answers). Viewing needs nopCommerce's
/// discount view permission, saving its discount edit permission; a refusal changes nothing.
/// </summary>
[Area(AreaNames.ADMIN)]
[AuthorizeAdmin]
[AutoValidateAntiforgeryToken]
public class PreorderDiscountRequirementController : BasePluginController
{
    /// <summary>nopCommerce's own "access denied" text.</summary>
    private const string AccessDeniedResource = "Admin.AccessDenied.Description";

    private readonly IDiscountService _discountService;
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;
    private readonly PreorderDiscountRequirementService _discountRequirementService;

    public PreorderDiscountRequirementController(IDiscountService discountService,
        ILocalizationService localizationService,
        IPermissionService permissionService,
        PreorderDiscountRequirementService discountRequirementService)
    {
        _discountService = discountService;
        _localizationService = localizationService;
        _permissionService = permissionService;
        _discountRequirementService = discountRequirementService;
    }

    public virtual async Task<IActionResult> Configure(int discountId, int? discountRequirementId)
    {
        // the box is inserted into the discount page as HTML: refusals are short encoded texts, not a redirect to a whole page
        if (!await _permissionService.AuthorizeAsync(StandardPermission.Promotions.DISCOUNTS_VIEW))
            return await TextAsync(AccessDeniedResource);

        if (await _discountService.GetDiscountByIdAsync(discountId) == null)
            return await TextAsync(PreorderDefaults.Resources.DiscountNotFound);
        var requirementId = discountRequirementId ?? 0;
        if (requirementId != 0 && await GetOwnRequirementAsync(discountId, requirementId) == null)
            return await TextAsync(PreorderDefaults.Resources.DiscountRequirementNotFound);

        var model = new PreorderDiscountRequirementModel
        {
            DiscountId = discountId,
            RequirementId = requirementId,
            FirstUnits = requirementId == 0 ? 0 : await _discountRequirementService.GetFirstUnitsAsync(requirementId)
        };
        // several requirement boxes share the discount page: their fields need distinct ids
        ViewData.TemplateInfo.HtmlFieldPrefix = string.Format(PreorderDefaults.DiscountRequirementHtmlFieldPrefix, requirementId);
        return View(PreorderDefaults.Admin.ViewsPath + "DiscountRequirement.cshtml", model);
    }

    [HttpPost]
    public virtual async Task<IActionResult> Configure(PreorderDiscountRequirementModel model)
    {
        if (!await _permissionService.AuthorizeAsync(StandardPermission.Promotions.DISCOUNTS_CREATE_EDIT_DELETE))
            return await ErrorsAsync(StatusCodes.Status403Forbidden, AccessDeniedResource);

        if (EarlyBirdRules.ValidateFirstUnits(model.FirstUnits) is { } error)
            ModelState.AddModelError(nameof(model.FirstUnits), await _localizationService.GetResourceAsync(error));
        if (!ModelState.IsValid)
            return Ok(new { Errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList() });

        var discount = await _discountService.GetDiscountByIdAsync(model.DiscountId);
        if (discount == null)
            return await ErrorsAsync(StatusCodes.Status404NotFound, PreorderDefaults.Resources.DiscountNotFound);

        DiscountRequirement requirement;
        if (model.RequirementId != 0)
        {
            requirement = await GetOwnRequirementAsync(discount.Id, model.RequirementId);
            if (requirement == null)
                return await ErrorsAsync(StatusCodes.Status404NotFound, PreorderDefaults.Resources.DiscountRequirementNotFound);
        }
        else
        {
            requirement = new DiscountRequirement { DiscountId = discount.Id, DiscountRequirementRuleSystemName = PreorderDefaults.SystemName };
            await _discountService.InsertDiscountRequirementAsync(requirement);
        }

        await _discountRequirementService.SaveFirstUnitsAsync(requirement.Id, model.FirstUnits);
        return Ok(new { NewRequirementId = requirement.Id });
    }

    /// <summary>The requirement, when it is one of this plugin's on this discount (so no other rule's settings can be written through this page).</summary>
    protected virtual async Task<DiscountRequirement> GetOwnRequirementAsync(int discountId, int requirementId)
    {
        var requirement = await _discountService.GetDiscountRequirementByIdAsync(requirementId);
        return requirement?.DiscountId == discountId && requirement.DiscountRequirementRuleSystemName == PreorderDefaults.SystemName
            ? requirement
            : null;
    }

    private async Task<ContentResult> TextAsync(string resourceKey) =>
        Content(HtmlEncoder.Default.Encode(await _localizationService.GetResourceAsync(resourceKey)), "text/html");

    private async Task<ObjectResult> ErrorsAsync(int statusCode, string resourceKey) =>
        StatusCode(statusCode, new { Errors = new[] { await _localizationService.GetResourceAsync(resourceKey) } });
}
