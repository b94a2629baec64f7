using Nop.Core.Domain.Directory;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// Rounds an amount the way a currency's nopCommerce rounding type asks (cash rounding to 0.05, 0.10,
/// 0.50 or 1.00 steps), plus optional "charm" rounding. Pure: no nopCommerce services involved.
/// Same results as nopCommerce's <c>PriceCalculationService.Round</c> (what its price formatter shows the
/// shopper), including its first step to cents, <c>Math.Round(value, 2)</c>, which rounds a half cent to even.
/// </summary>
public static class MoneyRounding
{
    public static decimal Round(decimal value, RoundingType roundingType)
    {
        // nopCommerce rounds to cents with the default (to even) midpoint rule: 1.225 becomes 1.22, not 1.23
        var cents = Math.Round(value, 2, MidpointRounding.ToEven);
        return roundingType switch
        {
            RoundingType.Rounding005Up => ToStep(cents, 0.05m, StepDirection.Up),
            RoundingType.Rounding005Down => ToStep(cents, 0.05m, StepDirection.Down),
            RoundingType.Rounding01Up => ToStep(cents, 0.10m, StepDirection.NearestHalfUp),
            RoundingType.Rounding01Down => ToStep(cents, 0.10m, StepDirection.NearestHalfDown),
            RoundingType.Rounding05 => ToStep(cents, 0.50m, StepDirection.NearestHalfUp),
            RoundingType.Rounding1 => ToStep(cents, 1m, StepDirection.NearestHalfUp),
            RoundingType.Rounding1Up => ToStep(cents, 1m, StepDirection.Up),
            _ => cents
        };
    }

    /// <summary>
    /// Charm figure: down to two significant digits, and one unit of the second digit less when that
    /// digit is 0 (5,000 becomes 4,900; 1,234 becomes 1,200; 47.30 becomes 47). Never raises the amount.
    /// </summary>
    public static decimal Charm(decimal value)
    {
        if (value < 10m)
            return value;

        var scale = 1m;
        while (value / scale >= 100m)
            scale *= 10m;
        var twoDigits = Math.Floor(value / scale);
        if (twoDigits % 10m == 0m)
            twoDigits -= 1m;
        return twoDigits * scale;
    }

    private enum StepDirection { Up, Down, NearestHalfUp, NearestHalfDown }

    private static decimal ToStep(decimal value, decimal step, StepDirection direction)
    {
        var units = value / step;
        var floor = Math.Floor(units);
        if (units == floor)
            return value;

        var remainder = units - floor;
        var rounded = direction switch
        {
            StepDirection.Up => floor + 1,
            StepDirection.Down => floor,
            StepDirection.NearestHalfUp => remainder >= 0.5m ? floor + 1 : floor,
            _ => remainder > 0.5m ? floor + 1 : floor
        };
        return rounded * step;
    }
}
