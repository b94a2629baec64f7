namespace Nop.Plugin.Preorders.Models;

/// <summary>The product page's "Reserve with deposit" (schema 2.4): shown while the product is flagged and has a free unit.</summary>
public record ProductReservationModel(int ProductId, int TermDays, string ReturnUrl);
