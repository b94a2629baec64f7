using Nop.Core.Domain.Orders;

namespace Nop.Services.Orders;

public partial interface IGiftCardService
{
    Task InsertGiftCardAsync(GiftCard giftCard);

    string GenerateGiftCardCode();
}
