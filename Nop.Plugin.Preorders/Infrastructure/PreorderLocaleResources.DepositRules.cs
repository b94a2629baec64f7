namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Deposit rules by category and customer role (schema 2.5): the configuration page's panel, the product block's explanation, errors.</summary>
    private static Dictionary<string, (string En, string Ru)> DepositRules => new()
    {
        [P + "DepositRules.Title"] = ("Deposit rules by category and customer role", "Правила предоплаты по категориям и ролям покупателей"),
        [P + "DepositRules.Hint"] = ("A category's rule applies to its pre-order products that have no rule of their own. A customer role's rule applies to the customers in that role, over the product's and the category's rule. The product page, the checkout and the order use the rule of the customer who is buying.",
            "Правило категории действует для её товаров предзаказа без собственного правила. Правило роли действует для покупателей с этой ролью вместо правила товара и категории. Страница товара, оформление и заказ используют правило того покупателя, который покупает."),
        [P + "DepositRules.Precedence"] = ("Which rule applies (the first that fits):", "Какое правило действует (первое подходящее):"),
        [P + "DepositRules.Precedence.ProductMode"] = ("The product's payment mode: a product sold \"Pay in full now\" or \"Pay when it ships\" has no deposit, for every customer; the rules below apply to deposit products.",
            "Способ оплаты товара: у товара с «Полная оплата сейчас» или «Оплата при отгрузке» нет предоплаты ни для кого; правила ниже действуют для товаров с предоплатой."),
        [P + "DepositRules.Precedence.Role"] = ("The rule of one of the customer's roles. With several, the lowest priority number wins, then the oldest role.",
            "Правило одной из ролей покупателя. Если их несколько, действует правило с наименьшим приоритетом, затем самой старой роли."),
        [P + "DepositRules.Precedence.Product"] = ("The product's own deposit rule (its pre-order block).", "Собственное правило товара (блок предзаказа товара)."),
        [P + "DepositRules.Precedence.Category"] = ("The rule of the product's first category that has one, in the product's category order (parent categories do not pass theirs on).",
            "Правило первой категории товара, у которой оно есть, в порядке категорий товара (правила родительских категорий не наследуются)."),
        [P + "DepositRules.Precedence.Store"] = ("The store's default deposit rule (above).", "Правило предоплаты магазина по умолчанию (выше)."),
        [P + "DepositRules.None"] = ("No category or customer role has a deposit rule.", "Ни у одной категории или роли нет правила предоплаты."),
        [P + "DepositRules.Scope"] = ("Applies to", "Для"),
        [P + "DepositRules.Scope.Category"] = ("Category", "Категория"),
        [P + "DepositRules.Scope.CustomerRole"] = ("Customer role", "Роль покупателя"),
        [P + "DepositRules.Target"] = ("Category or customer role", "Категория или роль"),
        [P + "DepositRules.Rule"] = ("Rule", "Правило"),
        [P + "DepositRules.Priority"] = ("Priority (roles)", "Приоритет (роли)"),
        [P + "DepositRules.Priority.Hint"] = ("Customer roles only: when a customer has several roles with a rule, the lowest number wins.",
            "Только для ролей: если у покупателя несколько ролей с правилом, действует наименьшее число."),
        [P + "DepositRules.Add"] = ("Add a rule (a category or role that has one gets it replaced)", "Добавить правило (существующее правило категории или роли заменяется)"),
        [P + "DepositRules.Mode"] = ("Deposit", "Предоплата"),
        [P + "DepositRules.Mode.Hint"] = ("A category's rule is a deposit rule; a customer role may instead pay without a deposit.",
            "Правило категории — это правило предоплаты; роль может платить и без предоплаты."),
        [P + "DepositRules.Mode.Deposit"] = ("Deposit rule (below)", "Правило предоплаты (ниже)"),
        [P + "DepositRules.Mode.FullUpfront"] = ("No deposit: the whole price at checkout", "Без предоплаты: вся сумма при оформлении"),
        [P + "DepositRules.Mode.PayOnShip"] = ("No deposit: nothing until it ships", "Без предоплаты: ничего до отгрузки"),
        [P + "DepositRules.Save"] = ("Save rule", "Сохранить правило"),
        [P + "DepositRules.Saved"] = ("The deposit rule has been saved.", "Правило предоплаты сохранено."),
        [P + "DepositRules.Deleted"] = ("The deposit rule has been deleted.", "Правило предоплаты удалено."),
        [P + "DepositRules.NotFound"] = ("This deposit rule does not exist or was already deleted.", "Это правило предоплаты не найдено или уже удалено."),
        [P + "DepositRules.TargetUnknown"] = ("Choose a category or a customer role from the list.", "Выберите категорию или роль из списка."),
        [P + "DepositRules.ModeNotForCategory"] = ("A category's rule must be a deposit rule; \"no deposit\" is for customer roles.",
            "Правило категории должно быть правилом предоплаты; «без предоплаты» — только для ролей."),

        // the product block's explanation
        [P + "DepositRules.Explain.Title"] = ("Deposit rule that applies", "Действующее правило предоплаты"),
        [P + "DepositRules.Explain.Product"] = ("Product's own rule: {0}", "Собственное правило товара: {0}"),
        [P + "DepositRules.Explain.Category"] = ("Category '{0}' rule: {1}", "Правило категории «{0}»: {1}"),
        [P + "DepositRules.Explain.CategoryUnused"] = ("Category '{0}' rule ({1}) is not used: the product has its own.", "Правило категории «{0}» ({1}) не действует: у товара есть своё."),
        [P + "DepositRules.Explain.Store"] = ("Store default rule: {0}", "Правило магазина по умолчанию: {0}"),
        [P + "DepositRules.Explain.Role"] = ("Customers in role '{0}' pay {1}", "Покупатели с ролью «{0}» платят {1}"),
        [P + "DepositRules.Explain.RoleNoDeposit"] = ("Customers in role '{0}': {1}", "Покупатели с ролью «{0}»: {1}"),
        [P + "DepositRules.Explain.SeveralRoles"] = ("A customer in several of these roles gets the first one listed.", "Покупатель с несколькими из этих ролей получает первое правило списка."),
        [P + "DepositRules.Explain.NotDeposit"] = ("This product is sold \"{0}\": no deposit rule applies to it, for any customer.",
            "Этот товар продаётся на условии «{0}»: правила предоплаты к нему не применяются ни для кого."),

        // a rule in words (DepositRuleText)
        [P + "DepositRules.Text.FullUpfront"] = ("no deposit: the whole price at checkout", "без предоплаты: вся сумма при оформлении"),
        [P + "DepositRules.Text.PayOnShip"] = ("no deposit: nothing until it ships", "без предоплаты: ничего до отгрузки"),
        [P + "DepositRules.Text.Tier"] = ("{0} from {1} days ahead", "{0} за {1} дн. и более"),
        [P + "DepositRules.Text.Tiers"] = (" (by term: {0})", " (по сроку: {0})"),
        [P + "DepositRules.Text.Fixed"] = ("{0} per unit", "{0} за единицу"),
        [P + "DepositRules.Text.Larger"] = ("the larger of {0} and {1}", "большее из {0} и {1}"),
        [P + "DepositRules.Text.Smaller"] = ("the smaller of {0} and {1}", "меньшее из {0} и {1}"),
        [P + "DepositRules.Text.Choices"] = ("; the shopper may choose {0}", "; покупатель может выбрать {0}"),
        [P + "DepositRules.Text.Min"] = (", at least {0}", ", не менее {0}"),
        [P + "DepositRules.Text.Max"] = (", at most {0}", ", не более {0}")
    };
}
