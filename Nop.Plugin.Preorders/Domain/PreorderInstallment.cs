using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>One due amount of an order's payment schedule (deposit, balance or installment N).</summary>
public class PreorderInstallment : BaseEntity
{
    public int OrderId { get; set; }

    /// <summary>0 = due at checkout (the deposit), then 1..N.</summary>
    public int Sequence { get; set; }

    public decimal Amount { get; set; }

    public decimal PaidAmount { get; set; }

    /// <summary>null until known (a balance due on allocation gets its date when stock arrives).</summary>
    public DateTime? DueOnUtc { get; set; }

    public DateTime? PaidOnUtc { get; set; }

    /// <summary>
    /// The account's version after the refresh that wrote <see cref="PaidAmount"/>: a refresh writes the
    /// installment only over one from an older version (ConditionalUpdates), so an older refresh finishing last
    /// cannot undo a newer payment.
    /// </summary>
    public int AccountVersion { get; set; }
}
