using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Orders;
using Nop.Services.Plugins;

namespace Nop.Services.Payments;

public partial interface IPaymentMethod : IPlugin
{
    Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest);

    Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest);

    Task<bool> HidePaymentMethodAsync(IList<ShoppingCartItem> cart);

    Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart);

    Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest);

    Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest);

    Task<VoidPaymentResult> VoidAsync(VoidPaymentRequest voidPaymentRequest);

    Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest);

    Task<CancelRecurringPaymentResult> CancelRecurringPaymentAsync(CancelRecurringPaymentRequest cancelPaymentRequest);

    Task<bool> CanRePostProcessPaymentAsync(Order order);

    Task<IList<string>> ValidatePaymentFormAsync(IFormCollection form);

    Task<ProcessPaymentRequest> GetPaymentInfoAsync(IFormCollection form);

    Type GetPublicViewComponent();

    Task<string> GetPaymentMethodDescriptionAsync();

    bool SupportCapture { get; }

    bool SupportPartiallyRefund { get; }

    bool SupportRefund { get; }

    bool SupportVoid { get; }

    RecurringPaymentType RecurringPaymentType { get; }

    PaymentMethodType PaymentMethodType { get; }

    bool SkipPaymentInfo { get; }
}
