using Nop.Services.ScheduleTasks;

namespace Nop.Plugin.Preorders.Services.Tasks;

/// <summary>nopCommerce's scheduled task (installed with the plugin, every 5 minutes); the work is in <see cref="PreorderAutomationService"/>.</summary>
public class PreorderAutomationTask : IScheduleTask
{
    private readonly PreorderAutomationService _automationService;

    public PreorderAutomationTask(PreorderAutomationService automationService)
    {
        _automationService = automationService;
    }

    public async Task ExecuteAsync() => await _automationService.RunAsync();
}
