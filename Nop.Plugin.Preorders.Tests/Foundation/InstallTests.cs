using Autofac;
using Moq;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Messages;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.ScheduleTasks;
using Nop.Services.Security;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Foundation;

/// <summary>Install, configure and uninstall as nopCommerce runs them, with the plugin's migrations on the real database.</summary>
[TestFixture]
public class InstallTests
{
    private sealed class Nop
    {
        public readonly Dictionary<(string Key, int? Language), string> Resources = new();
        public readonly List<ScheduleTask> Tasks = new();
        public readonly List<string> DeletedPermissions = new();
        public readonly List<MessageTemplate> Templates = new();

        public void Register(ContainerBuilder builder)
        {
            var localization = new Mock<ILocalizationService>();
            localization.Setup(l => l.AddOrUpdateLocaleResourceAsync(It.IsAny<IDictionary<string, string>>(), It.IsAny<int?>()))
                .Callback<IDictionary<string, string>, int?>((resources, language) => { foreach (var r in resources) Resources[(r.Key, language)] = r.Value; })
                .Returns(Task.CompletedTask);
            localization.Setup(l => l.DeleteLocaleResourcesAsync(It.IsAny<string>(), It.IsAny<int?>()))
                .Callback<string, int?>((prefix, _) => { foreach (var k in Resources.Keys.Where(k => k.Key.StartsWith(prefix)).ToList()) Resources.Remove(k); })
                .Returns(Task.CompletedTask);
            localization.Setup(l => l.GetResourceAsync(It.IsAny<string>())).ReturnsAsync((string key) => key);
            builder.RegisterInstance(localization.Object);

            var languages = new Mock<ILanguageService>();
            languages.Setup(l => l.GetAllLanguagesAsync(It.IsAny<bool>(), It.IsAny<int>())).ReturnsAsync(new List<Language>
            {
                new() { Id = 1, Name = "English", LanguageCulture = "en-US" },
                new() { Id = 2, Name = "Русский", LanguageCulture = "ru-RU" }
            });
            builder.RegisterInstance(languages.Object);

            var tasks = new Mock<IScheduleTaskService>();
            tasks.Setup(t => t.GetTaskByTypeAsync(It.IsAny<string>())).ReturnsAsync((string type) => Tasks.FirstOrDefault(t => t.Type == type));
            tasks.Setup(t => t.InsertTaskAsync(It.IsAny<ScheduleTask>())).Callback<ScheduleTask>(Tasks.Add).Returns(Task.CompletedTask);
            tasks.Setup(t => t.DeleteTaskAsync(It.IsAny<ScheduleTask>())).Callback<ScheduleTask>(t => Tasks.Remove(t)).Returns(Task.CompletedTask);
            builder.RegisterInstance(tasks.Object);

            var permissions = new Mock<IPermissionService>();
            permissions.Setup(p => p.DeletePermissionAsync(It.IsAny<string>())).Callback<string>(DeletedPermissions.Add).Returns(Task.CompletedTask);
            builder.RegisterInstance(permissions.Object);

            var templates = new Mock<IMessageTemplateService>();
            templates.Setup(t => t.GetAllMessageTemplatesAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<bool?>(), It.IsAny<int>())).ReturnsAsync(() => Templates.ToList());
            templates.Setup(t => t.GetMessageTemplatesByNameAsync(It.IsAny<string>(), It.IsAny<int?>())).ReturnsAsync((string name, int? _) => Templates.Where(t => t.Name == name).ToList());
            templates.Setup(t => t.InsertMessageTemplateAsync(It.IsAny<MessageTemplate>())).Callback<MessageTemplate>(Templates.Add).Returns(Task.CompletedTask);
            templates.Setup(t => t.DeleteMessageTemplateAsync(It.IsAny<MessageTemplate>())).Callback<MessageTemplate>(t => Templates.Remove(t)).Returns(Task.CompletedTask);
            builder.RegisterInstance(templates.Object);

