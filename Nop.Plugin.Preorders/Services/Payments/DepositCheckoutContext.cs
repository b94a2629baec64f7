namespace Nop.Plugin.Preorders.Services.Payments;

/// <summary>
/// Per-request hand-over from the deposit payment method to the order-placed handler (the shopper's choices).
/// The checkout charge itself is not carried here: it is in the ledger under the order's guid before the card
/// is charged (<see cref="MoneyMovementService.ChargeAtCheckoutAsync"/>), so a placement the task resumes
/// after a crash still finds it.
/// </summary>
public class DepositCheckoutContext
{
    public Guid OrderGuid { get; set; }

    /// <summary>The moment the checkout split took the deposits' term ("days ahead") at; placement takes the same.</summary>
    public DateTime? CheckoutMomentUtc { get; set; }

    public string ChargeMethodSystemName { get; set; }

    public decimal? ChosenDepositPercent { get; set; }

    public bool TermsAccepted { get; set; }
}
