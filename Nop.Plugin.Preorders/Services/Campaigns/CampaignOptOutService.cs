using Nop.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// Shoppers' choice to receive no campaign update e-mails: one row per customer who opted out (unique), none for the
/// others. A table rather than a generic attribute so the task leaves opted-out buyers out of its batch query
/// (NOT EXISTS) instead of asking per buyer.
/// </summary>
public class CampaignOptOutService
{
    private readonly IRepository<PreorderCampaignOptOut> _optOutRepository;
    private readonly PreorderClock _clock;

    public CampaignOptOutService(IRepository<PreorderCampaignOptOut> optOutRepository, PreorderClock clock)
    {
        _optOutRepository = optOutRepository;
        _clock = clock;
    }

    public virtual async Task<bool> IsOptedOutAsync(int customerId) =>
        customerId > 0 && await _optOutRepository.Table.Where(o => o.CustomerId == customerId).AnyAsync();

    /// <summary>Sets the shopper's choice; repeating it (a double submit, two tabs) changes nothing.</summary>
    public virtual async Task SetOptedOutAsync(int customerId, bool optedOut)
    {
        if (customerId <= 0)
            return;
        var existing = await _optOutRepository.Table.Where(o => o.CustomerId == customerId).ToListAsync();
        if (!optedOut)
        {
            if (existing.Count > 0)
                await _optOutRepository.DeleteAsync(existing, false);
            return;
        }
        if (existing.Count > 0)
            return;
        try
        {
            await _optOutRepository.InsertAsync(new PreorderCampaignOptOut { CustomerId = customerId, CreatedOnUtc = _clock.UtcNow }, false);
        }
        catch (Exception)
        {
            // a concurrent twin inserted it first (unique customer index): the choice is stored
            if (!await IsOptedOutAsync(customerId))
                throw;
        }
    }
}
