using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>What is to move, as the server decided it: never an amount or key a browser sent.</summary>
public class MoneyIntent
{
    public int OrderId { get; set; }
    /// <summary>The line the money is for; 0: the order as a whole.</summary>
    public int LineId { get; set; }
    public LedgerEntryKind Kind { get; set; }
    public decimal Amount { get; set; }
    /// <summary>The payment method system name, <see cref="PreorderDefaults.OfflineMethod"/> or <see cref="PreorderDefaults.GiftCardMethod"/>.</summary>
    public string Method { get; set; }
    /// <summary>Names the intent (what is paid or given back, and which attempt): the same intent twice moves money once.</summary>
    public string Key { get; set; }
    public string Reference { get; set; }
    public string Note { get; set; }
    public int ByCustomerId { get; set; }
    /// <summary>A precondition from a form: the movement happens only if the account is still at this version (never a key).</summary>
    public int? ExpectedAccountVersion { get; set; }
    /// <summary>
    /// The most this attempt moves (a refund part: what its charge has left). The room is checked for the whole
    /// <see cref="Amount"/>, so asking more than is held is refused, not quietly cut to one part.
    /// </summary>
    public decimal? PartCap { get; set; }
}

/// <summary>What a movement did: its ledger entry (whose status says where the money is), and whether this call only found an earlier one.</summary>
public record MovementResult(PreorderLedgerEntry Entry, bool Repeated, IList<string> Errors)
{
    public LedgerEntryStatus Status => Entry?.Status ?? LedgerEntryStatus.Failed;

    /// <summary>The money moved (in for a payment, out for a release).</summary>
    public bool Succeeded => Status == LedgerEntryStatus.Succeeded;

    /// <summary>Accepted by the gateway but not money yet: authorized (to capture) or awaiting the store's confirmation.</summary>
    public bool Accepted => Status is LedgerEntryStatus.Authorized or LedgerEntryStatus.AwaitingConfirmation;
}

/// <summary>
/// The one path of every movement of money through a gateway, a gift card or the store's hands:
/// (1) <b>claim</b>: the attempt is written as pending under a key naming the server's intent, reserved
/// against what is owed (a payment) or held (a release) counting everything already on its way, and the
/// account's version moved on, so of two claims that read the same state only one stands;
/// (2) <b>call</b> the gateway (or create the gift card) only if this call made the claim: a repeated request
/// finds the claim and never calls again; (3) <b>complete</b> the attempt from the gateway's actual answer
/// (<see cref="GatewayOutcome"/>: Paid is money in, Authorized is captured later, Pending awaits the store's
/// confirmation), with a conditional write so two completions of one attempt write once. An attempt whose
/// call did not answer stays pending: reconciliation reports it and the store resolves it; it is never
/// repeated blindly.
/// </summary>
public class MoneyMovementService
{
    /// <summary>A pending gift-card transfer older than this is resumed (its request is long over).</summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(5);

    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly IGiftCardService _giftCardService;
    private readonly IOrderService _orderService;
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;

    public MoneyMovementService(ConditionalUpdates conditionalUpdates,
        IGiftCardService giftCardService,
        IOrderService orderService,
        IPaymentPluginManager paymentPluginManager,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        PreorderClock clock,
        PreorderLedgerService ledgerService)
    {
        _conditionalUpdates = conditionalUpdates;
        _giftCardService = giftCardService;
        _orderService = orderService;
        _paymentPluginManager = paymentPluginManager;
        _ledgerRepository = ledgerRepository;
        _clock = clock;
        _ledgerService = ledgerService;
    }

    #region Keys and reads

    /// <summary>
    /// The key of the next attempt of an intent: <paramref name="prefix"/> and the number of its attempts already
    /// finished (succeeded or failed). Two requests while one attempt is on its way get the same key (one
    /// charge); after a decline the retry gets a new one (the shopper is not blocked); a further attempt after a
    /// success is a new intent, held to what is still owed or held by the claim.
    /// </summary>
    public virtual Task<string> NextKeyAsync(string prefix)
    {
        var finished = _ledgerRepository.Table.Count(e => e.IdempotencyKey.StartsWith(prefix)
            && (e.StatusId == (int)LedgerEntryStatus.Succeeded || e.StatusId == (int)LedgerEntryStatus.Failed));
        return Task.FromResult(prefix + finished);
    }

