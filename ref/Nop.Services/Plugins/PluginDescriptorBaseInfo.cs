namespace Nop.Services.Plugins;

public partial class PluginDescriptorBaseInfo : IComparable<PluginDescriptorBaseInfo>
{
    public virtual string SystemName { get; set; }

    public virtual string Version { get; set; }

    public int CompareTo(PluginDescriptorBaseInfo other) => throw null;
}
