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
    private readonly IGiftCardService _giftCardService;
    private readonly IOrderService _orderService;
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly ISettingService _settingService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;

    public PreorderSettlementService(IGiftCardService giftCardService,
        IOrderService orderService,
        IPaymentPluginManager paymentPluginManager,
        ISettingService settingService,
        PreorderClock clock,
        PreorderLedgerService ledgerService)
    {
        _giftCardService = giftCardService;
        _orderService = orderService;
        _paymentPluginManager = paymentPluginManager;
        _settingService = settingService;
        _clock = clock;
        _ledgerService = ledgerService;
    }

    public virtual Task<PreorderSettings> SettingsAsync(int storeId) => _settingService.LoadSettingAsync<PreorderSettings>(storeId);

    /// <summary>Money held for a line (<see cref="AccountBalance.LineHeld"/>): what settling it may refund, forfeit or transfer.</summary>
    public virtual async Task<decimal> HeldForLineAsync(PreorderLine line) =>
        (await _ledgerService.GetBalanceAsync(line.OrderId))?.LineHeld(line.Id) ?? 0m;

    /// <summary>
    /// Of these lines, those still holding money (<see cref="HeldForLineAsync"/> above zero), in four reads
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SettleLineOnceAsync(line, terms, expiryPolicy, byCustomerId);
            }
            catch (PreorderRuleException e) when (e.ResourceKey == PreorderDefaults.Resources.RefundAboveHeld && attempt < SettleAttempts)
            {
            }
        }
    }

    private const int SettleAttempts = 3;

    private async Task<string> SettleLineOnceAsync(PreorderLine line, CancellationTerms? terms, DepositExpiryPolicy? expiryPolicy, int byCustomerId)
    {
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(line.StoreId);
        var held = await HeldForLineAsync(line);
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
            await _ledgerService.RecordAsync(new LedgerRequest
            {
                OrderId = line.OrderId, LineId = line.Id, Kind = LedgerEntryKind.Forfeit, Amount = forfeit,
                Method = PreorderDefaults.OfflineMethod, IdempotencyKey = $"forfeit:line:{line.Id}",
                Note = "Deposit kept as agreed compensation", RecordedByCustomerId = byCustomerId
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
            var method = await RefundAsync(line.OrderId, line.Id, refund, $"refund:line:{line.Id}", byCustomerId, "Pre-order closed");
            parts.Add($"refunded {refund:0.00} ({method})");
        }
        await _ledgerService.RefreshAccountAsync(line.OrderId);
        return string.Join(", ", parts);
    }

    /// <summary>
    /// Refunds an amount of an order once per key: through the charging method when it supports refunds,
    /// else recorded as an offline refund. Refusing to refund more than is held.
    /// </summary>
    public virtual async Task<string> RefundAsync(int orderId, int lineId, decimal amount, string idempotencyKey, int byCustomerId, string note)
    {
        var account = await _ledgerService.GetAccountAsync(orderId) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        if (await _ledgerService.GetEntryByKeyAsync(idempotencyKey) is { } done)
            return done.Method;
        var held = (await _ledgerService.GetBalanceAsync(account)).Held;
        if (amount <= 0m)
            throw new PreorderRuleException(PreorderDefaults.Resources.AmountInvalid);
        if (amount > held)
            throw new PreorderRuleException(PreorderDefaults.Resources.RefundAboveHeld, held);

        var method = PreorderDefaults.OfflineMethod;
        string reference = null;
        if (!string.IsNullOrEmpty(account.ChargeMethodSystemName)
            && await _paymentPluginManager.LoadPluginBySystemNameAsync(account.ChargeMethodSystemName) is { } paymentMethod
            && (paymentMethod.SupportPartiallyRefund || paymentMethod.SupportRefund)
            && await _orderService.GetOrderByIdAsync(orderId) is { } order)
        {
            var result = await paymentMethod.RefundAsync(new RefundPaymentRequest { Order = order, AmountToRefund = amount, IsPartialRefund = amount < held });
            if (result.Errors.Count == 0)
            {
                method = account.ChargeMethodSystemName;
                reference = "gateway refund";
            }
            else
                note = $"{note}; gateway refused ({string.Join("; ", result.Errors)}), to be paid back offline";
        }

        await _ledgerService.RecordAsync(new LedgerRequest
        {
            OrderId = orderId, LineId = lineId, Kind = LedgerEntryKind.Refund, Amount = amount, Method = method,
            Reference = reference, IdempotencyKey = idempotencyKey, Note = note, RecordedByCustomerId = byCustomerId
        });
        return method;
    }

    protected virtual async Task<string> TransferToGiftCardAsync(PreorderLine line, decimal amount)
    {
        var key = $"transfer:line:{line.Id}";
        if (await _ledgerService.GetEntryByKeyAsync(key) is { } done)
            return done.Reference;

        var code = _giftCardService.GenerateGiftCardCode();
        await _giftCardService.InsertGiftCardAsync(new GiftCard
        {
            GiftCardType = GiftCardType.Virtual,
            Amount = amount,
            IsGiftCardActivated = true,
            GiftCardCouponCode = code,
            Message = $"Pre-order deposit of order {line.OrderId}",
            CreatedOnUtc = _clock.UtcNow
        });
        await _ledgerService.RecordAsync(new LedgerRequest
        {
            OrderId = line.OrderId, LineId = line.Id, Kind = LedgerEntryKind.Transfer, Amount = amount,
            Method = PreorderDefaults.GiftCardMethod, Reference = code, IdempotencyKey = key, Note = "Deposit moved to a gift card"
        });
        return code;
    }
}