            var accounts = new Mock<IEmailAccountService>();
            accounts.Setup(a => a.GetEmailAccountByIdAsync(It.IsAny<int>())).ReturnsAsync(new EmailAccount { Id = 1, Email = "shop@example.test" });
            accounts.Setup(a => a.GetAllEmailAccountsAsync()).ReturnsAsync(new List<EmailAccount> { new() { Id = 1, Email = "shop@example.test" } });
            builder.RegisterInstance(accounts.Object);
        }
    }

    [Test]
    public async Task Install_adds_settings_texts_in_two_languages_widget_and_task_and_uninstall_removes_them()
    {
        using var database = TestDatabase.CreateMigrated();
        var nop = new Nop();
        var shop = new FakeShop { Settings = null };
        using var host = new PreorderTestHost(database, shop, configure: nop.Register);
        var plugin = host.CreateUnregistered<PreorderPlugin>();

        await plugin.InstallAsync();

        Assert.That(shop.Settings, Is.Not.Null, "settings saved with defaults");
        Assert.That(shop.Settings.BalanceDueDays, Is.EqualTo(7));
        Assert.That(shop.Settings.DefaultDepositRuleJson, Does.Contain("20"));
        Assert.That(shop.WidgetSettings.ActiveWidgetSystemNames, Does.Contain(PreorderDefaults.SystemName));
        Assert.That(nop.Tasks.Single().Type, Is.EqualTo(PreorderDefaults.TaskType));
        foreach (var (key, texts) in PreorderLocaleResources.All)
        {
            Assert.That(nop.Resources[(key, null)], Is.EqualTo(texts.En), key);
            Assert.That(nop.Resources[(key, 2)], Is.EqualTo(texts.Ru), key);
            Assert.That(texts.Ru, Is.Not.EqualTo(texts.En).Or.Length.LessThan(4), $"{key} needs a Russian text");
        }
        Assert.That(nop.Resources.Keys.Any(k => k.Language == 1), Is.False, "English goes to every language; only Russian is language-specific");

        // a second install (reinstall) duplicates nothing
        await plugin.InstallAsync();
        Assert.That(nop.Tasks, Has.Count.EqualTo(1));

        await plugin.UninstallAsync();
        Assert.That(shop.WidgetSettings.ActiveWidgetSystemNames, Does.Not.Contain(PreorderDefaults.SystemName));
        Assert.That(nop.Tasks, Is.Empty);
        Assert.That(nop.Resources, Is.Empty, "every resource removed");
        Assert.That(nop.DeletedPermissions, Is.EquivalentTo(new[] { PreorderDefaults.Permissions.View, PreorderDefaults.Permissions.Manage, PreorderDefaults.Permissions.Refund }));
        Assert.That(database.TableExists(PreorderDbNames.Table<Domain.PreorderLedgerEntry>()), Is.True, "money records are kept by default");
    }

    [Test]
    public async Task Uninstall_drops_the_tables_only_when_the_merchant_asked()
    {
        using var database = TestDatabase.CreateMigrated();
        var nop = new Nop();
        var shop = new FakeShop();
        shop.Settings.DeleteDataOnUninstall = true;
        using var host = new PreorderTestHost(database, shop, configure: nop.Register);

        await host.CreateUnregistered<PreorderPlugin>().UninstallAsync();

        foreach (var type in PreorderDbNames.EntityTypes)
            Assert.That(database.TableExists(PreorderDbNames.Table(type)), Is.False, PreorderDbNames.Table(type));
    }

    [Test]
    public void Configuration_page_url_comes_from_the_route()
    {
        using var database = TestDatabase.CreateMigrated();
        var url = new Mock<Web.Framework.Mvc.Routing.INopUrlHelper>();
        url.Setup(u => u.RouteUrl(PreorderDefaults.Routes.Configure, null, null, null, null)).Returns("/Admin/Preorders/Configure");
        using var host = new PreorderTestHost(database, configure: b => b.RegisterInstance(url.Object));
        Assert.That(host.CreateUnregistered<PreorderPlugin>().GetConfigurationPageUrl(), Is.EqualTo("/Admin/Preorders/Configure"));
    }
}
