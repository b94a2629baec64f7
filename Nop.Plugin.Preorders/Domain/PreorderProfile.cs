using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>A product's pre-order configuration (one per product).</summary>
public class PreorderProfile : BaseEntity
{
    public int ProductId { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Units that may be sold ahead for the whole product; null means no cap. Per-combination caps live in <see cref="PreorderCapCounter"/>.</summary>
    public int? Cap { get; set; }

    public DateTime? WindowStartUtc { get; set; }

    public DateTime? WindowEndUtc { get; set; }

    public DateTime? ExpectedShipDateUtc { get; set; }

    /// <summary>Shown instead of a date when none is known ("expected soon").</summary>
    public string ExpectedSoonText { get; set; }

    public int PaymentModeId { get; set; }

    /// <summary>Deposit rule for this product as JSON; null means the store default.</summary>
    public string DepositRuleJson { get; set; }

    /// <summary>Most units one customer may pre-order; null means no limit.</summary>
    public int? PerCustomerLimit { get; set; }

    /// <summary>Comma-separated ISO two-letter codes where pre-order is offered; empty means everywhere.</summary>
    public string AllowedCountryCodes { get; set; }

    /// <summary>Merchant's note to shoppers (terms, FAQ link); HTML-encoded when shown.</summary>
    public string ShopperNote { get; set; }

    /// <summary>Switch to pre-order when stock reaches zero, back when stock arrives.</summary>
    public bool AutoWhenOutOfStock { get; set; }

    /// <summary>True while the profile was switched on automatically by <see cref="AutoWhenOutOfStock"/>.</summary>
    public bool AutoActivated { get; set; }

    public DateTime? ReleasedOnUtc { get; set; }

    /// <summary>
    /// nopCommerce's backorder mode of the product before the plugin allowed backorders for the pre-order (null: the
    /// plugin changed nothing); put back when the product stops being a pre-order.
    /// </summary>
    public int? NopBackorderModeBeforeId { get; set; }

    /// <summary>nopCommerce's low-stock activity of the product before the plugin set it to "nothing" (null: unchanged); put back likewise.</summary>
    public int? NopLowStockActivityBeforeId { get; set; }

    /// <summary>Ids of the attribute combinations the plugin made allow out-of-stock orders (comma-separated; null: none), switched back likewise.</summary>
    public string NopCombinationsAllowedOutOfStock { get; set; }

    /// <summary>
    /// The product, while in stock, can be reserved with a deposit (schema 2.4): a shopper's "Reserve with deposit" holds a
    /// unit for <see cref="ReservationTermDays"/> (null: the store's <c>PreorderSettings.ReservationTermDays</c>).
    /// </summary>
    public bool Reservable { get; set; }

    /// <summary>Days a reserved unit is held for the shopper (schema 2.4); null: the store's default.</summary>
    public int? ReservationTermDays { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime UpdatedOnUtc { get; set; }

    public PreorderPaymentMode PaymentMode
    {
        get => (PreorderPaymentMode)PaymentModeId;
        set => PaymentModeId = (int)value;
    }
}
