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
        "close_reason = @reason, cancel_reason_id = @reasonId, cancel_reason_text = @reasonText, extension_count = @extensions WHERE id = @id AND version = @version";

    private static readonly string AccountSql =
        $"UPDATE {PreorderDbNames.Table<PreorderAccount>()} SET state_id = @state, version = version + 1, updated_on_utc = @updated, " +
        "paid_amount = @paid, refunded_amount = @refunded, forfeited_amount = @forfeited, transferred_amount = @transferred, " +
        "waived_amount = @waived, next_due_on_utc = @due, marked_paid_in_nop = @marked WHERE id = @id AND version = @version";

    private static readonly string TouchAccountSql =
        $"UPDATE {PreorderDbNames.Table<PreorderAccount>()} SET version = version + 1 WHERE id = @id AND version = @version";

    private static readonly string ConfirmMarkPaidSql =
        $"UPDATE {PreorderDbNames.Table<PreorderAccount>()} SET mark_paid_confirmed_on_utc = @on WHERE id = @id AND mark_paid_confirmed_on_utc IS NULL";

    private static readonly string CompleteEntrySql =
        $"UPDATE {PreorderDbNames.Table<PreorderLedgerEntry>()} SET status_id = @status, method = @method, reference = @reference, note = @note " +
        "WHERE id = @id AND status_id = @from";

    private static readonly string AttachEntrySql =
        $"UPDATE {PreorderDbNames.Table<PreorderLedgerEntry>()} SET order_id = @order WHERE id = @id AND order_id = 0";

    private static readonly string InstallmentPaidSql =
        $"UPDATE {PreorderDbNames.Table<PreorderInstallment>()} SET paid_amount = @paid, paid_on_utc = @paidOn, account_version = @accountVersion " +
        "WHERE id = @id AND account_version < @accountVersion";

    private static readonly string DateUndatedInstallmentsSql =
        $"UPDATE {PreorderDbNames.Table<PreorderInstallment>()} SET due_on_utc = @due WHERE due_on_utc IS NULL AND sequence > 0 AND order_id IN (" + Placeholders("id") + ")";

    /// <summary>Ids per batch statement: the statements below always take this many (unused ones are 0, which no row has), so each is one constant text.</summary>
    public const int BatchIds = 500;

    private static readonly string IdParameters = Placeholders("id");

    private static readonly string OwingParameters = Placeholders("owing");

    private static readonly string AllocateLinesSql =
        $"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET state_id = CASE WHEN id IN (" + OwingParameters + ") THEN @balanceDue ELSE @ready END, " +
        "balance_due_on_utc = CASE WHEN id IN (" + OwingParameters + ") THEN @due ELSE NULL END, " +
        "version = version + 1, updated_on_utc = @now, allocated_on_utc = @now WHERE state_id = @waiting AND id IN (" + IdParameters + ")";

    private static readonly string MarkOverdueSql =
        $"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET state_id = @overdue, version = version + 1, updated_on_utc = @now " +
        "WHERE state_id = @balanceDue AND balance_due_on_utc < @now AND id IN (" + IdParameters + ")";

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
            new DataParameter("state", line.StateId, PreorderDataTypes.Int32),
            new DataParameter("updated", line.UpdatedOnUtc, PreorderDataTypes.DateTime2),
            new DataParameter("allocated", line.AllocatedOnUtc, PreorderDataTypes.DateTime2),
            new DataParameter("due", line.BalanceDueOnUtc, PreorderDataTypes.DateTime2),
            new DataParameter("shipped", line.ShippedOnUtc, PreorderDataTypes.DateTime2),
            new DataParameter("closed", line.ClosedOnUtc, PreorderDataTypes.DateTime2),
            new DataParameter("reason", line.CloseReason, PreorderDataTypes.NVarChar),
            new DataParameter("reasonId", line.CancelReasonId, PreorderDataTypes.Int32),
            new DataParameter("reasonText", line.CancelReasonText, PreorderDataTypes.NVarChar),
            new DataParameter("extensions", line.ExtensionCount, PreorderDataTypes.Int32),
            new DataParameter("id", line.Id, PreorderDataTypes.Int32),
            new DataParameter("version", line.Version, PreorderDataTypes.Int32));
        if (rows != 1)
            return false;
        line.Version++;
        return true;
    }

    /// <summary>
    /// Allocation of a batch (at most <see cref="BatchIds"/> lines): in one statement, the lines that are still
    /// waiting move to balance due (those in <paramref name="owingIds"/>, due on <paramref name="due"/>, or with no due date yet when it is
    /// null: paid when shipped) or to ready (the rest). The compare-and-set is "still waiting"; every move bumps the version, so a concurrent
    /// per-line compare-and-set fails and re-reads. Returns how many moved; fewer means some changed meanwhile.
    /// </summary>
    public virtual async Task<int> AllocateWaitingLinesAsync(IReadOnlyList<int> lineIds, IReadOnlyCollection<int> owingIds, DateTime now, DateTime? due)
    {
        if (lineIds.Count == 0)
            return 0;
        if (lineIds.Count > BatchIds)
            throw new ArgumentOutOfRangeException(nameof(lineIds), $"At most {BatchIds} lines per statement.");
        var parameters = new List<DataParameter>(4 + 2 * BatchIds)
        {
            new("balanceDue", (int)PreorderLineState.BalanceDue, PreorderDataTypes.Int32),
            new("ready", (int)PreorderLineState.Ready, PreorderDataTypes.Int32),
            new("due", due, PreorderDataTypes.DateTime2),
            new("now", now, PreorderDataTypes.DateTime2),
            new("waiting", (int)PreorderLineState.Waiting, PreorderDataTypes.Int32)
        };
        AddIds(parameters, "id", lineIds.ToArray());
        AddIds(parameters, "owing", owingIds.ToArray());
        return await _dataProvider.ExecuteNonQueryAsync(AllocateLinesSql, parameters.ToArray());
    }

    /// <summary>
    /// These lines, if still balance due and past their due date, turn overdue in one statement per
    /// <see cref="BatchIds"/> (the compare-and-set is the state and the date: a payment or an extension that
    /// came first wins; the version moves on). Returns how many turned overdue.
    /// </summary>
    public virtual async Task<int> MarkOverdueAsync(IReadOnlyList<int> lineIds, DateTime now)
    {
        var moved = 0;
        foreach (var chunk in lineIds.Chunk(BatchIds))
        {
            var parameters = new List<DataParameter>(3 + BatchIds)
            {
                new("overdue", (int)PreorderLineState.Overdue, PreorderDataTypes.Int32),
                new("balanceDue", (int)PreorderLineState.BalanceDue, PreorderDataTypes.Int32),
                new("now", now, PreorderDataTypes.DateTime2)
            };
            AddIds(parameters, "id", chunk);
            moved += await _dataProvider.ExecuteNonQueryAsync(MarkOverdueSql, parameters.ToArray());
        }
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
        {
            var parameters = new List<DataParameter>(4 + BatchIds)
            {
                new("due", due, PreorderDataTypes.DateTime2),
                new("now", now, PreorderDataTypes.DateTime2),
                new("paid", (int)PreorderAccountState.PaidInFull, PreorderDataTypes.Int32),
                new("closed", (int)PreorderAccountState.Closed, PreorderDataTypes.Int32)
            };
            AddIds(parameters, "id", chunk);
            updated += await _dataProvider.ExecuteNonQueryAsync(LowerNextDueSql, parameters.ToArray());
        }
        return updated;
    }

    /// <summary>"@{name}0, @{name}1, ..." up to <see cref="BatchIds"/>: names only, the values are parameters.</summary>
    private static string Placeholders(string name) =>
        string.Join(", ", Enumerable.Range(0, BatchIds).Select(i => "@" + name + i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The values of @{name}0..@{name}{BatchIds-1}: the ids given, then 0 (which no row has).</summary>
    private static void AddIds(List<DataParameter> parameters, string name, int[] ids)
    {
        for (var i = 0; i < BatchIds; i++)
            parameters.Add(new DataParameter(name + i.ToString(CultureInfo.InvariantCulture), i < ids.Length ? ids[i] : 0, PreorderDataTypes.Int32));
    }

    /// <summary>
    /// Writes what an installment says was paid, worked out by the refresh that wrote the account at
    /// <paramref name="accountVersion"/>, only over what an older refresh wrote: refreshes of one account are
    /// ordered by its version and each read the ledger after the one before it, so the highest version is the
    /// newest figure whatever order the writes arrive in. Returns false when a newer refresh wrote it already.
    /// </summary>
    public virtual async Task<bool> TryUpdateInstallmentPaidAsync(PreorderInstallment installment, int accountVersion)
    {
        var rows = await _dataProvider.ExecuteNonQueryAsync(InstallmentPaidSql,
            new DataParameter("paid", installment.PaidAmount, PreorderDataTypes.Decimal),
            new DataParameter("paidOn", installment.PaidOnUtc, PreorderDataTypes.DateTime2),
            new DataParameter("accountVersion", accountVersion, PreorderDataTypes.Int32),
            new DataParameter("id", installment.Id, PreorderDataTypes.Int32));
        if (rows != 1)
            return false;
        installment.AccountVersion = accountVersion;
        return true;
    }

    /// <summary>
    /// Stock arrived for owing lines of these orders: their installments without a due date (the balance due on
    /// allocation) fall due on <paramref name="due"/>, the lines' balance due date, in one statement per
    /// <see cref="BatchIds"/> orders. An installment that has a date keeps it.
    /// </summary>
    public virtual async Task<int> DateUndatedInstallmentsAsync(IReadOnlyList<int> orderIds, DateTime due)
    {
        var updated = 0;
        foreach (var chunk in orderIds.Chunk(BatchIds))
        {
            var parameters = new List<DataParameter>(1 + BatchIds) { new("due", due, PreorderDataTypes.DateTime2) };
            AddIds(parameters, "id", chunk);
            updated += await _dataProvider.ExecuteNonQueryAsync(DateUndatedInstallmentsSql, parameters.ToArray());
        }
        return updated;
    }

    private static readonly string MoveInstallmentDueSql =
        $"UPDATE {PreorderDbNames.Table<PreorderInstallment>()} SET due_on_utc = @to WHERE order_id = @order AND sequence > 0 AND due_on_utc = @from";

    /// <summary>
    /// A line's balance due date moved (an extension, the merchant's reschedule): the order's balance installment
    /// dated from it (<see cref="DateUndatedInstallmentsAsync"/>) moves with it, so reminders and the automatic
    /// charge follow the new date.
    /// </summary>
    public virtual async Task<int> MoveInstallmentDueAsync(int orderId, DateTime? from, DateTime to) =>
        from is not DateTime old ? 0 : await _dataProvider.ExecuteNonQueryAsync(MoveInstallmentDueSql,
            new DataParameter("to", to, PreorderDataTypes.DateTime2),
            new DataParameter("order", orderId, PreorderDataTypes.Int32),
            new DataParameter("from", old, PreorderDataTypes.DateTime2));

    public virtual async Task<bool> TryUpdateAccountAsync(PreorderAccount account)
    {
        var rows = await _dataProvider.ExecuteNonQueryAsync(AccountSql,
            new DataParameter("state", account.StateId, PreorderDataTypes.Int32),
            new DataParameter("updated", account.UpdatedOnUtc, PreorderDataTypes.DateTime2),
            new DataParameter("paid", account.PaidAmount, PreorderDataTypes.Decimal),
            new DataParameter("refunded", account.RefundedAmount, PreorderDataTypes.Decimal),
            new DataParameter("forfeited", account.ForfeitedAmount, PreorderDataTypes.Decimal),
            new DataParameter("transferred", account.TransferredAmount, PreorderDataTypes.Decimal),
            new DataParameter("waived", account.WaivedAmount, PreorderDataTypes.Decimal),
            new DataParameter("due", account.NextDueOnUtc, PreorderDataTypes.DateTime2),
            new DataParameter("marked", account.MarkedPaidInNop, PreorderDataTypes.Boolean),
            new DataParameter("id", account.Id, PreorderDataTypes.Int32),
            new DataParameter("version", account.Version, PreorderDataTypes.Int32));
        if (rows != 1)
            return false;
        account.Version++;
        return true;
    }

    /// <summary>
    /// nopCommerce answered the mark-paid call the account claimed: stamped once, outside the account's version
    /// (a refresh never writes this column, so it cannot undo it, and the stamp moves no money).
    /// </summary>
    public virtual async Task<bool> TryConfirmMarkPaidAsync(int accountId, DateTime on) =>
        await _dataProvider.ExecuteNonQueryAsync(ConfirmMarkPaidSql,
            new DataParameter("on", on, PreorderDataTypes.DateTime2),
            new DataParameter("id", accountId, PreorderDataTypes.Int32)) == 1;

    /// <summary>
    /// Moves the account's version on if it is still <paramref name="version"/>: the claim of a money movement.
    /// Every claim reads the version, then the ledger, writes its pending entry, then moves the version on; of
    /// two claims that read the same version only one moves it, so at most one decided on a stale view.
    /// </summary>
    public virtual async Task<bool> TryTouchAccountAsync(int accountId, int version) =>
        await _dataProvider.ExecuteNonQueryAsync(TouchAccountSql,
            new DataParameter("id", accountId, PreorderDataTypes.Int32),
            new DataParameter("version", version, PreorderDataTypes.Int32)) == 1;

    /// <summary>
    /// A ledger entry gets its outcome if it is still in <paramref name="from"/>: of two completions of one
    /// attempt (a request and the reconciliation, two nodes), exactly one writes it.
    /// </summary>
    public virtual async Task<bool> TryCompleteEntryAsync(PreorderLedgerEntry entry, LedgerEntryStatus from)
    {
        var rows = await _dataProvider.ExecuteNonQueryAsync(CompleteEntrySql,
            new DataParameter("status", entry.StatusId, PreorderDataTypes.Int32),
            new DataParameter("method", entry.Method, PreorderDataTypes.NVarChar),
            new DataParameter("reference", entry.Reference, PreorderDataTypes.NVarChar),
            new DataParameter("note", entry.Note, PreorderDataTypes.NVarChar),
            new DataParameter("id", entry.Id, PreorderDataTypes.Int32),
            new DataParameter("from", (int)from, PreorderDataTypes.Int32));
        return rows == 1;
    }

    private static readonly string ClaimAllocationNoticeSql =
        $"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET allocation_notified_on_utc = @on " +
        "WHERE id = @id AND allocation_notified_on_utc IS NULL AND allocated_on_utc IS NOT NULL";

    private static readonly string ReleaseAllocationNoticeSql =
        $"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET allocation_notified_on_utc = NULL WHERE id = @id AND allocation_notified_on_utc = @on";

    /// <summary>
    /// Claims the stock-arrived notifications of an allocated line: of two task runs (two web-farm nodes) reading the
    /// same line, exactly one stamps it and records them. Outside the line's version: the stamp moves no state, and a
    /// line's compare-and-set never writes this column, so it cannot undo it.
    /// </summary>
    public virtual async Task<bool> TryClaimAllocationNoticeAsync(int lineId, DateTime on) =>
        await _dataProvider.ExecuteNonQueryAsync(ClaimAllocationNoticeSql,
            new DataParameter("on", on, PreorderDataTypes.DateTime2),
            new DataParameter("id", lineId, PreorderDataTypes.Int32)) == 1;

    /// <summary>Gives back a claim whose notifications could not be recorded, so the next run tries again.</summary>
    public virtual async Task<bool> ReleaseAllocationNoticeAsync(int lineId, DateTime on) =>
        await _dataProvider.ExecuteNonQueryAsync(ReleaseAllocationNoticeSql,
            new DataParameter("id", lineId, PreorderDataTypes.Int32),
            new DataParameter("on", on, PreorderDataTypes.DateTime2)) == 1;

    /// <summary>A checkout charge (recorded before nopCommerce saved the order) joins its order, once.</summary>
    public virtual async Task<bool> TryAttachEntryAsync(int entryId, int orderId) =>
        await _dataProvider.ExecuteNonQueryAsync(AttachEntrySql,
            new DataParameter("order", orderId, PreorderDataTypes.Int32),
            new DataParameter("id", entryId, PreorderDataTypes.Int32)) == 1;
}
