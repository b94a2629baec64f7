using Nop.Core.Domain.Catalog;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Catalog;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>
/// Keeps nopCommerce's own product and attribute-combination fields in line with a pre-order profile
/// (<see cref="NopPreorderFields"/>, <see cref="NopCombinationPreorderFields"/>) and saves what changed, the profile's
/// record of what was there before included.
/// </summary>
public class NopProductSyncService
{
    private readonly IProductAttributeService _productAttributeService;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderProfile> _profileRepository;

    public NopProductSyncService(IProductAttributeService productAttributeService,
        IProductService productService,
        IRepository<PreorderProfile> profileRepository)
    {
        _productAttributeService = productAttributeService;
        _productService = productService;
        _profileRepository = profileRepository;
    }

    public virtual async Task SyncAsync(PreorderProfile profile, Product product = null)
    {
        product ??= await _productService.GetProductByIdAsync(profile.ProductId);
        if (product == null)
            return;
        var (productChanged, profileChanged) = NopPreorderFields.Sync(product, profile);

        // combinations only where they matter: stock kept per combination, or switched by the plugin before
        if (product.ManageInventoryMethod == ManageInventoryMethod.ManageStockByAttributes || !string.IsNullOrEmpty(profile.NopCombinationsAllowedOutOfStock))
        {
            var combinations = await _productAttributeService.GetAllProductAttributeCombinationsAsync(product.Id) ?? new List<ProductAttributeCombination>();
            var (changedCombinations, recordChanged) = NopCombinationPreorderFields.Sync(product, combinations, profile);
            foreach (var combination in changedCombinations)
                await _productAttributeService.UpdateProductAttributeCombinationAsync(combination);
            profileChanged |= recordChanged;
        }

        if (profileChanged && profile.Id != 0)
            await _profileRepository.UpdateAsync(profile, false);
        if (productChanged)
            await _productService.UpdateProductAsync(product);
    }
}
