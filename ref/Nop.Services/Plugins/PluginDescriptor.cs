namespace Nop.Services.Plugins;

public partial class PluginDescriptor : PluginDescriptorBaseInfo, IDescriptor, IComparable<PluginDescriptor>
{
    public int CompareTo(PluginDescriptor other) => throw null;

    public virtual string Group { get; set; }

    public virtual string FriendlyName { get; set; }

    public virtual string Author { get; set; }

    public virtual int DisplayOrder { get; set; }

    public virtual bool Installed { get; set; }

    public virtual Type PluginType { get; set; }
}
