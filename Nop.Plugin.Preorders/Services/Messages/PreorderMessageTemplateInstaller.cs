using Nop.Core.Domain.Messages;
using Nop.Services.Localization;
using Nop.Services.Messages;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// Adds the plugin's message templates (one per <see cref="PreorderMessageKinds"/> entry) with English
/// texts, and Russian subjects and bodies as localized values for every Russian language, so merchants edit
/// them like nopCommerce's own. A template that already exists (reinstall, update) is left as the merchant
/// edited it. Uninstall removes them with their localized values.
/// </summary>
public class PreorderMessageTemplateInstaller
{
    private readonly EmailAccountSettings _emailAccountSettings;
    private readonly IEmailAccountService _emailAccountService;
    private readonly ILanguageService _languageService;
    private readonly ILocalizedEntityService _localizedEntityService;
    private readonly IMessageTemplateService _messageTemplateService;

    public PreorderMessageTemplateInstaller(EmailAccountSettings emailAccountSettings,
        IEmailAccountService emailAccountService,
        ILanguageService languageService,
        ILocalizedEntityService localizedEntityService,
        IMessageTemplateService messageTemplateService)
    {
        _emailAccountSettings = emailAccountSettings;
        _emailAccountService = emailAccountService;
        _languageService = languageService;
        _localizedEntityService = localizedEntityService;
        _messageTemplateService = messageTemplateService;
    }

    /// <summary>Names of the templates the plugin owns.</summary>
    public static IReadOnlyList<string> TemplateNames { get; } = PreorderMessageKinds.All.Select(k => k.TemplateName).Distinct().ToList();

    public virtual async Task InstallAsync()
    {
        var emailAccount = await _emailAccountService.GetEmailAccountByIdAsync(_emailAccountSettings.DefaultEmailAccountId)
            ?? (await _emailAccountService.GetAllEmailAccountsAsync())?.FirstOrDefault();
        var existing = (await _messageTemplateService.GetAllMessageTemplatesAsync(0) ?? new List<MessageTemplate>()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var russian = await RussianLanguageIdsAsync();

        foreach (var name in TemplateNames.Where(n => !existing.Contains(n)))
        {
            var (en, ru) = PreorderMessageTemplateTexts.All[name];
            var template = new MessageTemplate
            {
                Name = name,
                Subject = en.Subject,
                Body = en.Body,
                IsActive = true,
                EmailAccountId = emailAccount?.Id ?? 0
            };
            await _messageTemplateService.InsertMessageTemplateAsync(template);
            foreach (var languageId in russian)
            {
                await _localizedEntityService.SaveLocalizedValueAsync(template, t => t.Subject, ru.Subject, languageId);
                await _localizedEntityService.SaveLocalizedValueAsync(template, t => t.Body, ru.Body, languageId);
            }
        }
    }

    public virtual async Task UninstallAsync()
    {
        var languages = await _languageService.GetAllLanguagesAsync(showHidden: true) ?? new List<Nop.Core.Domain.Localization.Language>();
        foreach (var name in TemplateNames)
        {
            foreach (var template in await _messageTemplateService.GetMessageTemplatesByNameAsync(name) ?? new List<MessageTemplate>())
            {
                // nopCommerce deletes a localized value saved empty; the template row alone would leave them behind
                foreach (var language in languages)
                {
                    await _localizedEntityService.SaveLocalizedValueAsync(template, t => t.Subject, string.Empty, language.Id);
                    await _localizedEntityService.SaveLocalizedValueAsync(template, t => t.Body, string.Empty, language.Id);
                }
                await _messageTemplateService.DeleteMessageTemplateAsync(template);
            }
        }
    }

    private async Task<IList<int>> RussianLanguageIdsAsync() =>
        (await _languageService.GetAllLanguagesAsync(showHidden: true) ?? new List<Nop.Core.Domain.Localization.Language>())
            .Where(l => l.LanguageCulture?.StartsWith("ru", StringComparison.OrdinalIgnoreCase) == true)
            .Select(l => l.Id).ToList();
}
