using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// Moves a swap's money between two lines of one order in the ledger, without a gateway round trip (the money stays in
/// the shop): a <see cref="LedgerEntryKind.Transfer"/> out of the old line (key <c>swap:{id}:out</c>, reference the new
/// line) and a <see cref="LedgerEntryKind.Deposit"/> into the new line (key <c>swap:{id}:in</c>), both method
/// <see cref="PreorderDefaults.SwapMethod"/>, recorded and completed at once (<see cref="MoneyMovementService.RecordNowAsync"/>).
/// The order's money held is unchanged (paid and released grow alike); the old line's settlement then finds only the
/// rest to refund. Both keys name the swap: a repeat finds the entries and moves nothing.
/// </summary>
public class SwapMoneyMover
{
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly MoneyMovementService _moneyMovementService;
    private readonly PreorderLedgerService _ledgerService;

    public SwapMoneyMover(IRepository<PreorderLine> lineRepository, MoneyMovementService moneyMovementService, PreorderLedgerService ledgerService)
    {
        _lineRepository = lineRepository;
        _moneyMovementService = moneyMovementService;
        _ledgerService = ledgerService;
    }

    /// <summary>The money held for a line now (<see cref="AccountBalance"/>: its own payments and its share of the order's).</summary>
    public virtual async Task<decimal> HeldAsync(PreorderLine line) =>
        (await _ledgerService.WithBalancesAsync(_lineRepository.Table.Where(l => l.Id == line.Id)))
        .Select(l => l.Balance?.Line(line.Id)?.Held ?? 0m).FirstOrDefault();

    /// <summary>Moves <paramref name="amount"/> (once per swap: a repeat returns what the first move recorded); returns the amount moved.</summary>
    public virtual async Task<decimal> MoveAsync(PreorderDelaySwap swap, PreorderLine oldLine, PreorderLine newLine, decimal amount)
    {
        var outKey = DelayCompensationRules.SwapOutKey(swap.Id);
        var inKey = DelayCompensationRules.SwapInKey(swap.Id);
        var outEntry = await _ledgerService.GetEntryByKeyAsync(outKey);
        if (outEntry == null)
        {
            if (amount <= 0m)
                return 0m;
            outEntry = (await _moneyMovementService.RecordNowAsync(new MoneyIntent
            {
                OrderId = oldLine.OrderId, LineId = oldLine.Id, Kind = LedgerEntryKind.Transfer, Amount = amount, Key = outKey,
                Method = PreorderDefaults.SwapMethod, Reference = $"line:{newLine.Id}", Note = $"Moved to line {newLine.Id} (swap)", ByCustomerId = swap.CustomerId
            })).Entry;
        }
        if (await _ledgerService.GetEntryByKeyAsync(inKey) == null)
            await _moneyMovementService.RecordNowAsync(new MoneyIntent
            {
                OrderId = newLine.OrderId, LineId = newLine.Id, Kind = LedgerEntryKind.Deposit, Amount = outEntry.Amount, Key = inKey,
                Method = PreorderDefaults.SwapMethod, Reference = $"line:{oldLine.Id}", Note = $"Moved from line {oldLine.Id} (swap)", ByCustomerId = swap.CustomerId
            });
        await _ledgerService.RefreshAccountAsync(oldLine.OrderId);
        return outEntry.Amount;
    }

    public virtual Task RefreshAsync(int orderId) => _ledgerService.RefreshAccountAsync(orderId);
}
