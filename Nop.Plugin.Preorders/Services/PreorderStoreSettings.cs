using Nop.Services.Configuration;
using Nop.Services.Stores;

namespace Nop.Plugin.Preorders.Services;

/// <summary>
/// The plugin's settings as a store sees them (its own overrides over the global values), read once per store and
/// request. The configuration page offers store overrides; every rule that concerns an order or a line takes the
/// settings of that order's store, never the global ones, so a store's own due days, grace period, expiry policy or
/// retry policy apply to its shoppers. Scoped: a value saved meanwhile is read by the next request or run.
/// </summary>
public class PreorderStoreSettings
{
    private readonly ISettingService _settingService;
    private readonly IStoreService _storeService;
    private readonly Dictionary<int, PreorderSettings> _byStore = new();

    public PreorderStoreSettings(ISettingService settingService, IStoreService storeService)
    {
        _settingService = settingService;
        _storeService = storeService;
    }

    /// <summary>The settings of <paramref name="storeId"/> (0: the global values).</summary>
    public virtual async Task<PreorderSettings> ForStoreAsync(int storeId)
    {
        if (!_byStore.TryGetValue(storeId, out var settings))
            _byStore[storeId] = settings = await _settingService.LoadSettingAsync<PreorderSettings>(storeId);
        return settings;
    }

    /// <summary>The global settings and every store's: what a query covering all stores must allow for (the longest grace, ...).</summary>
    public virtual async Task<IList<PreorderSettings>> AllAsync()
    {
        var all = new List<PreorderSettings> { await ForStoreAsync(0) };
        foreach (var store in await _storeService.GetAllStoresAsync() ?? new List<Nop.Core.Domain.Stores.Store>())
            all.Add(await ForStoreAsync(store.Id));
        return all;
    }
}
