using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// What a shopper may still do with an order on their own (My pre-orders, the balance link). Pure; the one
/// definition behind the actions, the buttons and the life of a balance link.
/// </summary>
public static class SelfServiceRules
{
    /// <summary>A line the shopper may cancel: not ready to ship, not closed.</summary>
    public static bool CanCancel(PreorderLineState state) =>
        state is PreorderLineState.Waiting or PreorderLineState.BalanceDue or PreorderLineState.Overdue;

    /// <summary>A line whose balance due date the shopper may ask to move.</summary>
    public static bool CanExtend(PreorderLineState state) =>
        state is PreorderLineState.BalanceDue or PreorderLineState.Overdue;

    /// <summary>
    /// A line whose balance due date may move: it has one. A pay-on-ship balance has none until the line ships
    /// (<see cref="PayOnShipRules"/>); an extension would date it and make it fall due before the shipment.
    /// </summary>
    public static bool CanExtend(PreorderLine line) => CanExtend(line.State) && line.BalanceDueOnUtc != null;

    /// <summary>
    /// The order still has something for a balance link to do: it owes money (<see cref="AccountBalance.Owed"/>),
    /// or a line can still be cancelled or extended. A paid or closed order has none: its links stop working.
    /// </summary>
    public static bool HasSomethingToDo(decimal owed, IEnumerable<PreorderLineState> lineStates) =>
        owed > 0m || lineStates.Any(s => CanCancel(s) || CanExtend(s));
}
