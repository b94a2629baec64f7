using LinqToDB;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// Reads the funnel's facts (the views written by <see cref="ProductViewStore"/>, the waitlist's confirmed joins, the
/// lines with the pre-orders grid's "deposit paid" column) and hands them to <see cref="CampaignFunnelRules"/>, which
/// holds every definition. Views still in a node's memory are not in the figures until its next flush.
/// </summary>
public class CampaignFunnelService
{
    private readonly IWaitlistJoinCounter _waitlistJoinCounter;
    private readonly PreorderGridQueryService _gridQueryService;
    private readonly ProductViewStore _viewStore;

    public CampaignFunnelService(IWaitlistJoinCounter waitlistJoinCounter, PreorderGridQueryService gridQueryService, ProductViewStore viewStore)
    {
        _waitlistJoinCounter = waitlistJoinCounter;
        _gridQueryService = gridQueryService;
        _viewStore = viewStore;
    }

    public virtual async Task<CampaignFunnel> GetFunnelAsync(int productId) =>
        (await GetFunnelsAsync(new[] { productId })).Single();

    /// <summary>One funnel per product asked for, in the order asked (a product with nothing yet has a funnel of zeros).</summary>
    public virtual async Task<IList<CampaignFunnel>> GetFunnelsAsync(IReadOnlyCollection<int> productIds)
    {
        var ids = (productIds ?? Array.Empty<int>()).Distinct().ToList();
        if (ids.Count == 0)
            return new List<CampaignFunnel>();
        var views = await _viewStore.GetViewsAsync(ids);
        var joins = await _waitlistJoinCounter.CountJoinsAsync(ids) ?? new Dictionary<int, int>();
        var rows = await LineFacts(ids).ToListAsync();
        var lines = rows.Select(r => new FunnelLineFact(r.ProductId, (PreorderLineState)r.StateId, (PreorderPaymentMode)r.PaymentModeId, r.DepositPaid))
            .ToLookup(f => f.ProductId);
        return ids.Select(id => CampaignFunnelRules.Build(id, views.TryGetValue(id, out var v) ? v : 0, joins.TryGetValue(id, out var j) ? j : 0, lines[id])).ToList();
    }

    /// <summary>Every campaign with a line or a written view, most views first (the store-wide funnel and its CSV).</summary>
    public virtual async Task<IList<CampaignFunnel>> GetAllFunnelsAsync()
    {
        var ids = (await _gridQueryService.LineQuery(new PreorderLineFilter()).Select(r => r.ProductId).Distinct().ToListAsync())
            .Union(await _viewStore.GetViewedProductIdsAsync()).ToList();
        return (await GetFunnelsAsync(ids))
            .OrderByDescending(f => f[FunnelStep.Views].Count).ThenByDescending(f => f[FunnelStep.Placed].Count).ThenBy(f => f.ProductId).ToList();
    }

    /// <summary>The lines of the products as the funnel reads them: the grid's query, so "deposit paid" is the grid's own column.</summary>
    protected virtual IQueryable<FunnelLineRow> LineFacts(IReadOnlyCollection<int> productIds)
    {
        var ids = productIds.ToList();
        return _gridQueryService.LineQuery(new PreorderLineFilter())
            .Where(r => ids.Contains(r.ProductId))
            .Select(r => new FunnelLineRow { ProductId = r.ProductId, StateId = r.StateId, PaymentModeId = r.PaymentModeId, DepositPaid = r.DepositPaid });
    }
}

/// <summary>The columns of one line the funnel reads (a flat row).</summary>
public class FunnelLineRow
{
    public int ProductId { get; set; }

    public int StateId { get; set; }

    public int PaymentModeId { get; set; }

    public decimal DepositPaid { get; set; }
}
