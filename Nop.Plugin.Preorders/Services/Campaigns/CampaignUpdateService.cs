using Nop.Core;
using Nop.Core.Caching;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Security;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>One update of a product's timeline as the product page caches it (no entity: nothing the page could change).</summary>
public sealed record CampaignTimelineEntry(int Id, CampaignStage Stage, string Text, DateTime CreatedOnUtc);

/// <summary>
/// The merchant's campaign updates: posting (validated first: a refused post writes nothing), deleting (soft: the
/// e-mails already recorded find it deleted and skip), the admin's list, and the product page's timeline, cached per
/// product like the pre-order snapshot and cleared on post and delete. Nothing is e-mailed here: the scheduled task
/// records the buyers' e-mails in batches (<see cref="CampaignUpdateNoticeService"/>), outside the admin's request.
/// </summary>
public class CampaignUpdateService
{
    private readonly IPermissionService _permissionService;
    private readonly IRepository<PreorderCampaignUpdate> _updateRepository;
    private readonly IStaticCacheManager _staticCacheManager;
    private readonly IWorkContext _workContext;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderClock _clock;

    public CampaignUpdateService(IPermissionService permissionService,
        IRepository<PreorderCampaignUpdate> updateRepository,
        IStaticCacheManager staticCacheManager,
        IWorkContext workContext,
        PreorderAuditService auditService,
        PreorderClock clock)
    {
        _permissionService = permissionService;
        _updateRepository = updateRepository;
        _staticCacheManager = staticCacheManager;
        _workContext = workContext;
        _auditService = auditService;
        _clock = clock;
    }

    /// <summary>Posts an update of the product's campaign (manage permission); the buyers' e-mails follow from the task's next run.</summary>
    public virtual async Task<AdminActionResult> PostAsync(int productId, int stageId, string text)
    {
        var admin = await _workContext.GetCurrentCustomerAsync();
        if (admin == null || !await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage, admin))
            return AdminActionResult.AccessDenied();
        if (productId <= 0)
            return AdminActionResult.Error(R.ProfileNotFound);
        CampaignUpdatePost post;
        try
        {
            post = CampaignUpdateRules.Validate(stageId, text);
        }
        catch (PreorderRuleException ex)
        {
            return AdminActionResult.Error(ex.ResourceKey, ex.Args);
        }

        var update = new PreorderCampaignUpdate
        {
            ProductId = productId,
            Stage = post.Stage,
            Text = post.Text,
            PostedByCustomerId = admin.Id,
            CreatedOnUtc = _clock.UtcNow
        };
        await _updateRepository.InsertAsync(update, false);
        await InvalidateAsync(productId);
        await _auditService.RecordAsync("Admin.CampaignUpdatePosted", admin.Id, productId: productId, details: $"#{update.Id} {post.Stage}: {post.Text}");
        return new AdminActionResult { Succeeded = 1, Count = update.Id };
    }

    /// <summary>
    /// Deletes a mistaken post (manage permission): hidden from the product page at once; the task reaches no further buyer,
    /// and e-mails recorded but not yet sent are skipped when built. E-mails already handed to nopCommerce's queue and a
    /// webhook already recorded stay sent (see <see cref="CampaignUpdateRules.DeleteOutcome"/>, which the admin is shown).
    /// </summary>
    public virtual async Task<AdminActionResult> DeleteAsync(int updateId)
    {
        var admin = await _workContext.GetCurrentCustomerAsync();
        if (admin == null || !await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage, admin))
            return AdminActionResult.AccessDenied();
        var update = updateId > 0 ? await _updateRepository.GetByIdAsync(updateId) : null;
        if (update == null || update.DeletedOnUtc != null)
            return AdminActionResult.Error(R.CampaignUpdateNotFound);

        var outcome = CampaignUpdateRules.DeleteOutcome(update);
        update.DeletedOnUtc = _clock.UtcNow;
        await _updateRepository.UpdateAsync(update, false);
        await InvalidateAsync(update.ProductId);
        await _auditService.RecordAsync("Admin.CampaignUpdateDeleted", admin.Id, productId: update.ProductId, details: $"#{update.Id} {outcome}");
        var result = new AdminActionResult { Succeeded = 1, Count = update.RecipientsRecorded };
        result.Details.Add(outcome.ToString());
        return result;
    }

    /// <summary>Every update of the product, deleted ones too, newest first (the admin's list, with how far the e-mails got).</summary>
    public virtual async Task<IList<PreorderCampaignUpdate>> GetAllAsync(int productId) =>
        await _updateRepository.Table.Where(u => u.ProductId == productId)
            .OrderByDescending(u => u.CreatedOnUtc).ThenByDescending(u => u.Id).ToListAsync();

    public virtual Task<PreorderCampaignUpdate> GetAsync(int updateId) => _updateRepository.GetByIdAsync(updateId);

    /// <summary>The updates that stand, newest first: the first is the latest stage. Cached per product until a post or a delete.</summary>
    public virtual async Task<IReadOnlyList<CampaignTimelineEntry>> GetTimelineAsync(int productId)
    {
        var key = _staticCacheManager.PrepareKeyForDefaultCache(PreorderDefaults.Cache.CampaignTimelineKey, productId);
        return await _staticCacheManager.GetAsync(key, async () =>
        {
            var updates = await _updateRepository.Table.Where(u => u.ProductId == productId && u.DeletedOnUtc == null).ToListAsync();
            return (IReadOnlyList<CampaignTimelineEntry>)CampaignUpdateRules.Timeline(updates)
                .Select(u => new CampaignTimelineEntry(u.Id, u.Stage, u.Text, u.CreatedOnUtc)).ToList();
        });
    }

    public virtual Task InvalidateAsync(int productId) => _staticCacheManager.RemoveAsync(PreorderDefaults.Cache.CampaignTimelineKey, productId);
}
