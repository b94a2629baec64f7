using Nop.Plugin.Preorders.Domain;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>A cancellation reason that passed <see cref="CancellationReasonRules.Validate"/>: a listed reason and its trimmed text (null when none).</summary>
public record CancellationReasonChoice(CancellationReason Reason, string Text)
{
    /// <summary>What cancellations without a chosen reason store (nopCommerce cancelled the order, the system).</summary>
    public static CancellationReasonChoice NotGiven { get; } = new(CancellationReason.NotGiven, null);
}

/// <summary>
/// Which cancellation reasons each side may choose and how long the text with it may be. Pure; the one definition
/// behind the storefront and admin pickers and the services that store the choice. A refused reason changes nothing:
/// the services validate before they touch the line.
/// </summary>
public static class CancellationReasonRules
{
    /// <summary>The shopper's optional note: a sentence or two, not a letter.</summary>
    public const int MaxShopperTextLength = 500;

    /// <summary>The merchant's note is also the line's close reason, whose column holds 1000 characters.</summary>
    public const int MaxMerchantTextLength = 1000;

    /// <summary>The shopper's list, in the order it is shown.</summary>
    public static IReadOnlyList<CancellationReason> ShopperReasons { get; } = new[]
    {
        CancellationReason.FoundCheaper, CancellationReason.ShipDateTooLate, CancellationReason.OrderedByMistake,
        CancellationReason.NoLongerNeeded, CancellationReason.Other
    };

    /// <summary>The merchant's list, in the order it is shown.</summary>
    public static IReadOnlyList<CancellationReason> MerchantReasons { get; } = new[]
    {
        CancellationReason.CustomerRequest, CancellationReason.SupplyProblem, CancellationReason.PaymentProblem,
        CancellationReason.SuspectedFraud, CancellationReason.Other
    };

    public static IReadOnlyList<CancellationReason> ReasonsFor(CancellationActor actor) =>
        actor == CancellationActor.Merchant ? MerchantReasons : ShopperReasons;

    public static int MaxTextLength(CancellationActor actor) =>
        actor == CancellationActor.Merchant ? MaxMerchantTextLength : MaxShopperTextLength;

    /// <summary>Whether the shopper's e-mail names the reason: the shopper's own reasons yes; the merchant's classification (fraud, payment) stays internal.</summary>
    public static bool ShownToShopper(CancellationReason reason) => ShopperReasons.Contains(reason);

    /// <summary>The locale resource naming the reason (also for <see cref="CancellationReason.NotGiven"/>).</summary>
    public static string ResourceKey(CancellationReason reason) => PreorderDefaults.ResourcePrefix + "CancelReason." + reason;

    /// <summary>
    /// The choice as posted: <paramref name="code"/> must be on the actor's list (0 is "not chosen"), the text is
    /// trimmed and at most <see cref="MaxTextLength"/> characters; the merchant's text is required (the shopper is told
    /// it), the shopper's optional. Throws <see cref="PreorderRuleException"/> with the resource that says what is wrong.
    /// </summary>
    public static CancellationReasonChoice Validate(CancellationActor actor, int code, string text)
    {
        if (code == (int)CancellationReason.NotGiven)
            throw new PreorderRuleException(R.CancelReasonRequired);
        if (!ReasonsFor(actor).Contains((CancellationReason)code))
            throw new PreorderRuleException(R.CancelReasonUnknown, code);
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed == null && actor == CancellationActor.Merchant)
            throw new PreorderRuleException(R.ReasonRequired);
        if (trimmed?.Length > MaxTextLength(actor))
            throw new PreorderRuleException(R.CancelReasonTooLong, MaxTextLength(actor));
        return new CancellationReasonChoice((CancellationReason)code, trimmed);
    }
}
