namespace Nop.Services.Payments;

public partial class CancelRecurringPaymentResult : BaseNopResult;
