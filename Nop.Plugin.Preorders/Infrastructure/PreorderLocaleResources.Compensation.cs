using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Delay compensation and swap (#14.5, schema 2.7): the admin form, the errors, the e-mail's words, the shopper's block.</summary>
    private static Dictionary<string, (string En, string Ru)> Compensation => new()
    {
        [R.CompensationKindUnknown] = ("Choose one of the listed compensations.", "Выберите одну из компенсаций списка."),
        [R.CompensationAmountInvalid] = ("Enter an amount above zero for the compensation.", "Укажите сумму компенсации больше нуля."),
        [R.CompensationPercentTooHigh] = ("A coupon can take at most {0}% off.", "Купон может дать скидку не более {0}%."),
        [R.CompensationRefundIsAmount] = ("A refund is a fixed amount per pre-order, not a percentage.", "Возврат — это фиксированная сумма за предзаказ, а не процент."),
        [R.SwapSameProduct] = ("Choose another product to swap to than the delayed one.", "Для замены выберите товар, отличный от задерживаемого."),
        [R.SwapTargetNotPreorder] = ("The swap product must be an active pre-order.", "Товар для замены должен быть в активном предзаказе."),
        [R.SwapNotOffered] = ("No swap is offered for this pre-order.", "Для этого предзаказа замена не предлагается."),
        [R.SwapLineNotWaiting] = ("Only a pre-order still waiting for stock can be swapped.", "Заменить можно только предзаказ, который ещё ждёт поступления."),
        [R.SwapTargetSoldOut] = ("Sorry, the product to swap to is sold out. Your pre-order is unchanged.", "К сожалению, товар для замены распродан. Ваш предзаказ не изменён."),
        [R.SwapDone] = ("Your pre-order was swapped; the money you paid moved with it.", "Ваш предзаказ заменён; уплаченные деньги перенесены на него."),

        // admin: the ship date form of the campaign dashboard
        [P + "Delay.Compensation"] = ("Compensation for the delay", "Компенсация за задержку"),
        [P + "Delay.Compensation.None"] = ("None", "Нет"),
        [P + "Delay.Compensation.Coupon"] = ("Coupon per buyer", "Купон каждому покупателю"),
        [P + "Delay.Compensation.Refund"] = ("Refund per pre-order", "Возврат за каждый предзаказ"),
        [P + "Delay.Compensation.FreeShipping"] = ("Free shipping coupon per buyer", "Купон на бесплатную доставку каждому покупателю"),
        [P + "Delay.Compensation.Hint"] = ("Everyone waiting gets it, made by the scheduled task in batches; the delay e-mail names it. A coupon is a nopCommerce discount with a code of its own per buyer, usable once; a refund goes back through the payment method, at most what the pre-order has paid.",
            "Её получит каждый ожидающий покупатель; её оформляет плановая задача пакетами, письмо о задержке её называет. Купон — скидка nopCommerce с собственным кодом для каждого покупателя, одноразовая; возврат идёт через способ оплаты, не больше уплаченного за предзаказ."),
        [P + "Delay.Amount"] = ("Amount", "Сумма"),
        [P + "Delay.Percent"] = ("Percentage (coupon only)", "В процентах (только купон)"),
        [P + "Delay.SwapProduct"] = ("Offer a swap to product ID", "Предложить замену на товар (ID)"),
        [P + "Delay.SwapProduct.Hint"] = ("Optional: an active pre-order product. Each waiting buyer may move their pre-order and the money paid to it with one click, keeping their place in line.",
            "Необязательно: товар в активном предзаказе. Каждый ожидающий покупатель сможет одним нажатием перенести на него предзаказ и уплаченные деньги, сохранив место в очереди."),

        // the delay e-mail (Plugins.Misc.Preorders.Delay.Message.*)
        [P + "Delay.Message.Coupon"] = ("a coupon of {1} off your next order, code {0} (usable once).", "купон на скидку {1} на следующий заказ, код {0} (одноразовый)."),
        [P + "Delay.Message.FreeShipping"] = ("free shipping on your next order with the coupon code {0}.", "бесплатная доставка следующего заказа по коду купона {0}."),
        [P + "Delay.Message.Refund"] = ("{0} has been refunded to you.", "вам возвращено {0}."),
        [P + "Messages.Settlement.Swapped"] = ("{0} has been moved to your new pre-order.", "{0} перенесено на ваш новый предзаказ."),

        // the shopper's "My pre-orders" page
        [P + "Delay.Account.Title"] = ("For the delay", "За задержку"),
        [P + "Delay.Account.Coupon"] = ("{0} off your next order, coupon code", "скидка {0} на следующий заказ, код купона"),
        [P + "Delay.Account.FreeShipping"] = ("free shipping on your next order, coupon code", "бесплатная доставка следующего заказа, код купона"),
        [P + "Delay.Account.SwapOffer"] = ("Order #{0}: instead of waiting for {1}, you can switch to {2}. The money you paid moves with it and you keep your place in line.",
            "Заказ №{0}: вместо ожидания {1} вы можете перейти на {2}. Уплаченные деньги переносятся, место в очереди сохраняется."),
        [P + "Delay.Account.Swap"] = ("Swap to {0}", "Заменить на {0}"),
        [P + "Delay.Account.Swapped"] = ("Order #{0}: {1} swapped to {2}.", "Заказ №{0}: {1} заменён на {2}."),
    };
}
