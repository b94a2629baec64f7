using LinqToDB;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Directory;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// "Ship what arrived" (<see cref="PreorderSettings.ShipWhatArrived"/>): splits the arrived units off a waiting line into a
/// new, allocated line; the waiting rest stays in the original row, so it keeps its exact place in the queue (placement
/// time and id) for the next arrival. The money is divided by <see cref="LineSplit"/> (the parts sum to the line exactly);
/// the ledger is not touched: money recorded against the original line stays its own, and the order's money is shared
/// out over both parts by <see cref="AccountBalance"/> as over any two lines, so nothing is marked paid that was not.
///
/// <para>Two writes without a transaction (see <see cref="Tasks.PreorderReconciliationService"/>): the part is inserted
/// first, keyed unique by (order item, parent, parent's version), then the parent is reduced with a compare-and-set on
/// that version. Two nodes splitting the same line: one insert stands, the other fails and does nothing. The parent changed
/// meanwhile (a cancellation): the part is deleted again. A crash between the two writes leaves a part whose parent
/// still has the version it was split from: <see cref="CompleteInterruptedSplitsAsync"/> (run before every allocation of
/// the queue) reduces the parent then.</para>
/// </summary>
public class LineSplitService
{
    private static readonly string ReduceParentSql =
        $"UPDATE {PreorderDbNames.Table<PreorderLine>()} SET quantity = @quantity, line_total = @total, deposit_amount = @deposit, " +
        "version = version + 1, updated_on_utc = @now WHERE id = @id AND version = @version AND state_id = @waiting";

    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly ICurrencyService _currencyService;
    private readonly INopDataProvider _dataProvider;
    private readonly IOrderService _orderService;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderLedgerService _ledgerService;

    public LineSplitService(ConditionalUpdates conditionalUpdates,
        ICurrencyService currencyService,
        INopDataProvider dataProvider,
        IOrderService orderService,
        IRepository<PreorderLine> lineRepository,
        PreorderAuditService auditService,
        PreorderLedgerService ledgerService)
    {
        _conditionalUpdates = conditionalUpdates;
        _currencyService = currencyService;
        _dataProvider = dataProvider;
        _orderService = orderService;
        _lineRepository = lineRepository;
        _auditService = auditService;
        _ledgerService = ledgerService;
    }

    /// <summary>
    /// Splits <paramref name="units"/> (fewer than the line's) off the waiting <paramref name="line"/> as read (its version is
    /// the compare-and-set) into a new line allocated at <paramref name="now"/>: balance due on <paramref name="due"/> when it
    /// owes money (none for "pay when it ships": the shipment dates it), else ready. Returns the new line, or null when the
    /// line changed since it was read (nothing is left split).
    /// </summary>
    public virtual async Task<PreorderLine> SplitOffAsync(PreorderLine line, int units, DateTime now, DateTime due)
    {
        var parts = LineSplit.Divide(new LinePart(line.Quantity, line.LineTotal, line.DepositAmount), units, await CurrencyOfAsync(line.OrderId));
        var part = new PreorderLine
        {
            OrderId = line.OrderId,
            OrderItemId = line.OrderItemId,
            ProductId = line.ProductId,
            CombinationId = line.CombinationId,
            CustomerId = line.CustomerId,
            StoreId = line.StoreId,
            Quantity = parts.Arrived.Quantity,
            PaymentModeId = line.PaymentModeId,
            LineTotal = parts.Arrived.Total,
            DepositAmount = parts.Arrived.Deposit,
            PlacedOnUtc = line.PlacedOnUtc,
            AllocatedOnUtc = now,
            ExpectedShipDateUtc = line.ExpectedShipDateUtc,
            CountryCode = line.CountryCode,
            EmailHash = line.EmailHash,
            ExtensionCount = line.ExtensionCount,
            SplitFromLineId = line.Id,
            SplitFromVersion = line.Version,
            UpdatedOnUtc = now
        };
        var rest = Reduced(line, parts.Rest);

        // what the part owes once split: the order's money shared out over the lines as they will be (AccountBalance)
        var target = PreorderLineStateMachine.AllocationTarget(await OwesAsync(line, rest, part));
        PreorderLineStateMachine.EnsureCanMove(line.State, target);
        part.State = target;
        part.BalanceDueOnUtc = target == PreorderLineState.BalanceDue && line.PaymentMode != PreorderPaymentMode.PayOnShip ? due : null;

        try
        {
            await _lineRepository.InsertAsync(part, false);
        }
        catch (Exception)
        {
            // another node split this version of the line first (the unique key): theirs stands
            if (await PartOfAsync(line) != null)
                return null;
            throw;
        }

        if (!await ReduceAsync(line, parts.Rest, now))
        {
            // the line changed since it was read (cancelled, allocated whole by another node): the part goes again
            await _lineRepository.DeleteAsync(part, false);
            return null;
        }
        line.Quantity = rest.Quantity;
        line.LineTotal = rest.LineTotal;
        line.DepositAmount = rest.DepositAmount;
        line.UpdatedOnUtc = now;
        line.Version++;

        if (part.BalanceDueOnUtc is DateTime dated)
        {
            await _conditionalUpdates.LowerNextDueAsync(new[] { part.OrderId }, dated, now);
            await _conditionalUpdates.DateUndatedInstallmentsAsync(new[] { part.OrderId }, dated);
        }
        await _auditService.RecordAsync("LineSplit", 0, part.OrderId, part.ProductId, part.Id,
            $"{part.Quantity} of {part.Quantity + line.Quantity} unit(s) arrived: split from line #{line.Id} ({part.LineTotal:0.####} / deposit {part.DepositAmount:0.####}); {line.Quantity} keep waiting");
        return part;
    }

