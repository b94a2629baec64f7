namespace Nop.Services.Catalog;

public partial interface IPriceCalculationService
{
}
