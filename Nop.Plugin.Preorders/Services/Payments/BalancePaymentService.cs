using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Payments;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>
/// The result of a balance payment attempt. <see cref="Succeeded"/> only when the money is in; a payment the
/// gateway accepted without moving money (authorized, or awaiting the store's confirmation) is
/// <see cref="Accepted"/>; <see cref="Duplicate"/>: an earlier attempt of the same intent was found.
/// </summary>
public record BalancePaymentResult(bool Succeeded, bool Duplicate, IList<string> Errors, PreorderLedgerEntry Entry)
{
    public bool Accepted => Entry?.Status is LedgerEntryStatus.Authorized or LedgerEntryStatus.AwaitingConfirmation;

    /// <summary>The attempt has not answered yet (another tab or the task is paying it now, or the gateway gave no answer).</summary>
    public bool InProgress => Entry?.Status == LedgerEntryStatus.Pending;

    public static BalancePaymentResult Of(MovementResult movement) =>
        new(movement.Succeeded, movement.Repeated, movement.Errors, movement.Entry);
}

/// <summary>
/// Collecting balances, whatever gateway the shop has: (1) an admin confirms an offline payment; (2) the
/// shopper pays on the balance page through the delegated Standard method; (3) where that method supports
/// nopCommerce's recurring processing, an automatic charge on the due date with retries. Every one goes
/// through <see cref="MoneyMovementService"/>: written as pending under a key the server derives from the
/// intent, reserved against what is still owed counting payments on their way (so the balance page racing
/// the automatic charge, or two tabs, charge once), completed from the gateway's actual answer.
/// </summary>
public class BalancePaymentService
{
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly MoneyMovementService _moneyMovementService;
    private readonly PreorderLedgerService _ledgerService;

    public BalancePaymentService(IPaymentPluginManager paymentPluginManager,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        MoneyMovementService moneyMovementService,
        PreorderLedgerService ledgerService)
    {
        _paymentPluginManager = paymentPluginManager;
        _ledgerRepository = ledgerRepository;
        _moneyMovementService = moneyMovementService;
        _ledgerService = ledgerService;
    }

    /// <summary>An admin confirms money received offline (bank transfer, cash, invoice). The reference identifies the payment: the same reference twice records once.</summary>
    public virtual async Task<BalancePaymentResult> ConfirmOfflineAsync(int orderId, decimal amount, string reference, int byCustomerId, LedgerEntryKind kind = LedgerEntryKind.Balance, int lineId = 0)
    {
        if (string.IsNullOrWhiteSpace(reference))
            throw new PreorderRuleException(PreorderDefaults.Resources.ReasonRequired);
        return BalancePaymentResult.Of(await _moneyMovementService.RecordNowAsync(new MoneyIntent
        {
            OrderId = orderId, LineId = lineId, Kind = kind, Amount = amount, Method = PreorderDefaults.OfflineMethod,
            Reference = reference.Trim(), Key = $"offline:{orderId}:{reference.Trim().ToLowerInvariant()}",
            ByCustomerId = byCustomerId, Note = "Confirmed by the store"
        }));
    }

    /// <summary>
    /// The shopper pays on the balance page through the delegated method. The key is the server's: the line (or
    /// order) being paid and how many attempts of it have finished, so two clicks or two tabs while one attempt
    /// is on its way find that attempt, and a retry after a decline is a new attempt.
    /// </summary>
    public virtual async Task<BalancePaymentResult> PayAsync(Order order, decimal amount, int lineId, ProcessPaymentRequest paymentInfo, int byCustomerId)
    {
        var account = await _ledgerService.GetAccountAsync(order.Id) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        if (string.IsNullOrEmpty(account.ChargeMethodSystemName)
            || await _paymentPluginManager.LoadPluginBySystemNameAsync(account.ChargeMethodSystemName) is not { PaymentMethodType: PaymentMethodType.Standard } method)
            throw new PreorderRuleException(PreorderDefaults.Resources.ChargeFailed, "offline");

        paymentInfo ??= new ProcessPaymentRequest();
        paymentInfo.OrderTotal = amount;
        paymentInfo.CustomerId = order.CustomerId;
        paymentInfo.StoreId = order.StoreId;
        paymentInfo.PaymentMethodSystemName = account.ChargeMethodSystemName;
        return BalancePaymentResult.Of(await _moneyMovementService.ChargeAsync(new MoneyIntent
        {
            OrderId = order.Id, LineId = lineId, Kind = lineId == 0 ? LedgerEntryKind.Extra : LedgerEntryKind.Balance,
            Amount = amount, Method = account.ChargeMethodSystemName,
            Key = await _moneyMovementService.NextKeyAsync($"pay:{order.Id}:{lineId}:"), ByCustomerId = byCustomerId
        }, attempt =>
        {
            paymentInfo.OrderGuid = attempt;
            return method.ProcessPaymentAsync(paymentInfo);
        }));
    }

    /// <summary>
    /// Automatic charge of a due amount through the delegated method's recurring processing (stored payment).
    /// Attempt N of a due item has its own key, so a task run twice charges once, and retries are counted.
    /// </summary>
    public virtual async Task<BalancePaymentResult> ChargeAutomaticallyAsync(Order order, decimal amount, string dueKey, int attemptNumber)
    {
        var account = await _ledgerService.GetAccountAsync(order.Id) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        if (string.IsNullOrEmpty(account.ChargeMethodSystemName)
            || await _paymentPluginManager.LoadPluginBySystemNameAsync(account.ChargeMethodSystemName) is not { } method
            || method.RecurringPaymentType == RecurringPaymentType.NotSupported)
            return new BalancePaymentResult(false, false, new List<string> { "automatic charging not supported" }, null);
        // what is owed less payments already on their way (the shopper paying on the balance page right now)
        amount = Math.Min(amount, await _moneyMovementService.PaymentRoomAsync(order.Id));
        if (amount <= 0m)
            return new BalancePaymentResult(false, false, new List<string> { "nothing to charge now" }, null);

        return BalancePaymentResult.Of(await _moneyMovementService.ChargeAsync(new MoneyIntent
        {
            OrderId = order.Id, Kind = LedgerEntryKind.Installment, Amount = amount, Method = account.ChargeMethodSystemName,
            Key = $"auto:{order.Id}:{dueKey}:{attemptNumber}", Note = $"automatic attempt {attemptNumber}"
        }, attempt => method.ProcessRecurringPaymentAsync(new ProcessPaymentRequest
        {
            OrderGuid = attempt,
            InitialOrder = order,
            OrderTotal = amount,
            CustomerId = order.CustomerId,
            StoreId = order.StoreId,
            PaymentMethodSystemName = account.ChargeMethodSystemName
        })));
    }

    /// <summary>Failed automatic attempts of a due item so far (for the retry schedule).</summary>
    public virtual Task<int> FailedAttemptsAsync(int orderId, string dueKey)
    {
        var prefix = $"auto:{orderId}:{dueKey}:";
        var count = _ledgerRepository.Table.Count(e => e.OrderId == orderId && e.StatusId == (int)LedgerEntryStatus.Failed && e.IdempotencyKey.StartsWith(prefix));
        return Task.FromResult(count);
    }
}
