using Nop.Core.Domain.Directory;

namespace Nop.Services.Directory;

public partial interface ICountryService
{
    Task<IList<Country>> GetAllCountriesAsync(int languageId = 0, bool showHidden = false);

    Task<Country> GetCountryByIdAsync(int countryId);

    Task<Country> GetCountryByTwoLetterIsoCodeAsync(string twoLetterIsoCode);
}
