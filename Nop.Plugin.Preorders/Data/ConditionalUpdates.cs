using System.Globalization;
using LinqToDB;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Data;

/// <summary>
/// Compare-and-set writes of the two mutable aggregates (a line's state, an account's totals): the row is
/// written only if its version is still the one read, and the version moves on. Two nodes changing the same
/// pre-order at once: one wins, the other re-reads and decides again. Parameterised SQL only.
/// </summary>
public class ConditionalUpdates
{
    private static readonly string LineSql =
        $"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET state_id = @state, version = version + 1, updated_on_utc = @updated, " +
        "allocated_on_utc = @allocated, balance_due_on_utc = @due, shipped_on_utc = @shipped, closed_on_utc = @closed, " +
        "close_reason = @reason, extension_count = @extensions WHERE id = @id AND version = @version";

    private static readonly string AccountSql =
        $"UPDATE {PreorderDbNames.Table<PreorderAccount>()} SET state_id = @state, version = version + 1, updated_on_utc = @updated, " +
        "paid_amount = @paid, refunded_amount = @refunded, forfeited_amount = @forfeited, transferred_amount = @transferred, " +
        "waived_amount = @waived, next_due_on_utc = @due, marked_paid_in_nop = @marked WHERE id = @id AND version = @version";

    /// <summary>Ids per batch statement: the statements below always take this many (unused ones are 0, which no row has), so each is one constant text.</summary>
    public const int BatchIds = 500;

    private static readonly string IdParameters = string.Join(", ", Enumerable.Range(0, BatchIds).Select(i => "@id" + i.ToString(CultureInfo.InvariantCulture)));

    private static readonly string AllocateLinesSql =
        $"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET state_id = @state, version = version + 1, updated_on_utc = @now, " +
        "allocated_on_utc = @now, balance_due_on_utc = @due WHERE state_id = @waiting AND id IN (" + IdParameters + ")";

    private static readonly string LowerNextDueSql =
        $"UPDATE {PreorderDbNames.Table<PreorderAccount>()} SET next_due_on_utc = @due, version = version + 1, updated_on_utc = @now " +
        "WHERE state_id <> @paid AND state_id <> @closed AND (next_due_on_utc IS NULL OR next_due_on_utc > @due) AND order_id IN (" + IdParameters + ")";

    private readonly INopDataProvider _dataProvider;

    public ConditionalUpdates(INopDataProvider dataProvider)
    {
        _dataProvider = dataProvider;
    }

    /// <summary>Writes the line if nobody changed it since it was read; on success the object's version moves on.</summary>
    public virtual async Task<bool> TryUpdateLineAsync(PreorderLine line)
    {
        var rows = await _dataProvider.ExecuteNonQueryAsync(LineSql,
            new DataParameter("state", line.StateId, DataType.Int32),
            new DataParameter("updated", line.UpdatedOnUtc, DataType.DateTime2),
            new DataParameter("allocated", line.AllocatedOnUtc, DataType.DateTime2),
            new DataParameter("due", line.BalanceDueOnUtc, DataType.DateTime2),
            new DataParameter("shipped", line.ShippedOnUtc, DataType.DateTime2),
            new DataParameter("closed", line.ClosedOnUtc, DataType.DateTime2),
            new DataParameter("reason", line.CloseReason, DataType.NVarChar),
            new DataParameter("extensions", line.ExtensionCount, DataType.Int32),
            new DataParameter("id", line.Id, DataType.Int32),
            new DataParameter("version", line.Version, DataType.Int32));
        if (rows != 1)
            return false;
        line.Version++;
        return true;
    }

    /// <summary>
    /// Allocation of a batch: the lines that are still waiting move to <paramref name="state"/> in one statement
    /// (the compare-and-set is "still waiting"; every move bumps the version, so a concurrent per-line
    /// compare-and-set fails and re-reads). Returns how many moved; fewer than asked means some changed meanwhile.
    /// </summary>
    public virtual async Task<int> AllocateWaitingLinesAsync(IReadOnlyList<int> lineIds, PreorderLineState state, DateTime now, DateTime? due)
    {
        var moved = 0;
        foreach (var chunk in lineIds.Chunk(BatchIds))
            moved += await _dataProvider.ExecuteNonQueryAsync(AllocateLinesSql, WithIds(chunk,
                new("state", (int)state, DataType.Int32),
                new("now", now, DataType.DateTime2),
                new("due", due, DataType.DateTime2),
                new("waiting", (int)PreorderLineState.Waiting, DataType.Int32)));
        return moved;
    }

    /// <summary>
    /// Owing lines of these orders just got <paramref name="due"/>: an open account's next due date becomes the
    /// earlier of its own and that one (what a recomputation would give, as the new lines are the latest due),
    /// in one statement; the version moves on, so a concurrent refresh re-reads.
    /// </summary>
    public virtual async Task<int> LowerNextDueAsync(IReadOnlyList<int> orderIds, DateTime due, DateTime now)
    {
        var updated = 0;
        foreach (var chunk in orderIds.Chunk(BatchIds))
            updated += await _dataProvider.ExecuteNonQueryAsync(LowerNextDueSql, WithIds(chunk,
                new("due", due, DataType.DateTime2),
                new("now", now, DataType.DateTime2),
                new("paid", (int)PreorderAccountState.PaidInFull, DataType.Int32),
                new("closed", (int)PreorderAccountState.Closed, DataType.Int32)));
        return updated;
    }

    /// <summary>The statement's parameters followed by @id0..@id{BatchIds-1}: the ids given, then 0.</summary>
    private static DataParameter[] WithIds(int[] ids, params DataParameter[] parameters)
    {
        var all = new DataParameter[parameters.Length + BatchIds];
        parameters.CopyTo(all, 0);
        for (var i = 0; i < BatchIds; i++)
            all[parameters.Length + i] = new DataParameter("id" + i.ToString(CultureInfo.InvariantCulture), i < ids.Length ? ids[i] : 0, DataType.Int32);
        return all;
    }

    public virtual async Task<bool> TryUpdateAccountAsync(PreorderAccount account)
    {
        var rows = await _dataProvider.ExecuteNonQueryAsync(AccountSql,
            new DataParameter("state", account.StateId, DataType.Int32),
            new DataParameter("updated", account.UpdatedOnUtc, DataType.DateTime2),
            new DataParameter("paid", account.PaidAmount, DataType.Decimal),
            new DataParameter("refunded", account.RefundedAmount, DataType.Decimal),
            new DataParameter("forfeited", account.ForfeitedAmount, DataType.Decimal),
            new DataParameter("transferred", account.TransferredAmount, DataType.Decimal),
            new DataParameter("waived", account.WaivedAmount, DataType.Decimal),
            new DataParameter("due", account.NextDueOnUtc, DataType.DateTime2),
            new DataParameter("marked", account.MarkedPaidInNop, DataType.Boolean),
            new DataParameter("id", account.Id, DataType.Int32),
            new DataParameter("version", account.Version, DataType.Int32));
        if (rows != 1)
            return false;
        account.Version++;
        return true;
    }
}
