using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// The plugin's money view of one order holding pre-order lines: what is owed, paid, refunded. The nopCommerce
/// order keeps its full total; this row carries the partially-paid / awaiting-balance state nopCommerce lacks.
/// Amounts are in the primary store currency.
/// </summary>
public class PreorderAccount : BaseEntity
{
    public int OrderId { get; set; }

    public int CustomerId { get; set; }

    public int StoreId { get; set; }

    public decimal OrderTotal { get; set; }

    /// <summary>Due at checkout (deposits of deposit lines + full price of the rest).</summary>
    public decimal DueAtCheckout { get; set; }

    /// <summary>Sum of succeeded payments (deposit, balance, installments, extra).</summary>
    public decimal PaidAmount { get; set; }

    public decimal RefundedAmount { get; set; }

    public decimal ForfeitedAmount { get; set; }

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

    public int Version { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime UpdatedOnUtc { get; set; }

    public PreorderAccountState State
    {
        get => (PreorderAccountState)StateId;
        set => StateId = (int)value;
    }

    /// <summary>Money the shop holds for this order: paid, less what was refunded or moved to a gift card.</summary>
    public decimal NetPaid => PaidAmount - RefundedAmount - TransferredAmount;

    /// <summary>What is still to be collected (nothing once closed).</summary>
    public decimal Outstanding => State == PreorderAccountState.Closed ? 0m : Math.Max(0m, OrderTotal - WaivedAmount - PaidAmount);
}
