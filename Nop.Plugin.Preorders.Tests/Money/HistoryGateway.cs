using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Services.Payments;
using Nop.Plugin.Preorders.Tests.Support;

namespace Nop.Plugin.Preorders.Tests.Money;

/// <summary>How the gateway answers the next call.</summary>
public enum GatewayAnswer { Paid, Authorized, Pending, Declined, PaidButAnswerLost }

/// <summary>One thing the gateway did, in its own books.</summary>
public sealed class GatewayRecord
{
    public int Number { get; init; }
    public Guid Attempt { get; init; }
    public int CustomerId { get; init; }
    public decimal Amount { get; init; }
    public GatewayAnswer Answer { get; init; }
    public bool IsRefund { get; init; }
    public string Reference { get; init; }
    /// <summary>An authorization the gateway captured, or an authorization / pending charge the merchant settled at the terminal.</summary>
    public bool Settled { get; set; }
    public bool AnswerLost { get; init; }

    /// <summary>Money the gateway took for the shop.</summary>
    public decimal MoneyIn => IsRefund ? 0m
        : Answer is GatewayAnswer.Paid or GatewayAnswer.PaidButAnswerLost ? Amount
        : Answer is GatewayAnswer.Authorized or GatewayAnswer.Pending && Settled ? Amount
        : 0m;
}

/// <summary>
/// The randomized histories' card gateway: it answers what the history scripts (paid, authorized, pending,
/// declined, or paid with the answer lost on the way back) and keeps its own books, independent of the
/// plugin's ledger, which the histories compare with the ledger at the end.
/// </summary>
public sealed class HistoryGateway : PaymentMethodStub
{
    public const string Name = "Payments.HistoryCard";

    private readonly object _sync = new();
    private readonly Queue<GatewayAnswer> _answers = new();
    private int _number;

    public List<GatewayRecord> Records { get; } = new();

    /// <summary>The next refund's answer is lost (the money goes back, the plugin hears nothing).</summary>
    public bool LoseNextRefundAnswer { get; set; }

    public void Script(GatewayAnswer answer)
    {
        lock (_sync)
            _answers.Enqueue(answer);
    }

    public void ClearScript()
    {
        lock (_sync)
            _answers.Clear();
    }

    public decimal MoneyIn(int customerId)
    {
        lock (_sync)
            return Records.Where(r => r.CustomerId == customerId).Sum(r => r.MoneyIn);
    }

    public decimal MoneyOut(int customerId)
    {
        lock (_sync)
            return Records.Where(r => r.CustomerId == customerId && r.IsRefund).Sum(r => r.Amount);
    }

    /// <summary>The merchant takes at the terminal what was authorized or left pending for this customer (nopCommerce's "Mark as paid").</summary>
    public void SettleOpen(int customerId)
    {
        lock (_sync)
            foreach (var record in Records.Where(r => r.CustomerId == customerId && !r.IsRefund && r.Answer is GatewayAnswer.Authorized or GatewayAnswer.Pending))
                record.Settled = true;
    }

    public GatewayRecord Find(Guid attempt)
    {
        lock (_sync)
            return Records.FirstOrDefault(r => r.Attempt == attempt && !r.IsRefund);
    }

    private ProcessPaymentResult Charge(ProcessPaymentRequest request, int customerId)
    {
        GatewayAnswer answer;
        GatewayRecord record = null;
        lock (_sync)
        {
            answer = _answers.Count > 0 ? _answers.Dequeue() : GatewayAnswer.Paid;
            if (answer != GatewayAnswer.Declined)
            {
                var number = ++_number;
                record = new GatewayRecord
                {
                    Number = number, Attempt = request.OrderGuid, CustomerId = customerId, Amount = request.OrderTotal, Answer = answer,
                    Reference = (answer == GatewayAnswer.Authorized ? "auth-" : answer == GatewayAnswer.Pending ? "pend-" : "pay-") + number,
                    AnswerLost = answer == GatewayAnswer.PaidButAnswerLost
                };
                Records.Add(record);
            }
        }
        var result = new ProcessPaymentResult();
        switch (answer)
        {
            case GatewayAnswer.Declined:
                result.Errors.Add("card declined");
                break;
            case GatewayAnswer.PaidButAnswerLost:
                throw new TimeoutException("the gateway's answer was lost");
            case GatewayAnswer.Authorized:
                result.NewPaymentStatus = PaymentStatus.Authorized;
                result.AuthorizationTransactionId = record.Reference;
                break;
            case GatewayAnswer.Pending:
                result.NewPaymentStatus = PaymentStatus.Pending;
                break;
            default:
                result.NewPaymentStatus = PaymentStatus.Paid;
                result.CaptureTransactionId = record.Reference;
                break;
        }
        return result;
    }

    public override Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest) =>
        Task.FromResult(Charge(processPaymentRequest, processPaymentRequest.CustomerId));

    public override Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest) =>
        Task.FromResult(Charge(processPaymentRequest, processPaymentRequest.InitialOrder?.CustomerId ?? processPaymentRequest.CustomerId));

    public override Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest)
    {
        bool lost;
        lock (_sync)
        {
            Records.Add(new GatewayRecord
            {
                Number = ++_number, CustomerId = refundPaymentRequest.Order.CustomerId, Amount = refundPaymentRequest.AmountToRefund, IsRefund = true,
                AnswerLost = LoseNextRefundAnswer
            });
            lost = LoseNextRefundAnswer;
            LoseNextRefundAnswer = false;
        }
        if (lost)
            throw new TimeoutException("the gateway's answer was lost");
        return Task.FromResult(new RefundPaymentResult { NewPaymentStatus = PaymentStatus.PartiallyRefunded });
    }

    public override Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest)
    {
        lock (_sync)
        {
            var record = Records.FirstOrDefault(r => r.Reference == capturePaymentRequest.Order.AuthorizationTransactionId && r.Answer == GatewayAnswer.Authorized);
            var result = new CapturePaymentResult();
            if (record == null || record.Settled)
            {
                result.Errors.Add("nothing to capture");
                return Task.FromResult(result);
            }
            record.Settled = true;
            result.NewPaymentStatus = PaymentStatus.Paid;
            result.CaptureTransactionId = "cap-" + record.Reference;
            return Task.FromResult(result);
        }
    }

    public override RecurringPaymentType RecurringPaymentType { get; set; } = RecurringPaymentType.Manual;
}
