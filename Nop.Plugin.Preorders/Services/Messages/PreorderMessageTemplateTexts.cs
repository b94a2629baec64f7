using T = Nop.Plugin.Preorders.PreorderDefaults.Templates;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>Subject and body of a message template in one language.</summary>
public sealed record PreorderTemplateText(string Subject, string Body);

/// <summary>
/// Default texts of the plugin's message templates, English and Russian, added at install. Merchants edit
/// them in Content management > Message templates (per store and language). nopCommerce's syntax: tokens
/// as %Name%, conditional parts as "%if (%Token%) ... endif%" (not nested).
/// </summary>
public static class PreorderMessageTemplateTexts
{
    private const string Header = "<p><a href=\"%Store.URL%\">%Store.Name%</a></p>";
    private const string Ledger = "<p>%Preorder.LedgerSummary%</p>";

    /// <summary>The merchant's text, encoded by nopCommerce; pre-line keeps the line breaks the merchant typed.</summary>
    private const string MerchantText = "<blockquote style=\"white-space:pre-line;margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc\">%Preorder.MerchantMessage%</blockquote>";

    /// <summary>The shopper's note with an extension request, encoded by nopCommerce, line breaks kept.</summary>
    private const string RequestNote = "<blockquote style=\"white-space:pre-line;margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc\">%Preorder.RequestMessage%</blockquote>";

    /// <summary>The merchant's campaign update text, encoded by nopCommerce, line breaks kept.</summary>
    private const string CampaignText = "<blockquote style=\"white-space:pre-line;margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc\">%Preorder.CampaignText%</blockquote>";

