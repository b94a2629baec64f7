using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>What a swap did: the new line, or the reason it was refused (a resource key; nothing changed then).</summary>
public record SwapOutcome(PreorderDelaySwap Swap, string ErrorResourceKey)
{
    public bool Succeeded => ErrorResourceKey == null;

    public static SwapOutcome Refused(string resourceKey) => new(null, resourceKey);
}

/// <summary>
/// A waiting buyer moves their line to the product a ship date change offered, with one click. Steps, each recorded on
/// the <see cref="PreorderDelaySwap"/> row (unique per old line: the claim) so a repeated click or a resumed swap goes on
/// where it stopped: (1) the target's units are reserved with the plugin's conditional reservation
/// (<see cref="CapReservationService.TryReserveAsync"/>; refused: the claim is deleted and nothing changed); (2) the new
/// order item and line (<see cref="SwapLineWriter"/>, placed when the old line was); (3) the money the old line holds
/// moves to the new one in the ledger, no gateway round trip (<see cref="SwapMoneyMover"/>); (4) the old line is cancelled
/// penalty-free (its units go back to its cap; what it still holds beyond the new line's total is refunded by the
/// settlement); (5) the row is completed.
/// </summary>
public class DelaySwapService
{
    private readonly CapReservationService _capReservationService;
    private readonly IRepository<PreorderDelaySwap> _swapRepository;
    private readonly IRepository<PreorderShipDateChange> _shipDateChangeRepository;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly PreorderOrderService _orderService;
    private readonly SwapLineWriter _lineWriter;
    private readonly SwapMoneyMover _moneyMover;

    public DelaySwapService(CapReservationService capReservationService,
        IRepository<PreorderDelaySwap> swapRepository,
        IRepository<PreorderShipDateChange> shipDateChangeRepository,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        PreorderOrderService orderService,
        SwapLineWriter lineWriter,
        SwapMoneyMover moneyMover)
    {
        _capReservationService = capReservationService;
        _swapRepository = swapRepository;
        _shipDateChangeRepository = shipDateChangeRepository;
        _catalogService = catalogService;
        _clock = clock;
        _orderService = orderService;
        _lineWriter = lineWriter;
        _moneyMover = moneyMover;
    }

    /// <summary>The newest change of the line's product offering a swap to the line (placed before it); null: none.</summary>
    public virtual async Task<PreorderShipDateChange> OfferForAsync(PreorderLine line) =>
        line == null ? null : await _shipDateChangeRepository.Table
            .Where(c => c.ProductId == line.ProductId && c.SwapProductId != 0 && c.CreatedOnUtc >= line.PlacedOnUtc)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync();

    /// <summary>The swap of a line, if one was made or started.</summary>
    public virtual async Task<PreorderDelaySwap> GetSwapAsync(int oldLineId) =>
        await _swapRepository.Table.Where(s => s.OldLineId == oldLineId).FirstOrDefaultAsync();

    /// <summary>
    /// Swaps the buyer's line (their own: another customer's line is "not offered", telling nothing). A line already
    /// swapped answers with its swap (a second click moves nothing); a swap started by a request still running (a double
    /// click) is left to it.
    /// </summary>
    public virtual async Task<SwapOutcome> SwapAsync(int lineId, int customerId)
    {
        var line = await _orderService.GetLineAsync(lineId);
        if (line == null || line.CustomerId != customerId)
            return SwapOutcome.Refused(PreorderDefaults.Resources.SwapNotOffered);

        var swap = await GetSwapAsync(lineId);
        if (swap?.CompletedOnUtc != null)
            return new SwapOutcome(swap, null);
        if (swap != null && swap.CreatedOnUtc > _clock.UtcNow - MoneyMovementService.ResumeAfter)
            return new SwapOutcome(swap, null);

        if (swap == null)
        {
            var change = await OfferForAsync(line);
            if (DelayCompensationRules.CanSwap(line, change) is { } error)
                return SwapOutcome.Refused(error);
            if (!(await _catalogService.GetSnapshotAsync(change.SwapProductId)).IsPreorder)
                return SwapOutcome.Refused(PreorderDefaults.Resources.SwapTargetNotPreorder);
            swap = await ClaimAsync(line, change);
            if (swap == null)
                return new SwapOutcome(await GetSwapAsync(lineId), null);
        }
        return await ContinueAsync(swap, line);
    }

    /// <summary>Runs the steps not done yet of a claimed swap (the task resumes one a crash interrupted).</summary>
    public virtual async Task<SwapOutcome> ContinueAsync(PreorderDelaySwap swap, PreorderLine line)
    {
        if (!swap.UnitsReserved)
        {
            // the target's cap: the plugin's conditional UPDATE, so two buyers on two nodes cannot take its last unit both
            if (!await _capReservationService.TryReserveAsync(swap.NewProductId, 0, line.Quantity))
            {
                await _swapRepository.DeleteAsync(swap, false);
                return SwapOutcome.Refused(PreorderDefaults.Resources.SwapTargetSoldOut);
            }
            swap.UnitsReserved = true;
            await _swapRepository.UpdateAsync(swap, false);
            await _catalogService.InvalidateAsync(swap.NewProductId);
        }

        var target = (await _catalogService.GetSnapshotAsync(swap.NewProductId)).Profile;
        var item = await _lineWriter.EnsureOrderItemAsync(swap, line);
        var held = await _moneyMover.HeldAsync(line);
        var money = DelayCompensationRules.Move(held, line.DepositAmount, item.PriceInclTax);
        var newLine = await _lineWriter.EnsureLineAsync(swap, line, item, money.NewDeposit, target?.ExpectedShipDateUtc);
        swap.NewOrderItemId = item.Id;
        await _swapRepository.UpdateAsync(swap, false);

        var moved = await _moneyMover.MoveAsync(swap, line, newLine, money.Moved);

        if (line.State != PreorderLineState.Cancelled)
            await _orderService.CancelLineAsync(line.Id, $"Swapped to product {swap.NewProductId} (line {newLine.Id})", swap.CustomerId,
                terms: CancellationTerms.Refundable, penaltyFreeOffered: true,
                reasonChoice: new CancellationReasonChoice(CancellationReason.ShipDateTooLate, null));

        swap.AmountMoved = moved;
        swap.CompletedOnUtc = _clock.UtcNow;
        await _swapRepository.UpdateAsync(swap, false);
        await _moneyMover.RefreshAsync(line.OrderId);
        await _lineWriter.AddOrderNoteAsync(swap, $"Pre-order line {line.Id} (product {line.ProductId}) swapped by the buyer to product {swap.NewProductId} (line {newLine.Id}); {moved:0.00} moved to the new line.");
        return new SwapOutcome(swap, null);
    }

    private async Task<PreorderDelaySwap> ClaimAsync(PreorderLine line, PreorderShipDateChange change)
    {
        var swap = new PreorderDelaySwap
        {
            ShipDateChangeId = change.Id,
            OrderId = line.OrderId,
            CustomerId = line.CustomerId,
            OldLineId = line.Id,
            NewProductId = change.SwapProductId,
            CreatedOnUtc = _clock.UtcNow
        };
        try
        {
            await _swapRepository.InsertAsync(swap, false);
            return swap;
        }
        catch (Exception)
        {
            // a twin request claimed the line first: it makes the swap
            if (await GetSwapAsync(line.Id) != null)
                return null;
            throw;
        }
    }
}
