using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Helpers;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>
/// The product page's campaign timeline from the cached updates (<see cref="CampaignUpdateService.GetTimelineAsync"/>):
/// no query once cached. Stage names in the shopper's language, dates in their time zone.
/// </summary>
public class CampaignTimelineModelFactory
{
    private readonly CampaignUpdateService _updateService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;

    public CampaignTimelineModelFactory(CampaignUpdateService updateService, IDateTimeHelper dateTimeHelper, ILocalizationService localizationService)
    {
        _updateService = updateService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
    }

    public virtual async Task<CampaignTimelineModel> PrepareAsync(int productId)
    {
        var model = new CampaignTimelineModel();
        var timeline = await _updateService.GetTimelineAsync(productId);
        foreach (var entry in timeline)
        {
            var date = (await _dateTimeHelper.ConvertToUserTimeAsync(entry.CreatedOnUtc, DateTimeKind.Utc)).ToString("D");
            model.Items.Add(new CampaignTimelineItemModel(date, await _localizationService.GetResourceAsync(CampaignUpdateRules.ResourceKey(entry.Stage)), entry.Text));
        }
        if (model.Items.Count > 0)
            model.LatestStageText = string.Format(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Product.CampaignStage"), model.Items[0].StageText);
        return model;
    }
}