    public static IReadOnlyDictionary<string, (PreorderTemplateText En, PreorderTemplateText Ru)> All { get; } =
        new Dictionary<string, (PreorderTemplateText, PreorderTemplateText)>
        {
            [T.PreorderConfirmed] = (
                new("%Store.Name%. Your pre-order %Order.OrderNumber% is confirmed",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>Thank you! Your pre-order of <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%) is confirmed. Expected to ship: %Preorder.ShipDate%.</p>" +
                    "<p>Paid so far: %Preorder.DepositPaid%. %if (%Preorder.HasBalanceDue%) The balance of %Preorder.BalanceDue% is due when your item arrives; we will e-mail you a payment link. endif%</p>" +
                    Ledger + "<p>Your pre-orders: <a href=\"%Preorder.AccountLink%\">%Preorder.AccountLink%</a></p>"),
                new("%Store.Name%. Ваш предзаказ %Order.OrderNumber% подтверждён",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Спасибо! Ваш предзаказ <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) подтверждён. Ожидаемая отгрузка: %Preorder.ShipDate%.</p>" +
                    "<p>Оплачено: %Preorder.DepositPaid%. %if (%Preorder.HasBalanceDue%) Остаток %Preorder.BalanceDue% нужно будет оплатить, когда товар поступит; мы пришлём ссылку на оплату. endif%</p>" +
                    Ledger + "<p>Ваши предзаказы: <a href=\"%Preorder.AccountLink%\">%Preorder.AccountLink%</a></p>")),

            [T.DepositReceived] = (
                new("%Store.Name%. Deposit received for order %Order.OrderNumber%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>We have received your deposit of <strong>%Preorder.PaymentAmount%</strong> for <strong>%Preorder.Product%</strong>. Your units are reserved. Expected to ship: %Preorder.ShipDate%.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) Balance still to pay: %Preorder.BalanceDue%. endif%</p>" + Ledger),
                new("%Store.Name%. Предоплата по заказу %Order.OrderNumber% получена",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Мы получили вашу предоплату <strong>%Preorder.PaymentAmount%</strong> за <strong>%Preorder.Product%</strong>. Товар зарезервирован за вами. Ожидаемая отгрузка: %Preorder.ShipDate%.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) Осталось оплатить: %Preorder.BalanceDue%. endif%</p>" + Ledger)),

            [T.ShipDateChanged] = (
                new("%Store.Name%. New ship date for %Preorder.Product%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>The expected ship date of <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%) has changed from %Preorder.OldShipDate% to <strong>%Preorder.NewShipDate%</strong>.</p>" +
                    "<p>Reason: %Preorder.DelayReason%</p>" +
                    "<p>%if (%Preorder.CanCancelFree%) If you would rather not wait, you can cancel this pre-order without any penalty and get your money back: <a href=\"%Preorder.CancelLink%\">cancel my pre-order</a>. endif%</p>" +
                    "<p>%if (%Preorder.HasDelayCompensation%) For the wait: %Preorder.DelayCompensation% endif%</p>" +
                    "<p>%if (%Preorder.HasSwapOffer%) Would you rather have <strong>%Preorder.SwapProduct%</strong>? Move your pre-order and the money you paid to it with one click: <a href=\"%Preorder.SwapLink%\">swap my pre-order</a>. endif%</p>" +
                    "<p>We are sorry for the wait.</p>"),
                new("%Store.Name%. Новая дата отгрузки: %Preorder.Product%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Ожидаемая дата отгрузки <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) изменилась: была %Preorder.OldShipDate%, теперь <strong>%Preorder.NewShipDate%</strong>.</p>" +
                    "<p>Причина: %Preorder.DelayReason%</p>" +
                    "<p>%if (%Preorder.CanCancelFree%) Если вы не хотите ждать, вы можете отменить предзаказ без штрафа и вернуть деньги: <a href=\"%Preorder.CancelLink%\">отменить предзаказ</a>. endif%</p>" +
                    "<p>%if (%Preorder.HasDelayCompensation%) За ожидание: %Preorder.DelayCompensation% endif%</p>" +
                    "<p>%if (%Preorder.HasSwapOffer%) Хотите вместо этого <strong>%Preorder.SwapProduct%</strong>? Перенесите предзаказ и уплаченные деньги на него одним нажатием: <a href=\"%Preorder.SwapLink%\">заменить предзаказ</a>. endif%</p>" +
                    "<p>Приносим извинения за ожидание.</p>")),

            [T.StockArrivedBalanceDue] = (
                new("%Store.Name%. %Preorder.Product% has arrived",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>Good news: <strong>%Preorder.Product%</strong> from your pre-order %Order.OrderNumber% has arrived and is reserved for you.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) Please pay the balance of <strong>%Preorder.BalanceDue%</strong> by %Preorder.DueDate%: <a href=\"%Preorder.BalanceLink%\">pay the balance</a>. endif%</p>" +
                    "<p>%if (!%Preorder.HasBalanceDue%) Everything is paid; we will ship it shortly. endif%</p>" + Ledger),
                new("%Store.Name%. %Preorder.Product% поступил",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Хорошие новости: <strong>%Preorder.Product%</strong> из вашего предзаказа %Order.OrderNumber% поступил и зарезервирован за вами.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) Пожалуйста, оплатите остаток <strong>%Preorder.BalanceDue%</strong> до %Preorder.DueDate%: <a href=\"%Preorder.BalanceLink%\">оплатить остаток</a>. endif%</p>" +
                    "<p>%if (!%Preorder.HasBalanceDue%) Всё оплачено, скоро мы его отправим. endif%</p>" + Ledger)),

            [T.BalanceReminder] = (
                new("%Store.Name%. Reminder: %Preorder.BalanceDue% due by %Preorder.DueDate%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>A friendly reminder: the balance of <strong>%Preorder.BalanceDue%</strong> for <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%) is due by <strong>%Preorder.DueDate%</strong> (%Preorder.DaysLeft% day(s) left).</p>" +
                    "<p><a href=\"%Preorder.BalanceLink%\">Pay the balance</a></p>" + Ledger),
                new("%Store.Name%. Напоминание: оплатите %Preorder.BalanceDue% до %Preorder.DueDate%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Напоминаем: остаток <strong>%Preorder.BalanceDue%</strong> за <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) нужно оплатить до <strong>%Preorder.DueDate%</strong> (осталось дней: %Preorder.DaysLeft%).</p>" +
                    "<p><a href=\"%Preorder.BalanceLink%\">Оплатить остаток</a></p>" + Ledger)),

            [T.UpcomingCharge] = (
                new("%Store.Name%. Upcoming payment of %Preorder.PaymentAmount% on %Preorder.ChargeDate%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>On <strong>%Preorder.ChargeDate%</strong> we will automatically charge <strong>%Preorder.PaymentAmount%</strong> for your pre-order %Order.OrderNumber% (%Preorder.Product%), as agreed at checkout. Nothing to do on your side.</p>" + Ledger),
                new("%Store.Name%. Предстоящее списание %Preorder.PaymentAmount% %Preorder.ChargeDate%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p><strong>%Preorder.ChargeDate%</strong> мы автоматически спишем <strong>%Preorder.PaymentAmount%</strong> за ваш предзаказ %Order.OrderNumber% (%Preorder.Product%), как было согласовано при оформлении. От вас ничего не требуется.</p>" + Ledger)),

            [T.ChargeFailed] = (
                new("%Store.Name%. Your payment for order %Order.OrderNumber% did not go through",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>We could not charge <strong>%Preorder.PaymentAmount%</strong> for your pre-order %Order.OrderNumber% (%Preorder.Product%): %Preorder.ChargeError%</p>" +
                    "<p>Please pay the <strong>%Preorder.BalanceDue%</strong> still due here: <a href=\"%Preorder.BalanceLink%\">pay now</a>.</p>" + Ledger),
                new("%Store.Name%. Платёж по заказу %Order.OrderNumber% не прошёл",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Нам не удалось списать <strong>%Preorder.PaymentAmount%</strong> за ваш предзаказ %Order.OrderNumber% (%Preorder.Product%): %Preorder.ChargeError%</p>" +
                    "<p>Пожалуйста, оплатите оставшиеся <strong>%Preorder.BalanceDue%</strong> здесь: <a href=\"%Preorder.BalanceLink%\">оплатить</a>.</p>" + Ledger)),

            [T.ReservationExpiring] = (
                new("%Store.Name%. Your reservation of %Preorder.Product% expires on %Preorder.ExpiresOn%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>The balance of <strong>%Preorder.BalanceDue%</strong> for <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%) was due on %Preorder.DueDate%. Your reservation expires on <strong>%Preorder.ExpiresOn%</strong> unless it is paid.</p>" +
                    "<p><a href=\"%Preorder.BalanceLink%\">Pay now or ask for more time</a></p>"),
                new("%Store.Name%. Бронь %Preorder.Product% истекает %Preorder.ExpiresOn%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Остаток <strong>%Preorder.BalanceDue%</strong> за <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) нужно было оплатить до %Preorder.DueDate%. Если он не будет оплачен, бронь истечёт <strong>%Preorder.ExpiresOn%</strong>.</p>" +
                    "<p><a href=\"%Preorder.BalanceLink%\">Оплатить или попросить продление</a></p>")),

            [T.ReservationExpired] = (
                new("%Store.Name%. Your reservation of %Preorder.Product% has expired",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>The balance for <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%) was not paid in time, so the reservation has expired and the units were released.</p>" +
                    "<p>%Preorder.Settlement%</p>" + Ledger),
                new("%Store.Name%. Бронь %Preorder.Product% истекла",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Остаток за <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) не был оплачен вовремя, поэтому бронь истекла и товар снят с резерва.</p>" +
                    "<p>%Preorder.Settlement%</p>" + Ledger)),

            [T.PaidInFull] = (
                new("%Store.Name%. Payment received for order %Order.OrderNumber%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>We have received your payment of <strong>%Preorder.PaymentAmount%</strong> for order %Order.OrderNumber% (%Preorder.Product%).</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) Still to pay: %Preorder.BalanceDue%. endif%</p><p>%if (!%Preorder.HasBalanceDue%) Your order is paid in full. Thank you! endif%</p>" + Ledger),
                new("%Store.Name%. Оплата по заказу %Order.OrderNumber% получена",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Мы получили ваш платёж <strong>%Preorder.PaymentAmount%</strong> по заказу %Order.OrderNumber% (%Preorder.Product%).</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) Осталось оплатить: %Preorder.BalanceDue%. endif%</p><p>%if (!%Preorder.HasBalanceDue%) Заказ оплачен полностью. Спасибо! endif%</p>" + Ledger)),

            [T.CancelledRefunded] = (
                new("%Store.Name%. Your pre-order of %Preorder.Product% is cancelled",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>Your pre-order of <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%) has been cancelled.</p>" +
                    "%if (%Preorder.HasCancellationReason%) <p>Reason: %Preorder.CancellationReason%</p> endif%<p>%Preorder.Settlement%</p>" + Ledger),
                new("%Store.Name%. Предзаказ %Preorder.Product% отменён",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Ваш предзаказ <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) отменён.</p>" +
                    "%if (%Preorder.HasCancellationReason%) <p>Причина: %Preorder.CancellationReason%</p> endif%<p>%Preorder.Settlement%</p>" + Ledger)),

            [T.ThankYouReview] = (
                new("%Store.Name%. How do you like %Preorder.Product%?",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>Thank you for pre-ordering and for your patience! We hope you enjoy <strong>%Preorder.Product%</strong>.</p>" +
                    "<p>Would you share your opinion with other shoppers? <a href=\"%Preorder.ReviewLink%\">Write a review</a></p>"),
                new("%Store.Name%. Как вам %Preorder.Product%?",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Спасибо за предзаказ и терпение! Надеемся, вам понравится <strong>%Preorder.Product%</strong>.</p>" +
                    "<p>Поделитесь впечатлениями с другими покупателями: <a href=\"%Preorder.ReviewLink%\">написать отзыв</a></p>")),

            [T.BuyersMessage] = (
                new("%Store.Name%. A message about your pre-order of %Preorder.Product%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>We have news about your pre-order of <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%):</p>" +
                    MerchantText + "<p>Expected to ship: %Preorder.ShipDate%.</p><p>Your pre-orders: <a href=\"%Preorder.AccountLink%\">%Preorder.AccountLink%</a></p>"),
                new("%Store.Name%. Сообщение о вашем предзаказе %Preorder.Product%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>У нас есть новости о вашем предзаказе <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%):</p>" +
                    MerchantText + "<p>Ожидаемая отгрузка: %Preorder.ShipDate%.</p><p>Ваши предзаказы: <a href=\"%Preorder.AccountLink%\">%Preorder.AccountLink%</a></p>")),

            [T.BalanceLink] = (
                new("%Store.Name%. Your payment link for order %Order.OrderNumber%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>Here is a new personal link to pay for your pre-order %Order.OrderNumber% (%Preorder.Product%). Still to pay: <strong>%Preorder.BalanceDue%</strong>%if (%Preorder.HasDueDate%), due by <strong>%Preorder.DueDate%</strong>endif%.</p>" +
                    "<p><a href=\"%Preorder.BalanceLink%\">Pay the balance</a></p><p>Links we sent you earlier no longer work. Please do not forward this one: whoever has it can open the payment page of your order.</p>" + Ledger),
                new("%Store.Name%. Ссылка для оплаты заказа %Order.OrderNumber%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Отправляем новую персональную ссылку для оплаты предзаказа %Order.OrderNumber% (%Preorder.Product%). Осталось оплатить: <strong>%Preorder.BalanceDue%</strong>%if (%Preorder.HasDueDate%), срок — до <strong>%Preorder.DueDate%</strong>endif%.</p>" +
                    "<p><a href=\"%Preorder.BalanceLink%\">Оплатить остаток</a></p><p>Ссылки, которые мы присылали раньше, больше не действуют. Пожалуйста, не пересылайте эту ссылку: по ней открывается страница оплаты вашего заказа.</p>" + Ledger)),

            [T.CancelledThroughLink] = (
                new("%Store.Name%. Your pre-order of %Preorder.Product% was cancelled through your payment link",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>Your pre-order of <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%) was cancelled on the payment page opened from the personal link we e-mailed you.</p>" +
                    "%if (%Preorder.HasCancellationReason%) <p>Reason: %Preorder.CancellationReason%</p> endif%<p>%Preorder.Settlement%</p><p>If you did not cancel it, please contact us at once and do not share the links we send you.</p>" + Ledger),
                new("%Store.Name%. Предзаказ %Preorder.Product% отменён по ссылке на оплату",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Ваш предзаказ <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) отменён на странице оплаты, открытой по персональной ссылке из нашего письма.</p>" +
                    "%if (%Preorder.HasCancellationReason%) <p>Причина: %Preorder.CancellationReason%</p> endif%<p>%Preorder.Settlement%</p><p>Если вы его не отменяли, пожалуйста, сразу свяжитесь с нами и никому не пересылайте наши ссылки.</p>" + Ledger)),

            [T.StoreNewPreorder] = (
                new("%Store.Name%. New pre-order %Order.OrderNumber%",
                    Header + "<p>%Order.CustomerFullName% (%Order.CustomerEmail%) pre-ordered <strong>%Preorder.Product%</strong> (%Preorder.Quantity% unit(s)), order %Order.OrderNumber%.</p>" +
                    "<p>Paid: %Preorder.DepositPaid%. Balance due later: %Preorder.BalanceDue%.</p><p><a href=\"%Preorder.AdminOrderLink%\">Open the order</a></p>"),
                new("%Store.Name%. Новый предзаказ %Order.OrderNumber%",
                    Header + "<p>%Order.CustomerFullName% (%Order.CustomerEmail%) оформил предзаказ <strong>%Preorder.Product%</strong> (%Preorder.Quantity% шт.), заказ %Order.OrderNumber%.</p>" +
                    "<p>Оплачено: %Preorder.DepositPaid%. Остаток к оплате позже: %Preorder.BalanceDue%.</p><p><a href=\"%Preorder.AdminOrderLink%\">Открыть заказ</a></p>")),

            [T.StoreCapReached] = (
                new("%Store.Name%. Pre-order cap reached: %Preorder.Product%",
                    Header + "<p>All <strong>%Preorder.Cap%</strong> pre-order units of <strong>%Preorder.Product%</strong> are taken (%Preorder.UnitsSold% sold, %Preorder.UnitsLeft% left). Shoppers can no longer pre-order it unless you raise the cap.</p>" +
                    "<p><a href=\"%Preorder.AdminProductLink%\">Open the product</a></p>"),
                new("%Store.Name%. Лимит предзаказов исчерпан: %Preorder.Product%",
                    Header + "<p>Все <strong>%Preorder.Cap%</strong> единиц для предзаказа <strong>%Preorder.Product%</strong> разобраны (продано %Preorder.UnitsSold%, осталось %Preorder.UnitsLeft%). Пока вы не увеличите лимит, предзаказ недоступен.</p>" +
                    "<p><a href=\"%Preorder.AdminProductLink%\">Открыть товар</a></p>")),

            [T.StoreDepositConfirmed] = (
                new("%Store.Name%. Deposit received for order %Order.OrderNumber%",
                    Header + "<p>A deposit of <strong>%Preorder.PaymentAmount%</strong> was received for order %Order.OrderNumber% (%Preorder.Product%) from %Order.CustomerFullName%.</p>" +
                    "<p>Balance still due: %Preorder.BalanceDue%.</p><p><a href=\"%Preorder.AdminOrderLink%\">Open the order</a></p>"),
                new("%Store.Name%. Получена предоплата по заказу %Order.OrderNumber%",
                    Header + "<p>Получена предоплата <strong>%Preorder.PaymentAmount%</strong> по заказу %Order.OrderNumber% (%Preorder.Product%) от %Order.CustomerFullName%.</p>" +
                    "<p>Остаток к оплате: %Preorder.BalanceDue%.</p><p><a href=\"%Preorder.AdminOrderLink%\">Открыть заказ</a></p>")),

            [T.StoreBalanceOverdue] = (
                new("%Store.Name%. Balance overdue on order %Order.OrderNumber%",
                    Header + "<p>The balance of <strong>%Preorder.BalanceDue%</strong> for <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%, %Order.CustomerFullName%) was due on %Preorder.DueDate%. The reservation expires on %Preorder.ExpiresOn% unless it is paid or extended.</p>" +
                    "<p><a href=\"%Preorder.AdminOrderLink%\">Open the order</a></p>"),
                new("%Store.Name%. Просрочена доплата по заказу %Order.OrderNumber%",
                    Header + "<p>Остаток <strong>%Preorder.BalanceDue%</strong> за <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%, %Order.CustomerFullName%) нужно было оплатить до %Preorder.DueDate%. Если его не оплатят или не продлят срок, бронь истечёт %Preorder.ExpiresOn%.</p>" +
                    "<p><a href=\"%Preorder.AdminOrderLink%\">Открыть заказ</a></p>")),

            [T.StoreReservationExpired] = (
                new("%Store.Name%. Reservation expired on order %Order.OrderNumber%",
                    Header + "<p>The reservation of <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%, %Order.CustomerFullName%) expired: the balance was not paid. The units are back in the pre-order cap.</p>" +
                    "<p>%Preorder.Settlement%</p><p><a href=\"%Preorder.AdminOrderLink%\">Open the order</a></p>"),
                new("%Store.Name%. Истекла бронь по заказу %Order.OrderNumber%",
                    Header + "<p>Бронь <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%, %Order.CustomerFullName%) истекла: остаток не оплачен. Единицы возвращены в лимит предзаказа.</p>" +
                    "<p>%Preorder.Settlement%</p><p><a href=\"%Preorder.AdminOrderLink%\">Открыть заказ</a></p>")),

            [T.ExtensionGranted] = (
                new("%Store.Name%. More time to pay for %Preorder.Product%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>You have more time to pay for <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%): the balance of <strong>%Preorder.BalanceDue%</strong> is now due by <strong>%Preorder.DueDate%</strong>.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) <a href=\"%Preorder.BalanceLink%\">Pay the balance</a> endif%</p>" + Ledger),
                new("%Store.Name%. Срок оплаты %Preorder.Product% продлён",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Срок оплаты <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) продлён: остаток <strong>%Preorder.BalanceDue%</strong> нужно оплатить до <strong>%Preorder.DueDate%</strong>.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) <a href=\"%Preorder.BalanceLink%\">Оплатить остаток</a> endif%</p>" + Ledger)),

            [T.RefundMade] = (
                new("%Store.Name%. Refund of %Preorder.RefundedAmount% for order %Order.OrderNumber%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>We have refunded <strong>%Preorder.RefundedAmount%</strong> for your pre-order %Order.OrderNumber% (%Preorder.Product%). Depending on your bank it may take a few days to show.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) Still to pay: %Preorder.BalanceDue%. endif%</p>" + Ledger),
                new("%Store.Name%. Возврат %Preorder.RefundedAmount% по заказу %Order.OrderNumber%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Мы вернули <strong>%Preorder.RefundedAmount%</strong> по вашему предзаказу %Order.OrderNumber% (%Preorder.Product%). В зависимости от банка деньги могут поступить через несколько дней.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) Осталось оплатить: %Preorder.BalanceDue%. endif%</p>" + Ledger)),

            [T.LineShipped] = (
                new("%Store.Name%. Your pre-order of %Preorder.Product% has shipped",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>Your pre-order of <strong>%Preorder.Product%</strong> (%Preorder.Quantity% unit(s), order %Order.OrderNumber%) has shipped. Thank you for waiting!</p>" +
                    Ledger + "<p>Your pre-orders: <a href=\"%Preorder.AccountLink%\">%Preorder.AccountLink%</a></p>"),
                new("%Store.Name%. Ваш предзаказ %Preorder.Product% отправлен",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Ваш предзаказ <strong>%Preorder.Product%</strong> (%Preorder.Quantity% шт., заказ %Order.OrderNumber%) отправлен. Спасибо, что дождались!</p>" +
                    Ledger + "<p>Ваши предзаказы: <a href=\"%Preorder.AccountLink%\">%Preorder.AccountLink%</a></p>")),

            [T.StoreWindowClosing] = (
                new("%Store.Name%. Pre-order window of %Preorder.Product% closes on %Preorder.WindowEnd%",
                    Header + "<p>The pre-order window of <strong>%Preorder.Product%</strong> closes on <strong>%Preorder.WindowEnd%</strong>: %Preorder.UnitsSold% unit(s) sold so far. Extend the window on the product page if you want to sell longer.</p>" +
                    "<p><a href=\"%Preorder.AdminProductLink%\">Open the product</a></p>"),
                new("%Store.Name%. Окно предзаказа %Preorder.Product% закрывается %Preorder.WindowEnd%",
                    Header + "<p>Окно предзаказа <strong>%Preorder.Product%</strong> закрывается <strong>%Preorder.WindowEnd%</strong>: продано %Preorder.UnitsSold% шт. Если хотите продавать дольше, продлите окно на странице товара.</p>" +
                    "<p><a href=\"%Preorder.AdminProductLink%\">Открыть товар</a></p>")),

            [T.StoreCapNearlyReached] = (
                new("%Store.Name%. Pre-order cap nearly reached: %Preorder.Product%",
                    Header + "<p><strong>%Preorder.UnitsSold%</strong> of the <strong>%Preorder.Cap%</strong> pre-order units of <strong>%Preorder.Product%</strong> are sold: %Preorder.UnitsLeft% left. Raise the cap on the product page if you can supply more.</p>" +
                    "<p><a href=\"%Preorder.AdminProductLink%\">Open the product</a></p>"),
                new("%Store.Name%. Лимит предзаказов почти исчерпан: %Preorder.Product%",
                    Header + "<p>Продано <strong>%Preorder.UnitsSold%</strong> из <strong>%Preorder.Cap%</strong> единиц для предзаказа <strong>%Preorder.Product%</strong>: осталось %Preorder.UnitsLeft%. Если можете поставить больше, увеличьте лимит на странице товара.</p>" +
                    "<p><a href=\"%Preorder.AdminProductLink%\">Открыть товар</a></p>")),

            [T.StoreDailyDigest] = (
                new("%Store.Name%. Pre-orders: what needs attention today",
                    Header + "<p>Pre-orders today:</p>%Preorder.Digest%<p><a href=\"%Preorder.AdminOrderLink%\">Open the pre-order list</a></p>"),
                new("%Store.Name%. Предзаказы: что требует внимания сегодня",
                    Header + "<p>Предзаказы на сегодня:</p>%Preorder.Digest%<p><a href=\"%Preorder.AdminOrderLink%\">Открыть список предзаказов</a></p>")),

            [T.StoreExtensionRequested] = (
                new("%Store.Name%. More time requested for order %Order.OrderNumber%",
                    Header + "<p>%Order.CustomerFullName% asks for <strong>%Preorder.RequestedDays% more day(s)</strong> to pay the balance of <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%): %Preorder.BalanceDue%, due by %Preorder.DueDate%. The automatic extensions are used up.</p>" +
                    "<p>%if (%Preorder.HasRequestMessage%) Their note: endif%</p>" + RequestNote +
                    "<p>Approve or decline it in the pre-order list (filter \"Extension requested\"). <a href=\"%Preorder.AdminOrderLink%\">Open the order</a></p>"),
                new("%Store.Name%. Запрошено продление по заказу %Order.OrderNumber%",
                    Header + "<p>%Order.CustomerFullName% просит ещё <strong>%Preorder.RequestedDays% дн.</strong> на оплату остатка за <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%): %Preorder.BalanceDue%, срок %Preorder.DueDate%. Автоматические продления исчерпаны.</p>" +
                    "<p>%if (%Preorder.HasRequestMessage%) Комментарий покупателя: endif%</p>" + RequestNote +
                    "<p>Одобрите или отклоните запрос в списке предзаказов (фильтр «Запрошено продление»). <a href=\"%Preorder.AdminOrderLink%\">Открыть заказ</a></p>")),

            [T.ExtensionDeclined] = (
                new("%Store.Name%. About your request for more time: %Preorder.Product%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>We are sorry: we cannot give you %Preorder.RequestedDays% more day(s) to pay for <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%). The balance of <strong>%Preorder.BalanceDue%</strong> stays due by <strong>%Preorder.DueDate%</strong>.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) <a href=\"%Preorder.BalanceLink%\">Pay the balance</a> endif%</p>" + Ledger),
                new("%Store.Name%. О вашем запросе на продление: %Preorder.Product%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>К сожалению, мы не можем продлить срок оплаты <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) на %Preorder.RequestedDays% дн. Остаток <strong>%Preorder.BalanceDue%</strong> нужно оплатить до <strong>%Preorder.DueDate%</strong>.</p>" +
                    "<p>%if (%Preorder.HasBalanceDue%) <a href=\"%Preorder.BalanceLink%\">Оплатить остаток</a> endif%</p>" + Ledger)),

            [T.MissedShipDate] = (
                new("%Store.Name%. %Preorder.Product% is late",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>We expected to ship <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%) by %Preorder.OldShipDate%, and it has not arrived yet. We are sorry for the wait.</p>" +
                    "<p>If you would rather not wait, you can cancel this pre-order without any penalty and get your money back: <a href=\"%Preorder.CancelLink%\">cancel my pre-order</a>.</p>" +
                    "<p>%if (%Preorder.HasAutoRefund%) If it has not arrived by %Preorder.RefundDate%, we will cancel it and refund you automatically. endif%</p>" + Ledger),
                new("%Store.Name%. %Preorder.Product% задерживается",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Мы планировали отгрузить <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%) до %Preorder.OldShipDate%, но товар ещё не поступил. Приносим извинения за ожидание.</p>" +
                    "<p>Если вы не хотите ждать, вы можете отменить предзаказ без штрафа и вернуть деньги: <a href=\"%Preorder.CancelLink%\">отменить предзаказ</a>.</p>" +
                    "<p>%if (%Preorder.HasAutoRefund%) Если товар не поступит до %Preorder.RefundDate%, мы отменим предзаказ и вернём деньги автоматически. endif%</p>" + Ledger)),

            [T.CampaignUpdate] = (
                new("%Store.Name%. Pre-order news, %Preorder.Product%: %Preorder.CampaignStage%",
                    Header + "<p>Hello %Order.CustomerFullName%,</p><p>News about your pre-order of <strong>%Preorder.Product%</strong> (order %Order.OrderNumber%): <strong>%Preorder.CampaignStage%</strong> (%Preorder.CampaignPostedOn%).</p>" +
                    CampaignText + "<p>Expected to ship: %Preorder.ShipDate%.</p>" +
                    "<p>Your pre-orders: <a href=\"%Preorder.AccountLink%\">%Preorder.AccountLink%</a></p>" +
                    "<p style=\"font-size:smaller\">Rather not get these updates? <a href=\"%Preorder.CampaignOptOutLink%\">Turn off campaign update e-mails</a>.</p>"),
                new("%Store.Name%. Новости предзаказа %Preorder.Product%: %Preorder.CampaignStage%",
                    Header + "<p>Здравствуйте, %Order.CustomerFullName%!</p><p>Новости о вашем предзаказе <strong>%Preorder.Product%</strong> (заказ %Order.OrderNumber%): <strong>%Preorder.CampaignStage%</strong> (%Preorder.CampaignPostedOn%).</p>" +
                    CampaignText + "<p>Ожидаемая отгрузка: %Preorder.ShipDate%.</p>" +
                    "<p>Ваши предзаказы: <a href=\"%Preorder.AccountLink%\">%Preorder.AccountLink%</a></p>" +
                    "<p style=\"font-size:smaller\">Не хотите получать такие новости? <a href=\"%Preorder.CampaignOptOutLink%\">Отключить письма о ходе кампании</a>.</p>")),

            [T.WaitlistConfirm] = (
                new("%Store.Name%. Please confirm: tell me when %Preorder.Product% can be pre-ordered",
                    Header + "<p>Hello,</p><p>You asked to be told when pre-orders of <strong>%Preorder.Product%</strong> open (%Preorder.WaitlistOpensOn%). Please confirm your e-mail address:</p>" +
                    "<p><a href=\"%Preorder.WaitlistConfirmLink%\">Confirm and join the waitlist</a></p>" +
                    "<p>If you did not ask for this, ignore this e-mail: without your confirmation we will not write to you again.</p>"),
                new("%Store.Name%. Подтвердите: сообщить, когда откроется предзаказ %Preorder.Product%",
                    Header + "<p>Здравствуйте!</p><p>Вы попросили сообщить, когда откроется предзаказ <strong>%Preorder.Product%</strong> (%Preorder.WaitlistOpensOn%). Подтвердите адрес электронной почты:</p>" +
                    "<p><a href=\"%Preorder.WaitlistConfirmLink%\">Подтвердить и встать в лист ожидания</a></p>" +
                    "<p>Если вы этого не просили, просто проигнорируйте письмо: без подтверждения мы вам больше не напишем.</p>")),

            [T.WaitlistLaunch] = (
                new("%Store.Name%. Pre-orders of %Preorder.Product% are open",
                    Header + "<p>Hello,</p><p>You were waiting for <strong>%Preorder.Product%</strong>: pre-orders are open now.</p>" +
                    "%if (%Preorder.WaitlistHasFirstAccess%) <p>As you are on the waitlist, you may pre-order before everyone else until %Preorder.WaitlistFirstAccessEnds%.</p> endif%" +
                    "<p><a href=\"%Preorder.WaitlistProductLink%\">Pre-order now</a></p>" +
                    "<p style=\"font-size:smaller\"><a href=\"%Preorder.WaitlistLeaveLink%\">Leave the waitlist</a></p>"),
                new("%Store.Name%. Предзаказ %Preorder.Product% открыт",
                    Header + "<p>Здравствуйте!</p><p>Вы ждали <strong>%Preorder.Product%</strong>: предзаказ открыт.</p>" +
                    "%if (%Preorder.WaitlistHasFirstAccess%) <p>Вы в листе ожидания, поэтому можете оформить предзаказ раньше всех, до %Preorder.WaitlistFirstAccessEnds%.</p> endif%" +
                    "<p><a href=\"%Preorder.WaitlistProductLink%\">Оформить предзаказ</a></p>" +
                    "<p style=\"font-size:smaller\"><a href=\"%Preorder.WaitlistLeaveLink%\">Покинуть лист ожидания</a></p>"))
        };
}
