using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>
/// Holds reserved in-stock units in the database itself, like <see cref="CapReservationService"/> counts pre-ordered
/// units: one conditional UPDATE ("held + q &lt;= units") whose affected-row count is the answer, atomic on every node of a
/// web farm. nopCommerce's own stock decrement at placement is a read-modify-write of the product row: two checkouts of
/// the last unit can both pass it, so the counter, not nopCommerce's stock, decides who holds the unit.
/// </summary>
public class ReservationHoldService
{
    private static readonly string HoldSql =
        $"UPDATE {PreorderDbNames.Table<PreorderReservationCounter>()} SET held = held + @quantity WHERE product_id = @product AND held + @quantity <= units";

    private static readonly string ReleaseSql =
        $"UPDATE {PreorderDbNames.Table<PreorderReservationCounter>()} SET held = held - @quantity WHERE product_id = @product AND held >= @quantity";

    // a shipped reservation's unit leaves the shop: neither held nor among the units any more
    private static readonly string SoldSql =
        $"UPDATE {PreorderDbNames.Table<PreorderReservationCounter>()} SET held = held - @quantity, units = units - @quantity WHERE product_id = @product AND held >= @quantity AND units >= @quantity";

    // one statement, so a hold taken meanwhile is counted in the new units too
    private static readonly string SyncUnitsSql =
        $"UPDATE {PreorderDbNames.Table<PreorderReservationCounter>()} SET units = @stock + held WHERE product_id = @product";

    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderReservationCounter> _counterRepository;

    public ReservationHoldService(INopDataProvider dataProvider, IRepository<PreorderReservationCounter> counterRepository)
    {
        _dataProvider = dataProvider;
        _counterRepository = counterRepository;
    }

    public virtual async Task<PreorderReservationCounter> GetCounterAsync(int productId) =>
        await _counterRepository.Table.Where(c => c.ProductId == productId).FirstOrDefaultAsync();

    /// <summary>Units free to reserve now (0 when the product was never made reservable).</summary>
    public virtual async Task<int> UnitsFreeAsync(int productId) =>
        await GetCounterAsync(productId) is { } counter ? Math.Max(0, counter.Units - counter.Held) : 0;

    /// <summary>
    /// The counter of a product, created on first use with <paramref name="units"/> (two nodes creating it at once: the
    /// unique index keeps one, and both then go through the same conditional UPDATE).
    /// </summary>
    public virtual async Task<PreorderReservationCounter> EnsureCounterAsync(int productId, int units)
    {
        if (await GetCounterAsync(productId) is { } counter)
            return counter;
        try
        {
            counter = new PreorderReservationCounter { ProductId = productId, Units = Math.Max(0, units) };
            await _counterRepository.InsertAsync(counter, false);
            return counter;
        }
        catch (Exception)
        {
            return await GetCounterAsync(productId) ?? throw new InvalidOperationException($"Reservation counter of product {productId} could not be created.");
        }
    }

    /// <summary>The merchant saved a reservable product: the units are nopCommerce's stock plus what reservations hold.</summary>
    public virtual async Task SyncUnitsAsync(int productId, int nopStockQuantity)
    {
        await EnsureCounterAsync(productId, ReservationRules.UnitsOf(nopStockQuantity, 0));
        await _dataProvider.ExecuteNonQueryAsync(SyncUnitsSql, new DataParameter("product", productId), new DataParameter("stock", Math.Max(0, nopStockQuantity)));
    }

    /// <summary>Holds <paramref name="quantity"/> units for a reservation; false: they are not free (another shopper holds them).</summary>
    public virtual async Task<bool> TryHoldAsync(int productId, int quantity)
    {
        if (quantity <= 0)
            throw new ArgumentOutOfRangeException(nameof(quantity));
        return await ExecuteAsync(HoldSql, productId, quantity);
    }

    /// <summary>A reservation ended without a sale (expired, cancelled, a lost race): its units are free again. Never below zero.</summary>
    public virtual Task<bool> ReleaseAsync(int productId, int quantity) => ExecuteAsync(ReleaseSql, productId, quantity);

    /// <summary>A reservation shipped: its units are sold.</summary>
    public virtual Task<bool> MarkSoldAsync(int productId, int quantity) => ExecuteAsync(SoldSql, productId, quantity);

    private async Task<bool> ExecuteAsync(string sql, int productId, int quantity) =>
        await _dataProvider.ExecuteNonQueryAsync(sql, new DataParameter("product", productId), new DataParameter("quantity", quantity)) == 1;
}
