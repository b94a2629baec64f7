using T = Nop.Plugin.Preorders.PreorderDefaults.Templates;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Notification texts: template descriptions (nopCommerce's key convention) and the words the plugin puts into tokens.</summary>
    private static Dictionary<string, (string En, string Ru)> Messages => new()
    {
        // descriptions shown in Content management > Message templates
        [Description(T.PreorderConfirmed)] = ("Sent to the shopper when a pre-order is placed.", "Отправляется покупателю при оформлении предзаказа."),
        [Description(T.DepositReceived)] = ("Sent to the shopper when the deposit is received.", "Отправляется покупателю, когда получена предоплата."),
        [Description(T.ShipDateChanged)] = ("Sent to shoppers when the expected ship date of their pre-order changes, with the reason and, where the policy allows, a link to cancel without penalty.", "Отправляется покупателям при изменении ожидаемой даты отгрузки, с причиной и, если позволяют правила, ссылкой на отмену без штрафа."),
        [Description(T.StockArrivedBalanceDue)] = ("Sent to the shopper when stock arrives for the pre-order, with the balance due and the payment link.", "Отправляется покупателю, когда товар поступил, с суммой остатка и ссылкой на оплату."),
        [Description(T.BalanceReminder)] = ("Sent to the shopper the configured number of days before the balance (or an installment) is due.", "Отправляется покупателю за заданное число дней до срока оплаты остатка (или платежа по графику)."),
        [Description(T.UpcomingCharge)] = ("Sent to the shopper before an installment is charged automatically.", "Отправляется покупателю перед автоматическим списанием платежа по графику."),
        [Description(T.ChargeFailed)] = ("Sent to the shopper when an automatic charge fails, with the payment link.", "Отправляется покупателю, если автоматическое списание не прошло, со ссылкой на оплату."),
        [Description(T.ReservationExpiring)] = ("Sent to the shopper when the balance is overdue and the reservation is about to expire.", "Отправляется покупателю, когда оплата просрочена и бронь скоро истечёт."),
        [Description(T.ReservationExpired)] = ("Sent to the shopper when the reservation expired, saying what happened to the deposit.", "Отправляется покупателю, когда бронь истекла, с информацией о судьбе предоплаты."),
        [Description(T.PaidInFull)] = ("Sent to the shopper when a balance or installment payment is received (and when the order is paid in full).", "Отправляется покупателю при получении доплаты или платежа по графику (и при полной оплате заказа)."),
        [Description(T.CancelledRefunded)] = ("Sent to the shopper when a pre-order is cancelled, saying what was refunded.", "Отправляется покупателю при отмене предзаказа, с информацией о возврате."),
        [Description(T.ThankYouReview)] = ("Sent to the shopper after delivery: thanks and a review request.", "Отправляется покупателю после доставки: благодарность и просьба оставить отзыв."),
        [Description(T.BuyersMessage)] = ("Sent to every buyer with an open pre-order of a product when the merchant writes to them (\"E-mail all buyers\"); the merchant's text is in %Preorder.MerchantMessage%.", "Отправляется всем покупателям с открытым предзаказом товара, когда продавец пишет им («Написать всем покупателям»); текст продавца — в %Preorder.MerchantMessage%."),
        [Description(T.BalanceLink)] = ("Sent to the shopper when the merchant resends the balance payment link: a new personal link (earlier links stop working).", "Отправляется покупателю, когда продавец повторно отправляет ссылку на оплату: новая персональная ссылка (прежние ссылки перестают действовать)."),
        [Description(T.CancelledThroughLink)] = ("Sent to the order's billing e-mail address when a pre-order is cancelled through the personal balance link (instead of the plain cancellation message), saying what was refunded and what to do if the shopper did not cancel it.", "Отправляется на e-mail плательщика заказа, когда предзаказ отменён по персональной ссылке на оплату (вместо обычного письма об отмене), с информацией о возврате и о том, что делать, если покупатель его не отменял."),
        [Description(T.StoreNewPreorder)] = ("Sent to the store owner when a pre-order is placed.", "Отправляется владельцу магазина при оформлении предзаказа."),
        [Description(T.StoreCapReached)] = ("Sent to the store owner when a product's pre-order cap is reached.", "Отправляется владельцу магазина, когда исчерпан лимит предзаказов товара."),
        [Description(T.StoreDepositConfirmed)] = ("Sent to the store owner when a deposit is received.", "Отправляется владельцу магазина при получении предоплаты."),
        [Description(T.StoreBalanceOverdue)] = ("Sent to the store owner when a balance is overdue.", "Отправляется владельцу магазина, когда просрочена доплата."),
        [Description(T.StoreReservationExpired)] = ("Sent to the store owner when a reservation expired.", "Отправляется владельцу магазина, когда истекла бронь."),
        [Description(T.StoreDailyDigest)] = ("Daily digest for the store owner: what needs attention (overdue, expiring, refunds to pay out, failed charges and notifications).", "Ежедневная сводка для владельца магазина: что требует внимания (просрочки, истекающие брони, возвраты, неудачные списания и уведомления)."),

        [Description(T.ExtensionGranted)] = ("Sent to the shopper when the balance due date moves later: an extension the shopper took, one the merchant granted, or the merchant's new due date.", "Отправляется покупателю, когда срок оплаты остатка переносится на более позднюю дату: продление покупателя, продление продавца или новый срок, назначенный продавцом."),
        [Description(T.RefundMade)] = ("Sent to the shopper when money is refunded outside a cancellation or expiry (whose own message says what was refunded) and outside nopCommerce's own refund buttons (nopCommerce notifies those itself).", "Отправляется покупателю при возврате денег вне отмены или истечения брони (в их письмах уже сказано о возврате) и вне кнопок возврата nopCommerce (о них nopCommerce сообщает сам)."),
        [Description(T.LineShipped)] = ("Sent to the shopper when a shipment carrying the pre-order is sent.", "Отправляется покупателю, когда отправлена отгрузка с его предзаказом."),
        [Description(T.StoreWindowClosing)] = ("Sent to the store owner the configured number of days before a product's pre-order window closes (once per window end).", "Отправляется владельцу магазина за заданное число дней до закрытия окна предзаказа товара (один раз для каждой даты закрытия)."),
        [Description(T.StoreCapNearlyReached)] = ("Sent to the store owner when the configured share of a product's pre-order cap is sold (once per cap).", "Отправляется владельцу магазина, когда продана заданная доля лимита предзаказов товара (один раз для каждого лимита)."),

        // words inside tokens
        [P + "Messages.ShipDate.Unknown"] = ("to be announced", "будет объявлена"),
        [P + "Messages.Settlement.Refunded"] = ("{0} has been refunded to you.", "Вам возвращено {0}."),
        [P + "Messages.Settlement.Forfeited"] = ("{0} of the deposit was kept as agreed compensation.", "{0} из предоплаты удержано как согласованная компенсация."),
        [P + "Messages.Settlement.Transferred"] = ("{0} has been moved to gift card {1}.", "{0} зачислено на подарочный сертификат {1}."),
        [P + "Messages.Settlement.Nothing"] = ("No payment was held for this pre-order.", "Оплаты по этому предзаказу не было."),
        [P + "Messages.Ledger.Date"] = ("Date", "Дата"),
        [P + "Messages.Ledger.Kind"] = ("Type", "Операция"),
        [P + "Messages.Ledger.Amount"] = ("Amount", "Сумма"),
        [P + "Messages.Ledger.Deposit"] = ("Deposit", "Предоплата"),
        [P + "Messages.Ledger.Balance"] = ("Balance payment", "Доплата"),
        [P + "Messages.Ledger.Installment"] = ("Installment", "Платёж по графику"),
        [P + "Messages.Ledger.Extra"] = ("Payment", "Платёж"),
        [P + "Messages.Ledger.Refund"] = ("Refund", "Возврат"),
        [P + "Messages.Ledger.Forfeit"] = ("Kept as compensation", "Удержано как компенсация"),
        [P + "Messages.Ledger.Transfer"] = ("Moved to a gift card", "Перенесено на подарочный сертификат"),
        [P + "Messages.Ledger.OrderTotal"] = ("Order total", "Сумма заказа"),
        [P + "Messages.Ledger.Paid"] = ("Paid", "Оплачено"),
        [P + "Messages.Ledger.Refunded"] = ("Refunded", "Возвращено"),
        [P + "Messages.Ledger.Outstanding"] = ("Still due", "Осталось оплатить"),
        [P + "Messages.Digest.Overdue"] = ("Balances overdue: {0}", "Просроченные доплаты: {0}"),
        [P + "Messages.Digest.OverdueItem"] = ("Order {0}: {1}, due {2}", "Заказ {0}: {1}, срок {2}"),
        [P + "Messages.Digest.Expiring"] = ("Reservations expiring within 24 hours: {0}", "Брони, истекающие в ближайшие 24 часа: {0}"),
        [P + "Messages.Digest.OfflineRefunds"] = ("Refunds to pay back offline: {0}", "Возвраты, которые нужно выплатить вручную: {0}"),
        [P + "Messages.Digest.RefundItem"] = ("Order {0}: {1}", "Заказ {0}: {1}"),
        [P + "Messages.Digest.FailedCharges"] = ("Failed automatic charges: {0}", "Неудачные автоматические списания: {0}"),
        [P + "Messages.Digest.PendingCharges"] = ("Charge attempts without an outcome (check the payment gateway): {0}", "Списания без результата (проверьте платёжный шлюз): {0}"),
        [P + "Messages.Digest.SoldOut"] = ("Products whose pre-order cap is reached: {0}", "Товары с исчерпанным лимитом предзаказа: {0}"),
        [P + "Messages.Digest.FailedNotifications"] = ("Notifications not delivered yet: e-mails {0}, webhooks {1}", "Недоставленные уведомления: письма {0}, вебхуки {1}"),
        [P + "Messages.Digest.NewPreorders"] = ("New pre-orders in the last 24 hours: {0} ({1} units)", "Новые предзаказы за 24 часа: {0} ({1} шт.)"),
        [P + "Messages.Digest.Payments"] = ("Payments received in the last 24 hours: {0}, {1} in total", "Платежи за 24 часа: {0}, всего {1}"),
        [P + "Messages.Digest.Expired"] = ("Reservations expired in the last 24 hours: {0}", "Брони, истёкшие за 24 часа: {0}"),
        [P + "Messages.Digest.More"] = ("and {0} more", "и ещё {0}")
    };

    private static string Description(string templateName) => "Admin.ContentManagement.MessageTemplates.Description." + templateName;
}
