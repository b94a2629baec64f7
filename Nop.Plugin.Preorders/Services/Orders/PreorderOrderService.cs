using Newtonsoft.Json;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Directory;
using Nop.Services.Localization;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Orders;

public enum PlacementOutcome
{
    NotPreorder,
    Placed,
    AlreadyPlaced,
    /// <summary>A concurrent checkout took the last units: the order was cancelled, nothing was sold past the cap.</summary>
    CapLost,
    /// <summary>A resumed placement could not count its units yet; tried again on the next run.</summary>
    Deferred,
    /// <summary>
    /// The order would take its customer (account or billing e-mail) past a product's per-customer limit, counted in
    /// the database like the cap: cancelled and refunded like a lost cap race.
    /// </summary>
    LimitReached,
    /// <summary>
    /// The order came during a product's first-access hours from a customer not confirmed on its waitlist: cancelled and
    /// refunded like a lost cap race, before any unit was counted.
    /// </summary>
    FirstAccessOnly
}

/// <summary>
/// Order-side life of pre-orders: turning a placed order into pre-order lines (counting units against the
/// cap), and every later state change of a line: cancel, expire, extend, ship. Money goes through
/// <see cref="PreorderLedgerService"/>, allocation through <see cref="PreorderAllocationService"/>.
/// </summary>
public class PreorderOrderService
{
    private readonly CapReservationService _capReservationService;
    private readonly CustomerLimitService _customerLimitService;
    private readonly ILocalizationService _localizationService;
    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly DepositCheckoutContext _checkoutContext;
    private readonly IAddressService _addressService;
    private readonly ICountryService _countryService;
    private readonly ICurrencyService _currencyService;
    private readonly IEventPublisher _eventPublisher;
    private readonly IOrderProcessingService _orderProcessingService;
    private readonly IOrderService _orderService;
    private readonly IProductAttributeParser _productAttributeParser;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderInstallment> _installmentRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly ISettingService _settingService;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderSettlementService _settlementService;
    private readonly MoneyMovementService _moneyMovementService;
    private readonly DepositScopeRuleService _depositRules;
    private readonly ReservationPlacement _reservations;
    private readonly Campaigns.WaitlistAccessService _waitlistAccessService;

    public PreorderOrderService(CapReservationService capReservationService,
        CustomerLimitService customerLimitService,
        ILocalizationService localizationService,
        ConditionalUpdates conditionalUpdates,
        DepositCheckoutContext checkoutContext,
        IAddressService addressService,
        ICountryService countryService,
        ICurrencyService currencyService,
        IEventPublisher eventPublisher,
        IOrderProcessingService orderProcessingService,
        IOrderService orderService,
        IProductAttributeParser productAttributeParser,
        IProductService productService,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderInstallment> installmentRepository,
        IRepository<PreorderLine> lineRepository,
        ISettingService settingService,
        PreorderAuditService auditService,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        PreorderLedgerService ledgerService,
        PreorderSettlementService settlementService,
        MoneyMovementService moneyMovementService,
        DepositScopeRuleService depositRules,
        ReservationPlacement reservations,
        Campaigns.WaitlistAccessService waitlistAccessService)
    {
        _depositRules = depositRules;
        _reservations = reservations;
        _moneyMovementService = moneyMovementService;
        _waitlistAccessService = waitlistAccessService;
        _capReservationService = capReservationService;
        _customerLimitService = customerLimitService;
        _localizationService = localizationService;
        _conditionalUpdates = conditionalUpdates;
        _checkoutContext = checkoutContext;
        _addressService = addressService;
        _countryService = countryService;
        _currencyService = currencyService;
        _eventPublisher = eventPublisher;
        _orderProcessingService = orderProcessingService;
        _orderService = orderService;
        _productAttributeParser = productAttributeParser;
        _productService = productService;
        _accountRepository = accountRepository;
        _installmentRepository = installmentRepository;
        _lineRepository = lineRepository;
        _settingService = settingService;
        _auditService = auditService;
        _catalogService = catalogService;
        _clock = clock;
        _ledgerService = ledgerService;
        _settlementService = settlementService;
    }

    public virtual async Task<IList<PreorderLine>> GetLinesAsync(int orderId) =>
        await _lineRepository.Table.Where(l => l.OrderId == orderId).OrderBy(l => l.Id).ToListAsync();

    public virtual async Task<PreorderLine> GetLineAsync(int lineId) => await _lineRepository.GetByIdAsync(lineId);

    /// <summary>Units a customer already holds of a product (for the per-customer limit).</summary>
    public virtual Task<int> GetCustomerUnitsAsync(int customerId, int productId)
    {
        var units = _lineRepository.Table
            .Where(l => l.CustomerId == customerId && l.ProductId == productId
                && l.StateId != (int)PreorderLineState.Cancelled && l.StateId != (int)PreorderLineState.Expired)
            .Sum(l => (int?)l.Quantity) ?? 0;
        return Task.FromResult(units);
    }

