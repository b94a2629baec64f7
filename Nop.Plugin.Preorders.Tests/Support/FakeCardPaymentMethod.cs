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
public sealed class FakeCardPaymentMethod : PaymentMethodStub
{
    public const string Name = "Payments.FakeCard";

    public ConcurrentQueue<decimal> Charges { get; } = new();
    public ConcurrentQueue<decimal> Refunds { get; } = new();
    /// <summary>The transaction each refund was asked for (the order's capture transaction id as the gateway saw it).</summary>
    public ConcurrentQueue<string> RefundedTransactions { get; } = new();
    public bool Fail { get; set; }
    public int FailuresLeft { get; set; }
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

    public override Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest) => ChargeAsync(processPaymentRequest.OrderTotal);
    public override Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest) => ChargeAsync(processPaymentRequest.OrderTotal);

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

    public override async Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest)
    {
        if (Gate != null)
            await Gate.Task;
        Refunds.Enqueue(refundPaymentRequest.AmountToRefund);
        RefundedTransactions.Enqueue(refundPaymentRequest.Order.CaptureTransactionId);
        if (LoseAnswers > 0)
        {
            LoseAnswers--;
            throw new TimeoutException("the gateway's answer was lost");
        }
        return new RefundPaymentResult();
    }

    public override Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest)
    {
        Captures.Enqueue(0m);
        return Task.FromResult(new CapturePaymentResult { NewPaymentStatus = Nop.Core.Domain.Payments.PaymentStatus.Paid, CaptureTransactionId = "cap-" + capturePaymentRequest.Order.AuthorizationTransactionId });
    }
}
