namespace Nop.Core.Configuration;

public partial class AppSettings
{
    public AppSettings(IList<IConfig> configurations = null) => throw null;
}
