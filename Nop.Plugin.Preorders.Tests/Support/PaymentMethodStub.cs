using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Orders;
using Nop.Services.Payments;
using Nop.Services.Plugins;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>
/// The parts of a Standard-type payment method the tests' gateways have in common (everything but charging,
/// refunding and capturing): no fee, never hidden, no form, no plugin life cycle.
/// </summary>
public abstract class PaymentMethodStub : IPaymentMethod
{
    public abstract Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest);
    public abstract Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest);
    public abstract Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest);
    public abstract Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest);
    public virtual RecurringPaymentType RecurringPaymentType { get; set; } = RecurringPaymentType.NotSupported;

    public Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest) => Task.CompletedTask;
    public Task<bool> HidePaymentMethodAsync(IList<ShoppingCartItem> cart) => Task.FromResult(false);
    public Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart) => Task.FromResult(0m);
    public Task<VoidPaymentResult> VoidAsync(VoidPaymentRequest voidPaymentRequest) => Task.FromResult(new VoidPaymentResult());
    public Task<CancelRecurringPaymentResult> CancelRecurringPaymentAsync(CancelRecurringPaymentRequest cancelPaymentRequest) => Task.FromResult(new CancelRecurringPaymentResult());
    public Task<bool> CanRePostProcessPaymentAsync(Order order) => Task.FromResult(false);
    public Task<IList<string>> ValidatePaymentFormAsync(IFormCollection form) => Task.FromResult<IList<string>>(new List<string>());
    public Task<ProcessPaymentRequest> GetPaymentInfoAsync(IFormCollection form) => Task.FromResult(new ProcessPaymentRequest());
    public Type GetPublicViewComponent() => null;
    public Task<string> GetPaymentMethodDescriptionAsync() => Task.FromResult(GetType().Name);
    public bool SupportCapture => true;
    public bool SupportPartiallyRefund => true;
    public bool SupportRefund => true;
    public bool SupportVoid => false;
    public PaymentMethodType PaymentMethodType => PaymentMethodType.Standard;
    public bool SkipPaymentInfo => false;

    // IPlugin
    public string GetConfigurationPageUrl() => null;
    public PluginDescriptor PluginDescriptor { get; set; }
    public Task InstallAsync() => Task.CompletedTask;
    public Task InstallSampleDataAsync() => Task.CompletedTask;
    public Task UninstallAsync() => Task.CompletedTask;
    public Task UpdateAsync(string currentVersion, string targetVersion) => Task.CompletedTask;
    public Task PreparePluginToUninstallAsync() => Task.CompletedTask;
}
