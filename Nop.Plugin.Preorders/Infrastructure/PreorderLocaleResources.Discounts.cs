using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>The discount requirement "bought as a pre-order" (early-bird prices through nopCommerce's discounts).</summary>
    private static Dictionary<string, (string En, string Ru)> Discounts => new()
    {
        [R.DiscountIsPreorder] = ("The item is bought as a pre-order", "Товар покупается по предзаказу"),
        [R.DiscountIsPreorder + ".Hint"] = (
            "Assign this discount to your pre-order products (discount type \"Assigned to products\"); the percentage or amount, dates and \"N times only\" are the discount's own settings. nopCommerce checks requirements per customer, not per cart line: the requirement holds while the customer's shopping cart contains a product whose pre-order window is open now, so the early-bird price shows in the cart and at checkout.",
            "Назначьте эту скидку товарам по предзаказу (тип скидки «Для товаров»); процент или сумма, даты и «только N раз» задаются в самой скидке. nopCommerce проверяет условия для покупателя, а не для строки корзины: условие выполнено, пока в корзине покупателя есть товар, предзаказ которого сейчас открыт, поэтому цена раннего предзаказа видна в корзине и при оформлении заказа."),
        [R.DiscountFirstUnits] = ("Within the first N pre-ordered units", "Среди первых N предзаказанных единиц"),
        [R.DiscountFirstUnits + ".Hint"] = (
            "0 = no limit. Otherwise the requirement holds only while the units of the product already pre-ordered plus the quantity in the cart do not exceed N. Each product is counted on its own: create one discount per product when the limit matters.",
            "0 — без ограничения. Иначе условие выполнено, только пока уже предзаказанные единицы товара вместе с количеством в корзине не превышают N. Каждый товар считается отдельно: если ограничение важно, создайте отдельную скидку для каждого товара."),
        [R.DiscountNotApplicable] = ("This discount applies to open pre-orders only, while the early-bird units last.", "Эта скидка действует только на открытые предзаказы, пока не разобраны единицы по ранней цене."),
        [R.DiscountFirstUnitsNegative] = ("The number of units cannot be negative (0 = no limit).", "Число единиц не может быть отрицательным (0 — без ограничения)."),
        [R.DiscountNotFound] = ("The discount could not be loaded.", "Не удалось загрузить скидку."),
        [R.DiscountRequirementNotFound] = ("The discount requirement could not be loaded.", "Не удалось загрузить условие скидки."),
    };
}
