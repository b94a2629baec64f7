using Nop.Core.Domain.Catalog;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Services.Catalog;
using Nop.Services.Configuration;
using Nop.Services.Events;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>
/// A product saved or its stock changed. A product update (admin, import, every order's stock adjustment) first saves
/// the pre-order block posted with it on the product page (so that what the merchant typed is in place before the
/// rest reads it), then turns auto pre-order on or off and allocates arrived units; a stock history row of an attribute combination (nopCommerce writes one for every change of
/// a combination's stock, orders included, and does not update the product) does the same for that combination.
/// Skipped while the automation is paused (the task catches up). Idempotent: events may repeat.
/// </summary>
public class ProductUpdateEventConsumer :
    IConsumer<EntityUpdatedEvent<Product>>,
    IConsumer<EntityInsertedEvent<StockQuantityHistory>>
{
    private readonly AutoPreorderService _autoPreorderService;
    private readonly IProductService _productService;
    private readonly ISettingService _settingService;
    private readonly PreorderAllocationService _allocationService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PendingProductBlockService _pendingBlocks;

    public ProductUpdateEventConsumer(AutoPreorderService autoPreorderService,
        IProductService productService,
        ISettingService settingService,
        PreorderAllocationService allocationService,
        PreorderCatalogService catalogService,
        PendingProductBlockService pendingBlocks)
    {
        _autoPreorderService = autoPreorderService;
        _productService = productService;
        _settingService = settingService;
        _allocationService = allocationService;
        _catalogService = catalogService;
        _pendingBlocks = pendingBlocks;
    }

    public async Task HandleEventAsync(EntityUpdatedEvent<Product> eventMessage)
    {
        var product = eventMessage.Entity;
        await _pendingBlocks.SaveAsync(product);
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>();
        if (settings.AutomationPaused)
            return;
        // nopCommerce saves every ordered product (stock adjustment), so this runs for every item of every order:
        // only a product with a pre-order profile can have a queue, and the cached snapshot tells without a
        // query (bench 6); it is read once, before the invalidation below, and its profile is what auto pre-order
        // checks first. A product without one only matters at zero tracked stock, if its store turns such products into pre-orders.
        var profile = (await _catalogService.GetSnapshotAsync(product.Id)).Profile;
        if (profile == null)
        {
            if (product.ManageInventoryMethod == ManageInventoryMethod.ManageStock && product.StockQuantity <= 0
                || product.ManageInventoryMethod == ManageInventoryMethod.ManageStockByAttributes)
                await _autoPreorderService.ApplyAsync(product, null);
            return;
        }
        await _catalogService.InvalidateAsync(product.Id);
        await _autoPreorderService.ApplyAsync(product, profile);
        if (await _allocationService.GetWaitingUnitsAsync(product.Id, 0) > 0)
            await _allocationService.AllocateFromStockAsync(product.Id);
    }

    public async Task HandleEventAsync(EntityInsertedEvent<StockQuantityHistory> eventMessage)
    {
        var history = eventMessage.Entity;
        if (history.QuantityAdjustment == 0 || history.CombinationId is not int combinationId || combinationId == 0)
            return;
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>();
        if (settings.AutomationPaused)
            return;
        if (await _productService.GetProductByIdAsync(history.ProductId) is { ManageInventoryMethod: ManageInventoryMethod.ManageStockByAttributes } product)
            await _autoPreorderService.ApplyAsync(product, (await _catalogService.GetSnapshotAsync(product.Id)).Profile);
        if (history.QuantityAdjustment > 0)
            await _allocationService.AllocateFromStockAsync(history.ProductId, combinationId);
    }
}
