using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Payments;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>The result of a balance payment attempt.</summary>
public record BalancePaymentResult(bool Succeeded, bool Duplicate, IList<string> Errors, PreorderLedgerEntry Entry);

/// <summary>
/// Collecting balances, whatever gateway the shop has: (1) an admin confirms an offline payment; (2) the
/// shopper pays on the balance page through the delegated Standard method; (3) where that method supports
/// nopCommerce's recurring processing, an automatic charge on the due date with retries. Every attempt is a
/// ledger entry whose key makes a repeated request (double click, retried callback, task run twice) a no-op;
/// the entry is written as pending before the gateway is called, so a crash between charge and record
/// leaves a visible pending attempt for reconciliation instead of a silent loss.
/// </summary>
public class BalancePaymentService
{
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly PreorderLedgerService _ledgerService;

    public BalancePaymentService(IPaymentPluginManager paymentPluginManager,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        PreorderLedgerService ledgerService)
    {
        _paymentPluginManager = paymentPluginManager;
        _ledgerRepository = ledgerRepository;
        _ledgerService = ledgerService;
    }

    /// <summary>An admin confirms money received offline (bank transfer, cash, invoice). The reference identifies the payment: the same reference twice records once.</summary>
    public virtual async Task<BalancePaymentResult> ConfirmOfflineAsync(int orderId, decimal amount, string reference, int byCustomerId, LedgerEntryKind kind = LedgerEntryKind.Balance, int lineId = 0)
    {
        if (string.IsNullOrWhiteSpace(reference))
            throw new PreorderRuleException(PreorderDefaults.Resources.ReasonRequired);
        await EnsureWithinOutstandingAsync(orderId, amount);
        var (entry, created) = await _ledgerService.RecordAsync(new LedgerRequest
        {
            OrderId = orderId, LineId = lineId, Kind = kind, Amount = amount, Method = PreorderDefaults.OfflineMethod,
            Reference = reference.Trim(), IdempotencyKey = $"offline:{orderId}:{reference.Trim().ToLowerInvariant()}",
            RecordedByCustomerId = byCustomerId, Note = "Confirmed by the store"
        });
        return new BalancePaymentResult(true, !created, new List<string>(), entry);
    }

    /// <summary>
    /// The shopper pays on the balance page through the delegated method. <paramref name="accountVersion"/> is
    /// the version the page was rendered with: two clicks or two tabs send the same version, hence the same
    /// key, and only one charge reaches the gateway.
    /// </summary>
    public virtual async Task<BalancePaymentResult> PayAsync(Order order, decimal amount, int lineId, ProcessPaymentRequest paymentInfo, int accountVersion, int byCustomerId)
    {
        var account = await _ledgerService.GetAccountAsync(order.Id) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        await EnsureWithinOutstandingAsync(order.Id, amount);
        if (string.IsNullOrEmpty(account.ChargeMethodSystemName)
            || await _paymentPluginManager.LoadPluginBySystemNameAsync(account.ChargeMethodSystemName) is not { PaymentMethodType: PaymentMethodType.Standard } method)
            throw new PreorderRuleException(PreorderDefaults.Resources.ChargeFailed, "offline");

        var (attempt, created) = await _ledgerService.RecordAsync(new LedgerRequest
        {
            OrderId = order.Id, LineId = lineId, Kind = lineId == 0 ? LedgerEntryKind.Extra : LedgerEntryKind.Balance,
            Status = LedgerEntryStatus.Pending, Amount = amount, Method = account.ChargeMethodSystemName,
            IdempotencyKey = $"charge:{order.Id}:v{accountVersion}", RecordedByCustomerId = byCustomerId
        });
        if (!created)
            return new BalancePaymentResult(attempt.Status == LedgerEntryStatus.Succeeded, true, new List<string>(), attempt);

        paymentInfo ??= new ProcessPaymentRequest();
        paymentInfo.OrderTotal = amount;
        paymentInfo.CustomerId = order.CustomerId;
        paymentInfo.StoreId = order.StoreId;
        paymentInfo.OrderGuid = Guid.NewGuid();
        paymentInfo.PaymentMethodSystemName = account.ChargeMethodSystemName;
        return await CompleteAsync(attempt, () => method.ProcessPaymentAsync(paymentInfo));
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

        var (attempt, created) = await _ledgerService.RecordAsync(new LedgerRequest
        {
            OrderId = order.Id, Kind = LedgerEntryKind.Installment, Status = LedgerEntryStatus.Pending, Amount = amount,
            Method = account.ChargeMethodSystemName, IdempotencyKey = $"auto:{order.Id}:{dueKey}:{attemptNumber}", Note = $"automatic attempt {attemptNumber}"
        });
        if (!created)
            return new BalancePaymentResult(attempt.Status == LedgerEntryStatus.Succeeded, true, new List<string>(), attempt);

        return await CompleteAsync(attempt, () => method.ProcessRecurringPaymentAsync(new ProcessPaymentRequest
        {
            InitialOrder = order,
            OrderTotal = amount,
            CustomerId = order.CustomerId,
            StoreId = order.StoreId,
            PaymentMethodSystemName = account.ChargeMethodSystemName
        }));
    }

    /// <summary>Failed automatic attempts of a due item so far (for the retry schedule).</summary>
    public virtual Task<int> FailedAttemptsAsync(int orderId, string dueKey)
    {
        var prefix = $"auto:{orderId}:{dueKey}:";
        var count = _ledgerRepository.Table.Count(e => e.OrderId == orderId && e.StatusId == (int)LedgerEntryStatus.Failed && e.IdempotencyKey.StartsWith(prefix));
        return Task.FromResult(count);
    }

    private async Task<BalancePaymentResult> CompleteAsync(PreorderLedgerEntry attempt, Func<Task<ProcessPaymentResult>> charge)
    {
        ProcessPaymentResult result;
        try
        {
            result = await charge();
        }
        catch (Exception ex)
        {
            await _ledgerService.CompleteAttemptAsync(attempt, false, null, ex.Message);
            return new BalancePaymentResult(false, false, new List<string> { ex.Message }, attempt);
        }

        var errors = result.Errors.ToList();
        await _ledgerService.CompleteAttemptAsync(attempt, errors.Count == 0, result.CaptureTransactionId ?? result.AuthorizationTransactionId,
            errors.Count == 0 ? null : string.Join("; ", errors));
        return new BalancePaymentResult(errors.Count == 0, false, errors, attempt);
    }

    private async Task EnsureWithinOutstandingAsync(int orderId, decimal amount)
    {
        var balance = await _ledgerService.GetBalanceAsync(orderId) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        if (amount <= 0m)
            throw new PreorderRuleException(PreorderDefaults.Resources.AmountInvalid);
        if (balance.Owed <= 0m)
            throw new PreorderRuleException(PreorderDefaults.Resources.NothingOutstanding);
        if (amount > balance.Owed)
            throw new PreorderRuleException(PreorderDefaults.Resources.AmountAboveOutstanding, balance.Owed);
    }
}
