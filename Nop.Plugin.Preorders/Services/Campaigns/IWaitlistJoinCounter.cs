namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>How many shoppers joined a product's waitlist (confirmed joins only): the campaign funnel's first step after views.</summary>
public interface IWaitlistJoinCounter
{
    /// <summary>Confirmed waitlist joins per product id for the given products; a product with none is absent.</summary>
    Task<IDictionary<int, int>> CountJoinsAsync(IReadOnlyCollection<int> productIds);
}
