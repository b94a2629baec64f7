namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>A line's units and money (primary currency, 4 decimals, as stored on the line).</summary>
public readonly record struct LinePart(int Quantity, decimal Total, decimal Deposit);

/// <summary>A line divided in two: the units that arrived and the rest that keeps waiting.</summary>
public readonly record struct LineSplitResult(LinePart Arrived, LinePart Rest);

/// <summary>
/// "Ship what arrived": divides a waiting line whose units only partly arrived. The arrived part's total and deposit are
/// its share of the line's (by units), rounded in the order's currency the way its deposit was (nopCommerce's rounding
/// type of that currency, then back to the primary currency with 4 decimals); the rest takes the remainder, so the two
/// parts always sum to the line exactly and no money appears or disappears. Each part's deposit stays within its total
/// and its balance (total − deposit) stays non-negative, so a split never turns a balance into a deposit or back. Pure.
/// </summary>
public static class LineSplit
{
    public static LineSplitResult Divide(LinePart line, int arrivedUnits, MoneyCurrency currency)
    {
        if (line.Quantity < 2 || arrivedUnits <= 0 || arrivedUnits >= line.Quantity)
            throw new ArgumentOutOfRangeException(nameof(arrivedUnits), $"{arrivedUnits} of {line.Quantity} unit(s) cannot split the line.");
        var total = Math.Max(0m, line.Total);
        var deposit = Math.Clamp(line.Deposit, 0m, total);

        var arrivedTotal = Math.Clamp(Share(total, arrivedUnits, line.Quantity, currency), 0m, total);
        // within both parts' totals: the arrived deposit at most its total, the rest's deposit at most the rest's total
        var arrivedDeposit = Math.Clamp(Share(deposit, arrivedUnits, line.Quantity, currency),
            Math.Max(0m, deposit - (total - arrivedTotal)), Math.Min(deposit, arrivedTotal));

        return new LineSplitResult(
            new LinePart(arrivedUnits, arrivedTotal, arrivedDeposit),
            new LinePart(line.Quantity - arrivedUnits, total - arrivedTotal, deposit - arrivedDeposit));
    }

    /// <summary>The units' share of an amount, rounded as the shopper's currency rounds, in the primary currency (4 decimals).</summary>
    private static decimal Share(decimal amount, int units, int quantity, MoneyCurrency currency)
    {
        var rate = currency.Rate <= 0m ? 1m : currency.Rate;
        var inCurrency = MoneyRounding.Round(amount * rate * units / quantity, currency.Rounding);
        return Math.Round(inCurrency / rate, 4);
    }
}
