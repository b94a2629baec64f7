using Nop.Core.Domain.Catalog;

namespace Nop.Services.Catalog;

public partial interface IProductService
{
    Task<Product> GetProductByIdAsync(int productId);

    Task<IList<Product>> GetProductsByIdsAsync(int[] productIds);

    Task UpdateProductAsync(Product product);

    Task AdjustInventoryAsync(Product product, int quantityToChange, string attributesXml = "", string message = "");
}