    /// <summary>
    /// Called when nopCommerce has placed an order. Claims the order (unique account row, so a repeated event
    /// does nothing), counts the pre-order units against the caps in the database, and writes the lines,
    /// their deposits and the payment schedule. If a concurrent checkout took the last units, the order is
    /// cancelled and the customer told: the cap is never exceeded and no unit is lost.
    /// </summary>
    public virtual async Task<PlacementOutcome> PlaceAsync(Order order)
    {
        var candidates = await CandidatesAsync(order);
        if (candidates.Count == 0)
            return PlacementOutcome.NotPreorder;

        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(order.StoreId);
        var now = _clock.UtcNow;
        var account = new PreorderAccount
        {
            OrderId = order.Id,
            CustomerId = order.CustomerId,
            StoreId = order.StoreId,
            OrderTotal = order.OrderTotal,
            CustomerCurrencyCode = order.CustomerCurrencyCode,
            CurrencyRate = order.CurrencyRate <= 0m ? 1m : order.CurrencyRate,
            ChargeMethodSystemName = order.PaymentMethodSystemName == PreorderDefaults.SystemName
                ? await CheckoutChargeMethodAsync(order)
                : order.PaymentMethodSystemName,
            TermsAcceptedOnUtc = _checkoutContext.TermsAccepted ? now : null,
            State = PreorderAccountState.AwaitingDeposit,
            CreatedOnUtc = now,
            UpdatedOnUtc = now
        };
        if (await _ledgerService.GetAccountAsync(order.Id) != null)
            return PlacementOutcome.AlreadyPlaced;
        try
        {
            await _accountRepository.InsertAsync(account, false);
        }
        catch (Exception)
        {
            // a repeated event on another node claimed the order first (unique index on order_id)
            if (await _ledgerService.GetAccountAsync(order.Id) != null)
                return PlacementOutcome.AlreadyPlaced;
            throw;
        }
        // the checkout's deposit joins the order first: whatever happens to the placement from here (a crash, a
        // lost cap race), the account already knows what the shopper paid
        await _moneyMovementService.AttachCheckoutChargeAsync(order);

        return await PlaceLinesAsync(order, account, candidates, settings);
    }

    /// <summary>
    /// Completes a placement that a crash interrupted (the order claimed, some or all lines missing): the
    /// reconciliation calls it for orders whose placement request is long over. Units a crashed attempt had
    /// reserved are over-counted until the recount corrects them; never under-counted.
    /// </summary>
    /// <summary>How long a resumed placement waits for units a crashed attempt may hold before it counts as a lost race (longer than the full recount's interval).</summary>
    public static readonly TimeSpan ResumeGiveUpAfter = TimeSpan.FromMinutes(90);

    public virtual async Task<PlacementOutcome> ResumePlacementAsync(Order order)
    {
        var account = await _ledgerService.GetAccountAsync(order.Id);
        if (account == null)
            return await PlaceAsync(order);
        // the crash may have come before the checkout's deposit joined the account
        await _moneyMovementService.AttachCheckoutChargeAsync(order);
        var existing = await GetLinesAsync(order.Id);
        if (account.State == PreorderAccountState.Closed && existing.Count == 0)
        {
            // a placement that lost the cap race and died before it finished: the deposit goes back, the order is cancelled
            await RefundCheckoutChargeAsync(order);
            if (order.OrderStatus != OrderStatus.Cancelled)
                await LoseRaceAsync(order, 0);
            return PlacementOutcome.CapLost;
        }
        var placed = existing.Select(l => l.OrderItemId).ToHashSet();
        var missing = (await CandidatesAsync(order)).Where(c => !placed.Contains(c.Item.Id)).ToList();
        // (placed, but the request died before the checkout's deposit joined the order: joined above)
        if (missing.Count == 0)
            return PlacementOutcome.AlreadyPlaced;
        return await PlaceLinesAsync(order, account, missing, await _settingService.LoadSettingAsync<PreorderSettings>(order.StoreId), resuming: true);
    }

    private async Task<List<(OrderItem Item, PreorderSnapshot Snapshot, int CombinationId)>> CandidatesAsync(Order order)
    {
        var candidates = new List<(OrderItem Item, PreorderSnapshot Snapshot, int CombinationId)>();
        foreach (var item in await _orderService.GetOrderItemsAsync(order.Id))
        {
            var snapshot = await _catalogService.GetSnapshotAsync(item.ProductId);
            // an in-stock item the customer reserved with a deposit is placed too: a candidate that is no pre-order is a reservation
            if (!snapshot.IsPreorder && !await _reservations.Intents.IsReservationAsync(order.CustomerId, item.ProductId))
                continue;
            var product = await _productService.GetProductByIdAsync(item.ProductId);
            var combination = product == null || string.IsNullOrEmpty(item.AttributesXml)
                ? null
                : await _productAttributeParser.FindProductAttributeCombinationAsync(product, item.AttributesXml);
            candidates.Add((item, snapshot, combination?.Id ?? 0));
        }
        return candidates;
    }

