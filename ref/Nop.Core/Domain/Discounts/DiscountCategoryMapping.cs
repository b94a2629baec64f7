namespace Nop.Core.Domain.Discounts;

public partial class DiscountCategoryMapping : DiscountMapping
{
}
