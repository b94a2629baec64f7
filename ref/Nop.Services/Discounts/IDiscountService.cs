using Nop.Core.Domain.Discounts;

namespace Nop.Services.Discounts;

public partial interface IDiscountService
{
    Task<Discount> GetDiscountByIdAsync(int discountId);

    Task<IList<Discount>> GetAllDiscountsAsync(DiscountType? discountType = null,
        string couponCode = null, string discountName = null, bool showHidden = false,
        DateTime? startDateUtc = null, DateTime? endDateUtc = null, bool? isActive = true, int vendorId = 0);

    Task InsertDiscountAsync(Discount discount);

    Task<IList<DiscountRequirement>> GetAllDiscountRequirementsAsync(int discountId = 0, bool topLevelOnly = false);

    Task<DiscountRequirement> GetDiscountRequirementByIdAsync(int discountRequirementId);

    Task DeleteDiscountRequirementAsync(DiscountRequirement discountRequirement, bool recursively);

    Task InsertDiscountRequirementAsync(DiscountRequirement discountRequirement);
}
