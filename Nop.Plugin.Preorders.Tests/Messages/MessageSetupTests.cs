using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Moq;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Messages;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Messages;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>Templates installed for the merchant to edit, the token list of the editor, keys and backoff.</summary>
[TestFixture]
public class MessageSetupTests
{
    private sealed class TemplateStore
    {
        public readonly List<MessageTemplate> Templates = new();
        public readonly List<(string Name, string Property, string Value, int LanguageId)> Localized = new();
        public readonly Mock<IMessageTemplateService> Service = new();
        public readonly Mock<ILocalizedEntityService> LocalizedEntities = new();
        private int _nextId = 1;

        public TemplateStore()
        {
            Service.Setup(t => t.GetAllMessageTemplatesAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<bool?>(), It.IsAny<int>())).ReturnsAsync(() => Templates.ToList());
            Service.Setup(t => t.GetMessageTemplatesByNameAsync(It.IsAny<string>(), It.IsAny<int?>())).ReturnsAsync((string name, int? _) => Templates.Where(t => t.Name == name).ToList());
            Service.Setup(t => t.InsertMessageTemplateAsync(It.IsAny<MessageTemplate>())).Callback<MessageTemplate>(t => { t.Id = _nextId++; Templates.Add(t); }).Returns(Task.CompletedTask);
            Service.Setup(t => t.DeleteMessageTemplateAsync(It.IsAny<MessageTemplate>())).Callback<MessageTemplate>(t => Templates.Remove(t)).Returns(Task.CompletedTask);
            LocalizedEntities.Setup(l => l.SaveLocalizedValueAsync(It.IsAny<MessageTemplate>(), It.IsAny<Expression<Func<MessageTemplate, string>>>(), It.IsAny<string>(), It.IsAny<int>()))
                .Callback((MessageTemplate t, Expression<Func<MessageTemplate, string>> property, string value, int languageId) =>
                {
                    var name = ((MemberExpression)property.Body).Member.Name;
                    Localized.RemoveAll(l => l.Name == t.Name && l.Property == name && l.LanguageId == languageId);
                    if (!string.IsNullOrEmpty(value))
                        Localized.Add((t.Name, name, value, languageId));
                })
                .Returns(Task.CompletedTask);
        }

