using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>The steps of a campaign's funnel, in the order a shopper goes through them (stored in no table: the CSV's column order).</summary>
public enum FunnelStep
{
    Views = 10,
    WaitlistJoins = 20,
    Placed = 30,
    DepositsPaid = 40,
    PaidInFull = 50,
    Cancelled = 60
}

/// <summary>
/// One pre-order line as the funnel counts it. <paramref name="DepositPaid"/> is the pre-orders grid's computed column (the
/// line's deposit once its order's checkout payment came in), so the funnel and the grid agree on what "paid" means.
/// </summary>
public record FunnelLineFact(int ProductId, PreorderLineState State, PreorderPaymentMode PaymentMode, decimal DepositPaid);

/// <summary>A step's count and its conversion from the step it is measured against (null: that step has none, or there is no base step).</summary>
public record FunnelStepFigure(FunnelStep Step, long Count, FunnelStep? From, decimal? ConversionPercent);

/// <summary>The funnel of one campaign (product): one figure per step, in <see cref="CampaignFunnelRules.Steps"/> order.</summary>
public record CampaignFunnel(int ProductId, IReadOnlyList<FunnelStepFigure> Steps)
{
    public FunnelStepFigure this[FunnelStep step] => Steps.First(s => s.Step == step);
}

/// <summary>
/// The one definition of each funnel figure, from plain facts (views counted by <c>ProductViewStore</c>, confirmed waitlist
/// joins, the campaign's lines):
/// <list type="bullet">
/// <item>placed: every line of the product, whatever became of it (a cancelled pre-order was still placed);</item>
/// <item>deposit paid: the line's first money came in: its deposit was paid at checkout, or it is paid in full (a
/// full-upfront line pays everything at once, so it passed the deposit step too);</item>
/// <item>paid in full: nothing more to pay: paid in full or shipped, or ready (allocated, nothing owing) unless it pays on
/// shipment;</item>
/// <item>cancelled: the line's state is cancelled (expired lines are not cancellations: nobody chose to leave).</item>
/// </list>
/// Conversions: waitlist joins and pre-orders from views (joining a waitlist is a side path, not a step every buyer takes),
/// deposits from pre-orders, paid in full from deposits, cancellations from pre-orders. Figures are by the lines' current
/// state: a paid line cancelled later counts as cancelled, not as paid in full.
/// </summary>
public static class CampaignFunnelRules
{
    public static IReadOnlyList<FunnelStep> Steps { get; } = new[]
    {
        FunnelStep.Views, FunnelStep.WaitlistJoins, FunnelStep.Placed, FunnelStep.DepositsPaid, FunnelStep.PaidInFull, FunnelStep.Cancelled
    };

    public static bool IsPaidInFull(FunnelLineFact line) =>
        line.State is PreorderLineState.PaidInFull or PreorderLineState.Shipped
        || (line.State == PreorderLineState.Ready && line.PaymentMode != PreorderPaymentMode.PayOnShip);

    public static bool IsDepositPaid(FunnelLineFact line) => line.DepositPaid > 0m || IsPaidInFull(line);

    public static bool IsCancelled(FunnelLineFact line) => line.State == PreorderLineState.Cancelled;

    /// <summary>The step a step's conversion is measured against; null for the first.</summary>
    public static FunnelStep? ConversionBase(FunnelStep step) => step switch
    {
        FunnelStep.WaitlistJoins => FunnelStep.Views,
        FunnelStep.Placed => FunnelStep.Views,
        FunnelStep.DepositsPaid => FunnelStep.Placed,
        FunnelStep.PaidInFull => FunnelStep.DepositsPaid,
        FunnelStep.Cancelled => FunnelStep.Placed,
        _ => null
    };

    /// <summary>count of base in percent, one decimal; null when the base is zero (no division by nothing shown as 0 %).</summary>
    public static decimal? Percent(long count, long baseCount) =>
        baseCount <= 0 ? null : Math.Round(100m * count / baseCount, 1, MidpointRounding.AwayFromZero);

    public static CampaignFunnel Build(int productId, long views, int waitlistJoins, IEnumerable<FunnelLineFact> lines)
    {
        var counts = new Dictionary<FunnelStep, long>
        {
            [FunnelStep.Views] = Math.Max(0, views),
            [FunnelStep.WaitlistJoins] = Math.Max(0, waitlistJoins)
        };
        long placed = 0, deposits = 0, paid = 0, cancelled = 0;
        foreach (var line in lines ?? Enumerable.Empty<FunnelLineFact>())
        {
            placed++;
            if (IsDepositPaid(line))
                deposits++;
            if (IsPaidInFull(line))
                paid++;
            if (IsCancelled(line))
                cancelled++;
        }
        counts[FunnelStep.Placed] = placed;
        counts[FunnelStep.DepositsPaid] = deposits;
        counts[FunnelStep.PaidInFull] = paid;
        counts[FunnelStep.Cancelled] = cancelled;

        var steps = Steps.Select(step =>
        {
            var from = ConversionBase(step);
            return new FunnelStepFigure(step, counts[step], from, from is FunnelStep b ? Percent(counts[step], counts[b]) : null);
        }).ToList();
        return new CampaignFunnel(productId, steps);
    }

    /// <summary>The resource key of a step's name.</summary>
    public static string ResourceKey(FunnelStep step) => PreorderDefaults.ResourcePrefix + "Funnel.Step." + step;
}
