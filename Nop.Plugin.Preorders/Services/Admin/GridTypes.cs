using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>One page of a grid query: the rows and the number of rows matching the filter.</summary>
public record GridPage<T>(IList<T> Rows, int TotalCount);

/// <summary>A requested sort: a column name of the grid (unknown names fall back to the grid's default) and its direction.</summary>
public record GridSort(string Column, bool Descending)
{
    public static GridSort Default => new(null, true);
}

/// <summary>Filters of the pre-orders grid; dates in UTC, end dates exclusive. Zero / null means "any".</summary>
public class PreorderLineFilter
{
    public PreorderLineState? State { get; set; }

    public int ProductId { get; set; }

    public int StoreId { get; set; }

    public int OrderId { get; set; }

    /// <summary>Customer resolved from the e-mail filter; -1 when an e-mail was given that matches nobody (no rows).</summary>
    public int CustomerId { get; set; }

    public string CountryCode { get; set; }

    public DateTime? PlacedFromUtc { get; set; }

    public DateTime? PlacedToUtc { get; set; }

    public DateTime? DueFromUtc { get; set; }

    public DateTime? DueToUtc { get; set; }

    public DateTime? ShipFromUtc { get; set; }

    public DateTime? ShipToUtc { get; set; }

    /// <summary>Only lines whose shopper asked for more time and waits for the merchant's answer.</summary>
    public bool ExtensionRequested { get; set; }

    /// <summary>Only reservations of in-stock units (schema 2.4).</summary>
    public bool ReservationsOnly { get; set; }
}

/// <summary>One row of the pre-orders grid, computed in SQL from the line, its order's account, the product's profile and the ledger.</summary>
public class PreorderLineRow
{
    public int Id { get; set; }

    public int OrderId { get; set; }

    public int CustomerId { get; set; }

    public int StoreId { get; set; }

    public int ProductId { get; set; }

    public int CombinationId { get; set; }

    public int Quantity { get; set; }

    public int StateId { get; set; }

    public int PaymentModeId { get; set; }

    public decimal LineTotal { get; set; }

    public decimal DepositAmount { get; set; }

    /// <summary>The line's deposit once the order's account has collected what was due at checkout; 0 before.</summary>
    public decimal DepositPaid { get; set; }

    /// <summary>What the line still owes (0 once paid, shipped or closed).</summary>
    public decimal BalanceDue { get; set; }

    public DateTime PlacedOnUtc { get; set; }

    public DateTime? BalanceDueOnUtc { get; set; }

    /// <summary>The product's current expected ship date (the line's snapshot when the product has none).</summary>
    public DateTime? ExpectedShipDateUtc { get; set; }

    public string CountryCode { get; set; }

    public int ExtensionCount { get; set; }

    public string CloseReason { get; set; }

    /// <summary>The reason chosen when the line was cancelled (<see cref="CancellationReason"/>; 0: none).</summary>
    public int CancelReasonId { get; set; }

    public string CancelReasonText { get; set; }

    /// <summary>The line this one was split from when only part of its units arrived (<see cref="PreorderLine.SplitFromLineId"/>); 0 otherwise.</summary>
    public int SplitFromLineId { get; set; }

    /// <summary>A reservation of an in-stock unit with a deposit (<see cref="PreorderLine.IsReservation"/>).</summary>
    public bool IsReservation { get; set; }

    public CancellationReason CancelReason => (CancellationReason)CancelReasonId;

    public PreorderLineState State => (PreorderLineState)StateId;

    public PreorderPaymentMode PaymentMode => (PreorderPaymentMode)PaymentModeId;
}

/// <summary>Filters of the ledger grid; dates in UTC, end exclusive. Zero / null means "any".</summary>
public class LedgerFilter
{
    public int OrderId { get; set; }

    public LedgerEntryKind? Kind { get; set; }

    public LedgerEntryStatus? Status { get; set; }

    public string Method { get; set; }

    public int StoreId { get; set; }

    /// <summary>-1 when an e-mail was given that matches nobody.</summary>
    public int CustomerId { get; set; }

    /// <summary>Entries of orders holding this product.</summary>
    public int ProductId { get; set; }

    public DateTime? FromUtc { get; set; }

    public DateTime? ToUtc { get; set; }
}

/// <summary>One ledger entry with its order's customer and store.</summary>
public class LedgerRow
{
    public int Id { get; set; }

    public int OrderId { get; set; }

    public int LineId { get; set; }

    public int CustomerId { get; set; }

    public int StoreId { get; set; }

    public int KindId { get; set; }

    public int StatusId { get; set; }

    public decimal Amount { get; set; }

    public string CurrencyCode { get; set; }

    public decimal AmountInCurrency { get; set; }

    public string Method { get; set; }

    public string Reference { get; set; }

    public string Note { get; set; }

    public int RecordedByCustomerId { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public LedgerEntryKind Kind => (LedgerEntryKind)KindId;

    public LedgerEntryStatus Status => (LedgerEntryStatus)StatusId;
}

/// <summary>Sums of the succeeded entries matching a ledger filter.</summary>
public record LedgerGridTotals(decimal Collected, decimal Refunded, decimal Forfeited, decimal Transferred, int Pending, int Failed)
{
    /// <summary>Money held for the orders: collected less refunded, forfeited and transferred (<see cref="AccountBalance.Held"/>'s definition; a forfeit is the shop's, not held for an order).</summary>
    public decimal NetHeld => new LedgerTotals(Collected, Refunded, Forfeited, Transferred).Held;
}

/// <summary>A page of the ledger grid with the totals of everything the filter matches.</summary>
public record LedgerPage(IList<LedgerRow> Rows, int TotalCount, LedgerGridTotals Totals);
