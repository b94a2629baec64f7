namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// How much of a pre-order line is paid up front. Stored as JSON (store default in settings, per-product
/// override on the profile); evaluated by <c>DepositCalculator</c>.
/// </summary>
public class DepositRule
{
    /// <summary>Percentage of the line price, 1-100.</summary>
    public decimal? Percent { get; set; }

    /// <summary>Fixed amount per unit, in the primary store currency.</summary>
    public decimal? FixedPerUnit { get; set; }

    public DepositCombineMode Combine { get; set; } = DepositCombineMode.PercentOnly;

    public decimal? MinAmount { get; set; }

    public decimal? MaxAmount { get; set; }

    /// <summary>Percentage rising with the reservation term: the tier with the largest MinDaysAhead not above the term wins.</summary>
    public List<DepositTermTier> TermTiers { get; set; } = new();

    /// <summary>Deposit levels the shopper chooses from at checkout (the percentage replaces <see cref="Percent"/>).</summary>
    public List<DepositChoice> Choices { get; set; } = new();

    /// <summary>Number of payments the balance is split into (1 = one balance).</summary>
    public int Installments { get; set; } = 1;

    public int InstallmentIntervalDays { get; set; } = 30;
}

public class DepositTermTier
{
    public int MinDaysAhead { get; set; }

    public decimal Percent { get; set; }
}

public class DepositChoice
{
    public decimal Percent { get; set; }

    /// <summary>What the merchant offers for this level ("free shipping", "signed copy").</summary>
    public string Perk { get; set; }
}
