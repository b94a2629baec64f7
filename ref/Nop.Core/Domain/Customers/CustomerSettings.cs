using Nop.Core.Configuration;

namespace Nop.Core.Domain.Customers;

public partial class CustomerSettings : ISettings
{
}
