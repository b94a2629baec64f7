using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>
/// Counts pre-ordered units against caps in the database itself. A reservation is one conditional UPDATE
/// ("sold + q &lt;= cap") whose affected-row count says whether it succeeded: atomic on every database
/// nopCommerce supports and on every web-farm node at once, with no lock to wait for or to leak
/// (nopCommerce's ILocker is a non-waiting, non-atomic try-lock and cannot guarantee this).
/// </summary>
public class CapReservationService
{
    private static readonly string ReserveSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET sold = sold + @quantity WHERE id = @id AND (cap IS NULL OR sold + @quantity <= cap)";

    private static readonly string ReleaseSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET sold = sold - @quantity WHERE id = @id AND sold >= @quantity";

    private static readonly string SetCapSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET cap = @cap WHERE id = @id AND sold <= @cap";

    private static readonly string ClearCapSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET cap = NULL WHERE id = @id";

    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderCapCounter> _counterRepository;

    public CapReservationService(INopDataProvider dataProvider, IRepository<PreorderCapCounter> counterRepository)
    {
        _dataProvider = dataProvider;
        _counterRepository = counterRepository;
    }

    public virtual async Task<PreorderCapCounter> GetCounterAsync(int productId, int combinationId = 0) =>
        await _counterRepository.Table.Where(c => c.ProductId == productId && c.CombinationId == combinationId).FirstOrDefaultAsync();

    public virtual async Task<IList<PreorderCapCounter>> GetCountersAsync(int productId) =>
        await _counterRepository.Table.Where(c => c.ProductId == productId).OrderBy(c => c.CombinationId).ToListAsync();

    /// <summary>The counter of a scope, created on first use (two nodes creating it at once: the unique index keeps one).</summary>
    public virtual async Task<PreorderCapCounter> EnsureCounterAsync(int productId, int combinationId = 0)
    {
        var counter = await GetCounterAsync(productId, combinationId);
        if (counter != null)
            return counter;
        try
        {
            counter = new PreorderCapCounter { ProductId = productId, CombinationId = combinationId };
            await _counterRepository.InsertAsync(counter, false);
            return counter;
        }
        catch (Exception)
        {
            // another node created it first (unique index): use theirs
            return await GetCounterAsync(productId, combinationId) ?? throw new InvalidOperationException($"Cap counter of product {productId} could not be created.");
        }
    }

    /// <summary>
    /// Takes <paramref name="quantity"/> units from the combination's own cap (when it has a counter) and from
    /// the product's; all or nothing: a failed second step gives the first back.
    /// </summary>
    public virtual async Task<bool> TryReserveAsync(int productId, int combinationId, int quantity)
    {
        if (quantity <= 0)
            throw new ArgumentOutOfRangeException(nameof(quantity));

        PreorderCapCounter combination = null;
        if (combinationId != 0)
        {
            combination = await GetCounterAsync(productId, combinationId);
            if (combination != null && !await ExecuteAsync(ReserveSql, combination.Id, quantity))
                return false;
        }

        var product = await EnsureCounterAsync(productId);
        if (await ExecuteAsync(ReserveSql, product.Id, quantity))
            return true;

        if (combination != null)
            await ExecuteAsync(ReleaseSql, combination.Id, quantity);
        return false;
    }

    /// <summary>Gives units back (cancellation, expiry, a lost race). Never drives a counter below zero.</summary>
    public virtual async Task ReleaseAsync(int productId, int combinationId, int quantity)
    {
        if (quantity <= 0)
            return;
        if (combinationId != 0 && await GetCounterAsync(productId, combinationId) is { } combination)
            await ExecuteAsync(ReleaseSql, combination.Id, quantity);
        if (await GetCounterAsync(productId) is { } product)
            await ExecuteAsync(ReleaseSql, product.Id, quantity);
    }

    /// <summary>Sets a cap unless it would fall below the units already sold (checked in the same statement).</summary>
    public virtual async Task<bool> TrySetCapAsync(int productId, int combinationId, int? cap)
    {
        var counter = await EnsureCounterAsync(productId, combinationId);
        if (cap is null)
            return await _dataProvider.ExecuteNonQueryAsync(ClearCapSql, new DataParameter("id", counter.Id)) >= 0;
        return await _dataProvider.ExecuteNonQueryAsync(SetCapSql, new DataParameter("id", counter.Id), new DataParameter("cap", cap.Value)) == 1;
    }

    private async Task<bool> ExecuteAsync(string sql, int counterId, int quantity) =>
        await _dataProvider.ExecuteNonQueryAsync(sql, new DataParameter("id", counterId), new DataParameter("quantity", quantity)) == 1;
}
