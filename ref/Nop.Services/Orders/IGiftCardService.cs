using Nop.Core;
using Nop.Core.Domain.Orders;

namespace Nop.Services.Orders;

public partial interface IGiftCardService
{
    Task InsertGiftCardAsync(GiftCard giftCard);

    string GenerateGiftCardCode();

    Task<IPagedList<GiftCard>> GetAllGiftCardsAsync(int? purchasedWithOrderId = null, int? usedWithOrderId = null,
        DateTime? createdFromUtc = null, DateTime? createdToUtc = null,
        bool? isGiftCardActivated = null, string giftCardCouponCode = null,
        string recipientName = null,
        int pageIndex = 0, int pageSize = int.MaxValue);
}
