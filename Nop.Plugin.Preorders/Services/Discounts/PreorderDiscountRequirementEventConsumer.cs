using Nop.Core.Domain.Discounts;
using Nop.Core.Events;
using Nop.Services.Events;

namespace Nop.Plugin.Preorders.Services.Discounts;

/// <summary>A merchant deleted one of the plugin's discount requirements: its "first N units" setting goes with it.</summary>
public class PreorderDiscountRequirementEventConsumer : IConsumer<EntityDeletedEvent<DiscountRequirement>>
{
    private readonly PreorderDiscountRequirementService _discountRequirementService;

    public PreorderDiscountRequirementEventConsumer(PreorderDiscountRequirementService discountRequirementService)
    {
        _discountRequirementService = discountRequirementService;
    }

    public async Task HandleEventAsync(EntityDeletedEvent<DiscountRequirement> eventMessage)
    {
        if (eventMessage?.Entity is { } requirement && requirement.DiscountRequirementRuleSystemName == PreorderDefaults.SystemName)
            await _discountRequirementService.DeleteSettingAsync(requirement.Id);
    }
}
