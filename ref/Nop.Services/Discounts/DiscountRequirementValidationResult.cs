namespace Nop.Services.Discounts;

public partial class DiscountRequirementValidationResult
{
    public bool IsValid { get; set; }

    public string UserError { get; set; }
}
