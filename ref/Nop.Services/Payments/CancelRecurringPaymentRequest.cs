using Nop.Core.Domain.Orders;

namespace Nop.Services.Payments;

public partial class CancelRecurringPaymentRequest
{
    public Order Order { get; set; }
}
