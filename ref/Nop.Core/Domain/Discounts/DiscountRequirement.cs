namespace Nop.Core.Domain.Discounts;

public partial class DiscountRequirement : BaseEntity
{
    public int DiscountId { get; set; }

    public string DiscountRequirementRuleSystemName { get; set; }
}
