namespace Nop.Services.Payments;

public enum PaymentMethodType
{
    Standard = 10,
    Redirection = 15,
    Button = 20,
}
