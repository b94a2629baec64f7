using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Cancellation reasons (schema 1.7): the reason names, the pickers and their errors; the store-wide analytics page.</summary>
    private static Dictionary<string, (string En, string Ru)> Cancellation => new()
    {
        [R.CancelReasonRequired] = ("Please choose a reason for the cancellation.", "Пожалуйста, выберите причину отмены."),
        [R.CancelReasonUnknown] = ("The cancellation reason \"{0}\" is not one of the listed reasons.", "Причина отмены «{0}» не входит в список."),
        [R.CancelReasonTooLong] = ("Please keep the comment to {0} characters or fewer.", "Комментарий должен быть не длиннее {0} символов."),

        [CancellationReasonRules.ResourceKey(CancellationReason.NotGiven)] = ("No reason given", "Причина не указана"),
        [CancellationReasonRules.ResourceKey(CancellationReason.FoundCheaper)] = ("Found it cheaper elsewhere", "Нашёл дешевле в другом месте"),
        [CancellationReasonRules.ResourceKey(CancellationReason.ShipDateTooLate)] = ("Ship date too late", "Слишком поздняя дата отгрузки"),
        [CancellationReasonRules.ResourceKey(CancellationReason.OrderedByMistake)] = ("Ordered by mistake", "Заказал по ошибке"),
        [CancellationReasonRules.ResourceKey(CancellationReason.NoLongerNeeded)] = ("No longer needed", "Больше не нужно"),
        [CancellationReasonRules.ResourceKey(CancellationReason.Other)] = ("Other", "Другое"),
        [CancellationReasonRules.ResourceKey(CancellationReason.CustomerRequest)] = ("Customer's request", "По просьбе покупателя"),
        [CancellationReasonRules.ResourceKey(CancellationReason.SupplyProblem)] = ("Stock will not arrive", "Товар не поступит"),
        [CancellationReasonRules.ResourceKey(CancellationReason.PaymentProblem)] = ("Payment problem", "Проблема с оплатой"),
        [CancellationReasonRules.ResourceKey(CancellationReason.SuspectedFraud)] = ("Suspected fraud", "Подозрение на мошенничество"),

        [P + "Account.CancelReason"] = ("Why are you cancelling?", "Почему вы отменяете?"),
        [P + "Account.CancelReason.Choose"] = ("Choose a reason", "Выберите причину"),
        [P + "Account.CancelReasonText"] = ("Comment (optional)", "Комментарий (необязательно)"),
        [P + "Actions.CancelReason"] = ("Cancellation reason", "Причина отмены"),
        [P + "Actions.CancelReasonNote"] = ("Note to the customer", "Сообщение покупателю"),
        [P + "Order.CancelReason"] = ("Cancellation reason", "Причина отмены"),
        [P + "Grid.CancelReason"] = ("Cancellation reason", "Причина отмены"),
        [P + "Campaign.ReasonComments"] = ("Latest comments", "Последние комментарии"),

        // store-wide analytics
        [P + "Menu.Analytics"] = ("Pre-order analytics", "Аналитика предзаказов"),
        [P + "Analytics.Title"] = ("Pre-order analytics", "Аналитика предзаказов"),
        [P + "Analytics.Hint"] = ("Lines placed in the period, grouped by campaign and by month of placement (store time). Money in and refunds are ledger movements of the month they happened; deposits collected and outstanding are what those lines hold and owe now.",
            "Строки, оформленные за период, по кампаниям и по месяцу оформления (время магазина). Поступления и возвраты — движения по журналу в месяце, когда они прошли; собранные предоплаты и остаток — то, что эти строки содержат и должны сейчас."),
        [P + "Analytics.Months"] = ("Months", "Месяцев"),
        [P + "Analytics.DownloadCsv"] = ("Download CSV", "Скачать CSV"),
        [P + "Analytics.ByMonth"] = ("By month", "По месяцам"),
        [P + "Analytics.Campaigns"] = ("Campaigns", "Кампании"),
        [P + "Analytics.Campaign"] = ("Campaign", "Кампания"),
        [P + "Analytics.Month"] = ("Month", "Месяц"),
        [P + "Analytics.Total"] = ("Total", "Итого"),
        [P + "Analytics.DepositLines"] = ("Deposits in", "Внесено предоплат"),
        [P + "Analytics.Converted"] = ("Paid in full", "Оплачено полностью"),
        [P + "Analytics.Conversion"] = ("Deposit → paid", "Предоплата → оплата"),
        [P + "Analytics.DaysToBalance"] = ("Avg. days to balance", "Ср. дней до доплаты"),
        [P + "Analytics.Cancelled"] = ("Cancelled", "Отменено"),
        [P + "Analytics.Reasons"] = ("Cancellation reasons", "Причины отмены"),
        [P + "Analytics.DepositsCollected"] = ("Deposits collected", "Собрано предоплат"),
        [P + "Analytics.Outstanding"] = ("Outstanding", "К оплате"),
        [P + "Analytics.MoneyIn"] = ("Money in", "Поступления"),
        [P + "Analytics.Refunded"] = ("Refunded", "Возвращено")
    };
}
