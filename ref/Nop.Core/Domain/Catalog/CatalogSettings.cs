using Nop.Core.Configuration;

namespace Nop.Core.Domain.Catalog;

public partial class CatalogSettings : ISettings
{
}
