using LinqToDB;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Logging;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// Product page views of pre-order products: counted in this node's memory (<see cref="ProductViewCounter"/>), added to
/// <c>preorder_product_view</c> by <see cref="FlushAsync"/> with one additive UPDATE per product (<c>views = views + n</c>;
/// the first flush of a product inserts its row, and a node that loses that insert to another node adds instead). Two
/// nodes flushing the same product both add: nothing is overwritten, nothing counted twice. Flushed by the scheduled task
/// and, on every node serving product pages, by the first view after <see cref="PreorderDefaults.ProductViewFlushSeconds"/>.
/// </summary>
public class ProductViewStore
{
    private static readonly string AddSql =
        $"UPDATE {PreorderDbNames.Table<PreorderProductView>()} SET views = views + @views, updated_on_utc = @now WHERE product_id = @product";

    private readonly INopDataProvider _dataProvider;
    private readonly ILogger _logger;
    private readonly IRepository<PreorderProductView> _viewRepository;
    private readonly PreorderClock _clock;
    private readonly ProductViewCounter _counter;

    public ProductViewStore(INopDataProvider dataProvider,
        ILogger logger,
        IRepository<PreorderProductView> viewRepository,
        PreorderClock clock,
        ProductViewCounter counter)
    {
        _dataProvider = dataProvider;
        _logger = logger;
        _viewRepository = viewRepository;
        _clock = clock;
        _counter = counter;
    }

    /// <summary>
    /// A product page of a pre-order product was shown: counted in memory; when this node's flush period has passed, this
    /// request flushes (one statement per product viewed since), so a node that the task never runs on still writes its views.
    /// A failed flush is logged and its counts kept for the next one: the product page is never broken by the counter.
    /// </summary>
    public virtual async Task RecordViewAsync(int productId)
    {
        _counter.Count(productId);
        if (!_counter.TryClaimFlush(_clock.UtcNow, TimeSpan.FromSeconds(PreorderDefaults.ProductViewFlushSeconds)))
            return;
        try
        {
            await FlushAsync();
        }
        catch (Exception ex)
        {
            await _logger.WarningAsync($"Pre-orders: product views not written yet: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Adds every count this node holds to the database and returns the views written. A product whose write fails keeps
    /// its count in memory (put back) for the next flush; the first failure is rethrown after the others were tried.
    /// </summary>
    public virtual async Task<long> FlushAsync()
    {
        long written = 0;
        Exception failure = null;
        foreach (var (productId, views) in _counter.TakeAll())
        {
            try
            {
                await AddAsync(productId, views);
                written += views;
            }
            catch (Exception ex)
            {
                _counter.PutBack(productId, views);
                failure ??= ex;
            }
        }
        if (failure != null)
            throw new InvalidOperationException($"Product views of some products could not be written: {failure.Message}", failure);
        return written;
    }

    /// <summary>Views written to the database per product (products without a row are absent).</summary>
    public virtual async Task<IDictionary<int, long>> GetViewsAsync(IReadOnlyCollection<int> productIds)
    {
        if (productIds == null || productIds.Count == 0)
            return new Dictionary<int, long>();
        var ids = productIds.Distinct().ToList();
        var rows = await _viewRepository.Table.Where(v => ids.Contains(v.ProductId)).Select(v => new { v.ProductId, v.Views }).ToListAsync();
        return rows.ToDictionary(r => r.ProductId, r => r.Views);
    }

    /// <summary>Every product with views written (the store-wide funnel's products besides those with lines).</summary>
    public virtual async Task<IList<int>> GetViewedProductIdsAsync() =>
        await _viewRepository.Table.Select(v => v.ProductId).ToListAsync();

    /// <summary>views += n for the product; its row created on the first flush (unique per product: a lost insert race adds instead).</summary>
    protected virtual async Task AddAsync(int productId, long views)
    {
        if (await ExecuteAddAsync(productId, views))
            return;
        try
        {
            await _viewRepository.InsertAsync(new PreorderProductView { ProductId = productId, Views = views, UpdatedOnUtc = _clock.UtcNow }, false);
        }
        catch (Exception)
        {
            // another node inserted the product's row first (unique index): add to theirs
            if (!await ExecuteAddAsync(productId, views))
                throw;
        }
    }

    private async Task<bool> ExecuteAddAsync(int productId, long views) =>
        await _dataProvider.ExecuteNonQueryAsync(AddSql,
            new DataParameter("views", views, PreorderDataTypes.Int64),
            new DataParameter("now", _clock.UtcNow, PreorderDataTypes.DateTime2),
            new DataParameter("product", productId, PreorderDataTypes.Int32)) == 1;
}
