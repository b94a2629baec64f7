namespace Nop.Services.Shipping;

public partial interface IShippingService
{
}