    /// <summary>
    /// Finishes splits a crash interrupted between the two writes: a part whose waiting parent still has the version it
    /// was split from had the parent not reduced yet; the parent becomes what is left (its figures less the part's, the
    /// figures the split computed). Reads the product's waiting lines with their parts in one query. Returns how many.
    /// </summary>
    public virtual async Task<int> CompleteInterruptedSplitsAsync(int productId, int combinationId, DateTime now)
    {
        var interrupted = await (from parent in _lineRepository.Table
                                 where parent.ProductId == productId && parent.StateId == (int)PreorderLineState.Waiting && parent.CombinationId == combinationId
                                 join part in _lineRepository.Table on parent.Id equals part.SplitFromLineId
                                 where part.SplitFromVersion == parent.Version
                                 select new { Parent = parent, Part = part }).ToListAsync();
        var completed = 0;
        foreach (var pair in interrupted.Where(p => p.Parent.Quantity > p.Part.Quantity))
        {
            var rest = new LinePart(pair.Parent.Quantity - pair.Part.Quantity, pair.Parent.LineTotal - pair.Part.LineTotal, pair.Parent.DepositAmount - pair.Part.DepositAmount);
            if (!await ReduceAsync(pair.Parent, rest, now))
                continue;
            completed++;
            await _auditService.RecordAsync("LineSplitCompleted", 0, pair.Parent.OrderId, productId, pair.Parent.Id, $"part #{pair.Part.Id} of an interrupted split");
        }
        return completed;
    }

    private static PreorderLine Reduced(PreorderLine line, LinePart rest) => new()
    {
        Id = line.Id,
        OrderId = line.OrderId,
        StateId = line.StateId,
        Quantity = rest.Quantity,
        LineTotal = rest.Total,
        DepositAmount = rest.Deposit,
        AllocatedOnUtc = line.AllocatedOnUtc
    };

    private async Task<bool> OwesAsync(PreorderLine line, PreorderLine rest, PreorderLine part)
    {
        var account = await _ledgerService.GetAccountAsync(line.OrderId);
        if (account == null)
            return false;
        // the part has no id yet: one above every line of the order, as the database will give it
        part.Id = int.MaxValue;
        try
        {
            var lines = (await _lineRepository.Table.Where(l => l.OrderId == line.OrderId && l.Id != line.Id).ToListAsync())
                .Append(rest).Append(part);
            var balance = AccountBalance.FromLedger(account.OrderTotal, lines, await _ledgerService.GetEntriesAsync(line.OrderId),
                account.State == PreorderAccountState.Closed);
            return balance.LineOwed(part.Id) > 0m;
        }
        finally
        {
            part.Id = 0;
        }
    }

    private async Task<bool> ReduceAsync(PreorderLine parent, LinePart rest, DateTime now) =>
        await _dataProvider.ExecuteNonQueryAsync(ReduceParentSql,
            new DataParameter("quantity", rest.Quantity, PreorderDataTypes.Int32),
            new DataParameter("total", rest.Total, PreorderDataTypes.Decimal),
            new DataParameter("deposit", rest.Deposit, PreorderDataTypes.Decimal),
            new DataParameter("now", now, PreorderDataTypes.DateTime2),
            new DataParameter("id", parent.Id, PreorderDataTypes.Int32),
            new DataParameter("version", parent.Version, PreorderDataTypes.Int32),
            new DataParameter("waiting", (int)PreorderLineState.Waiting, PreorderDataTypes.Int32)) == 1;

    private async Task<PreorderLine> PartOfAsync(PreorderLine line) =>
        await _lineRepository.Table.Where(l => l.SplitFromLineId == line.Id && l.SplitFromVersion == line.Version).FirstOrDefaultAsync();

    /// <summary>The order's currency as its deposit was rounded in (primary with cent rounding when it is unknown).</summary>
    private async Task<MoneyCurrency> CurrencyOfAsync(int orderId)
    {
        var order = await _orderService.GetOrderByIdAsync(orderId);
        var currency = string.IsNullOrEmpty(order?.CustomerCurrencyCode) ? null : await _currencyService.GetCurrencyByCodeAsync(order.CustomerCurrencyCode);
        return currency == null
            ? MoneyCurrency.Primary(order?.CustomerCurrencyCode ?? "")
            : new MoneyCurrency(currency.CurrencyCode, order.CurrencyRate <= 0m ? 1m : order.CurrencyRate, currency.RoundingType);
    }
}
