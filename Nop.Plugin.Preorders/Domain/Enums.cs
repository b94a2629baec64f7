namespace Nop.Plugin.Preorders.Domain;

/// <summary>How a pre-order line is paid.</summary>
public enum PreorderPaymentMode
{
    /// <summary>The whole price is paid at checkout.</summary>
    FullUpfront = 10,
    /// <summary>A deposit at checkout, the balance later (on allocation or on due dates).</summary>
    Deposit = 20,
    /// <summary>Nothing at checkout; everything is due when the stock arrives.</summary>
    PayOnShip = 30
}

/// <summary>State of one pre-order order line; transitions are defined by <c>PreorderLineStateMachine</c>.</summary>
public enum PreorderLineState
{
    /// <summary>Placed, waiting for stock.</summary>
    Waiting = 10,
    /// <summary>Stock allocated and nothing left to pay: ready to ship.</summary>
    Ready = 20,
    /// <summary>Stock allocated, money outstanding, before the due date.</summary>
    BalanceDue = 30,
    /// <summary>Stock allocated, money outstanding, due date passed (grace period).</summary>
    Overdue = 35,
    /// <summary>Balance collected after allocation: ready to ship.</summary>
    PaidInFull = 40,
    Shipped = 50,
    Cancelled = 60,
    /// <summary>Reservation lapsed after the grace period; units returned to the cap.</summary>
    Expired = 70
}

/// <summary>Payment state of a whole order as the plugin's ledger sees it (nopCommerce has no partially-paid status).</summary>
public enum PreorderAccountState
{
    AwaitingDeposit = 10,
    /// <summary>Partially paid: the deposit (or more) is in, a balance remains.</summary>
    AwaitingBalance = 20,
    PaidInFull = 30,
    /// <summary>Cancelled, expired or refunded: nothing more is collected.</summary>
    Closed = 40
}

public enum LedgerEntryKind
{
    Deposit = 10,
    Balance = 20,
    Installment = 25,
    /// <summary>Any extra payment (for example paying everything that remains early).</summary>
    Extra = 30,
    Refund = 40,
    /// <summary>Money kept as agreed compensation when a reservation lapses.</summary>
    Forfeit = 50,
    /// <summary>Money moved to a gift card / store credit.</summary>
    Transfer = 60
}

public enum LedgerEntryStatus
{
    /// <summary>
    /// Written before the gateway (or gift card) is called: the call's outcome is not known yet. A crash here
    /// leaves it for reconciliation; it is never repeated blindly.
    /// </summary>
    Pending = 10,
    /// <summary>
    /// The gateway answered Pending: it took the details but moved no money (nopCommerce's Payments.Manual by
    /// default). Not money in; the store confirms it (or nopCommerce's "Mark as paid") or fails it.
    /// </summary>
    AwaitingConfirmation = 12,
    /// <summary>The gateway authorized the amount but did not capture it: not money in until it is captured.</summary>
    Authorized = 15,
    /// <summary>Money moved: in for a payment, out for a refund, forfeit or transfer.</summary>
    Succeeded = 20,
    Failed = 30
}

/// <summary>What happens to the deposit when a reservation expires.</summary>
public enum DepositExpiryPolicy
{
    Refund = 10,
    Forfeit = 20,
    TransferToGiftCard = 30
}

/// <summary>How the percentage and the fixed part of a deposit rule combine.</summary>
public enum DepositCombineMode
{
    PercentOnly = 0,
    FixedOnly = 1,
    LargerOfBoth = 2,
    SmallerOfBoth = 3
}

/// <summary>Whether a cart may hold pre-order and in-stock items together.</summary>
public enum MixedCartPolicy
{
    Forbid = 0,
    Allow = 1
}

public enum DeliveryStatus
{
    Pending = 10,
    Sent = 20,
    Failed = 30
}

/// <summary>
/// Why a pre-order line was cancelled (schema 1.7), stored on the line with the free text given with it. Shoppers and
/// merchants choose from their own lists (<c>CancellationReasonRules</c>); <see cref="Other"/> is on both. Values are
/// stored: never renumber.
/// </summary>
public enum CancellationReason
{
    /// <summary>No reason chosen: cancelled before schema 1.7, by nopCommerce cancelling the whole order, or by the system.</summary>
    NotGiven = 0,
    FoundCheaper = 10,
    ShipDateTooLate = 20,
    OrderedByMistake = 30,
    NoLongerNeeded = 40,
    Other = 90,
    /// <summary>The merchant cancelled at the customer's request (phone, e-mail).</summary>
    CustomerRequest = 110,
    /// <summary>The merchant will not get the stock (supplier failed, campaign cancelled).</summary>
    SupplyProblem = 120,
    PaymentProblem = 130,
    SuspectedFraud = 140
}

/// <summary>Who gives a cancellation reason: each has its own list and text limit.</summary>
public enum CancellationActor
{
    Shopper = 10,
    Merchant = 20
}
