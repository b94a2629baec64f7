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
/// <summary>What a recount found.</summary>
public enum RecountOutcome
{
    Consistent,
    /// <summary>The counter counts more than its lines hold; corrected if still so at the next run.</summary>
    Suspected,
    Corrected,
    /// <summary>The counter moved meanwhile (a sale); looked at again next run.</summary>
    Moved
}

public class CapReservationService
{
    private static readonly string ReserveSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET sold = sold + @quantity WHERE id = @id AND (cap IS NULL OR sold + @quantity <= cap)";

    private static readonly string ReleaseSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET sold = sold - @quantity WHERE id = @id AND sold >= @quantity";

    // the reservation and its undo addressed by scope (the unique index on product_id, combination_id): a
    // reservation is one round trip, not a look-up of the counter's id and then the update (bench 2)
    private static readonly string ReserveScopeSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET sold = sold + @quantity WHERE product_id = @product AND combination_id = @combination AND (cap IS NULL OR sold + @quantity <= cap)";

    private static readonly string ReleaseScopeSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET sold = sold - @quantity WHERE product_id = @product AND combination_id = @combination AND sold >= @quantity";

    private static readonly string RecountSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET sold = @counted WHERE id = @id AND sold = @observed";

    private static readonly string SetCapSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET cap = @cap WHERE id = @id AND sold <= @cap";