    /// <summary>The order's money on its way (pending, awaiting confirmation, authorized).</summary>
    public virtual async Task<MoneyInFlight> InFlightAsync(int orderId) =>
        new(await _ledgerRepository.Table.Where(e => e.OrderId == orderId
                && (e.StatusId == (int)LedgerEntryStatus.Pending || e.StatusId == (int)LedgerEntryStatus.AwaitingConfirmation
                    || e.StatusId == (int)LedgerEntryStatus.Authorized))
            .ToListAsync());

    /// <summary>The most a payment for the line (0: the order) may be now: owed less payments on their way.</summary>
    public virtual async Task<decimal> PaymentRoomAsync(int orderId, int lineId = 0)
    {
        var balance = await _ledgerService.GetBalanceAsync(orderId);
        return balance == null ? 0m : MovementLimit.PaymentRoom(balance, await InFlightAsync(orderId), lineId);
    }

    /// <summary>The most a release for the line (0: the order) may be now: held less releases on their way.</summary>
    public virtual async Task<decimal> ReleaseRoomAsync(int orderId, int lineId = 0)
    {
        var balance = await _ledgerService.GetBalanceAsync(orderId);
        return balance == null ? 0m : MovementLimit.ReleaseRoom(balance, await InFlightAsync(orderId), lineId);
    }

    #endregion

    #region Claim and complete

    /// <summary>
    /// Writes the attempt as pending, reserved against what is owed or held. Returns the entry and whether this
    /// call claimed it (false: the intent was claimed before; nothing new happens). Refuses, with a clear
    /// reason, a payment above what is owed or a release above what is held, counting what is on its way.
    /// </summary>
    public virtual async Task<(PreorderLedgerEntry Entry, bool Created)> ClaimAsync(MoneyIntent intent)
    {
        Validate(intent);
        return await ConflictRetry.RunAsync<(PreorderLedgerEntry, bool)>(async () =>
        {
            if (await _ledgerService.GetEntryByKeyAsync(intent.Key) is { } earlier)
                return (true, (earlier, false));

            // the version first, then the ledger: a claim written after this read moves the version on, so ours fails
            var account = await _ledgerService.GetAccountAsync(intent.OrderId)
                ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
            // money on its way before the balance: an attempt completing between the two reads is then counted twice
            // (a refusal to retry), never missed by both (read the other way round, a payment that turned from
            // pending to paid in between was in neither, and a second charge passed: seed 20261864)
            var inFlight = await InFlightAsync(intent.OrderId);
            var balance = await _ledgerService.GetBalanceAsync(account);
            // a placement a crash interrupted (the account claimed, no line written yet) does not know what the order
            // owes: nothing moves until the task completes it (minutes), or the account is closed
            if (balance.Lines.Count == 0 && account.State != PreorderAccountState.Closed)
                throw new PreorderRuleException(PreorderDefaults.Resources.OrderBeingPlaced);
            EnsureWithinRoom(intent, balance, inFlight);
            if (intent.ExpectedAccountVersion is int expected && expected != account.Version)
                throw new PreorderRuleException(PreorderDefaults.Resources.ConcurrentChange);

            var entry = _ledgerService.NewEntry(account, intent.OrderId, intent.LineId, intent.Kind, LedgerEntryStatus.Pending,
                intent.PartCap is decimal cap ? Math.Min(intent.Amount, cap) : intent.Amount,
                intent.Method, intent.Reference, intent.Key, intent.Note, intent.ByCustomerId);
            if (await InsertOnceAsync(entry) is { } twin)
                return (true, (twin, false));
            if (await _conditionalUpdates.TryTouchAccountAsync(account.Id, account.Version))
                return (true, (entry, true));

            // another claim (or a refresh) moved the account on after our read: ours was decided on a stale view.
            // Nothing was called yet, so the entry is withdrawn (the one case a ledger row is deleted) and we decide again.
            await _ledgerRepository.DeleteAsync(entry, false);
            return (false, default);
        });
    }

