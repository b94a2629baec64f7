using Nop.Core.Configuration;

namespace Nop.Core.Domain.Cms;

public partial class WidgetSettings : ISettings
{
    public List<string> ActiveWidgetSystemNames { get; set; } = new List<string>();
}
