using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Orders;
using Nop.Services.Payments;
using Nop.Services.Plugins;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>
/// A Standard-type card method that records every charge; can be told to fail, to answer Pending (as
/// nopCommerce's Payments.Manual does by default: details taken, no money moved) or Authorized, or to support
/// stored (recurring) payments. A card gateway that captures answers Paid, the default here.
/// </summary>
public sealed class FakeCardPaymentMethod : IPaymentMethod
{
    public const string Name = "Payments.FakeCard";

    public ConcurrentQueue<decimal> Charges { get; } = new();
    public ConcurrentQueue<decimal> Refunds { get; } = new();
    public bool Fail { get; set; }
    public int FailuresLeft { get; set; }
    public RecurringPaymentType RecurringPaymentType { get; set; } = RecurringPaymentType.NotSupported;
    /// <summary>What a charge that goes through answers.</summary>
    public Nop.Core.Domain.Payments.PaymentStatus Answer { get; set; } = Nop.Core.Domain.Payments.PaymentStatus.Paid;
    public ConcurrentQueue<decimal> Captures { get; } = new();
    /// <summary>When set, every charge and refund waits for it (a request held inside the gateway while another runs).</summary>
    public TaskCompletionSource Gate { get; set; }
    /// <summary>The next calls take the money, then throw: the answer never reaches the plugin (a timeout after the charge).</summary>
    public int LoseAnswers { get; set; }

    private ProcessPaymentResult Charge(decimal amount)
    {
        var result = new ProcessPaymentResult();
        if (Fail || FailuresLeft-- > 0)
        {
            result.Errors.Add("card declined");
            return result;
        }
        Charges.Enqueue(amount);
        result.NewPaymentStatus = Answer;
        if (Answer == Nop.Core.Domain.Payments.PaymentStatus.Authorized)
            result.AuthorizationTransactionId = "auth-" + Charges.Count;
        else
            result.CaptureTransactionId = "tx-" + Charges.Count;
        return result;
    }

    public Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest) => ChargeAsync(processPaymentRequest.OrderTotal);
    public Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest) => ChargeAsync(processPaymentRequest.OrderTotal);

    private async Task<ProcessPaymentResult> ChargeAsync(decimal amount)
    {
        if (Gate != null)
            await Gate.Task;
        var result = Charge(amount);
        if (result.Errors.Count == 0 && LoseAnswers > 0)
        {
            LoseAnswers--;
            throw new TimeoutException("the gateway's answer was lost");
        }
        return result;
    }

    public async Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest)
    {
        if (Gate != null)
            await Gate.Task;
        Refunds.Enqueue(refundPaymentRequest.AmountToRefund);
        if (LoseAnswers > 0)
        {
            LoseAnswers--;
            throw new TimeoutException("the gateway's answer was lost");
        }
        return new RefundPaymentResult();
    }
    public Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest) => Task.CompletedTask;
    public Task<bool> HidePaymentMethodAsync(IList<ShoppingCartItem> cart) => Task.FromResult(false);
    public Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart) => Task.FromResult(0m);
    public Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest)
    {
        Captures.Enqueue(0m);
        return Task.FromResult(new CapturePaymentResult { NewPaymentStatus = Nop.Core.Domain.Payments.PaymentStatus.Paid, CaptureTransactionId = "cap-" + capturePaymentRequest.Order.AuthorizationTransactionId });
    }
    public Task<VoidPaymentResult> VoidAsync(VoidPaymentRequest voidPaymentRequest) => Task.FromResult(new VoidPaymentResult());
    public Task<CancelRecurringPaymentResult> CancelRecurringPaymentAsync(CancelRecurringPaymentRequest cancelPaymentRequest) => Task.FromResult(new CancelRecurringPaymentResult());
    public Task<bool> CanRePostProcessPaymentAsync(Order order) => Task.FromResult(false);
    public Task<IList<string>> ValidatePaymentFormAsync(IFormCollection form) => Task.FromResult<IList<string>>(new List<string>());
    public Task<ProcessPaymentRequest> GetPaymentInfoAsync(IFormCollection form) => Task.FromResult(new ProcessPaymentRequest());
    public Type GetPublicViewComponent() => null;
    public Task<string> GetPaymentMethodDescriptionAsync() => Task.FromResult("card");
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
