namespace Nop.Services.Plugins;

public abstract partial class BasePlugin : IPlugin
{
    public virtual string GetConfigurationPageUrl() => throw null;

    public virtual PluginDescriptor PluginDescriptor { get; set; }

    public virtual Task InstallAsync() => throw null;

    public virtual Task InstallSampleDataAsync() => throw null;

    public virtual Task UninstallAsync() => throw null;

    public virtual Task UpdateAsync(string currentVersion, string targetVersion) => throw null;

    public virtual Task PreparePluginToUninstallAsync() => throw null;
}
