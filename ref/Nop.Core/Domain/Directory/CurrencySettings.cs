using Nop.Core.Configuration;

namespace Nop.Core.Domain.Directory;

public partial class CurrencySettings : ISettings
{
    public int PrimaryStoreCurrencyId { get; set; }

    public int PrimaryExchangeRateCurrencyId { get; set; }
}
