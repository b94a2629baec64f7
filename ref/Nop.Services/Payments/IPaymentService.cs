using Nop.Core.Domain.Orders;

namespace Nop.Services.Payments;

public partial interface IPaymentService
{
    Task<bool> CanRePostProcessPaymentAsync(Order order);

    Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart, string paymentMethodSystemName);
}
