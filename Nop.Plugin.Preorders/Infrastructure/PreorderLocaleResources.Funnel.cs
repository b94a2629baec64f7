using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>The campaign funnel (schema 2.8): the steps, the campaign dashboard's panel, the CSV links.</summary>
    private static Dictionary<string, (string En, string Ru)> Funnel => new()
    {
        [CampaignFunnelRules.ResourceKey(FunnelStep.Views)] = ("Product page views", "Просмотры страницы товара"),
        [CampaignFunnelRules.ResourceKey(FunnelStep.WaitlistJoins)] = ("Waitlist joins", "Записались в лист ожидания"),
        [CampaignFunnelRules.ResourceKey(FunnelStep.Placed)] = ("Pre-orders placed", "Оформлено предзаказов"),
        [CampaignFunnelRules.ResourceKey(FunnelStep.DepositsPaid)] = ("Deposits paid", "Оплачено депозитов"),
        [CampaignFunnelRules.ResourceKey(FunnelStep.PaidInFull)] = ("Paid in full", "Оплачено полностью"),
        [CampaignFunnelRules.ResourceKey(FunnelStep.Cancelled)] = ("Cancellations", "Отмены"),

        [P + "Funnel.Title"] = ("Funnel", "Воронка"),
        [P + "Funnel.Hint"] = ("Pre-order lines by their current state; views are written by each server about once a minute and by the scheduled task.",
            "Строки предзаказов по текущему состоянию; просмотры каждый сервер записывает примерно раз в минуту и при запуске задачи."),
        [P + "Funnel.Step"] = ("Step", "Шаг"),
        [P + "Funnel.Count"] = ("Count", "Количество"),
        [P + "Funnel.Conversion"] = ("Conversion", "Конверсия"),
        [P + "Funnel.From"] = ("of", "от"),
        [P + "Funnel.Csv"] = ("Download CSV", "Скачать CSV"),
        [P + "Funnel.CsvAll"] = ("Funnels (CSV)", "Воронки (CSV)")
    };
}
