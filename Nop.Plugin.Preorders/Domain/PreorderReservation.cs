using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// The hold of a reservable product's in-stock units (schema 2.4), one row per product. <see cref="Held"/> only moves
/// through one conditional UPDATE ("held + q &lt;= units"), like the pre-order cap's counter, so two checkouts of the last
/// unit on two web-farm nodes cannot both hold it.
/// </summary>
public class PreorderReservationCounter : BaseEntity
{
    public int ProductId { get; set; }

    /// <summary>Units of the product that reservations may hold: nopCommerce's stock plus the units held, set when the merchant saves the product.</summary>
    public int Units { get; set; }

    /// <summary>Units held by live reservations (not shipped, cancelled or expired).</summary>
    public int Held { get; set; }
}

/// <summary>
/// A shopper pressed "Reserve with deposit" on a product (schema 2.4): the cart item of that product is placed as a
/// reservation, not an ordinary purchase. One per (customer, product); removed when the order is placed.
/// </summary>
public class PreorderReservationIntent : BaseEntity
{
    public int CustomerId { get; set; }

    public int ProductId { get; set; }

    public DateTime CreatedOnUtc { get; set; }
}
