using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Nop.Core;
using Nop.Core.Domain.Catalog;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Configuration;
using Nop.Services.Events;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Security;
using Nop.Web.Areas.Admin.Models.Catalog;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Models;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// Saves the product page's pre-order block with the product, and only when nopCommerce saves the product.
/// nopCommerce publishes the posted product model (<see cref="ModelReceivedEvent{T}"/>) before its Edit
/// action checks the vendor, the stock quantity and the model state; the block is read from the same form
/// and validated there (problems go into the model state, so nopCommerce shows them and does not save the
/// product either), then kept in the request (<see cref="HttpContext.Items"/>) and saved by
/// <see cref="PendingProductBlockService"/> when nopCommerce's product update raises
/// <see cref="EntityUpdatedEvent{T}"/> for that product in the same request (its Edit action updates the
/// product only after all its checks passed), first of what that update does (<see cref="Catalog.ProductUpdateEventConsumer"/>). A vendor-restricted admin touches only their own products'
/// blocks. nopCommerce's own pre-order fields are synced on the product instance nopCommerce is saving.
/// </summary>
public class ProductPreorderEventConsumer : IConsumer<ModelReceivedEvent<BaseNopModel>>
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the block waiting for nopCommerce's product save.</summary>
    public const string PendingBlockKey = "Nop.Plugin.Preorders.PendingProductBlock";

    private readonly CapReservationService _capReservationService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly IPermissionService _permissionService;
    private readonly IProductAttributeService _productAttributeService;
    private readonly IProductService _productService;
    private readonly ISettingService _settingService;
    private readonly IWorkContext _workContext;
    private readonly PreorderCatalogService _catalogService;
    private readonly PendingProductBlockService _pendingBlocks;

    public ProductPreorderEventConsumer(CapReservationService capReservationService,
        IDateTimeHelper dateTimeHelper,
        IHttpContextAccessor httpContextAccessor,
        IPermissionService permissionService,
        IProductAttributeService productAttributeService,
        IProductService productService,
        ISettingService settingService,
        IWorkContext workContext,
        PreorderCatalogService catalogService,
        PendingProductBlockService pendingBlocks)
    {
        _capReservationService = capReservationService;
        _dateTimeHelper = dateTimeHelper;
        _httpContextAccessor = httpContextAccessor;
        _permissionService = permissionService;
        _productAttributeService = productAttributeService;
        _productService = productService;
        _settingService = settingService;
        _workContext = workContext;
        _catalogService = catalogService;
        _pendingBlocks = pendingBlocks;
    }

    /// <summary>The posted product form: validate the block and keep it for nopCommerce's save.</summary>
    public virtual async Task HandleEventAsync(ModelReceivedEvent<BaseNopModel> eventMessage)
    {
        // an existing product only: a new one gets its block after the first save
        if (eventMessage.Model is not ProductModel productModel || productModel.Id <= 0)
            return;
        var httpContext = _httpContextAccessor.HttpContext;
        var request = httpContext?.Request;
        if (request == null || !request.HasFormContentType)
            return;
        httpContext.Items.Remove(PendingBlockKey);
        var form = await request.ReadFormAsync();
        string Value(string key) => form.TryGetValue(key, out var values) ? values.ToString() : string.Empty;
        if (!ProductPreorderForm.IsPresent(Value))
            return;
        if (!await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage))
            return;

        var pending = await ValidateAsync(productModel, Value, eventMessage.ModelState);
        if (pending != null)
            httpContext.Items[PendingBlockKey] = pending;
    }

    /// <summary>
    /// Validates the posted block (errors into <paramref name="modelState"/>) and returns what to save when
    /// nopCommerce saves the product; null when there is nothing to save or nopCommerce will not save.
    /// </summary>
    public virtual async Task<PendingProductBlock> ValidateAsync(ProductModel productModel, Func<string, string> form, ModelStateDictionary modelState)
    {
        var productId = productModel.Id;
        var product = await _productService.GetProductByIdAsync(productId);
        // nopCommerce redirects without saving (deleted product, another vendor's product): nothing to check or keep
        if (product == null || product.Deleted || !await _pendingBlocks.MayEditAsync(product))
            return null;

        var zone = _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;
        var existing = await _catalogService.GetProfileAsync(productId);
        var combinations = await _productAttributeService.GetAllProductAttributeCombinationsAsync(productId) ?? new List<ProductAttributeCombination>();
        var counted = (await _capReservationService.GetCountersAsync(productId)).Where(c => c.CombinationId != 0).Select(c => c.CombinationId).ToHashSet();
        var culture = await AdminCultureAsync();
        var parsed = ProductPreorderForm.Parse(productId, form, zone, combinations.Select(c => c.Id), counted, existing, culture);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                modelState.AddModelError(error.Field, await _pendingBlocks.MessageAsync(error.Error));
            return null;
        }

        var edit = parsed.Edit;
        // nothing configured and nothing to keep: do not create an empty profile for every product saved
        if (existing == null && !edit.Profile.Enabled && !edit.Profile.AutoWhenOutOfStock && !edit.Profile.Reservable)
            return null;

        var errors = await _catalogService.ValidateAsync(edit);
        foreach (var error in errors)
            modelState.AddModelError(ProductPreorderForm.FieldOf(error.ResourceKey), await _pendingBlocks.MessageAsync(error));
        // nopCommerce does not save a product whose model state has errors (its own or the block's)
        if (!modelState.IsValid)
            return null;

        if (existing != null && existing.ExpectedShipDateUtc != edit.Profile.ExpectedShipDateUtc)
        {
            var settings = await _settingService.LoadSettingAsync<PreorderSettings>();
            edit.PenaltyFreeCancel = edit.PenaltyFreeCancel || ShipDatePolicy.PenaltyFreeByPolicy(existing.ExpectedShipDateUtc, edit.Profile.ExpectedShipDateUtc, settings);
        }

        var admin = await _workContext.GetCurrentCustomerAsync();
        return new PendingProductBlock(productId, edit, admin?.Id ?? 0);
    }

    /// <summary>The admin's working language culture (amounts typed in the block are read in it first).</summary>
    protected virtual async Task<CultureInfo> AdminCultureAsync() =>
        AdminAmountParser.CultureOf((await _workContext.GetWorkingLanguageAsync())?.LanguageCulture);
}


/// <summary>A validated product block waiting for nopCommerce to save its product in the same request.</summary>
public sealed record PendingProductBlock(int ProductId, PreorderProfileEdit Edit, int AdminId);
