using System.Globalization;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The store owner's early warnings, found by the scheduled task: a product's pre-order window closes within
/// <see cref="PreorderSettings.WindowClosingNoticeDays"/>, or <see cref="PreorderSettings.CapNearlyReachedPercent"/>
/// of its cap is sold. Each is recorded once per campaign (the key names the window end, or the cap), so a repeated
/// run, a second node or a later run finds it recorded; a new window end or a new cap is a new campaign. Products
/// are shared by the stores, so the thresholds are the global settings. The messages step of the same run sends them.
/// </summary>
public class StoreAlertService
{
    public const int BatchSize = 500;

    private readonly IRepository<PreorderCapCounter> _counterRepository;
    private readonly IRepository<PreorderMessageLog> _messageLogRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly PreorderMessageService _messageService;
    private readonly PreorderStoreSettings _storeSettings;

    public StoreAlertService(IRepository<PreorderCapCounter> counterRepository,
        IRepository<PreorderMessageLog> messageLogRepository,
        IRepository<PreorderProfile> profileRepository,
        PreorderMessageService messageService,
        PreorderStoreSettings storeSettings)
    {
        _counterRepository = counterRepository;
        _messageLogRepository = messageLogRepository;
        _profileRepository = profileRepository;
        _messageService = messageService;
        _storeSettings = storeSettings;
    }

    /// <summary>The step naming a window end in the key ("w" + this): minutes, invariant.</summary>
    public static string WindowStep(DateTime windowEndUtc) => windowEndUtc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="sold"/> units of <paramref name="cap"/> reach the warning share (and the cap is not reached yet: that has its own message).</summary>
    public static bool CapNearlyReached(int? cap, int sold, int percent) =>
        percent > 0 && cap is int c && c > 0 && sold < c && sold * 100L >= (long)c * Math.Min(percent, 100);

    /// <summary>Records the warnings that have come due; returns how many were recorded now.</summary>
    public virtual async Task<int> RecordDueAsync(DateTime nowUtc)
    {
        var settings = await _storeSettings.ForStoreAsync(0);
        var keys = new List<(string Key, int ProductId)>();

        if (settings.WindowClosingNoticeDays > 0)
        {
            var horizon = nowUtc.AddDays(settings.WindowClosingNoticeDays);
            var closing = await _profileRepository.Table
                .Where(p => p.Enabled && p.ReleasedOnUtc == null && p.WindowEndUtc > nowUtc && p.WindowEndUtc <= horizon)
                .OrderBy(p => p.WindowEndUtc).Select(p => new { p.ProductId, p.WindowEndUtc }).Take(BatchSize).ToListAsync();
            foreach (var profile in closing)
                keys.Add((PreorderMessageKey.Format(K.StoreWindowClosing, new[] { ("product", profile.ProductId) }, "w" + WindowStep(profile.WindowEndUtc.Value)), profile.ProductId));
        }

        if (settings.CapNearlyReachedPercent > 0)
        {
            var percent = Math.Min(settings.CapNearlyReachedPercent, 100);
            // a first cut in SQL (sold * 100 >= cap * percent), the rule itself below
            var near = await (from c in _counterRepository.Table
                              join p in _profileRepository.Table on c.ProductId equals p.ProductId
                              where c.CombinationId == 0 && c.Cap != null && c.Cap > 0 && c.Sold < c.Cap && c.Sold * 100 >= c.Cap * percent
                                    && p.Enabled && p.ReleasedOnUtc == null
                              orderby c.ProductId
                              select new { c.ProductId, c.Cap, c.Sold }).Take(BatchSize).ToListAsync();
            foreach (var counter in near.Where(c => CapNearlyReached(c.Cap, c.Sold, percent)))
                keys.Add((PreorderMessageKey.Format(K.StoreCapNearlyReached, new[] { ("product", counter.ProductId) },
                    "cap" + counter.Cap.Value.ToString(CultureInfo.InvariantCulture)), counter.ProductId));
        }

        if (keys.Count == 0)
            return 0;
        var names = keys.Select(k => k.Key).ToArray();
        var recorded = (await _messageLogRepository.Table.Where(m => names.Contains(m.MessageKey)).Select(m => m.MessageKey).ToListAsync()).ToHashSet();
        var added = 0;
        foreach (var (key, productId) in keys.Where(k => !recorded.Contains(k.Key)))
            if (await _messageService.TryRecordAsync(key, 0, productId) != null)
                added++;
        return added;
    }
}