    /// <summary>
    /// An attempt on its way gets its outcome, if nobody gave it one meanwhile (conditional write). Returns
    /// whether this call wrote it; the entry object then carries the outcome.
    /// </summary>
    public virtual async Task<bool> CompleteAsync(PreorderLedgerEntry entry, LedgerEntryStatus outcome, string reference = null, string note = null, string method = null)
    {
        var from = entry.Status;
        if (!GatewayOutcome.IsInFlight(from) || outcome == from)
            return false;
        entry.Status = outcome;
        entry.Reference = StoredText.Truncate(reference ?? entry.Reference, 400);
        entry.Note = StoredText.Truncate(note ?? entry.Note, 1000);
        entry.Method = method ?? entry.Method;
        if (!await _conditionalUpdates.TryCompleteEntryAsync(entry, from))
        {
            entry.Status = (await _ledgerRepository.GetByIdAsync(entry.Id))?.Status ?? from;
            return false;
        }
        await _ledgerService.OnEntryCompletedAsync(entry, from);
        return true;
    }

    #endregion

    #region Movements

    /// <summary>
    /// A movement with no gateway call, completed at once after its claim: money the store received itself (bank
    /// transfer, cash, nopCommerce's "Mark as paid") or a deposit it keeps (forfeit).
    /// </summary>
    public virtual async Task<MovementResult> RecordNowAsync(MoneyIntent intent)
    {
        var (entry, created) = await ClaimAsync(intent);
        if (created)
            await CompleteAsync(entry, LedgerEntryStatus.Succeeded);
        return new MovementResult(entry, !created, new List<string>());
    }

    /// <summary>
    /// A charge through a payment method: claim, call once, complete from the answer. <paramref name="call"/> is
    /// the gateway call (ProcessPayment or ProcessRecurringPayment with the amount of the intent), given the
    /// attempt's guid (<see cref="AttemptGuid"/>) to send as the order guid: gateways use it as their own
    /// idempotency key, and the store finds the attempt in the gateway's records by it.
    /// </summary>
    public virtual async Task<MovementResult> ChargeAsync(MoneyIntent intent, Func<Guid, Task<ProcessPaymentResult>> call)
    {
        var (entry, created) = await ClaimAsync(intent);
        if (!created)
            return new MovementResult(entry, true, ErrorsOf(entry));
        return await CallAndCompleteAsync(entry, () => call(AttemptGuid(entry.IdempotencyKey)));
    }

    /// <summary>A guid derived from an attempt's key: the same attempt always sends the same guid to the gateway.</summary>
    public static Guid AttemptGuid(string key) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// Gives money back: through the charging method where it refunds, else recorded as an offline refund the
    /// store pays out (listed in the digest); a gateway refusal becomes an offline refund too. A refund the
    /// plugin started is mirrored on nopCommerce's order (its refunded amount and payment status);
    /// <paramref name="startedByNop"/>: nopCommerce's own refund flow called us and updates the order itself.
    /// </summary>
    public virtual async Task<MovementResult> RefundAsync(MoneyIntent intent, bool startedByNop = false)
    {
        var account = await _ledgerService.GetAccountAsync(intent.OrderId) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        var gateway = await RefundingMethodAsync(account);
        intent.Kind = LedgerEntryKind.Refund;
        if (gateway != null)
        {
            // back to one charge's own transaction, at most what it has left (the caller refunds the rest in parts)
            var source = RefundSource.Choose(await _ledgerService.GetEntriesAsync(intent.OrderId), account.ChargeMethodSystemName, intent.LineId, intent.Amount);
            intent.PartCap = source.Amount;
            intent.Reference = source.Reference;
            if (source.Offline)
                gateway = null;
        }
        intent.Method = gateway == null ? PreorderDefaults.OfflineMethod : account.ChargeMethodSystemName;
        var (entry, created) = await ClaimAsync(intent);
        if (!created)
            return new MovementResult(entry, true, ErrorsOf(entry));

        if (gateway == null || await _orderService.GetOrderByIdAsync(intent.OrderId) is not { } order)
        {
            await CompleteAsync(entry, LedgerEntryStatus.Succeeded, method: PreorderDefaults.OfflineMethod);
            return new MovementResult(entry, false, new List<string>());
        }

        RefundPaymentResult result;
        // gateways refund the order's capture transaction: for this call, the charge's own (nopCommerce's order is
        // not saved with it: restored before anything writes the order)
        var orderTransaction = order.CaptureTransactionId;
        try
        {
            if (!string.IsNullOrEmpty(entry.Reference))
                order.CaptureTransactionId = entry.Reference;
            var held = (await _ledgerService.GetBalanceAsync(account))?.Held ?? 0m;
            result = await gateway.RefundAsync(new RefundPaymentRequest { Order = order, AmountToRefund = entry.Amount, IsPartialRefund = entry.Amount < held });
        }
        catch (Exception ex)
        {
            // no answer: the money may have gone back. Left pending for the store to check, never retried blindly
            await CompleteNoteAsync(entry, $"no answer from the gateway ({ex.Message}): check it and confirm or fail this refund");
            return new MovementResult(entry, false, new List<string> { ex.Message });
        }
        finally
        {
            order.CaptureTransactionId = orderTransaction;
        }

        if (GatewayOutcome.RefundSucceeded(result.Errors.Count > 0))
        {
            await CompleteAsync(entry, LedgerEntryStatus.Succeeded, note: "gateway refund");
            if (!startedByNop)
                await MirrorRefundInNopAsync(order, entry.Amount);
        }
        else
            await CompleteAsync(entry, LedgerEntryStatus.Succeeded, null,
                $"{intent.Note}; gateway refused ({string.Join("; ", result.Errors)}), to be paid back offline", PreorderDefaults.OfflineMethod);
        return new MovementResult(entry, false, new List<string>());
    }

