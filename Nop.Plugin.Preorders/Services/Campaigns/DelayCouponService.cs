using System.Security.Cryptography;
using Nop.Core.Domain.Discounts;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Discounts;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// A buyer's coupon for a delay (order total or free shipping): a real nopCommerce <see cref="Discount"/> with a code of
/// its own, usable once. Claim first, then the discount: the row with the code is inserted under its unique key (one per
/// buyer and change: of two nodes only one inserts it), then the discount is created, then the row is completed with the
/// discount's id. A crash in between leaves the claim pending with its code; a later run (after
/// <see cref="MoneyMovementService.ResumeAfter"/>, so never while the claiming node may still be on it) creates the
/// discount only if no discount has that code, so never two discounts for one buyer.
/// </summary>
public class DelayCouponService
{
    private readonly IDiscountService _discountService;
    private readonly IRepository<PreorderDelayCompensation> _compensationRepository;
    private readonly PreorderClock _clock;

    public DelayCouponService(IDiscountService discountService,
        IRepository<PreorderDelayCompensation> compensationRepository,
        PreorderClock clock)
    {
        _discountService = discountService;
        _compensationRepository = compensationRepository;
        _clock = clock;
    }

    /// <summary>The buyer's coupon of this change, made if not yet; null while a twin's claim is fresh (it finishes it).</summary>
    public virtual async Task<PreorderDelayCompensation> EnsureAsync(PreorderShipDateChange change, int customerId, int orderId)
    {
        var key = DelayCompensationRules.CompensationKey(change.CompensationKind, change.Id, customerId, 0);
        var (row, claimed) = await ClaimAsync(change, key, customerId, orderId);
        if (row.Status != DelayCompensationStatus.Pending)
            return row;
        if (!claimed && row.CreatedOnUtc > _clock.UtcNow - MoneyMovementService.ResumeAfter)
            return null;
        return await CompleteAsync(change, row);
    }

    /// <summary>Finishes a claim left pending by a run that stopped between the claim and the discount.</summary>
    public virtual Task<PreorderDelayCompensation> ResumeAsync(PreorderShipDateChange change, PreorderDelayCompensation row) => CompleteAsync(change, row);

    private async Task<(PreorderDelayCompensation Row, bool Claimed)> ClaimAsync(PreorderShipDateChange change, string key, int customerId, int orderId)
    {
        var existing = await _compensationRepository.Table.Where(c => c.CompensationKey == key).FirstOrDefaultAsync();
        if (existing != null)
            return (existing, false);
        var row = new PreorderDelayCompensation
        {
            ShipDateChangeId = change.Id,
            CompensationKey = key,
            Kind = change.CompensationKind,
            CustomerId = customerId,
            OrderId = orderId,
            CouponCode = NewCode(),
            Amount = change.CompensationAmount,
            IsPercent = change.CompensationIsPercent,
            Status = DelayCompensationStatus.Pending,
            CreatedOnUtc = _clock.UtcNow
        };
        try
        {
            await _compensationRepository.InsertAsync(row, false);
            return (row, true);
        }
        catch (Exception)
        {
            // a twin inserted the same key first: its row (and its code) stands
            existing = await _compensationRepository.Table.Where(c => c.CompensationKey == key).FirstOrDefaultAsync();
            if (existing == null)
                throw;
            return (existing, false);
        }
    }

    private async Task<PreorderDelayCompensation> CompleteAsync(PreorderShipDateChange change, PreorderDelayCompensation row)
    {
        // a discount with the claim's code is this claim's (made before a crash): never a second one
        var discount = (await _discountService.GetAllDiscountsAsync(couponCode: row.CouponCode, showHidden: true, isActive: null))
            .FirstOrDefault(d => d.CouponCode == row.CouponCode);
        if (discount == null)
        {
            var shipping = row.Kind == DelayCompensationKind.FreeShipping;
            discount = new Discount
            {
                Name = $"Pre-order delay: change {change.Id}, customer {row.CustomerId}",
                AdminComment = $"Delay compensation of the ship date change {change.Id} (product {change.ProductId}) for customer {row.CustomerId}, order {row.OrderId}",
                DiscountTypeId = (int)(shipping ? DiscountType.AssignedToShipping : DiscountType.AssignedToOrderTotal),
                UsePercentage = row.IsPercent,
                DiscountPercentage = row.IsPercent ? row.Amount : 0m,
                DiscountAmount = row.IsPercent ? 0m : row.Amount,
                RequiresCouponCode = true,
                CouponCode = row.CouponCode,
                IsCumulative = false,
                // usable once in all: the code is the buyer's alone
                DiscountLimitationId = (int)DiscountLimitationType.NTimesOnly,
                LimitationTimes = 1,
                StartDateUtc = row.CreatedOnUtc,
                IsActive = true
            };
            await _discountService.InsertDiscountAsync(discount);
        }
        row.DiscountId = discount.Id;
        row.Status = DelayCompensationStatus.Done;
        row.CompletedOnUtc = _clock.UtcNow;
        await _compensationRepository.UpdateAsync(row, false);
        return row;
    }

    private static string NewCode()
    {
        Span<byte> random = stackalloc byte[DelayCompensationRules.CodeLength];
        RandomNumberGenerator.Fill(random);
        return DelayCompensationRules.CouponCode(random);
    }
}
