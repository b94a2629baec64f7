namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>
/// Per-request hand-over from the deposit payment method (which charges before nopCommerce saves the order)
/// to the order-placed handler (which records the charge in the ledger once the order exists). Both run in
/// the same checkout request, so a scoped object is enough.
/// </summary>
public class DepositCheckoutContext
{
    public Guid OrderGuid { get; set; }

    public decimal ChargedAmount { get; set; }

    public string ChargeMethodSystemName { get; set; }

    public string Reference { get; set; }

    public decimal? ChosenDepositPercent { get; set; }

    public bool TermsAccepted { get; set; }
}
