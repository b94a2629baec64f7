using Nop.Core.Domain.Directory;

namespace Nop.Services.Catalog;

public partial interface IPriceFormatter
{
    Task<string> FormatPriceAsync(decimal price);

    Task<string> FormatPriceAsync(decimal price, bool showCurrency, Currency targetCurrency);

    Task<string> FormatPriceAsync(decimal price, bool showCurrency,
        string currencyCode, int languageId, bool priceIncludesTax);
}
