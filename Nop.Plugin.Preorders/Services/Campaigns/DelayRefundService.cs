using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// A line's fixed refund for a delay, through the plugin's one money path (<see cref="PreorderSettlementService.RefundAsync"/>
/// → <see cref="MoneyMovementService"/>): the ledger entry is written pending before the gateway call under the server's
/// key <c>delay-refund:{change}:line:{line}</c>, completed from the gateway's answer; a call without an answer stays
/// pending and is never repeated blindly (a later run finds the entry under the same key and moves nothing). The amount
/// is the merchant's, at most what the line holds (<see cref="DelayCompensationRules.RefundAmount"/>), decided once, with
/// the claim. The compensation row follows the ledger entry: once the entry succeeded, the line's total and the order's
/// total are lowered by the amount (<see cref="DelayRefundTotals"/>: the money given back is not owed again), then the row
/// is done; a run stopped in between leaves the row pending and the next one lowers (a repeat changes nothing) and
/// finishes it. A failed or refused refund lowers nothing.
/// </summary>
public class DelayRefundService
{
    private readonly IRepository<PreorderDelayCompensation> _compensationRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly DelayRefundTotals _refundTotals;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderSettlementService _settlementService;

    public DelayRefundService(IRepository<PreorderDelayCompensation> compensationRepository,
        IRepository<PreorderLine> lineRepository,
        DelayRefundTotals refundTotals,
        PreorderClock clock,
        PreorderLedgerService ledgerService,
        PreorderSettlementService settlementService)
    {
        _compensationRepository = compensationRepository;
        _lineRepository = lineRepository;
        _refundTotals = refundTotals;
        _clock = clock;
        _ledgerService = ledgerService;
        _settlementService = settlementService;
    }

    /// <summary>The line's refund of this change, made if not yet; the row says where it stands (pending: no answer yet).</summary>
    public virtual async Task<PreorderDelayCompensation> EnsureAsync(PreorderShipDateChange change, PreorderLine line)
    {
        var key = DelayCompensationRules.CompensationKey(DelayCompensationKind.Refund, change.Id, line.CustomerId, line.Id);
        var row = await _compensationRepository.Table.Where(c => c.CompensationKey == key).FirstOrDefaultAsync();
        if (row == null)
        {
            var held = (await _ledgerService.WithBalancesAsync(_lineRepository.Table.Where(l => l.Id == line.Id)))
                .Select(l => l.Balance?.Line(line.Id)?.Held ?? 0m).FirstOrDefault();
            var amount = DelayCompensationRules.RefundAmount(change.CompensationAmount, held);
            row = new PreorderDelayCompensation
            {
                ShipDateChangeId = change.Id,
                CompensationKey = key,
                Kind = DelayCompensationKind.Refund,
                CustomerId = line.CustomerId,
                OrderId = line.OrderId,
                LineId = line.Id,
                Amount = amount,
                Status = amount > 0m ? DelayCompensationStatus.Pending : DelayCompensationStatus.Nothing,
                CreatedOnUtc = _clock.UtcNow,
                CompletedOnUtc = amount > 0m ? null : _clock.UtcNow
            };
            try
            {
                await _compensationRepository.InsertAsync(row, false);
            }
            catch (Exception)
            {
                row = await _compensationRepository.Table.Where(c => c.CompensationKey == key).FirstOrDefaultAsync() ?? throw new InvalidOperationException($"compensation {key} not recorded");
            }
        }
        return row.Status == DelayCompensationStatus.Pending ? await RefundAsync(change, row) : row;
    }

    /// <summary>Moves the row's money (or finds the movement made under its key) and completes the row from the ledger entry.</summary>
    public virtual async Task<PreorderDelayCompensation> RefundAsync(PreorderShipDateChange change, PreorderDelayCompensation row)
    {
        var ledgerKey = DelayCompensationRules.RefundLedgerKey(change.Id, row.LineId);
        var entry = await _ledgerService.GetEntryByKeyAsync(ledgerKey);
        if (entry == null)
        {
            try
            {
                await _settlementService.RefundAsync(row.OrderId, row.LineId, row.Amount, ledgerKey, change.ChangedByCustomerId, $"Delay compensation (ship date change {change.Id})");
            }
            catch (PreorderRuleException)
            {
                // the ledger refused the movement (nothing held any more, e.g. the line was cancelled and refunded meanwhile)
                return await CompleteAsync(row, DelayCompensationStatus.Nothing);
            }
            await _ledgerService.RefreshAccountAsync(row.OrderId);
            entry = await _ledgerService.GetEntryByKeyAsync(ledgerKey);
        }
        return entry?.Status switch
        {
            LedgerEntryStatus.Succeeded => await LowerTotalsAndCompleteAsync(row),
            LedgerEntryStatus.Failed => await CompleteAsync(row, DelayCompensationStatus.Nothing),
            // pending: no answer from the gateway yet; the store confirms or fails it, the next run reads the outcome
            _ => row
        };
    }

    /// <summary>The refund went through: what is owed goes down by it (once), the account is recomputed, then the row is done.</summary>
    private async Task<PreorderDelayCompensation> LowerTotalsAndCompleteAsync(PreorderDelayCompensation row)
    {
        if (await _refundTotals.LowerAsync(row))
            await _ledgerService.RefreshAccountAsync(row.OrderId);
        return await CompleteAsync(row, DelayCompensationStatus.Done);
    }

    private async Task<PreorderDelayCompensation> CompleteAsync(PreorderDelayCompensation row, DelayCompensationStatus status)
    {
        row.Status = status;
        row.CompletedOnUtc = _clock.UtcNow;
        await _compensationRepository.UpdateAsync(row, false);
        return row;
    }
}
