using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Catalog;

namespace Nop.Services.Catalog;

public partial interface IProductAttributeParser
{
    Task<ProductAttributeCombination> FindProductAttributeCombinationAsync(Product product,
        string attributesXml, bool ignoreNonCombinableAttributes = true);

    Task<string> ParseProductAttributesAsync(Product product, IFormCollection form, List<string> errors);
}
