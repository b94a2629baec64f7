using Nop.Core.Configuration;

namespace Nop.Core.Domain.Common;

public partial class AdminAreaSettings : ISettings
{
}
