using System.Globalization;

namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>
/// The ledger key of a refund made on nopCommerce's order page. nopCommerce raises OrderRefundedEvent after it
/// added the amount to <c>Order.RefundedAmount</c>; an online refund asks the payment method first (the deposit
/// method records it with the total it will reach: RefundedAmount + amount), so both name the same total and
/// the event that follows an online refund records nothing twice. Invariant figures: the key must not depend
/// on the culture of the request.
/// </summary>
public static class NopRefundKey
{
    /// <param name="refundedAmountAfter">nopCommerce's RefundedAmount of the order with this refund included.</param>
    public static string For(int orderId, decimal refundedAmountAfter) =>
        string.Create(CultureInfo.InvariantCulture, $"nop-refund:{orderId}:{refundedAmountAfter:0.0000}");
}
