namespace Nop.Services.Shipping.Date;

public partial interface IDateRangeService
{
}
