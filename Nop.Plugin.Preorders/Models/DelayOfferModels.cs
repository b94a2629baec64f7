namespace Nop.Plugin.Preorders.Models;

/// <summary>The "For the delay" block of the shopper's "My pre-orders" page: their coupons and the swaps offered to them.</summary>
public record DelayOffersModel
{
    public IList<DelayCouponModel> Coupons { get; init; } = new List<DelayCouponModel>();

    public IList<DelaySwapOfferModel> Swaps { get; init; } = new List<DelaySwapOfferModel>();

    public IList<DelaySwapDoneModel> Swapped { get; init; } = new List<DelaySwapDoneModel>();

    public bool IsEmpty => Coupons.Count == 0 && Swaps.Count == 0 && Swapped.Count == 0;
}

/// <param name="Text">What the coupon gives, in the shopper's language ("10% off your next order", "free shipping").</param>
public record DelayCouponModel(string Code, string Text, string ProductName);

public record DelaySwapOfferModel(int LineId, string OrderNumber, string FromProductName, string ToProductName, int Quantity);

public record DelaySwapDoneModel(int OrderId, string OrderNumber, string FromProductName, string ToProductName);