    /// <summary>
    /// Moves money to a new gift card: claimed with the card's code before the card exists; the card is
    /// created, then the attempt completed. A crash in between leaves the claim pending with the code: a later
    /// call (after <see cref="ResumeAfter"/>) creates the card only if no card has that code, so never two cards.
    /// </summary>
    public virtual async Task<MovementResult> TransferToGiftCardAsync(MoneyIntent intent, string message)
    {
        intent.Kind = LedgerEntryKind.Transfer;
        intent.Method = PreorderDefaults.GiftCardMethod;
        intent.Reference = _giftCardService.GenerateGiftCardCode();
        var (entry, created) = await ClaimAsync(intent);
        if (!created && (entry.Status != LedgerEntryStatus.Pending || entry.CreatedOnUtc > _clock.UtcNow - ResumeAfter))
            return new MovementResult(entry, true, new List<string>());

        var code = entry.Reference;
        var existing = created ? null : (await _giftCardService.GetAllGiftCardsAsync(giftCardCouponCode: code)).FirstOrDefault();
        if (existing == null)
            await _giftCardService.InsertGiftCardAsync(new GiftCard
            {
                GiftCardType = GiftCardType.Virtual,
                Amount = entry.Amount,
                IsGiftCardActivated = true,
                GiftCardCouponCode = code,
                Message = message,
                CreatedOnUtc = _clock.UtcNow
            });
        await CompleteAsync(entry, LedgerEntryStatus.Succeeded);
        return new MovementResult(entry, !created, new List<string>());
    }

    /// <summary>Captures an authorized payment through its method (the authorization's transaction id is the entry's reference).</summary>
    public virtual async Task<MovementResult> CaptureAsync(PreorderLedgerEntry entry)
    {
        if (entry.Status != LedgerEntryStatus.Authorized)
            return new MovementResult(entry, true, new List<string>());
        var method = await _paymentPluginManager.LoadPluginBySystemNameAsync(entry.Method);
        var order = await _orderService.GetOrderByIdAsync(entry.OrderId);
        if (method == null || order == null || !method.SupportCapture)
            return new MovementResult(entry, false, new List<string> { "capture not supported" });

        CapturePaymentResult result;
        var authorization = order.AuthorizationTransactionId;
        try
        {
            // the gateway captures the order's authorization: this entry's, not necessarily the checkout's
            order.AuthorizationTransactionId = entry.Reference ?? authorization;
            result = await method.CaptureAsync(new CapturePaymentRequest { Order = order });
        }
        finally
        {
            order.AuthorizationTransactionId = authorization;
        }
        if (!GatewayOutcome.CaptureSucceeded(result.Errors.Count > 0, result.NewPaymentStatus))
            return new MovementResult(entry, false, result.Errors.ToList());
        await CompleteAsync(entry, LedgerEntryStatus.Succeeded, result.CaptureTransactionId ?? entry.Reference, "captured");
        return new MovementResult(entry, false, new List<string>());
    }

    #endregion

    #region Checkout