    private static readonly string ClearCapSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCapCounter>()} SET cap = NULL WHERE id = @id";

    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderCapCounter> _counterRepository;
    private readonly IRepository<PreorderLine> _lineRepository;

    public CapReservationService(INopDataProvider dataProvider, IRepository<PreorderCapCounter> counterRepository, IRepository<PreorderLine> lineRepository)
    {
        _dataProvider = dataProvider;
        _counterRepository = counterRepository;
        _lineRepository = lineRepository;
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

        var combinationReserved = false;
        if (combinationId != 0)
        {
            combinationReserved = await ExecuteScopeAsync(ReserveScopeSql, productId, combinationId, quantity);
            // nothing updated: the variant's cap is full, or the variant has no counter of its own (only the product's cap applies)
            if (!combinationReserved && await GetCounterAsync(productId, combinationId) != null)
                return false;
        }

        if (await ExecuteScopeAsync(ReserveScopeSql, productId, 0, quantity))
            return true;
        // nothing updated: the cap is full, or this is the product's first reservation and its counter does not exist yet
        if (await GetCounterAsync(productId) == null && await ExecuteAsync(ReserveSql, (await EnsureCounterAsync(productId)).Id, quantity))
            return true;

        if (combinationReserved)
            await ExecuteScopeAsync(ReleaseScopeSql, productId, combinationId, quantity);
        return false;
    }

    /// <summary>
    /// Gives units back (cancellation, expiry, a lost race). Called once per unit-holding change: the caller
    /// won the line's compare-and-set (or made the reservation a moment ago), so the decrement is exact.
    /// Never drives a counter below zero.
    /// </summary>
    public virtual async Task ReleaseAsync(int productId, int combinationId, int quantity)
    {
        if (quantity <= 0)
            return;
        if (combinationId != 0 && await GetCounterAsync(productId, combinationId) is { } combination)
            await ExecuteAsync(ReleaseSql, combination.Id, quantity);
        if (await GetCounterAsync(productId) is { } product)
            await ExecuteAsync(ReleaseSql, product.Id, quantity);
    }

    /// <summary>Units held by unit-holding lines of a counter's scope.</summary>
    public virtual Task<int> HeldUnitsAsync(int productId, int combinationId)
    {
        // a reservation's unit is held by the reservation counter, never by a cap (schema 2.4)
        var lines = _lineRepository.Table.Where(l => l.ProductId == productId && !l.IsReservation
            && l.StateId != (int)PreorderLineState.Cancelled && l.StateId != (int)PreorderLineState.Expired);
        if (combinationId != 0)
            lines = lines.Where(l => l.CombinationId == combinationId);
        return Task.FromResult(lines.Sum(l => (int?)l.Quantity) ?? 0);
    }

    /// <summary>Units held by the unit-holding lines of every scope, in one grouped read (the hourly full recount).</summary>
    public virtual async Task<HeldUnits> HeldUnitsOfAllAsync()
    {
        var groups = await _lineRepository.Table
            .Where(l => !l.IsReservation && l.StateId != (int)PreorderLineState.Cancelled && l.StateId != (int)PreorderLineState.Expired)
            .GroupBy(l => new { l.ProductId, l.CombinationId })
            .Select(g => new { g.Key.ProductId, g.Key.CombinationId, Units = g.Sum(l => l.Quantity) })
            .ToListAsync();
        return new HeldUnits(groups.Select(g => (g.ProductId, g.CombinationId, g.Units)));
    }

    /// <summary>
    /// The safety net for a crash between two steps (units reserved but the line never written, a line
    /// closed but its units not given back): compares a counter with the units its lines hold and writes
    /// the difference with compare-and-set. Raising a counter (fewer counted than held) is always safe and
    /// done at once. Lowering it could race with a checkout between its reservation and its line, which
    /// lasts milliseconds, so it is done only when the same difference (same counter value) was already
    /// seen by the previous run (<paramref name="previous"/>, minutes earlier).
    /// </summary>
    public virtual async Task<RecountOutcome> RecountAsync(PreorderCapCounter counter, (int Sold, int Held)? previous, int? heldUnits = null)
    {
        // read after the counter (the caller's order too): a checkout in between shows as more held than counted, which the compare-and-set refuses
        var held = heldUnits ?? await HeldUnitsAsync(counter.ProductId, counter.CombinationId);
        if (held == counter.Sold)
            return RecountOutcome.Consistent;
        if (held < counter.Sold && previous != (counter.Sold, held))
            return RecountOutcome.Suspected;
        var rows = await _dataProvider.ExecuteNonQueryAsync(RecountSql, new DataParameter("counted", held), new DataParameter("id", counter.Id),
            new DataParameter("observed", counter.Sold));
        return rows == 1 ? RecountOutcome.Corrected : RecountOutcome.Moved;
    }

    public virtual async Task<IList<PreorderCapCounter>> GetAllCountersAsync() => await _counterRepository.Table.OrderBy(c => c.Id).ToListAsync();

    /// <summary>These counters (the reconciliation's suspects).</summary>
    public virtual async Task<IList<PreorderCapCounter>> GetCountersByIdsAsync(IReadOnlyCollection<int> counterIds) =>
        counterIds.Count == 0
            ? new List<PreorderCapCounter>()
            : await _counterRepository.Table.Where(c => counterIds.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync();

    /// <summary>Sets a cap unless it would fall below the units already sold (checked in the same statement).</summary>
    public virtual async Task<bool> TrySetCapAsync(int productId, int combinationId, int? cap)
    {
        var counter = await EnsureCounterAsync(productId, combinationId);
        if (cap is null)
            return await _dataProvider.ExecuteNonQueryAsync(ClearCapSql, new DataParameter("id", counter.Id)) >= 0;
        return await _dataProvider.ExecuteNonQueryAsync(SetCapSql, new DataParameter("id", counter.Id), new DataParameter("cap", cap.Value)) == 1;
    }

    private async Task<bool> ExecuteScopeAsync(string sql, int productId, int combinationId, int quantity) =>
        await _dataProvider.ExecuteNonQueryAsync(sql, new DataParameter("product", productId), new DataParameter("combination", combinationId),
            new DataParameter("quantity", quantity)) == 1;

    private async Task<bool> ExecuteAsync(string sql, int counterId, int quantity) =>
        await _dataProvider.ExecuteNonQueryAsync(sql, new DataParameter("id", counterId), new DataParameter("quantity", quantity)) == 1;
}

/// <summary>Units held per scope: a combination's own, a product's the sum over all its lines.</summary>
public sealed class HeldUnits
{
    private readonly Dictionary<(int ProductId, int CombinationId), int> _byScope = new();
    private readonly Dictionary<int, int> _byProduct = new();

    public HeldUnits(IEnumerable<(int ProductId, int CombinationId, int Units)> groups)
    {
        foreach (var (productId, combinationId, units) in groups)
        {
            _byScope[(productId, combinationId)] = units;
            _byProduct[productId] = _byProduct.GetValueOrDefault(productId) + units;
        }
    }

    /// <summary>What the lines of a counter's scope hold (a product counter counts every combination).</summary>
    public int For(PreorderCapCounter counter) => counter.CombinationId == 0
        ? _byProduct.GetValueOrDefault(counter.ProductId)
        : _byScope.GetValueOrDefault((counter.ProductId, counter.CombinationId));
}