    /// <summary>Units first (the safe order), then the lines, the deposits, the schedule and what was paid at checkout.</summary>
    private async Task<PlacementOutcome> PlaceLinesAsync(Order order, PreorderAccount account,
        IList<(OrderItem Item, PreorderSnapshot Snapshot, int CombinationId)> candidates, PreorderSettings settings, bool resuming = false)
    {
        var now = _clock.UtcNow;
        // first access for the waitlist, at the order's own moment (a resumed placement judges it the same way): checked
        // before any unit is counted, so nothing is to be given back but the checkout's charge
        if (await _waitlistAccessService.RefusedProductAsync(order, candidates.Select(c => c.Item.ProductId)) is var refusedProductId and > 0)
        {
            await _ledgerService.CloseAsync(order.Id);
            await RefundCheckoutChargeAsync(order, "First access for the waitlist");
            await RefuseAsync(order, refusedProductId, await _waitlistAccessService.RefusalNoteAsync(order), "WaitlistFirstAccessRefused", eventKey: null);
            return PlacementOutcome.FirstAccessOnly;
        }

        // count units against the caps; all or nothing for the order
        var reserved = new List<(OrderItem Item, PreorderSnapshot Snapshot, int CombinationId)>();
        foreach (var candidate in candidates)
        {
            if (candidate.Snapshot.IsPreorder
                    ? await _capReservationService.TryReserveAsync(candidate.Item.ProductId, candidate.CombinationId, candidate.Item.Quantity)
                    : await _reservations.TryHoldAsync(candidate.Item))
            {
                reserved.Add(candidate);
                continue;
            }

            foreach (var r in reserved)
                await ReleaseUnitsAsync(r.Snapshot.IsPreorder, r.Item.ProductId, r.CombinationId, r.Item.Quantity);
            if (!candidate.Snapshot.IsPreorder)
            {
                // a reservation's unit was held by another shopper a moment before: the same clean refusal as a lost
                // cap race (account closed, deposit back, nopCommerce's cancel returns its stock), with its own note
                if (resuming && account.CreatedOnUtc > _clock.UtcNow.Add(-ResumeGiveUpAfter))
                    return PlacementOutcome.Deferred;
                await _ledgerService.CloseAsync(order.Id);
                await RefundCheckoutChargeAsync(order, "Reserved unit taken by another order");
                await RefuseAsync(order, candidate.Item.ProductId, await _reservations.UnitTakenNoteAsync(order, candidate.Item.ProductId), "ReservationLost", eventKey: null);
                return PlacementOutcome.CapLost;
            }
            // a resumed placement does not cancel at once: the units may be held by its own crashed attempt until
            // the recount frees them, so it tries again on the next run. After the hourly full recount has run
            // (an hour after the order), the units are really gone: it lost the race like any checkout
            if (resuming && account.CreatedOnUtc > _clock.UtcNow.Add(-ResumeGiveUpAfter))
                return PlacementOutcome.Deferred;
            await _ledgerService.CloseAsync(order.Id);
            await RefundCheckoutChargeAsync(order);
            await LoseRaceAsync(order, candidate.Item.ProductId);
            return PlacementOutcome.CapLost;
        }

        // then the per-customer limits, counted in the database the same way (all or nothing with the caps)
        var emailHash = CustomerLimitService.HashEmail(await BillingEmailOfAsync(order));
        var limited = new List<(OrderItem Item, PreorderSnapshot Snapshot, int CombinationId)>();
        // a resumed placement: what a crashed attempt of it took and never wrote as lines is not counted against it
        if (resuming)
            foreach (var productId in reserved.Where(r => r.Snapshot.Profile.PerCustomerLimit.HasValue).Select(r => r.Item.ProductId).Distinct())
                await _customerLimitService.RecountAsync(productId, order.CustomerId, emailHash);
        foreach (var candidate in reserved)
        {
            if (candidate.Snapshot.Profile.PerCustomerLimit is not int limit)
                continue;
            if (await _customerLimitService.TryReserveAsync(candidate.Item.ProductId, limit, order.CustomerId, emailHash, candidate.Item.Quantity))
            {
                limited.Add(candidate);
                continue;
            }

            foreach (var l in limited)
                await _customerLimitService.ReleaseAsync(l.Item.ProductId, order.CustomerId, emailHash, l.Item.Quantity);
            foreach (var r in reserved)
                await ReleaseUnitsAsync(r.Snapshot.IsPreorder, r.Item.ProductId, r.CombinationId, r.Item.Quantity);
            foreach (var productId in reserved.Select(r => r.Item.ProductId).Distinct())
                await _catalogService.InvalidateAsync(productId);
            await _ledgerService.CloseAsync(order.Id);
            await RefundCheckoutChargeAsync(order, "Per-customer limit reached");
            await RefuseAsync(order, candidate.Item.ProductId, await LimitNoteAsync(order, limit), "LimitReached", eventKey: null);
            return PlacementOutcome.LimitReached;
        }

        var currency = await CurrencyOfAsync(order);
        var checkoutMoment = CheckoutMomentOf(order);
        var countryCode = await CountryCodeOfAsync(order);
        var lines = new List<PreorderLine>();
        DepositRule scheduleRule = null;
        foreach (var (item, snapshot, combinationId) in reserved)
        {
            var profile = snapshot.Profile;
            var isReservation = !snapshot.IsPreorder;
            // a reservation: the product's (or store's) rule, paid as a deposit; a pre-order: the order's customer's
            // terms, as the checkout split took them (category and role rules included)
            var terms = isReservation
                ? ReservationRules.TermsOf(profile, settings)
                : (await _depositRules.GetTermsAsync(profile, settings, order.CustomerId)).Terms;
            var mode = terms.Mode;
            // the checkout split's function with the split's inputs: the amount charged is the amount recorded as due
            var lineTotal = item.PriceInclTax;
            var deposit = LineDeposit.Quote(lineTotal, item.Quantity, terms, currency, checkoutMoment, _checkoutContext.ChosenDepositPercent).Deposit;
            if (mode == PreorderPaymentMode.Deposit && !isReservation)
                scheduleRule ??= terms.Rule;

            var line = new PreorderLine
            {
                OrderId = order.Id,
                OrderItemId = item.Id,
                ProductId = item.ProductId,
                CombinationId = combinationId,
                CustomerId = order.CustomerId,
                StoreId = order.StoreId,
                Quantity = item.Quantity,
                State = PreorderLineState.Waiting,
                PaymentMode = mode,
                LineTotal = lineTotal,
                DepositAmount = deposit,
                PlacedOnUtc = now,
                ExpectedShipDateUtc = profile.ExpectedShipDateUtc,
                CountryCode = countryCode,
                EmailHash = emailHash,
                UpdatedOnUtc = now
            };
            if (isReservation)
                _reservations.AllocateAtOnce(line, ReservationRules.TermDays(profile.ReservationTermDays, settings.ReservationTermDays));
            try
            {
                await _lineRepository.InsertAsync(line, false);
            }
            catch (Exception)
            {
                if (!await LineOfItemExistsAsync(item.Id))
                    throw;
                // a resumed placement met the original one (unique order item): theirs stands, our units go back
                await ReleaseUnitsAsync(!isReservation, item.ProductId, combinationId, item.Quantity);
                if (snapshot.Profile.PerCustomerLimit.HasValue)
                    await _customerLimitService.ReleaseAsync(item.ProductId, order.CustomerId, emailHash, item.Quantity);
                continue;
            }
            lines.Add(line);
        }

        // what is due at checkout: the order total less the balances of the pre-order lines
        var balances = (await GetLinesAsync(order.Id)).Where(l => l.State != PreorderLineState.Cancelled).Select(l => l.LineTotal - l.DepositAmount);
        account = await _ledgerService.GetAccountAsync(order.Id);
        account.DueAtCheckout = LineDeposit.DueNow(order.OrderTotal, balances);
        await _accountRepository.UpdateAsync(account, false);
        await CreateScheduleAsync(order.Id, account.DueAtCheckout, order.OrderTotal - account.DueAtCheckout, scheduleRule, currency, now);
        // reservations are allocated at once: their balance falls due at the end of the term, like an arrival's
        await _reservations.CompleteAsync(order, lines.Where(l => l.IsReservation).ToList());

        await _auditService.RecordAsync("OrderPlaced", order.CustomerId, order.Id, details: $"{lines.Count} pre-order line(s), due at checkout {account.DueAtCheckout:0.##}");
        foreach (var line in lines)
            await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.LinePlaced, $"placed:{line.Id}", order.Id, line.ProductId, line.Id));
        foreach (var productId in lines.Select(l => l.ProductId).Distinct())
            await NotifyIfCapReachedAsync(productId);

        await RecordCheckoutPaymentAsync(order, account);
        return PlacementOutcome.Placed;
    }

    /// <summary>
    /// Cancels one line: units go back to the cap, the money held for it is settled by the refund policy
    /// (or the given terms), and the shopper is told. Idempotent: a closed line is left alone.
    /// </summary>
    /// <param name="terms">The terms agreed (a merchant's choice); null: the refund policy's for the line as it was when it moved.</param>
    /// <param name="restock">Return the units to nopCommerce's stock (not when nopCommerce cancelled the whole order: it restocks itself).</param>
    /// <param name="settlementPolicy">Settle like an expiry policy instead (a merchant's "cancel and move the deposit to a gift card").</param>
    /// <param name="penaltyFreeOffered">A delay notice offered the shopper penalty-free cancellation (with the policy's terms).</param>
    /// <param name="throughBalanceLink">The shopper cancelled on the balance page of a personal link: the message to the billing address says so.</param>
    /// <param name="reasonChoice">The reason chosen from the list, already validated (<see cref="CancellationReasonRules.Validate"/>); null: none given.</param>
    public virtual async Task<bool> CancelLineAsync(int lineId, string reason, int byCustomerId, CancellationTerms? terms = null, bool restock = true,
        DepositExpiryPolicy? settlementPolicy = null, bool penaltyFreeOffered = false, bool throughBalanceLink = false,
        CancellationReasonChoice reasonChoice = null)
    {
        reasonChoice ??= CancellationReasonChoice.NotGiven;
        // the policy looks at whether stock was allocated: worked out from the line as read by the move that
        // succeeds, before it is Cancelled (a cancelled line would always look unallocated, and refundable)
        var stockAllocated = false;
        var line = await MoveAsync(lineId, PreorderLineState.Cancelled, l =>
        {
            l.ClosedOnUtc = _clock.UtcNow;
            l.CloseReason = StoredText.Truncate(reason, 1000);
            // in the same compare-and-set as the move: a line is never cancelled without the reason it was cancelled for
            l.CancelReason = reasonChoice.Reason;
            l.CancelReasonText = StoredText.Truncate(reasonChoice.Text, CancellationReasonRules.MaxMerchantTextLength);
        }, asRead: l => stockAllocated = RefundPolicy.StockAllocated(l));
        if (line == null)
            return false;

        if (terms == null)
        {
            var settings = await _settingService.LoadSettingAsync<PreorderSettings>(line.StoreId);
            terms = RefundPolicy.TermsFor(stockAllocated, line.ExpectedShipDateUtc, settings, _clock.UtcNow, penaltyFreeOffered: penaltyFreeOffered);
        }
        await ReleaseUnitsAsync(!line.IsReservation, line.ProductId, line.CombinationId, line.Quantity);
        await ReleaseCustomerLimitAsync(line);
        await _catalogService.InvalidateAsync(line.ProductId);
        if (restock)
            await RestockAsync(line, "cancelled");
        var settlement = await _settlementService.SettleLineAsync(line, terms, settlementPolicy, byCustomerId);
        await _auditService.RecordAsync("LineCancelled", byCustomerId, line.OrderId, line.ProductId, line.Id, $"{reason}; {settlement}; reason {reasonChoice.Reason}");
        await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.LineCancelled, $"cancelled:{line.Id}", line.OrderId, line.ProductId, line.Id) { Reason = reason, Settlement = settlement, ThroughBalanceLink = throughBalanceLink });
        return true;
    }

    /// <summary>The whole order was cancelled in nopCommerce: every open line is cancelled with the policy's terms.</summary>
    public virtual async Task CancelOrderAsync(int orderId, string reason, int byCustomerId)
    {
        foreach (var line in await GetLinesAsync(orderId))
            if (!PreorderLineStateMachine.IsClosed(line.State))
                await CancelLineAsync(line.Id, reason, byCustomerId, restock: false);

        // nopCommerce cancelled the whole order: nothing of it is bought any more. What the order still holds after
        // its lines were settled by their terms (its other part: shipping, fees; a checkout deposit whose placement a
        // crash interrupted) goes back too, once. A refund the merchant then starts in nopCommerce finds nothing held.
        if (await _ledgerService.GetAccountAsync(orderId) is not { } account)
            return;
        // a placement a crash interrupted before any line: the order is cancelled, so it is never placed; closed instead
        if (account.State != PreorderAccountState.Closed && (await GetLinesAsync(orderId)).Count == 0)
            await _ledgerService.CloseAsync(orderId);
        if (await _orderService.GetOrderByIdAsync(orderId) is { } order)
            await _moneyMovementService.AttachCheckoutChargeAsync(order);
        var rest = await _moneyMovementService.ReleaseRoomAsync(orderId);
        if (rest > 0m)
            await _settlementService.RefundAsync(orderId, 0, rest, $"order-cancelled:{orderId}:", byCustomerId, "Order cancelled: the rest of what it held");
    }

    /// <summary>A reservation lapsed after its grace period: units back to the cap, the deposit handled by the store's expiry policy.</summary>
    public virtual async Task<bool> ExpireLineAsync(int lineId, PreorderSettings settings)
    {
        var line = await MoveAsync(lineId, PreorderLineState.Expired, l =>
        {
            l.ClosedOnUtc = _clock.UtcNow;
            l.CloseReason = "Balance not paid within the grace period";
        });
        if (line == null)
            return false;

        await ReleaseUnitsAsync(!line.IsReservation, line.ProductId, line.CombinationId, line.Quantity);
        await ReleaseCustomerLimitAsync(line);
        await _catalogService.InvalidateAsync(line.ProductId);
        await RestockAsync(line, "expired");
        var settlement = await _settlementService.SettleLineAsync(line, CancellationTerms.DepositForfeited, settings.ExpiryPolicy, 0);
        await _auditService.RecordAsync("LineExpired", 0, line.OrderId, line.ProductId, line.Id, settlement);
        await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.LineExpired, $"expired:{line.Id}", line.OrderId, line.ProductId, line.Id) { Settlement = settlement });
        return true;
    }

    /// <summary>Due date passed: the line turns overdue (the grace period runs).</summary>
    public virtual async Task<bool> MarkOverdueAsync(int lineId) =>
        await MoveAsync(lineId, PreorderLineState.Overdue, _ => { }) != null;

    /// <summary>
    /// More time to pay. Shoppers get <see cref="PreorderSettings.MaxAutoExtensions"/> automatic extensions;
    /// beyond that (or when <paramref name="approvedByMerchant"/>) only a merchant grants one.
    /// </summary>
    /// <param name="days">The days a merchant approved (a shopper's request); null: the store's <see cref="PreorderSettings.ExtensionDays"/>.</param>
    public virtual async Task<PreorderLine> ExtendAsync(int lineId, int byCustomerId, bool approvedByMerchant, PreorderSettings settings, int? days = null)
    {
        return await ConflictRetry.RunAsync<PreorderLine>(async () =>
        {
            var line = await GetLineAsync(lineId) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
            if (!SelfServiceRules.CanExtend(line))
                throw new PreorderRuleException(PreorderDefaults.Resources.ExtensionNotAllowed);
            if (!approvedByMerchant && line.ExtensionCount >= settings.MaxAutoExtensions)
            {
                await _auditService.RecordAsync("ExtensionRequested", byCustomerId, line.OrderId, line.ProductId, line.Id);
                throw new PreorderRuleException(PreorderDefaults.Resources.ExtensionNotAllowed);
            }

            var oldDue = line.BalanceDueOnUtc;
            var baseDate = line.BalanceDueOnUtc > _clock.UtcNow ? line.BalanceDueOnUtc.Value : _clock.UtcNow;
            line.BalanceDueOnUtc = baseDate.AddDays(Math.Max(1, days ?? settings.ExtensionDays));
            line.ExtensionCount++;
            if (line.State == PreorderLineState.Overdue)
                line.State = PreorderLineState.BalanceDue;
            line.UpdatedOnUtc = _clock.UtcNow;
            if (!await _conditionalUpdates.TryUpdateLineAsync(line))
                return (false, null);

            await _conditionalUpdates.MoveInstallmentDueAsync(line.OrderId, oldDue, line.BalanceDueOnUtc.Value);
            await _ledgerService.RefreshAccountAsync(line.OrderId);
            await _auditService.RecordAsync(approvedByMerchant ? "ExtensionGranted" : "ExtensionTaken", byCustomerId, line.OrderId, line.ProductId, line.Id, $"due {line.BalanceDueOnUtc:u}");
            await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.ExtensionGranted, $"extended:{line.Id}:{line.ExtensionCount}", line.OrderId, line.ProductId, line.Id) { NewDateUtc = line.BalanceDueOnUtc });
            return (true, line);
        });
    }

    /// <summary>
    /// Moves a line to <paramref name="target"/> through the state machine with compare-and-set; returns the
    /// moved line, or null when it is already in the target state (a repeated request). An illegal move throws.
    /// <paramref name="asRead"/> sees each attempt's line before it changes (the last call is the line the move
    /// that succeeded started from).
    /// </summary>
    public virtual async Task<PreorderLine> MoveAsync(int lineId, PreorderLineState target, Action<PreorderLine> change, Action<PreorderLine> asRead = null)
    {
        var moved = await MoveLineAsync(lineId, target, change, asRead);
        // a shipped reservation's unit is sold: it leaves the reservation counter (once: only the move that won gets here)
        if (moved is { IsReservation: true } && target == PreorderLineState.Shipped)
            await _reservations.Holds.MarkSoldAsync(moved.ProductId, moved.Quantity);
        return moved;
    }

    private async Task<PreorderLine> MoveLineAsync(int lineId, PreorderLineState target, Action<PreorderLine> change, Action<PreorderLine> asRead)
    {
        return await ConflictRetry.RunAsync<PreorderLine>(async () =>
        {
            var line = await GetLineAsync(lineId) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
            if (line.State == target)
                return (true, null);
            PreorderLineStateMachine.EnsureCanMove(line.State, target);
            asRead?.Invoke(line);
            line.State = target;
            line.UpdatedOnUtc = _clock.UtcNow;
            change(line);
            return await _conditionalUpdates.TryUpdateLineAsync(line) ? (true, line) : (false, null);
        });
    }

    private async Task RecordCheckoutPaymentAsync(Order order, PreorderAccount account)
    {
        // the deposit charged in this checkout joined the account before the lines were written (PlaceAsync,
        // ResumePlacementAsync): the account's state is worked out again with them below
        // paid in full by another payment method already at placement (or marked paid in nopCommerce before a
        // placement the task resumed): what the order owes now, under the same numbered key "Mark as paid" uses
        if (order.PaymentStatus == PaymentStatus.Paid && account.OrderTotal > 0m
            && (await _ledgerService.GetBalanceAsync(order.Id))?.Owed is decimal owed && owed > 0m)
        {
            await _ledgerService.RecordAsync(new LedgerRequest
            {
                OrderId = order.Id,
                Kind = LedgerEntryKind.Extra,
                Amount = owed,
                Method = order.PaymentMethodSystemName,
                IdempotencyKey = await _moneyMovementService.NextKeyAsync($"nop-paid:{order.Id}:"),
                Note = "Paid in full at checkout",
                RecordedByCustomerId = order.CustomerId
            });
        }
        else
            await _ledgerService.RefreshAccountAsync(order.Id);
    }

    private async Task CreateScheduleAsync(int orderId, decimal dueAtCheckout, decimal balance, DepositRule rule, MoneyCurrency currency, DateTime now)
    {
        // a resumed placement keeps the schedule the first attempt wrote
        if (await _installmentRepository.Table.Where(i => i.OrderId == orderId).AnyAsync())
            return;
        var schedule = new List<PreorderInstallment> { new() { OrderId = orderId, Sequence = 0, Amount = dueAtCheckout, DueOnUtc = now } };
        var parts = DepositCalculator.SplitBalance(balance, Math.Max(1, rule?.Installments ?? 1), currency);
        for (var i = 0; i < parts.Count; i++)
        {
            // installments before the last fall due at intervals; the last one when the stock arrives
            DateTime? due = i < parts.Count - 1 ? now.AddDays((i + 1) * Math.Max(1, rule?.InstallmentIntervalDays ?? 30)) : null;
            schedule.Add(new PreorderInstallment { OrderId = orderId, Sequence = i + 1, Amount = parts[i], DueOnUtc = due });
        }
        try
        {
            await _installmentRepository.InsertAsync(schedule, false);
        }
        catch (Exception)
        {
            // written meanwhile by the placement this one resumed (unique order + sequence): keep theirs
            if (!await _installmentRepository.Table.Where(i => i.OrderId == orderId).AnyAsync())
                throw;
        }
    }

    /// <summary>
    /// A line closed while its nopCommerce order goes on: its units go back to nopCommerce's stock (nopCommerce
    /// took them when the order was placed), so the next waiting pre-order can have them.
    /// </summary>
    private async Task RestockAsync(PreorderLine line, string why)
    {
        var product = await _productService.GetProductByIdAsync(line.ProductId);
        if (product == null || product.ManageInventoryMethod == Nop.Core.Domain.Catalog.ManageInventoryMethod.DontManageStock)
            return;
        var item = await _orderService.GetOrderItemByIdAsync(line.OrderItemId);
        await _productService.AdjustInventoryAsync(product, line.Quantity, item?.AttributesXml ?? string.Empty,
            $"Pre-order of order #{line.OrderId} {why}");
    }

    /// <summary>The method that charged the checkout's deposit: this request's, or the ledger's (a placement the task resumes).</summary>
    private async Task<string> CheckoutChargeMethodAsync(Order order)
    {
        if (!string.IsNullOrEmpty(_checkoutContext.ChargeMethodSystemName))
            return _checkoutContext.ChargeMethodSystemName;
        var entry = await _moneyMovementService.GetCheckoutChargeAsync(order.OrderGuid);
        return string.IsNullOrEmpty(entry?.Method) ? null : entry.Method;
    }

    private async Task<bool> LineOfItemExistsAsync(int orderItemId) =>
        await _lineRepository.Table.Where(l => l.OrderItemId == orderItemId).AnyAsync();

    /// <summary>
    /// An order that lost the cap race keeps nothing: the deposit charged in its checkout joins the order's
    /// ledger and goes back through the same path as every refund (once, whatever repeats).
    /// </summary>
    private async Task RefundCheckoutChargeAsync(Order order, string reason = "Cap reached by a concurrent checkout")
    {
        if (await _moneyMovementService.AttachCheckoutChargeAsync(order) is not { Status: LedgerEntryStatus.Succeeded } charge)
            return;
        // One fixed key per order whatever refused it (not a sequence: a sequence gave a twin node resuming the same
        // placement a key of its own, and the ledger's guard then refused its second refund as RefundAboveHeld, failing
        // that node's whole task run). With one key the twin finds the refund already made and moves nothing.
        try
        {
            await _settlementService.RefundAsync(order.Id, 0, charge.Amount, CapLostRefundKey(order.Id), 0, reason);
        }
        catch (PreorderRuleException e) when (e.ResourceKey == PreorderDefaults.Resources.RefundAboveHeld)
        {
            // given back meanwhile by another path (the order's cancellation on another node): nothing is left to refund
            if (!await NothingHeldAsync(order.Id))
                throw;
        }
    }

    /// <summary>The key of the refund of a refused order's checkout charge.</summary>
    public static string CapLostRefundKey(int orderId) => $"cap-lost-refund:{orderId}";

    private async Task<bool> NothingHeldAsync(int orderId) =>
        await _ledgerService.GetAccountAsync(orderId) is not { } account || (await _ledgerService.GetBalanceAsync(account)).Held == 0m;

    private Task LoseRaceAsync(Order order, int productId) =>
        RefuseAsync(order, productId,
            "The last pre-order units were taken by another order at the same moment, so this order was cancelled. Any deposit taken has been refunded.",
            "CapLost", $"cap-lost:{order.Id}");

    /// <summary>The plugin's refusal of a placed order: a note the shopper sees, nopCommerce's cancel, an audit row, the cap event (<paramref name="eventKey"/>, when given).</summary>
    private async Task RefuseAsync(Order order, int productId, string note, string auditAction, string eventKey)
    {
        await _orderService.InsertOrderNoteAsync(new OrderNote
        {
            OrderId = order.Id,
            Note = note,
            DisplayToCustomer = true,
            CreatedOnUtc = _clock.UtcNow
        });
        if (_orderProcessingService.CanCancelOrder(order))
            await _orderProcessingService.CancelOrderAsync(order, true);
        await _auditService.RecordAsync(auditAction, order.CustomerId, order.Id, productId);
        // the cap's event tells the store the cap is full; a customer's limit is not news for the store
        if (eventKey != null)
            await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.CapReached, eventKey, order.Id, productId));
    }

    /// <summary>The limit note in the shopper's language (the order's), English when the resource is missing.</summary>
    private async Task<string> LimitNoteAsync(Order order, int limit)
    {
        var text = await _localizationService.GetResourceAsync(PreorderDefaults.Resources.LimitRefusedNote, order.CustomerLanguageId,
            logIfNotFound: false, defaultValue: string.Empty, returnEmptyIfNotFound: true);
        if (string.IsNullOrEmpty(text) || text == PreorderDefaults.Resources.LimitRefusedNote)
            text = Nop.Plugin.Preorders.Infrastructure.PreorderLocaleResources.All[PreorderDefaults.Resources.LimitRefusedNote].En;
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, text, limit);
    }

    /// <summary>Units a placement or a closed line gives back: a pre-order's to its caps, a reservation's to the reservation hold.</summary>
    private async Task ReleaseUnitsAsync(bool preorder, int productId, int combinationId, int quantity)
    {
        if (preorder)
            await _capReservationService.ReleaseAsync(productId, combinationId, quantity);
        else
            await _reservations.Holds.ReleaseAsync(productId, quantity);
    }

    /// <summary>A closed line's units go back to its customer's limit counters (only products with a limit have counters).</summary>
    private async Task ReleaseCustomerLimitAsync(PreorderLine line)
    {
        if ((await _catalogService.GetSnapshotAsync(line.ProductId)).Profile?.PerCustomerLimit is null)
            return;
        await _customerLimitService.ReleaseAsync(line.ProductId, line.CustomerId, line.EmailHash, line.Quantity);
    }

    private async Task<string> BillingEmailOfAsync(Order order) =>
        order.BillingAddressId == 0 ? null : (await _addressService.GetAddressByIdAsync(order.BillingAddressId))?.Email;

    private async Task NotifyIfCapReachedAsync(int productId)
    {
        await _catalogService.InvalidateAsync(productId);
        var counter = await _capReservationService.GetCounterAsync(productId);
        if (counter?.Cap is int cap && counter.Sold >= cap)
            await _eventPublisher.PublishAsync(new PreorderEvent(PreorderEventKind.CapReached, $"cap-reached:{productId}:{cap}", productId: productId));
    }

    private async Task<MoneyCurrency> CurrencyOfAsync(Order order)
    {
        var currency = string.IsNullOrEmpty(order.CustomerCurrencyCode) ? null : await _currencyService.GetCurrencyByCodeAsync(order.CustomerCurrencyCode);
        return currency == null
            ? MoneyCurrency.Primary(order.CustomerCurrencyCode ?? "")
            : new MoneyCurrency(currency.CurrencyCode, order.CurrencyRate <= 0m ? 1m : order.CurrencyRate, currency.RoundingType);
    }

    private async Task<string> CountryCodeOfAsync(Order order)
    {
        var addressId = order.ShippingAddressId ?? order.BillingAddressId;
        var address = await _addressService.GetAddressByIdAsync(addressId);
        if (address?.CountryId is not int countryId)
            return null;
        return (await _countryService.GetCountryByIdAsync(countryId))?.TwoLetterIsoCode;
    }

    /// <summary>
    /// The moment the deposits' term is taken at: the checkout split's, handed over by the deposit method in this
    /// request, so a term-tier boundary passed between the charge and the placement cannot change the deposit.
    /// Without it (another payment method, or a placement resumed later) the order's creation, the nearest
    /// moment nopCommerce keeps, and the same on every retry.
    /// </summary>
    private DateTime CheckoutMomentOf(Order order) =>
        _checkoutContext.OrderGuid == order.OrderGuid && _checkoutContext.CheckoutMomentUtc is DateTime moment ? moment : order.CreatedOnUtc;
}
