using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Services.Configuration;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Customers;

/// <summary>What cancelling a line would do with its money now, by the store's policy (in the primary currency).</summary>
public record CancelPreview(PreorderLine Line, CancellationTerms Terms, decimal Refund, decimal Kept, decimal Transferred);

/// <summary>
/// What a shopper may do with their pre-orders, and the access rule behind every page and action: the
/// order belongs to the signed-in customer, or the request carries a valid balance-link token for that
/// order. Anything else gets the same "order not found" answer, so nothing reveals whether another
/// customer's order exists.
/// </summary>
public class PreorderSelfService
{
    private readonly BalanceLinkService _balanceLinkService;
    private readonly BalancePaymentService _balancePaymentService;
    private readonly IOrderService _orderService;
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderShipDateChange> _shipDateChangeRepository;
    private readonly IRepository<PreorderMissedShipDate> _missedShipDateRepository;
    private readonly ISettingService _settingService;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderOrderService _orderPreorderService;
    private readonly PreorderClock _clock;

    public PreorderSelfService(BalanceLinkService balanceLinkService,
        BalancePaymentService balancePaymentService,
        IOrderService orderService,
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderShipDateChange> shipDateChangeRepository,
        ISettingService settingService,
        PreorderLedgerService ledgerService,
        PreorderOrderService orderPreorderService,
        PreorderClock clock,
        IRepository<PreorderMissedShipDate> missedShipDateRepository)
    {
        _clock = clock;
        _missedShipDateRepository = missedShipDateRepository;
        _balanceLinkService = balanceLinkService;
        _balancePaymentService = balancePaymentService;
        _orderService = orderService;
        _accountRepository = accountRepository;
        _shipDateChangeRepository = shipDateChangeRepository;
        _settingService = settingService;
        _ledgerService = ledgerService;
        _orderPreorderService = orderPreorderService;
    }

    /// <summary>The customer's orders that have pre-orders, newest first.</summary>
    public virtual async Task<IList<int>> GetOrderIdsAsync(Customer customer) =>
        await _accountRepository.Table.Where(a => a.CustomerId == customer.Id).OrderByDescending(a => a.OrderId).Select(a => a.OrderId).Take(200).ToListAsync();

    /// <summary>The order if the customer owns it, or if the token is a valid link for it; else throws OrderNotFound / LinkInvalid / LinkExpired.</summary>
    public virtual async Task<Order> AuthorizeAsync(Customer customer, int orderId, string token)
    {
        if (!string.IsNullOrEmpty(token))
        {
            // the service checks the order before it stamps the link as used
            var check = await _balanceLinkService.CheckAsync(token, orderId);
            if (!check.IsValid)
                throw new PreorderRuleException(check.ErrorResourceKey);
            orderId = check.Token.OrderId;
        }
        else if (customer == null)
            throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        return await OrderOfAsync(customer, orderId, token);
    }

    /// <summary>
    /// The order of a balance page session: the link's token from the session cookie, checked for
    /// <paramref name="orderId"/> and the session's idle limit (<see cref="BalanceLinkService.CheckSessionAsync"/>).
    /// <paramref name="forAction"/>: the order must still have something to do (paying, cancelling, extending); the page
    /// itself also shows an order the session has just paid or cancelled.
    /// </summary>
    public virtual async Task<Order> AuthorizeLinkSessionAsync(int orderId, string token, bool forAction)
    {
        var check = await _balanceLinkService.CheckSessionAsync(token, orderId, forAction);
        if (!check.IsValid)
            throw new PreorderRuleException(check.ErrorResourceKey);
        return await OrderOfAsync(null, check.Token.OrderId, token);
    }

    private async Task<Order> OrderOfAsync(Customer customer, int orderId, string token)
    {
        var order = await _orderService.GetOrderByIdAsync(orderId);
        if (order == null || order.Deleted || (string.IsNullOrEmpty(token) && order.CustomerId != customer.Id))
            throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        if (await _ledgerService.GetAccountAsync(order.Id) == null)
            throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        return order;
    }

