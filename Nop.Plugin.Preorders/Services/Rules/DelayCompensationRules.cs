using Nop.Plugin.Preorders.Domain;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>The merchant's offer with a ship date change, as validated: what everyone waiting gets, and the swap product.</summary>
public record DelayOffer(DelayCompensationKind Kind, decimal Amount, bool IsPercent, int SwapProductId)
{
    public static readonly DelayOffer None = new(DelayCompensationKind.None, 0m, false, 0);

    public bool IsEmpty => Kind == DelayCompensationKind.None && SwapProductId == 0;
}

/// <summary>How a swap moves a line's money: what goes to the new line, and what the old line still holds (refunded by its penalty-free cancellation).</summary>
public readonly record struct SwapMoney(decimal Moved, decimal Rest, decimal NewDeposit);

/// <summary>
/// The rules of delay compensation and swap (#14.5). Pure; the one definition behind the admin form, the task that
/// compensates, the messages and the shopper's swap. A refused offer changes nothing: it is validated before the ship
/// date is saved.
/// </summary>
public static class DelayCompensationRules
{
    /// <summary>The most a coupon's percentage can be (a free-shipping coupon is always 100% of shipping).</summary>
    public const decimal MaxPercent = 100m;

    /// <summary>Coupon codes: no 0/O, 1/I/L, so a code read aloud or typed from the e-mail is right the first time.</summary>
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int CodeLength = 10;

    public const string CodePrefix = "DELAY-";

    /// <summary>The states of a line the compensation is for: still waiting for, or holding, its unit (as the delay notice).</summary>
    public static IReadOnlyList<PreorderLineState> CompensatedStates { get; } = CampaignUpdateRules.BuyerStates;

    /// <summary>Checks the merchant's offer; every problem found (nothing is saved when there is any).</summary>
    public static IList<RuleError> Validate(DelayOffer offer, int productId)
    {
        var errors = new List<RuleError>();
        if (!Enum.IsDefined(offer.Kind))
        {
            errors.Add(new RuleError(R.CompensationKindUnknown));
            return errors;
        }
        switch (offer.Kind)
        {
            case DelayCompensationKind.Coupon:
                if (offer.Amount <= 0m)
                    errors.Add(new RuleError(R.CompensationAmountInvalid));
                else if (offer.IsPercent && offer.Amount > MaxPercent)
                    errors.Add(new RuleError(R.CompensationPercentTooHigh, MaxPercent));
                break;
            case DelayCompensationKind.Refund:
                if (offer.IsPercent)
                    errors.Add(new RuleError(R.CompensationRefundIsAmount));
                else if (offer.Amount <= 0m)
                    errors.Add(new RuleError(R.CompensationAmountInvalid));
                break;
        }
        if (offer.SwapProductId < 0)
            errors.Add(new RuleError(R.ValueInvalid, offer.SwapProductId));
        else if (offer.SwapProductId != 0 && offer.SwapProductId == productId)
            errors.Add(new RuleError(R.SwapSameProduct));
        return errors;
    }

    /// <summary>The offer as stored: free shipping is always 100% of shipping; no compensation keeps no amount.</summary>
    public static DelayOffer Normalize(DelayOffer offer) => offer.Kind switch
    {
        DelayCompensationKind.None => offer with { Amount = 0m, IsPercent = false },
        DelayCompensationKind.FreeShipping => offer with { Amount = MaxPercent, IsPercent = true },
        DelayCompensationKind.Refund => offer with { Amount = Math.Round(offer.Amount, 4), IsPercent = false },
        _ => offer with { Amount = Math.Round(offer.Amount, 4) }
    };

    /// <summary>Coupons are per buyer (one code however many orders they wait on), refunds per line.</summary>
    public static bool PerBuyer(DelayCompensationKind kind) => kind is DelayCompensationKind.Coupon or DelayCompensationKind.FreeShipping;

    /// <summary>The claim's key: one row per buyer and change (coupons) or per line and change (refunds).</summary>
    public static string CompensationKey(DelayCompensationKind kind, int changeId, int customerId, int lineId) =>
        PerBuyer(kind) ? $"coupon:{changeId}:customer:{customerId}" : $"refund:{changeId}:line:{lineId}";

    /// <summary>The ledger key of a line's refund: names the server's intent (the change and the line), never a browser number, so it is made once.</summary>
    public static string RefundLedgerKey(int changeId, int lineId) => $"delay-refund:{changeId}:line:{lineId}";

    /// <summary>The ledger keys of a swap's move: out of the old line and into the new one.</summary>
    public static string SwapOutKey(int swapId) => $"swap:{swapId}:out";

    public static string SwapInKey(int swapId) => $"swap:{swapId}:in";

    /// <summary>The refund of a line: the merchant's fixed amount, at most what the line has paid (never below zero).</summary>
    public static decimal RefundAmount(decimal fixedAmount, decimal linePaid) => Math.Max(0m, Math.Min(fixedAmount, linePaid));

    /// <summary>A coupon code from random bytes (one per character; the caller draws them from a cryptographic source).</summary>
    public static string CouponCode(ReadOnlySpan<byte> random)
    {
        if (random.Length < CodeLength)
            throw new ArgumentException($"need {CodeLength} bytes", nameof(random));
        var chars = new char[CodeLength];
        for (var i = 0; i < CodeLength; i++)
            chars[i] = CodeAlphabet[random[i] % CodeAlphabet.Length];
        return CodePrefix + new string(chars);
    }

    /// <summary>
    /// Whether the buyer may swap this line now; null when they may, else the error's resource key. Only a waiting line
    /// swaps (its unit has not arrived: an allocated line holds stock that would be given back for nothing), of the
    /// change's product, placed before the change (a later order was placed with the new date), with a swap offered.
    /// </summary>
    public static string CanSwap(PreorderLine line, PreorderShipDateChange change)
    {
        if (change == null || change.SwapProductId == 0 || line.ProductId != change.ProductId || line.PlacedOnUtc > change.CreatedOnUtc)
            return R.SwapNotOffered;
        return line.State == PreorderLineState.Waiting ? null : R.SwapLineNotWaiting;
    }

    /// <summary>
    /// The money of a swap: what the old line holds moves to the new one up to the new line's total (a live line holds at
    /// most its total); the rest stays on the old line, which its penalty-free cancellation refunds. The new line's
    /// deposit is the old one's, at most its total: the buyer paid it already and owes the rest when stock arrives.
    /// </summary>
    public static SwapMoney Move(decimal held, decimal oldDeposit, decimal newTotal)
    {
        var moved = Math.Max(0m, Math.Min(held, newTotal));
        return new SwapMoney(moved, Math.Max(0m, held - moved), Math.Max(0m, Math.Min(oldDeposit, newTotal)));
    }
}
