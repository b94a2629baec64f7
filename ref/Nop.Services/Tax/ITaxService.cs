using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;

namespace Nop.Services.Tax;

public partial interface ITaxService
{
    Task<(decimal price, decimal taxRate)> GetProductPriceAsync(Product product, decimal price);

    Task<(decimal price, decimal taxRate)> GetProductPriceAsync(Product product, decimal price,
        bool includingTax, Customer customer);
}
