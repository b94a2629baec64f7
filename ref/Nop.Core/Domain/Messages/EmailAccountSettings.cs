using Nop.Core.Configuration;

namespace Nop.Core.Domain.Messages;

public partial class EmailAccountSettings : ISettings
{
    public int DefaultEmailAccountId { get; set; }
}
