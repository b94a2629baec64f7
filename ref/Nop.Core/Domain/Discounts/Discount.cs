namespace Nop.Core.Domain.Discounts;

public partial class Discount : BaseEntity
{
    public string Name { get; set; }

    public int DiscountTypeId { get; set; }

    public string AdminComment { get; set; }

    public bool UsePercentage { get; set; }

    public decimal DiscountPercentage { get; set; }

    public decimal DiscountAmount { get; set; }

    public DateTime? StartDateUtc { get; set; }

    public DateTime? EndDateUtc { get; set; }

    public bool RequiresCouponCode { get; set; }

    public string CouponCode { get; set; }

    public bool IsCumulative { get; set; }

    public int DiscountLimitationId { get; set; }

    public int LimitationTimes { get; set; }

    public bool IsActive { get; set; }

    public DiscountType DiscountType
    {
        get => throw null;
        set => throw null;
    }

    public DiscountLimitationType DiscountLimitation
    {
        get => throw null;
        set => throw null;
    }
}
