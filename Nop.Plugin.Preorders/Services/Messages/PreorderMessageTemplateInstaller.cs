namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>Adds and removes the plugin's message templates (English and Russian bodies). Being written for the notifications issue.</summary>
public class PreorderMessageTemplateInstaller
{
    public virtual Task InstallAsync() => Task.CompletedTask;

    public virtual Task UninstallAsync() => Task.CompletedTask;
}
