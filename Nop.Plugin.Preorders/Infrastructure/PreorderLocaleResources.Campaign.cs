using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;
using T = Nop.Plugin.Preorders.PreorderDefaults.Templates;

namespace Nop.Plugin.Preorders.Infrastructure;

public static partial class PreorderLocaleResources
{
    /// <summary>Campaign updates (schema 2.3): the stage names, the admin panel, the product page's timeline, the shopper's opt-out, the template.</summary>
    private static Dictionary<string, (string En, string Ru)> Campaign => new()
    {
        [R.CampaignStageUnknown] = ("Choose one of the listed stages.", "Выберите один из этапов списка."),
        [R.CampaignTextRequired] = ("Write a short text for the update.", "Напишите короткий текст обновления."),
        [R.CampaignTextTooLong] = ("Please keep the text to {0} characters or fewer.", "Текст должен быть не длиннее {0} символов."),
        [R.CampaignUpdateNotFound] = ("This update does not exist or was already deleted.", "Это обновление не найдено или уже удалено."),

        [CampaignUpdateRules.ResourceKey(CampaignStage.InProduction)] = ("In production", "В производстве"),
        [CampaignUpdateRules.ResourceKey(CampaignStage.QualityCheck)] = ("Quality check", "Проверка качества"),
        [CampaignUpdateRules.ResourceKey(CampaignStage.ShippedFromFactory)] = ("Shipped from the factory", "Отгружено с фабрики"),
        [CampaignUpdateRules.ResourceKey(CampaignStage.InCustoms)] = ("In customs", "На таможне"),
        [CampaignUpdateRules.ResourceKey(CampaignStage.Arrived)] = ("Arrived", "Поступило"),

        // admin panel on the campaign dashboard
        [P + "CampaignUpdates.Title"] = ("Campaign updates", "Ход кампании"),
        [P + "CampaignUpdates.Hint"] = ("Post the stage the campaign has reached with a short text. The product page shows the latest stage and the timeline; every buyer with a live pre-order of the product gets an e-mail (sent by the scheduled task, in batches) unless they turned these e-mails off; webhooks receive \"preorder.campaign_update\".",
            "Опубликуйте этап, которого достигла кампания, с коротким текстом. На странице товара видны последний этап и история; каждый покупатель с действующим предзаказом товара получит письмо (отправляет плановая задача, пакетами), если не отключил такие письма; вебхуки получат «preorder.campaign_update»."),
        [P + "CampaignUpdates.Stage"] = ("Stage", "Этап"),
        [P + "CampaignUpdates.Text"] = ("Text", "Текст"),
        [P + "CampaignUpdates.Post"] = ("Post update", "Опубликовать"),
        [P + "CampaignUpdates.Posted"] = ("Posted", "Опубликовано"),
        [P + "CampaignUpdates.Emails"] = ("E-mails", "Письма"),
        [P + "CampaignUpdates.Emails.Waiting"] = ("waiting for the task", "ожидают задачу"),
        [P + "CampaignUpdates.Emails.InProgress"] = ("{0} recorded, in progress", "записано {0}, идёт отправка"),
        [P + "CampaignUpdates.Emails.Done"] = ("{0} recorded", "записано {0}"),
        [P + "CampaignUpdates.Deleted"] = ("deleted", "удалено"),
        [P + "CampaignUpdates.Delete"] = ("Delete", "Удалить"),
        [P + "CampaignUpdates.Delete.Confirm"] = ("Delete this update? Buyers not e-mailed yet will not be; e-mails already sent cannot be recalled.",
            "Удалить это обновление? Покупатели, которым письмо ещё не отправлено, его не получат; уже отправленные письма отозвать нельзя."),
        [P + "CampaignUpdates.None"] = ("No updates posted yet.", "Обновлений пока нет."),
        [P + "CampaignUpdates.DeleteOutcome." + CampaignUpdateDeleteOutcome.NothingSent] = ("Deleted before any e-mail went out: nobody is told.", "Удалено до отправки писем: никто не получит уведомление."),
        [P + "CampaignUpdates.DeleteOutcome." + CampaignUpdateDeleteOutcome.RestStopped] = ("Deleted while e-mails were going out: e-mails already sent and the webhook stay sent; nobody else is e-mailed.",
            "Удалено во время рассылки: уже отправленные письма и вебхук остаются отправленными; остальные покупатели писем не получат."),
        [P + "CampaignUpdates.DeleteOutcome." + CampaignUpdateDeleteOutcome.AlreadySent] = ("Deleted after every buyer's e-mail was recorded: e-mails not yet sent are skipped, those sent cannot be recalled.",
            "Удалено после записи писем всем покупателям: ещё не отправленные письма будут пропущены, отправленные отозвать нельзя."),

        // product page
        [P + "Product.CampaignStage"] = ("Campaign: {0}", "Ход кампании: {0}"),
        [P + "Product.CampaignTimeline"] = ("Campaign updates", "История кампании"),

        // shopper's account
        [P + "Account.CampaignUpdates"] = ("Campaign update e-mails", "Письма о ходе кампании"),
        [P + "Account.CampaignUpdates.Receive"] = ("E-mail me when a campaign I pre-ordered from posts an update (in production, shipped, in customs...)",
            "Присылать письма, когда у кампании моего предзаказа есть новости (в производстве, отгружено, на таможне...)"),
        [P + "Account.CampaignUpdates.Save"] = ("Save", "Сохранить"),
        [P + "Account.CampaignUpdates.Saved"] = ("Your choice is saved.", "Ваш выбор сохранён."),

        [Description(T.CampaignUpdate)] = ("Sent by the scheduled task to every buyer with a live pre-order of a product when the merchant posts a campaign update (stage and text), once per buyer and update, unless the buyer turned these e-mails off.",
            "Отправляется плановой задачей каждому покупателю с действующим предзаказом товара, когда продавец публикует новость о ходе кампании (этап и текст), один раз на покупателя и новость, если покупатель не отключил такие письма.")
    };
}
