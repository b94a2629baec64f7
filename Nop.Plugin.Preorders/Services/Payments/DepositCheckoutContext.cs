namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>
/// Per-request hand-over from the deposit payment method (which charges before nopCommerce saves the order)
/// to the order-placed handler (which records the charge in the ledger once the order exists). Both run in
/// the same checkout request, so a scoped object is enough.
/// </summary>
public class DepositCheckoutContext
{
    public Guid OrderGuid { get; set; }

    /// <summary>Charged at checkout, primary currency (4 decimals: the primary amount of the figure charged in the shopper's currency).</summary>
    public decimal ChargedAmount { get; set; }

    /// <summary>The same charge as the shopper paid it, in the order's currency (kept in the ledger as the amount in currency).</summary>
    public decimal? ChargedAmountInCurrency { get; set; }

    /// <summary>The moment the checkout split took the deposits' term ("days ahead") at; placement takes the same.</summary>
    public DateTime? CheckoutMomentUtc { get; set; }

    public string ChargeMethodSystemName { get; set; }

    public string Reference { get; set; }

    public decimal? ChosenDepositPercent { get; set; }

    public bool TermsAccepted { get; set; }
}
