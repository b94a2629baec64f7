namespace Nop.Core.Domain.Discounts;

public abstract partial class DiscountMapping : BaseEntity
{
}