    /// <summary>Shopper's cancellation within the policy: lines not yet ready to ship. Refund or forfeit as the policy says; penalty-free after a delay notice that offered it.</summary>
    /// <remarks>Through a link (<paramref name="token"/> set) the message about it goes to the order's billing address and says so.</remarks>
    /// <param name="reasonCode">The reason picked from the shopper's list (<see cref="CancellationReasonRules.ShopperReasons"/>).</param>
    /// <param name="reasonText">The shopper's optional comment (trimmed, at most <see cref="CancellationReasonRules.MaxShopperTextLength"/>).</param>
    public virtual async Task CancelAsync(Customer customer, int orderId, int lineId, string token, int reasonCode, string reasonText)
    {
        // checked before anything else: a refused reason changes nothing, not even the link's "used" stamp
        var reason = CancellationReasonRules.Validate(CancellationActor.Shopper, reasonCode, reasonText);
        var order = await AuthorizeAsync(customer, orderId, token);
        var line = await CancellableLineAsync(order, lineId);
        var penaltyFree = PenaltyFreeOffered(line);
        var throughLink = !string.IsNullOrEmpty(token);
        // the policy's terms are worked out by the cancellation from the line as it moves (stock allocated
        // meanwhile counts), not from the line read here
        await _orderPreorderService.CancelLineAsync(line.Id, throughLink ? "Cancelled by the customer through the balance link" : "Cancelled by the customer",
            order.CustomerId, penaltyFreeOffered: penaltyFree, throughBalanceLink: throughLink, reasonChoice: reason);
    }

    /// <summary>
    /// What cancelling the line would do with its money now: the policy's terms for the line as it is, applied to what
    /// the line holds (the settlement's own rule, <see cref="RefundPolicy.Settle"/>). Changes nothing; shown before the
    /// shopper confirms. Stock allocated between the preview and the confirmation can change the terms: the
    /// cancellation works them out again.
    /// </summary>
    public virtual async Task<CancelPreview> PreviewCancelAsync(Customer customer, int orderId, int lineId, string token)
    {
        var order = await AuthorizeAsync(customer, orderId, token);
        var line = await CancellableLineAsync(order, lineId);
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(line.StoreId);
        var terms = RefundPolicy.TermsFor(line, settings, _clock.UtcNow, penaltyFreeOffered: PenaltyFreeOffered(line));
        var balance = await _ledgerService.GetBalanceAsync(order.Id) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        var (refund, kept, transferred) = RefundPolicy.Settle(balance.LineHeld(line.Id), line.DepositAmount, terms);
        return new CancelPreview(line, terms, refund, kept, transferred);
    }

    private async Task<PreorderLine> CancellableLineAsync(Order order, int lineId)
    {
        var line = await LineOfAsync(order, lineId);
        if (!SelfServiceRules.CanCancel(line.State))
            throw new PreorderRuleException(PreorderDefaults.Resources.CancelNotAllowed);
        return line;
    }

    /// <summary>A delay notice offered it (a ship date change with penalty-free cancellation, or the missed ship date notice of this line).</summary>
    private bool PenaltyFreeOffered(PreorderLine line) =>
        _shipDateChangeRepository.Table.Any(c => c.ProductId == line.ProductId && c.PenaltyFreeCancel && c.CreatedOnUtc >= line.PlacedOnUtc)
        || _missedShipDateRepository.Table.Any(m => m.PreorderLineId == line.Id);

    public virtual async Task<PreorderLine> ExtendAsync(Customer customer, int orderId, int lineId, string token)
    {
        var order = await AuthorizeAsync(customer, orderId, token);
        var line = await LineOfAsync(order, lineId);
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(order.StoreId);
        return await _orderPreorderService.ExtendAsync(line.Id, order.CustomerId, approvedByMerchant: false, settings);
    }

    /// <summary>
    /// Pays what remains (or one line's balance) through the delegated method. The amount is the server's (what
    /// is owed now); a second request while one is on its way finds it (<see cref="BalancePaymentService.PayAsync"/>).
    /// </summary>
    public virtual async Task<BalancePaymentResult> PayAsync(Customer customer, int orderId, string token, int lineId, ProcessPaymentRequest paymentInfo)
    {
        var order = await AuthorizeAsync(customer, orderId, token);
        var balance = await _ledgerService.GetBalanceAsync(order.Id) ?? throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        var amount = balance.Owed;
        if (lineId != 0)
            amount = balance.LineOwed((await LineOfAsync(order, lineId)).Id);
        if (amount <= 0m)
            throw new PreorderRuleException(PreorderDefaults.Resources.NothingOutstanding);
        return await _balancePaymentService.PayAsync(order, amount, lineId, paymentInfo, order.CustomerId);
    }

    private async Task<PreorderLine> LineOfAsync(Order order, int lineId)
    {
        var line = await _orderPreorderService.GetLineAsync(lineId);
        if (line == null || line.OrderId != order.Id)
            throw new PreorderRuleException(PreorderDefaults.Resources.OrderNotFound);
        return line;
    }
}
