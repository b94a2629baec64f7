using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// The plugin's money view of one order holding pre-order lines: what is owed, paid, refunded. The nopCommerce
/// order keeps its full total; this row carries the partially-paid / awaiting-balance state nopCommerce lacks.
/// Amounts are in the primary store currency. The totals and the state are derived: every refresh writes them
/// from the ledger and the lines as <c>AccountBalance</c> (Services/Rules) works them out; what is held and
/// what is owed are not stored (they depend on the lines) and are read from <c>AccountBalance</c> too.
/// </summary>
public class PreorderAccount : BaseEntity
{
    public int OrderId { get; set; }

    public int CustomerId { get; set; }

    public int StoreId { get; set; }

    public decimal OrderTotal { get; set; }

    /// <summary>Due at checkout (deposits of deposit lines + full price of the rest).</summary>
    public decimal DueAtCheckout { get; set; }

    /// <summary>Sum of succeeded payments (deposit, balance, installments, extra): gross, whatever was given back since.</summary>
    public decimal PaidAmount { get; set; }

    /// <summary>Sum of succeeded refunds.</summary>
    public decimal RefundedAmount { get; set; }

    /// <summary>Sum of succeeded forfeits (kept by the shop: no longer held for the order).</summary>
    public decimal ForfeitedAmount { get; set; }

    /// <summary>Sum of succeeded transfers to gift cards.</summary>
    public decimal TransferredAmount { get; set; }

    /// <summary>Part of the order total no longer owed because lines were cancelled or expired.</summary>
    public decimal WaivedAmount { get; set; }

    public int StateId { get; set; }

    /// <summary>Currency the shopper paid in and its rate to the primary currency at checkout.</summary>
    public string CustomerCurrencyCode { get; set; }

    public decimal CurrencyRate { get; set; }

    /// <summary>The installed Standard payment method that charges deposits and balances, or null for offline.</summary>
    public string ChargeMethodSystemName { get; set; }

    public DateTime? NextDueOnUtc { get; set; }

    public DateTime? TermsAcceptedOnUtc { get; set; }

    /// <summary>True once the plugin told nopCommerce the order is paid (MarkOrderAsPaidAsync), so it is never done twice.</summary>
    public bool MarkedPaidInNop { get; set; }

    /// <summary>
    /// When nopCommerce's answer to the mark-paid call came back (marked, or nothing left to mark). Null while
    /// the claim (<see cref="MarkedPaidInNop"/>) waits for it: a call that died is asked again by the
    /// reconciliation however long ago the claim was made.
    /// </summary>
    public DateTime? MarkPaidConfirmedOnUtc { get; set; }

    public int Version { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime UpdatedOnUtc { get; set; }

    public PreorderAccountState State
    {
        get => (PreorderAccountState)StateId;
        set => StateId = (int)value;
    }
}
