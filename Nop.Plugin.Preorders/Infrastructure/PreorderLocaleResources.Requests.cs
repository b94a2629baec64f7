using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;
using T = Nop.Plugin.Preorders.PreorderDefaults.Templates;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Extension requests (more time than the automatic extensions): errors, storefront, admin, template descriptions.</summary>
    private static Dictionary<string, (string En, string Ru)> Requests => new()
    {
        [R.ExtensionRequestPending] = ("You have already asked the store for more time for this pre-order. Please wait for its answer.", "Вы уже попросили магазин о продлении этого предзаказа. Пожалуйста, дождитесь ответа."),
        [R.ExtensionRequestNotNeeded] = ("You can still extend this reservation yourself, without asking the store.", "Вы пока можете продлить эту бронь сами, без запроса в магазин."),
        [R.ExtensionRequestDaysRange] = ("Ask for between 1 and {0} days.", "Можно попросить от 1 до {0} дн."),
        [R.ExtensionRequestNotPending] = ("This pre-order has no request for more time waiting for an answer.", "У этого предзаказа нет запроса на продление, ожидающего ответа."),

        [P + "Account.RequestExtension"] = ("Ask the store for more time", "Попросить магазин о продлении"),
        [P + "Account.RequestExtension.Days"] = ("Days", "Дней"),
        [P + "Account.RequestExtension.Message"] = ("Note to the store (optional)", "Комментарий для магазина (необязательно)"),
        [P + "Account.ExtensionRequested"] = ("Your request has been sent to the store. We will e-mail you its answer.", "Ваш запрос отправлен в магазин. Мы сообщим ответ по e-mail."),
        [P + "Account.ExtensionRequest.Pending"] = ("Your request for {0} more day(s) is waiting for the store's answer.", "Ваш запрос на продление на {0} дн. ждёт ответа магазина."),
        [P + "Account.ExtensionRequest.Approved"] = ("The store approved your request for {0} more day(s).", "Магазин одобрил продление на {0} дн."),
        [P + "Account.ExtensionRequest.Declined"] = ("The store declined your request for {0} more day(s).", "Магазин отклонил запрос на продление на {0} дн."),

        [P + "Grid.ExtensionRequested"] = ("Extension requested", "Запрошено продление"),
        [P + "Grid.ExtensionRequested.Hint"] = ("Only pre-orders whose shopper asked for more time and waits for your answer.", "Только предзаказы, покупатели которых попросили продление и ждут ответа."),
        [P + "Grid.ExtensionRequest"] = ("Extension request", "Запрос продления"),
        [P + "Grid.ExtensionRequest.Text"] = ("{0} day(s)", "{0} дн."),
        [P + "Actions.ApproveExtension"] = ("Approve extension request", "Одобрить продление"),
        [P + "Actions.DeclineExtension"] = ("Decline extension request", "Отклонить продление"),

        [P + "Fields.MissedShipDate"] = ("When a ship date is missed", "Если дата отгрузки сорвана"),
        [P + "Fields.MissedShipDate.Hint"] = ("What happens when a pre-order's expected ship date has passed and the stock has not arrived: nothing, tell the shopper (with a link to cancel without penalty), or tell them and refund automatically after the days below if it still has not arrived.", "Что происходит, когда ожидаемая дата отгрузки прошла, а товар не поступил: ничего, сообщить покупателю (со ссылкой на отмену без штрафа) или сообщить и автоматически вернуть деньги через указанное ниже число дней, если товар так и не поступил."),
        [P + "Fields.MissedShipDate.Nothing"] = ("Nothing", "Ничего"),
        [P + "Fields.MissedShipDate.Notify"] = ("Tell the shopper, with a penalty-free cancel link", "Сообщить покупателю со ссылкой на отмену без штрафа"),
        [P + "Fields.MissedShipDate.NotifyThenRefund"] = ("Tell the shopper, then refund automatically", "Сообщить покупателю, затем вернуть деньги автоматически"),
        [P + "Fields.MissedShipDateRefundDays"] = ("Automatic refund after, days", "Автоматический возврат через, дней"),
        [P + "Fields.MissedShipDateRefundDays.Hint"] = ("Days after the notice until a pre-order still waiting for its stock is cancelled and refunded in full (with \"refund automatically\").", "Через сколько дней после уведомления предзаказ, всё ещё ожидающий товар, отменяется с полным возвратом (при «вернуть деньги автоматически»)."),

        [Description(T.MissedShipDate)] = ("Sent to the shopper once when the expected ship date of a waiting pre-order has passed (store setting \"When a ship date is missed\"), with a link to cancel without penalty and, when the store refunds automatically, the refund's date.", "Отправляется покупателю один раз, когда ожидаемая дата отгрузки предзаказа прошла (настройка «Если дата отгрузки сорвана»), со ссылкой на отмену без штрафа и, если магазин возвращает деньги автоматически, датой возврата."),
        [Description(T.StoreExtensionRequested)] = ("Sent to the store owner when a shopper asks for more time to pay than the automatic extensions give, with the days asked for and the shopper's note.", "Отправляется владельцу магазина, когда покупатель просит больше времени на оплату, чем дают автоматические продления, с числом дней и комментарием покупателя."),
        [Description(T.ExtensionDeclined)] = ("Sent to the shopper when the merchant declines their request for more time (an approval sends the \"more time to pay\" message).", "Отправляется покупателю, когда продавец отклоняет его запрос на продление (при одобрении отправляется письмо о продлении срока оплаты).")
    };
}
