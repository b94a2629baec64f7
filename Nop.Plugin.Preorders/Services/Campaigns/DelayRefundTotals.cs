using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// What a refund compensation takes off what the buyer owes: the line's total and the account's order total go down by
/// the amount refunded, so the money given back is not owed again with the balance. Without a transaction (DESIGN
/// decision 11) and exactly once whatever the crashes, retries and nodes:
/// <list type="number">
/// <item>the totals before are recorded on the compensation row by compare-and-set (the first run to get here wins, every
/// later one reads the same values back);</item>
/// <item>each table is lowered by compare-and-set <b>by value</b> (<c>SET total = before − x WHERE total = before</c>):
/// applied once, a repeat finds the total no longer at its recorded value and changes nothing.</item>
/// </list>
/// The line's deposit goes down by the same amount (not below zero), so what the deposit still owes is what it was: the
/// money refunded had paid it. Both updates bump the row's version: a refresh or a split that read the old total loses its
/// compare-and-set and reads again.
/// </summary>
public class DelayRefundTotals
{
    private static readonly string RecordBeforeSql =
        $"UPDATE {PreorderDbNames.Table<PreorderDelayCompensation>()} SET line_total_before = @line, order_total_before = @order " +
        "WHERE id = @id AND line_total_before IS NULL";

    private static readonly string LowerLineSql =
        $"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET line_total = @after, " +
        "deposit_amount = CASE WHEN deposit_amount > @amount THEN deposit_amount - @amount ELSE 0 END, " +
        "version = version + 1, updated_on_utc = @now WHERE id = @id AND line_total = @before";

    private static readonly string LowerOrderSql =
        $"UPDATE {PreorderDbNames.Table<PreorderAccount>()} SET order_total = @after, version = version + 1, updated_on_utc = @now " +
        "WHERE order_id = @order AND order_total = @before";

    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderDelayCompensation> _compensationRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderClock _clock;

    public DelayRefundTotals(INopDataProvider dataProvider,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderDelayCompensation> compensationRepository,
        IRepository<PreorderLine> lineRepository,
        PreorderClock clock)
    {
        _dataProvider = dataProvider;
        _accountRepository = accountRepository;
        _compensationRepository = compensationRepository;
        _lineRepository = lineRepository;
        _clock = clock;
    }

    /// <summary>
    /// Lowers the row's line total and order total by its amount, once (a repeat changes nothing). Call only once the
    /// refund's ledger entry succeeded. Returns whether this call lowered anything (for logs and tests).
    /// </summary>
    public virtual async Task<bool> LowerAsync(PreorderDelayCompensation row)
    {
        if (row.Amount <= 0m)
            return false;
        if (row.LineTotalBefore == null || row.OrderTotalBefore == null)
        {
            var lineTotal = await _lineRepository.Table.Where(l => l.Id == row.LineId).Select(l => (decimal?)l.LineTotal).FirstOrDefaultAsync();
            var orderTotal = await _accountRepository.Table.Where(a => a.OrderId == row.OrderId).Select(a => (decimal?)a.OrderTotal).FirstOrDefaultAsync();
            if (lineTotal == null || orderTotal == null)
                throw new InvalidOperationException($"compensation {row.CompensationKey}: line or account missing");
            await _dataProvider.ExecuteNonQueryAsync(RecordBeforeSql,
                new DataParameter("line", lineTotal.Value, PreorderDataTypes.Decimal),
                new DataParameter("order", orderTotal.Value, PreorderDataTypes.Decimal),
                new DataParameter("id", row.Id, PreorderDataTypes.Int32));
            // whoever recorded first, every run lowers from the same recorded values
            var recorded = await _compensationRepository.Table.Where(c => c.Id == row.Id)
                .Select(c => new { c.LineTotalBefore, c.OrderTotalBefore }).FirstOrDefaultAsync();
            if (recorded?.LineTotalBefore == null || recorded.OrderTotalBefore == null)
                throw new InvalidOperationException($"compensation {row.CompensationKey}: totals before not recorded");
            row.LineTotalBefore = recorded.LineTotalBefore;
            row.OrderTotalBefore = recorded.OrderTotalBefore;
        }

        var now = _clock.UtcNow;
        var line = await _dataProvider.ExecuteNonQueryAsync(LowerLineSql,
            new DataParameter("after", row.LineTotalBefore!.Value - row.Amount, PreorderDataTypes.Decimal),
            new DataParameter("amount", row.Amount, PreorderDataTypes.Decimal),
            new DataParameter("now", now, PreorderDataTypes.DateTime2),
            new DataParameter("id", row.LineId, PreorderDataTypes.Int32),
            new DataParameter("before", row.LineTotalBefore.Value, PreorderDataTypes.Decimal));
        var order = await _dataProvider.ExecuteNonQueryAsync(LowerOrderSql,
            new DataParameter("after", row.OrderTotalBefore!.Value - row.Amount, PreorderDataTypes.Decimal),
            new DataParameter("now", now, PreorderDataTypes.DateTime2),
            new DataParameter("order", row.OrderId, PreorderDataTypes.Int32),
            new DataParameter("before", row.OrderTotalBefore.Value, PreorderDataTypes.Decimal));
        return line + order > 0;
    }
}
