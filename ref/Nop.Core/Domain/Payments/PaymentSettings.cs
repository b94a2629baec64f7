using Nop.Core.Configuration;

namespace Nop.Core.Domain.Payments;

public partial class PaymentSettings : ISettings
{
    public List<string> ActivePaymentMethodSystemNames { get; set; } = new List<string>();

    public bool AllowRePostingPayments { get; set; }
}
