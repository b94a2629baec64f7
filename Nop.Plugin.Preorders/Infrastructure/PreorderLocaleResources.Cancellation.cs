using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Cancellation reasons (schema 1.7): the reason names, the pickers and their errors.</summary>
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
        [P + "Campaign.ReasonComments"] = ("Latest comments", "Последние комментарии")
    };
}