        public PreorderMessageTemplateInstaller Installer()
        {
            var accounts = new Mock<IEmailAccountService>();
            accounts.Setup(a => a.GetEmailAccountByIdAsync(3)).ReturnsAsync(new EmailAccount { Id = 3, Email = "shop@example.test" });
            var languages = new Mock<ILanguageService>();
            languages.Setup(l => l.GetAllLanguagesAsync(It.IsAny<bool>(), It.IsAny<int>())).ReturnsAsync(new List<Language>
            {
                new() { Id = 1, LanguageCulture = "en-US" },
                new() { Id = 2, LanguageCulture = "ru-RU" },
                new() { Id = 3, LanguageCulture = "de-DE" }
            });
            return new PreorderMessageTemplateInstaller(new EmailAccountSettings { DefaultEmailAccountId = 3 }, accounts.Object, languages.Object,
                LocalizedEntities.Object, Service.Object);
        }
    }

    [Test]
    public async Task An_update_from_1_4_adds_the_new_templates_and_keeps_the_merchants()
    {
        var store = new TemplateStore();
        var added = new[]
        {
            PreorderDefaults.Templates.ExtensionGranted, PreorderDefaults.Templates.RefundMade, PreorderDefaults.Templates.LineShipped,
            PreorderDefaults.Templates.StoreWindowClosing, PreorderDefaults.Templates.StoreCapNearlyReached
        };
        // what 1.4 installed, one of them edited
        var id = 500;
        foreach (var name in PreorderMessageKinds.All.Select(k => k.TemplateName).Distinct().Except(added))
            store.Templates.Add(new MessageTemplate { Id = id++, Name = name, Subject = "as the merchant left it", IsActive = true });

        // PreorderPlugin.UpdateAsync runs the installer
        await store.Installer().InstallAsync();

        Assert.That(store.Templates.Where(t => t.Subject != "as the merchant left it").Select(t => t.Name), Is.EquivalentTo(added), "only the new ones added");
        foreach (var name in added)
            Assert.That(store.Localized.Where(l => l.Name == name).Select(l => l.Value),
                Is.EquivalentTo(new[] { PreorderMessageTemplateTexts.All[name].Ru.Subject, PreorderMessageTemplateTexts.All[name].Ru.Body }));
    }

    [Test]
    public async Task Install_adds_every_template_with_english_and_russian_texts_once_and_uninstall_removes_them()
    {
        var store = new TemplateStore();
        store.Templates.Add(new MessageTemplate { Id = 99, Name = PreorderDefaults.Templates.PreorderConfirmed, Subject = "edited by the merchant", IsActive = false });
        var installer = store.Installer();

        await installer.InstallAsync();
        await installer.InstallAsync();

        var names = PreorderMessageKinds.All.Select(k => k.TemplateName).ToList();
        Assert.That(store.Templates.Select(t => t.Name), Is.EquivalentTo(names), "one of each, none twice");
        Assert.That(store.Templates.Single(t => t.Name == PreorderDefaults.Templates.PreorderConfirmed).Subject, Is.EqualTo("edited by the merchant"),
            "an existing template stays as the merchant edited it");
        foreach (var template in store.Templates.Where(t => t.Id != 99))
        {
            var (en, ru) = PreorderMessageTemplateTexts.All[template.Name];
            Assert.That(template.Subject, Is.EqualTo(en.Subject));
            Assert.That(template.Body, Is.EqualTo(en.Body));
            Assert.That(template.IsActive, Is.True);
            Assert.That(template.EmailAccountId, Is.EqualTo(3), "the shop's default e-mail account");
            Assert.That(store.Localized.Where(l => l.Name == template.Name).Select(l => (l.Property, l.Value, l.LanguageId)),
                Is.EquivalentTo(new[] { ("Subject", ru.Subject, 2), ("Body", ru.Body, 2) }), "Russian for the Russian language only");
        }

        await installer.UninstallAsync();
        Assert.That(store.Templates, Is.Empty);
        Assert.That(store.Localized, Is.Empty, "no orphaned localized texts");
    }

    [Test]
    public async Task Updating_an_installed_plugin_adds_the_link_cancellation_template_and_keeps_the_others()
    {
        // a shop on the previous version: every template but the new one, as the merchant edited them
        var store = new TemplateStore();
        var id = 500;
        foreach (var name in PreorderMessageKinds.All.Select(k => k.TemplateName).Where(n => n != PreorderDefaults.Templates.CancelledThroughLink))
            store.Templates.Add(new MessageTemplate { Id = id++, Name = name, Subject = "edited", Body = "edited", IsActive = true });

        await store.Installer().InstallAsync(); // what PreorderPlugin.UpdateAsync runs

        var added = store.Templates.Single(t => t.Name == PreorderDefaults.Templates.CancelledThroughLink);
        var (en, ru) = PreorderMessageTemplateTexts.All[PreorderDefaults.Templates.CancelledThroughLink];
        Assert.That((added.Subject, added.Body, added.IsActive), Is.EqualTo((en.Subject, en.Body, true)));
        Assert.That(store.Localized.Where(l => l.Name == added.Name).Select(l => l.Value), Is.EquivalentTo(new[] { ru.Subject, ru.Body }));
        Assert.That(store.Templates.Where(t => t.Id >= 500), Has.All.Matches<MessageTemplate>(t => t.Subject == "edited"), "the merchant's edits stay");
        Assert.That(PreorderLocaleResources.All.Keys, Has.Member("Admin.ContentManagement.MessageTemplates.Description." + PreorderDefaults.Templates.CancelledThroughLink));
    }

    [Test]
    public void Every_template_text_uses_only_tokens_that_exist_and_every_kind_has_english_and_russian()
    {
        var known = PreorderMessageTokens.All.ToHashSet();
        var nopTokens = new[] { "%Store.Name%", "%Store.URL%", "%Order.OrderNumber%", "%Order.CustomerFullName%", "%Order.CustomerEmail%" };
        foreach (var kind in PreorderMessageKinds.All)
        {
            Assert.That(PreorderMessageTemplateTexts.All.ContainsKey(kind.TemplateName), kind.TemplateName);
            var (en, ru) = PreorderMessageTemplateTexts.All[kind.TemplateName];
            Assert.That(ru.Body, Is.Not.EqualTo(en.Body));
            Assert.That(ru.Subject, Is.Not.EqualTo(en.Subject));
            foreach (var text in new[] { en.Subject, en.Body, ru.Subject, ru.Body })
            {
                foreach (System.Text.RegularExpressions.Match token in Regex.Matches(text, @"%[A-Za-z]+\.[A-Za-z.()]+%"))
                    Assert.That(known.Contains(token.Value) || nopTokens.Contains(token.Value), Is.True, $"{kind.TemplateName}: unknown token {token.Value}");
                Assert.That(Regex.Matches(text, "%if ").Count, Is.EqualTo(Regex.Matches(text, "endif%").Count), $"{kind.TemplateName}: unbalanced %if");
            }
            Assert.That(en.Body + en.Subject, Does.Contain("%Preorder."), $"{kind.TemplateName} uses the plugin's tokens");
        }
        Assert.That(PreorderLocaleResources.All.Keys, Has.Member("Admin.ContentManagement.MessageTemplates.Description." + PreorderDefaults.Templates.StoreDailyDigest));
    }

    [Test]
    public async Task The_template_editor_lists_the_plugin_tokens()
    {
        var consumer = new PreorderNotificationEventConsumer(new Mock<ILogger>().Object, null, null);
        var tokenEvent = new Mock<AdditionalTokensAddedEvent>();
        string[] added = null;
        tokenEvent.Setup(e => e.AddTokens(It.IsAny<string[]>())).Callback<string[]>(tokens => added = tokens);

        await consumer.HandleEventAsync(tokenEvent.Object);

        Assert.That(added, Is.Not.Null);
        Assert.That(added, Is.EquivalentTo(PreorderMessageTokens.All));
        Assert.That(added, Does.Contain("%Preorder.BalanceLink%").And.Contain("%Preorder.CancelLink%").And.Contain("%Preorder.LedgerSummary%")
            .And.Contain("%Preorder.DelayReason%").And.Contain("%Preorder.UnitsLeft%").And.Contain("%Preorder.DueDate%"));
        Assert.That(typeof(PreorderMessageTokens).GetFields().Where(f => f.IsLiteral).Select(f => $"%{f.GetValue(null)}%"), Is.EquivalentTo(added),
            "every token constant is listed");
    }

    [Test]
    public void Message_keys_round_trip_and_name_what_they_are_about()
    {
        var key = PreorderMessageKey.Format(PreorderMessageKinds.BalanceReminder, new[] { ("order", 12), ("line", 31) }, "x0", "d3");
        Assert.That(key, Is.EqualTo("reminder:order:12:line:31:x0:d3"));
        var parsed = PreorderMessageKey.Parse(key);
        Assert.That(parsed.Kind, Is.SameAs(PreorderMessageKinds.BalanceReminder));
        Assert.That((parsed.OrderId, parsed.LineId, parsed.Step, parsed.StepNumber("d"), parsed.StepNumber("x")), Is.EqualTo((12, 31, "x0:d3", (int?)3, (int?)0)));
        Assert.That(PreorderMessageKey.Parse("store-cap:product:5:cap20").ProductId, Is.EqualTo(5));
        Assert.That(PreorderMessageKey.Parse("nonsense:order:1"), Is.Null);
        Assert.That(PreorderMessageKinds.All.Select(k => k.Code), Is.Unique);
        Assert.Throws<ArgumentException>(() => PreorderMessageKey.Format(PreorderMessageKinds.Confirmed, new[] { ("order", 1) }, "a:b"));
    }

    [Test]
    public void Reminder_days_pick_the_nearest_due_one_and_backoff_grows_to_a_cap()
    {
        var due = new DateTime(2026, 12, 10, 12, 0, 0);
        var days = PreorderMessageService.ParseDays("3, 1,x,-2");
        Assert.That(days, Is.EqualTo(new[] { 3, 1 }));
        Assert.That(PreorderMessageService.ReminderDayDue(days, due, due.AddDays(-4)), Is.Null);
        Assert.That(PreorderMessageService.ReminderDayDue(days, due, due.AddDays(-2)), Is.EqualTo(3));
        Assert.That(PreorderMessageService.ReminderDayDue(days, due, due.AddHours(-2)), Is.EqualTo(1), "a late run sends the nearest, not both");
        Assert.That(PreorderMessageService.ReminderDayDue(days, due, due.AddDays(-2), notBeforeUtc: due.AddDays(-2.5)), Is.Null,
            "a reminder whose moment passed before the stock arrived is covered by the stock-arrived e-mail");

        Assert.That(DeliveryBackoff.After(1), Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(DeliveryBackoff.After(2), Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(DeliveryBackoff.After(4), Is.EqualTo(TimeSpan.FromMinutes(8)));
        Assert.That(DeliveryBackoff.After(50), Is.EqualTo(TimeSpan.FromHours(6)));
    }
}
