using Nop.Core.Domain.Catalog;

namespace Nop.Services.Catalog;

public partial interface ICategoryService
{
    Task<IList<Category>> GetAllCategoriesAsync(int storeId = 0, bool showHidden = false);

    Task<Category> GetCategoryByIdAsync(int categoryId);

    Task<IList<ProductCategory>> GetProductCategoriesByProductIdAsync(int productId, bool showHidden = false);

    Task<IList<Category>> GetCategoriesByIdsAsync(int[] categoryIds);

    Task<string> GetFormattedBreadCrumbAsync(Category category, IList<Category> allCategories = null,
        string separator = ">>", int languageId = 0);
}
