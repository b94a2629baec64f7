using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>Raised when a change would break a business rule; carries a locale resource key for the shopper or admin.</summary>
public class PreorderRuleException : Exception
{
    public PreorderRuleException(string resourceKey, params object[] args) : base(resourceKey)
    {
        ResourceKey = resourceKey;
        Args = args;
    }

    public string ResourceKey { get; }

    public object[] Args { get; }

    /// <summary>The arguments as shown to people: amounts with two decimals (the database may return 160.0000).</summary>
    public object[] DisplayArgs => Args.Select(a => a is decimal d ? d.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture) : a).ToArray();
}

/// <summary>
/// The order-line state machine (docs/DESIGN.md draws it). Every state change in the plugin goes through
/// <see cref="EnsureCanMove"/>; the database write is a compare-and-set on the line's version.
/// </summary>
public static class PreorderLineStateMachine
{
    private static readonly Dictionary<PreorderLineState, PreorderLineState[]> _allowed = new()
    {
        [PreorderLineState.Waiting] = new[] { PreorderLineState.Ready, PreorderLineState.BalanceDue, PreorderLineState.Cancelled, PreorderLineState.Expired },
        // owing lines ship only when the merchant ships them without payment (HeldShipmentService); a shipment alone never ships them (IsReadyToShip)
        [PreorderLineState.BalanceDue] = new[] { PreorderLineState.PaidInFull, PreorderLineState.Overdue, PreorderLineState.Cancelled, PreorderLineState.Expired, PreorderLineState.Shipped },
        [PreorderLineState.Overdue] = new[] { PreorderLineState.PaidInFull, PreorderLineState.BalanceDue, PreorderLineState.Expired, PreorderLineState.Cancelled, PreorderLineState.Shipped },
        [PreorderLineState.Ready] = new[] { PreorderLineState.Shipped, PreorderLineState.Cancelled },
        [PreorderLineState.PaidInFull] = new[] { PreorderLineState.Shipped, PreorderLineState.Cancelled },
        [PreorderLineState.Shipped] = Array.Empty<PreorderLineState>(),
        [PreorderLineState.Cancelled] = Array.Empty<PreorderLineState>(),
        [PreorderLineState.Expired] = Array.Empty<PreorderLineState>()
    };

    public static bool CanMove(PreorderLineState from, PreorderLineState to) =>
        _allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static void EnsureCanMove(PreorderLineState from, PreorderLineState to)
    {
        if (!CanMove(from, to))
            throw new PreorderRuleException(PreorderDefaults.Resources.IllegalTransition, from, to);
    }

    public static IReadOnlyCollection<PreorderLineState> TargetsOf(PreorderLineState from) => _allowed[from];

    /// <summary>States whose units count against the cap (released ones do not).</summary>
    public static bool HoldsUnits(PreorderLineState state) => state is not (PreorderLineState.Cancelled or PreorderLineState.Expired);

    /// <summary>Allocated to arrived stock (shipped ones included).</summary>
    public static bool IsAllocated(PreorderLineState state) =>
        state is PreorderLineState.Ready or PreorderLineState.BalanceDue or PreorderLineState.Overdue or PreorderLineState.PaidInFull or PreorderLineState.Shipped;

    /// <summary>Stock allocated and nothing owed: a shipment carrying the line ships it.</summary>
    public static bool IsReadyToShip(PreorderLineState state) => state is PreorderLineState.Ready or PreorderLineState.PaidInFull;

    public static bool IsClosed(PreorderLineState state) =>
        state is PreorderLineState.Shipped or PreorderLineState.Cancelled or PreorderLineState.Expired;

    /// <summary>Where a line goes when stock is allocated to it.</summary>
    public static PreorderLineState AllocationTarget(bool owesMoney) => owesMoney ? PreorderLineState.BalanceDue : PreorderLineState.Ready;
}