    /// <summary>The key prefix of the deposits charged in a checkout (before nopCommerce saves the order, so by its guid).</summary>
    public static string CheckoutKeyPrefix(Guid orderGuid) => $"checkout:{orderGuid:N}:";

    /// <summary>
    /// The deposit charged in a checkout, before the order exists: written as pending under the order's guid,
    /// charged once, completed from the answer. nopCommerce keeps an order guid for a few minutes across
    /// confirm attempts, so after a decline the next attempt of the same guid is a new one; while an attempt
    /// is on its way or went through, a repeat finds it and charges nothing. Placement attaches it to the order
    /// (<see cref="AttachCheckoutChargeAsync"/>), also a placement the task resumes after a crash.
    /// </summary>
    /// <param name="amountInCurrency">The same amount as the shopper pays it, in the order's currency (the ledger keeps both).</param>
    /// <param name="currencyCode">The order's currency (the shopper's).</param>
    public virtual async Task<MovementResult> ChargeAtCheckoutAsync(Guid orderGuid, decimal amount, string method, int customerId,
        Func<Task<ProcessPaymentResult>> call, decimal? amountInCurrency = null, string currencyCode = null)
    {
        if (amount <= 0m || amount > 1_000_000_000m)
            throw new PreorderRuleException(PreorderDefaults.Resources.AmountInvalid);
        var prefix = CheckoutKeyPrefix(orderGuid);
        var attempts = await CheckoutAttemptsAsync(prefix);
        if (attempts.FirstOrDefault(e => e.Status != LedgerEntryStatus.Failed) is { } standing)
            return new MovementResult(standing, true, new List<string>());
        // no account yet: order 0 until placement attaches it
        var entry = _ledgerService.NewEntry(null, 0, 0, LedgerEntryKind.Deposit, LedgerEntryStatus.Pending, amount, method, null,
            prefix + attempts.Count, "Charged at checkout", customerId, currencyCode, amountInCurrency ?? amount);
        if (await InsertOnceAsync(entry) is { } earlier)
            return new MovementResult(earlier, true, ErrorsOf(earlier));
        return await CallAndCompleteAsync(entry, call);
    }

    /// <summary>The deposit charged in the checkout of this order guid that was not declined (at most one), or null.</summary>
    public virtual async Task<PreorderLedgerEntry> GetCheckoutChargeAsync(Guid orderGuid) =>
        (await CheckoutAttemptsAsync(CheckoutKeyPrefix(orderGuid))).FirstOrDefault(e => e.Status != LedgerEntryStatus.Failed);

    /// <summary>The checkout's deposit (the attempt that was not declined) joins the order placed with it, once, and counts from then on.</summary>
    public virtual async Task<PreorderLedgerEntry> AttachCheckoutChargeAsync(Order order)
    {
        var entry = await GetCheckoutChargeAsync(order.OrderGuid);
        if (entry == null || entry.OrderId == order.Id || entry.OrderId != 0)
            return entry?.OrderId == order.Id ? entry : null;
        if (!await _conditionalUpdates.TryAttachEntryAsync(entry.Id, order.Id))
            return await _ledgerRepository.GetByIdAsync(entry.Id);
        entry.OrderId = order.Id;
        if (entry.Status == LedgerEntryStatus.Succeeded)
            await _ledgerService.OnEntryCompletedAsync(entry, LedgerEntryStatus.Pending);
        else
            await _ledgerService.RefreshAccountAsync(order.Id);
        return entry;
    }

    private async Task<IList<PreorderLedgerEntry>> CheckoutAttemptsAsync(string prefix) =>
        await _ledgerRepository.Table.Where(e => e.IdempotencyKey.StartsWith(prefix)).OrderBy(e => e.Id).ToListAsync();

    #endregion

