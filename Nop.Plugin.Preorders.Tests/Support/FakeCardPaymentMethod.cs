using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Orders;
using Nop.Services.Payments;
using Nop.Services.Plugins;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>A Standard-type card method (like Payments.Manual) that records every charge; can be told to fail or to support stored (recurring) payments.</summary>
public sealed class FakeCardPaymentMethod : IPaymentMethod
{
    public const string Name = "Payments.FakeCard";

    public ConcurrentQueue<decimal> Charges { get; } = new();
    public ConcurrentQueue<decimal> Refunds { get; } = new();
    public bool Fail { get; set; }
    public int FailuresLeft { get; set; }
    public RecurringPaymentType RecurringPaymentType { get; set; } = RecurringPaymentType.NotSupported;

    private ProcessPaymentResult Charge(decimal amount)
    {
        var result = new ProcessPaymentResult();
        if (Fail || FailuresLeft-- > 0)
        {
            result.Errors.Add("card declined");
            return result;
        }
        Charges.Enqueue(amount);
        result.CaptureTransactionId = "tx-" + Charges.Count;
        return result;
    }

    public Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest) => Task.FromResult(Charge(processPaymentRequest.OrderTotal));
    public Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest) => Task.FromResult(Charge(processPaymentRequest.OrderTotal));
    public Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest)
    {
        Refunds.Enqueue(refundPaymentRequest.AmountToRefund);
        return Task.FromResult(new RefundPaymentResult());
    }
    public Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest) => Task.CompletedTask;
    public Task<bool> HidePaymentMethodAsync(IList<ShoppingCartItem> cart) => Task.FromResult(false);
    public Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart) => Task.FromResult(0m);
    public Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest) => Task.FromResult(new CapturePaymentResult());
    public Task<VoidPaymentResult> VoidAsync(VoidPaymentRequest voidPaymentRequest) => Task.FromResult(new VoidPaymentResult());
    public Task<CancelRecurringPaymentResult> CancelRecurringPaymentAsync(CancelRecurringPaymentRequest cancelPaymentRequest) => Task.FromResult(new CancelRecurringPaymentResult());
    public Task<bool> CanRePostProcessPaymentAsync(Order order) => Task.FromResult(false);
    public Task<IList<string>> ValidatePaymentFormAsync(IFormCollection form) => Task.FromResult<IList<string>>(new List<string>());
    public Task<ProcessPaymentRequest> GetPaymentInfoAsync(IFormCollection form) => Task.FromResult(new ProcessPaymentRequest());
    public Type GetPublicViewComponent() => null;
    public Task<string> GetPaymentMethodDescriptionAsync() => Task.FromResult("card");
    public bool SupportCapture => false;
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
