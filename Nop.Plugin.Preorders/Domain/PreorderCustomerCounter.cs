using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// Units of a product one shopper identity holds, for the per-customer limit (schema 1.5). One row per product and
/// identity: the customer account (<c>c:{customerId}</c>) and the order's billing e-mail address (<c>e:{sha-256 of the
/// trimmed, lower-cased address}</c>). <see cref="Held"/> only changes through one conditional UPDATE
/// ("held + q &lt;= limit"), like <see cref="PreorderCapCounter.Sold"/>, so two checkouts of one shopper on two
/// nodes cannot both pass the limit.
/// </summary>
public class PreorderCustomerCounter : BaseEntity
{
    public int ProductId { get; set; }

    /// <summary><c>c:{customerId}</c> or <c>e:{hash}</c> (<see cref="Services.Catalog.CustomerLimitService"/>).</summary>
    public string IdentityKey { get; set; }

    public int Held { get; set; }
}
