using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Nop.Core;
using Nop.Core.Domain.Catalog;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Configuration;
using Nop.Services.Events;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Web.Areas.Admin.Models.Catalog;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Models;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// Saves the product page's pre-order block with the product: nopCommerce publishes the posted product
/// model before its Edit action runs; the block's fields are read from the same form, validated and saved
/// by <see cref="PreorderCatalogService.SaveAsync"/> (which also announces a changed ship date to the shoppers).
/// Problems go into the model state, so nopCommerce shows
/// them on the page and does not save the product either. nopCommerce's own pre-order fields of the posted
/// model are set to what the plugin keeps in sync, or nopCommerce's save would overwrite them.
/// </summary>
public class ProductPreorderEventConsumer : IConsumer<ModelReceivedEvent<BaseNopModel>>
{
    private readonly CapReservationService _capReservationService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly ILocalizationService _localizationService;
    private readonly IPermissionService _permissionService;
    private readonly IProductAttributeService _productAttributeService;
    private readonly IProductService _productService;
    private readonly ISettingService _settingService;
    private readonly IWorkContext _workContext;
    private readonly PreorderCatalogService _catalogService;

    public ProductPreorderEventConsumer(CapReservationService capReservationService,
        IDateTimeHelper dateTimeHelper,
        IHttpContextAccessor httpContextAccessor,
        ILocalizationService localizationService,
        IPermissionService permissionService,
        IProductAttributeService productAttributeService,
        IProductService productService,
        ISettingService settingService,
        IWorkContext workContext,
        PreorderCatalogService catalogService)
    {
        _capReservationService = capReservationService;
        _dateTimeHelper = dateTimeHelper;
        _httpContextAccessor = httpContextAccessor;
        _localizationService = localizationService;
        _permissionService = permissionService;
        _productAttributeService = productAttributeService;
        _productService = productService;
        _settingService = settingService;
        _workContext = workContext;
        _catalogService = catalogService;
    }

    public virtual async Task HandleEventAsync(ModelReceivedEvent<BaseNopModel> eventMessage)
    {
        // an existing product only: a new one gets its block after the first save
        if (eventMessage.Model is not ProductModel productModel || productModel.Id <= 0)
            return;
        var request = _httpContextAccessor.HttpContext?.Request;
        if (request == null || !request.HasFormContentType)
            return;
        var form = await request.ReadFormAsync();
        string Value(string key) => form.TryGetValue(key, out var values) ? values.ToString() : string.Empty;
        if (!ProductPreorderForm.IsPresent(Value))
            return;
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return;

        await SaveAsync(productModel, Value, eventMessage.ModelState);
    }

    /// <summary>Validates and saves the posted block; returns whether it was saved.</summary>
    public virtual async Task<bool> SaveAsync(ProductModel productModel, Func<string, string> form, ModelStateDictionary modelState)
    {
        var productId = productModel.Id;
        var zone = _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;
        var existing = await _catalogService.GetProfileAsync(productId);
        var combinations = await _productAttributeService.GetAllProductAttributeCombinationsAsync(productId) ?? new List<ProductAttributeCombination>();
        var counted = (await _capReservationService.GetCountersAsync(productId)).Where(c => c.CombinationId != 0).Select(c => c.CombinationId).ToHashSet();
        var parsed = ProductPreorderForm.Parse(productId, form, zone, combinations.Select(c => c.Id), counted, existing);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                modelState.AddModelError(error.Field, await MessageAsync(error.Error));
            return false;
        }

        var edit = parsed.Edit;
        // nothing configured and nothing to keep: do not create an empty profile for every product saved
        if (existing == null && !edit.Profile.Enabled && !edit.Profile.AutoWhenOutOfStock)
            return false;

        var shipDateChanged = existing != null && existing.ExpectedShipDateUtc != edit.Profile.ExpectedShipDateUtc;
        if (shipDateChanged)
        {
            var settings = await _settingService.LoadSettingAsync<PreorderSettings>();
            edit.PenaltyFreeCancel = edit.PenaltyFreeCancel || ShipDatePolicy.PenaltyFreeByPolicy(existing.ExpectedShipDateUtc, edit.Profile.ExpectedShipDateUtc, settings);
        }

        var admin = await _workContext.GetCurrentCustomerAsync();
        var errors = await _catalogService.SaveAsync(edit, admin?.Id ?? 0);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                modelState.AddModelError(ProductPreorderForm.FieldOf(error.ResourceKey), await MessageAsync(error));
            return false;
        }

        // nopCommerce maps the posted model onto the product after this event: hand it the synced values
        if (await _productService.GetProductByIdAsync(productId) is { } product)
        {
            productModel.AvailableForPreOrder = product.AvailableForPreOrder;
            productModel.PreOrderAvailabilityStartDateTimeUtc = product.PreOrderAvailabilityStartDateTimeUtc;
            if (product.AvailableForPreOrder && productModel.BackorderModeId == (int)BackorderMode.NoBackorders)
                productModel.BackorderModeId = (int)product.BackorderMode;
            if (product.AvailableForPreOrder)
            {
                productModel.LowStockActivityId = (int)product.LowStockActivity;
                productModel.DisableBuyButton = product.DisableBuyButton;
                productModel.Published = product.Published;
            }
        }
        return true;
    }

    private async Task<string> MessageAsync(RuleError error)
    {
        var text = await _localizationService.GetResourceAsync(error.ResourceKey);
        try
        {
            return error.Args is { Length: > 0 } ? string.Format(text, error.Args) : text;
        }
        catch (FormatException)
        {
            return text;
        }
    }
}
