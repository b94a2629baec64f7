using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Configuration;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>
/// What happens to money when a line closes early (cancellation, expiry): refund, forfeit as agreed
/// compensation, or transfer to a gift card, each recorded once in the ledger. Refunds go back through the
/// charging payment method where it supports refunds; otherwise they are recorded as offline refunds the
/// store pays out (listed in the daily digest).
/// </summary>
public class PreorderSettlementService
{
    private readonly ISettingService _settingService;
    private readonly MoneyMovementService _moneyMovementService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;

    public PreorderSettlementService(ISettingService settingService,
        MoneyMovementService moneyMovementService,
        PreorderClock clock,
        PreorderLedgerService ledgerService)
    {
        _settingService = settingService;
        _moneyMovementService = moneyMovementService;
        _clock = clock;
        _ledgerService = ledgerService;
    }

    public virtual Task<PreorderSettings> SettingsAsync(int storeId) => _settingService.LoadSettingAsync<PreorderSettings>(storeId);

    /// <summary>
    /// Of these lines, those still holding money (<see cref="AccountBalance.LineHeld"/> above zero), in four reads
    /// however many lines (the reconciliation's check of recently closed lines).
    /// </summary>
    public virtual async Task<IList<PreorderLine>> HoldingMoneyAsync(IQueryable<PreorderLine> lines)
    {
        var list = await lines.ToListAsync();
        if (list.Count == 0)
            return list;
        var balances = await _ledgerService.BalancesAsync(lines.Select(l => l.OrderId));
        return list.Where(l => balances.TryGetValue(l.OrderId, out var balance) && balance.LineHeld(l.Id) > 0m).ToList();
    }

    /// <summary>Settles a closed line; returns a short description ("refunded 40.00", "forfeited 40.00", "gift card ABC 40.00").</summary>
    public virtual async Task<string> SettleLineAsync(PreorderLine line, CancellationTerms? terms, DepositExpiryPolicy? expiryPolicy, int byCustomerId)
    {
        // What a closed line holds is a share of the order's money; a line of the same order closed and refunded at
        // the same moment can take part of that share after it was read here. The refund then exceeds what the order
        // still holds and is refused before any money moves: read the share again and settle what is left. Every
        // step's key (forfeit/refund/transfer per line) keeps a step that already happened from happening twice.
        return await ConflictRetry.RunAsync(async () =>
        {
            try
            {
                return (true, await SettleLineOnceAsync(line, terms, expiryPolicy, byCustomerId));
            }
            catch (PreorderRuleException e) when (e.ResourceKey == PreorderDefaults.Resources.RefundAboveHeld)
            {
                return (false, null);
            }
        }, SettleAttempts);
    }

    private const int SettleAttempts = 3;

    private async Task<string> SettleLineOnceAsync(PreorderLine line, CancellationTerms? terms, DepositExpiryPolicy? expiryPolicy, int byCustomerId)
    {
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(line.StoreId);
        // what the line holds less what is already on its way back (an admin refund racing this cancellation)
        var held = await _moneyMovementService.ReleaseRoomAsync(line.OrderId, line.Id);
        if (held <= 0m)
        {
            await _ledgerService.RefreshAccountAsync(line.OrderId);
            return "nothing held";
        }

        terms ??= RefundPolicy.TermsFor(line, settings, _clock.UtcNow);
        var (refund, forfeit, transfer) = RefundPolicy.Settle(held, line.DepositAmount, terms.Value, expiryPolicy);
        var parts = new List<string>();
        if (forfeit > 0m)
        {
            await _moneyMovementService.RecordNowAsync(new MoneyIntent
            {
                OrderId = line.OrderId, LineId = line.Id, Kind = LedgerEntryKind.Forfeit, Amount = forfeit,
                Method = PreorderDefaults.OfflineMethod, Key = await _moneyMovementService.NextKeyAsync($"forfeit:line:{line.Id}:"),
                Note = "Deposit kept as agreed compensation", ByCustomerId = byCustomerId
            });
            parts.Add($"forfeited {forfeit:0.00}");
        }
        if (transfer > 0m)
        {
            var code = await TransferToGiftCardAsync(line, transfer);
            parts.Add($"gift card {code} {transfer:0.00}");
        }
        if (refund > 0m)
        {
            var method = await RefundAsync(line.OrderId, line.Id, refund, $"refund:line:{line.Id}:", byCustomerId, "Pre-order closed");
            parts.Add($"refunded {refund:0.00} ({method})");
        }
        await _ledgerService.RefreshAccountAsync(line.OrderId);
        return string.Join(", ", parts);
    }

    /// <summary>
    /// Refunds an amount of an order once per key (<see cref="MoneyMovementService.RefundAsync"/>): through the
    /// charging method when it supports refunds, each part back to one charge's own transaction (a deposit and a
    /// balance charged apart are two parts), else recorded as an offline refund; never more than is held less
    /// refunds on their way. Part n's key is the intent's key with "/n": a repeat of the intent finds its parts
    /// done and goes on where it stopped; a part with no answer stops it (never repeated blindly). Returns the
    /// method the money went back through (the first part's).
    /// </summary>
    /// <param name="idempotencyKey">The intent's key; ending in ':' it is a prefix the server numbers (<see cref="MoneyMovementService.NextKeyAsync"/>).</param>
    /// <param name="expectedAccountVersion">Refund only if the account is still at this version (a form's precondition), else refused.</param>
    public virtual async Task<string> RefundAsync(int orderId, int lineId, decimal amount, string idempotencyKey, int byCustomerId, string note,
        bool startedByNop = false, int? expectedAccountVersion = null)
    {
        var key = idempotencyKey.EndsWith(':') ? await _moneyMovementService.NextKeyAsync(idempotencyKey) : idempotencyKey;
        string method = null;
        var left = amount;
        for (var part = 0; left > 0m && part < MaxRefundParts; part++)
        {
            var result = await _moneyMovementService.RefundAsync(new MoneyIntent
            {
                OrderId = orderId, LineId = lineId, Amount = left, Key = part == 0 ? key : $"{key}/{part}", Note = note, ByCustomerId = byCustomerId,
                // the form's precondition held when the intent began; its own parts move the version on
                ExpectedAccountVersion = part == 0 ? expectedAccountVersion : null
            }, startedByNop);
            method ??= result.Entry.Method;
            if (result.Entry.Status != LedgerEntryStatus.Succeeded)
                break;
            left -= result.Entry.Amount;
        }
        return method;
    }

    /// <summary>The most parts one refund is split into (one per charge it goes back to).</summary>
    public const int MaxRefundParts = 20;

    protected virtual async Task<string> TransferToGiftCardAsync(PreorderLine line, decimal amount)
    {
        var result = await _moneyMovementService.TransferToGiftCardAsync(new MoneyIntent
        {
            OrderId = line.OrderId, LineId = line.Id, Amount = amount, Key = await _moneyMovementService.NextKeyAsync($"transfer:line:{line.Id}:"), Note = "Deposit moved to a gift card"
        }, $"Pre-order deposit of order {line.OrderId}");
        return result.Entry.Reference;
    }
}