    private async Task<MovementResult> CallAndCompleteAsync(PreorderLedgerEntry entry, Func<Task<ProcessPaymentResult>> call)
    {
        ProcessPaymentResult result;
        try
        {
            result = await call();
        }
        catch (Exception ex)
        {
            // no answer: the card may have been charged. Left pending (reserved) for the store to check, never repeated blindly
            await CompleteNoteAsync(entry, $"no answer from the gateway ({ex.Message}): check it and confirm or fail this payment");
            return new MovementResult(entry, false, new List<string> { ex.Message });
        }

        var errors = result.Errors.ToList();
        var outcome = GatewayOutcome.OfCharge(errors.Count > 0, result.NewPaymentStatus);
        var note = errors.Count > 0 ? string.Join("; ", errors)
            : outcome == LedgerEntryStatus.Failed ? $"the gateway answered {result.NewPaymentStatus}: not a payment"
            : outcome == LedgerEntryStatus.Authorized ? "authorized: captured later"
            : outcome == LedgerEntryStatus.AwaitingConfirmation ? "the gateway took the details but moved no money: awaiting the store's confirmation"
            : null;
        if (outcome == LedgerEntryStatus.Failed && errors.Count == 0)
            errors.Add(note);
        await CompleteAsync(entry, outcome, result.CaptureTransactionId ?? result.AuthorizationTransactionId, note);
        return new MovementResult(entry, false, errors);
    }

    /// <summary>Inserts the entry; null when this call wrote it, or the earlier entry with the same key (the unique index refused a twin).</summary>
    private async Task<PreorderLedgerEntry> InsertOnceAsync(PreorderLedgerEntry entry)
    {
        try
        {
            await _ledgerRepository.InsertAsync(entry, false);
            return null;
        }
        catch (Exception)
        {
            return await _ledgerService.GetEntryByKeyAsync(entry.IdempotencyKey) ?? throw new PreorderRuleException(PreorderDefaults.Resources.ConcurrentChange);
        }
    }

    private async Task CompleteNoteAsync(PreorderLedgerEntry entry, string note)
    {
        entry.Note = StoredText.Truncate(note, 1000);
        await _conditionalUpdates.TryCompleteEntryAsync(entry, entry.Status);
    }

    private async Task<IPaymentMethod> RefundingMethodAsync(PreorderAccount account) =>
        !string.IsNullOrEmpty(account.ChargeMethodSystemName)
        && await _paymentPluginManager.LoadPluginBySystemNameAsync(account.ChargeMethodSystemName) is { } method
        && (method.SupportPartiallyRefund || method.SupportRefund)
            ? method
            : null;

    /// <summary>nopCommerce's order shows what the plugin gave back through the gateway (no event: nopCommerce's refund consumer would record it again).</summary>
    private async Task MirrorRefundInNopAsync(Order order, decimal amount)
    {
        order.RefundedAmount += amount;
        order.PaymentStatus = order.RefundedAmount >= order.OrderTotal ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        await _orderService.UpdateOrderAsync(order);
        await _orderService.InsertOrderNoteAsync(new OrderNote
        {
            OrderId = order.Id,
            Note = $"Pre-orders: {amount:0.00} refunded through {order.PaymentMethodSystemName} gateway.",
            DisplayToCustomer = false,
            CreatedOnUtc = _clock.UtcNow
        });
    }

    private static void EnsureWithinRoom(MoneyIntent intent, AccountBalance balance, MoneyInFlight inFlight)
    {
        if (AccountBalance.IsPayment(intent.Kind))
        {
            var room = MovementLimit.PaymentRoom(balance, inFlight, intent.LineId);
            if (intent.Amount <= room)
                return;
            if (room == 0m && inFlight.Payments + inFlight.PendingReleases > 0m)
                throw new PreorderRuleException(PreorderDefaults.Resources.PaymentInProgress);
            if (room == 0m)
                throw new PreorderRuleException(PreorderDefaults.Resources.NothingOutstanding);
            throw new PreorderRuleException(PreorderDefaults.Resources.AmountAboveOutstanding, room);
        }
        var releaseRoom = MovementLimit.ReleaseRoom(balance, inFlight, intent.LineId);
        if (intent.Amount > releaseRoom)
            throw new PreorderRuleException(PreorderDefaults.Resources.RefundAboveHeld, releaseRoom);
    }

    private static void Validate(MoneyIntent intent)
    {
        if (intent.Amount <= 0m || intent.Amount > 1_000_000_000m)
            throw new PreorderRuleException(PreorderDefaults.Resources.AmountInvalid);
        if (string.IsNullOrWhiteSpace(intent.Key) || intent.Key.Length > 200)
            throw new ArgumentException("A key of at most 200 characters naming the intent is required.", nameof(intent));
    }

    private static IList<string> ErrorsOf(PreorderLedgerEntry entry) =>
        entry.Status == LedgerEntryStatus.Failed ? new List<string> { entry.Note ?? "declined" } : new List<string>();

}
