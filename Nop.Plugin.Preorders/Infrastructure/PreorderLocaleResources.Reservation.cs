using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Reserving an in-stock item with a deposit (schema 2.4): errors, the product page's button, the admin fields.</summary>
    private static Dictionary<string, (string En, string Ru)> Reservation => new()
    {
        [R.ReservationTermRange] = ("The reservation term must be between 1 and 365 days.", "Срок резерва должен быть от 1 до 365 дней."),
        [R.ReservationNotOffered] = ("This product cannot be reserved.", "Этот товар нельзя зарезервировать."),
        [R.ReservationNoStock] = ("There is no unit of this product left to reserve.", "Свободных единиц этого товара для резерва не осталось."),
        [R.ReservationUnitTaken] = ("Sorry, the last unit of \"{0}\" was reserved by another shopper a moment ago. Your order was cancelled and your deposit refunded.",
            "К сожалению, последнюю единицу «{0}» только что зарезервировал другой покупатель. Ваш заказ отменён, залог возвращён."),
        [P + "Reservation.Button"] = ("Reserve with deposit", "Зарезервировать с залогом"),
        [P + "Reservation.Hint"] = ("Pay a deposit now: the item is held for you for {0} days; pay the balance before the term ends.",
            "Внесите залог сейчас: товар будет отложен для вас на {0} дн.; оплатите остаток до конца срока."),
        [P + "Reservation.Line"] = ("Reservation", "Резерв"),
        [P + "Grid.ReservationsOnly"] = ("Reservations only", "Только резервы"),
        [P + "Grid.ReservationsOnly.Hint"] = ("Only in-stock units reserved with a deposit.", "Только единицы в наличии, зарезервированные с залогом."),
        [P + "Fields.Reservable"] = ("Can be reserved with a deposit", "Можно зарезервировать с залогом"),
        [P + "Fields.Reservable.Hint"] = ("While in stock, shoppers may reserve a unit with a deposit: it is held for them for the term, the balance is due before the term ends.",
            "Пока товар в наличии, покупатель может зарезервировать единицу с залогом: она отложена на срок резерва, остаток оплачивается до его окончания."),
        [P + "Fields.ReservationTermDays"] = ("Reservation term (days)", "Срок резерва (дней)"),
        [P + "Fields.ReservationTermDays.Hint"] = ("Empty: the store's default term from the configuration page.", "Пусто: срок магазина по умолчанию со страницы настроек."),
        [P + "Settings.ReservationTermDays"] = ("Default reservation term (days)", "Срок резерва по умолчанию (дней)"),
        [P + "Settings.ReservationTermDays.Hint"] = ("How long a reserved in-stock unit is held when the product sets no term of its own.",
            "Сколько дней зарезервированная единица отложена, если у товара нет своего срока.")
    };
}
