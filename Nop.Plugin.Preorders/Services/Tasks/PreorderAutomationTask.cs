using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Services.Logging;
using Nop.Services.ScheduleTasks;

namespace Nop.Plugin.Preorders.Services.Tasks;

/// <summary>nopCommerce's scheduled task (installed with the plugin, every 5 minutes); the work is in <see cref="PreorderAutomationService"/>.</summary>
public class PreorderAutomationTask : IScheduleTask
{
    private readonly ILogger _logger;
    private readonly PreorderAutomationService _automationService;
    private readonly ProductViewStore _viewStore;

    public PreorderAutomationTask(ILogger logger, PreorderAutomationService automationService, ProductViewStore viewStore)
    {
        _logger = logger;
        _automationService = automationService;
        _viewStore = viewStore;
    }

    public async Task ExecuteAsync()
    {
        try
        {
            // this node's product page views, even while the automation is paused (counting is not automation)
            await _viewStore.FlushAsync();
        }
        catch (Exception ex)
        {
            // the counts stay in memory for the next flush
            await _logger.WarningAsync($"Pre-orders automation: {ex.Message}", ex);
        }
        await _automationService.RunAsync();
    }
}
