using Nop.Plugin.Preorders.Services.Campaigns;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;
using T = Nop.Plugin.Preorders.PreorderDefaults.Templates;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Waitlist before the window opens (schema 2.6): the product page, the links, first access, the admin panel.</summary>
    private static Dictionary<string, (string En, string Ru)> Waitlist => new()
    {
        [R.WaitlistNotComingSoon] = ("This product has no pre-order opening later: there is no waitlist to join.", "У этого товара нет предстоящего открытия предзаказа: лист ожидания недоступен."),
        [R.WaitlistInvalidEmail] = ("Please enter a valid e-mail address.", "Введите правильный адрес электронной почты."),
        [R.WaitlistFirstAccessHoursRange] = ("First access must be between 0 and {0} hours.", "Ранний доступ: от 0 до {0} часов."),
        [R.WaitlistFirstAccessOnly] = ("Pre-orders of this product are open to its waitlist first. Everyone can pre-order from {0}.",
            "Предзаказ этого товара сначала открыт для листа ожидания. Для всех он откроется {0}."),
        [R.WaitlistFirstAccessRefusedNote] = ("Pre-orders of this product were open to its waitlist only when this order was placed, so the order was cancelled. Any deposit taken has been refunded.",
            "Когда был оформлен этот заказ, предзаказ товара был открыт только для листа ожидания, поэтому заказ отменён. Внесённый депозит возвращён."),

        // product page
        [P + "Waitlist.OpensOn"] = ("Coming soon: pre-orders open on {0}.", "Скоро: предзаказ откроется {0}."),
        [P + "Waitlist.FirstAccessHint"] = ("Shoppers on the waitlist may pre-order during the first {0} hours before everyone else.",
            "Покупатели из листа ожидания смогут оформить предзаказ в первые {0} ч раньше остальных."),
        [P + "Waitlist.NotifyMe"] = ("Notify me", "Сообщить мне"),
        [P + "Waitlist.EmailLabel"] = ("Your e-mail", "Ваш e-mail"),
        [P + "Waitlist.GuestHint"] = ("We will send you a link to confirm your address.", "Мы пришлём ссылку для подтверждения адреса."),
        [P + "Waitlist.OnTheList"] = ("You are on the waitlist: we will e-mail you when pre-orders open.", "Вы в листе ожидания: мы напишем, когда откроется предзаказ."),
        [P + "Waitlist.AwaitingConfirmation"] = ("Please confirm your address through the link we e-mailed you.", "Подтвердите адрес по ссылке из нашего письма."),
        [P + "Waitlist.Leave"] = ("Leave the waitlist", "Покинуть лист ожидания"),
        [P + "Waitlist.Left"] = ("You left the waitlist.", "Вы покинули лист ожидания."),
        [P + "Waitlist.Confirmed"] = ("Thank you: your address is confirmed. We will e-mail you when pre-orders open.", "Спасибо, адрес подтверждён. Мы напишем, когда откроется предзаказ."),
        [P + "Waitlist.LinkInvalid"] = ("This link is not valid (any more).", "Эта ссылка недействительна."),
        [P + "Waitlist.LeaveTitle"] = ("Leave the waitlist", "Покинуть лист ожидания"),
        [P + "Waitlist.LeaveQuestion"] = ("Do you want to leave this product's waitlist? You will not be told when pre-orders open.",
            "Покинуть лист ожидания этого товара? Мы не сообщим вам об открытии предзаказа."),
        [P + "Waitlist.Outcome." + WaitlistJoinOutcome.Joined] = ("You are on the waitlist: we will e-mail you when pre-orders open.", "Вы в листе ожидания: мы напишем, когда откроется предзаказ."),
        [P + "Waitlist.Outcome." + WaitlistJoinOutcome.ConfirmationPending] = ("Almost done: please confirm your address through the link we are e-mailing you.",
            "Почти готово: подтвердите адрес по ссылке из письма, которое мы отправим."),
        [P + "Waitlist.Outcome." + WaitlistJoinOutcome.AlreadyJoined] = ("You are already on the waitlist.", "Вы уже в листе ожидания."),
        [P + "Waitlist.Outcome." + WaitlistJoinOutcome.NotComingSoon] = ("This product has no pre-order opening later: there is no waitlist to join.",
            "У этого товара нет предстоящего открытия предзаказа: лист ожидания недоступен."),
        [P + "Waitlist.Outcome." + WaitlistJoinOutcome.InvalidEmail] = ("Please enter a valid e-mail address.", "Введите правильный адрес электронной почты."),

        // admin panel
        [P + "Waitlist.Admin.Title"] = ("Waitlist", "Лист ожидания"),
        [P + "Waitlist.Admin.Count"] = ("{0} confirmed, {1} awaiting confirmation", "Подтверждено: {0}, ждут подтверждения: {1}"),
        [P + "Waitlist.Admin.Export"] = ("Export CSV", "Экспорт CSV"),
        [P + "Waitlist.Admin.FirstAccessHours"] = ("First access (hours)", "Ранний доступ (часы)"),
        [P + "Waitlist.Admin.FirstAccessHint"] = ("During these hours after the window opens, only confirmed waitlist members may pre-order. 0 = none.",
            "В эти часы после открытия окна предзаказ доступен только подтверждённым участникам листа ожидания. 0 — без раннего доступа."),
        [P + "Waitlist.Admin.Save"] = ("Save", "Сохранить"),

        [Description(T.WaitlistConfirm)] = ("Sent by the scheduled task to a guest who joined a product's waitlist: the link that confirms the address (double opt-in). Unconfirmed addresses get no other e-mail.",
            "Отправляется плановой задачей гостю, вставшему в лист ожидания товара: ссылка для подтверждения адреса (двойное согласие). Неподтверждённые адреса других писем не получают."),
        [Description(T.WaitlistLaunch)] = ("Sent by the scheduled task, in batches, to every confirmed waitlist member of a product once its pre-order window opens: once per member.",
            "Отправляется плановой задачей партиями каждому подтверждённому участнику листа ожидания, когда открывается окно предзаказа товара: один раз на участника."),
    };
}
