using System.Linq.Expressions;
using Moq;
using Newtonsoft.Json;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Services.Configuration;
using Nop.Services.Payments;
using Nop.Services.Plugins;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>The configuration page's logic: settings per store scope with override flags, validation, saving each setting the way nopCommerce's plugins do.</summary>
[TestFixture]
public class ConfigurationTests
{
    private const int StoreId = 2;

    private Mock<ISettingService> _settings;
    private Mock<IPaymentPluginManager> _payments;
    private PreorderSettings _storeSettings;
    private HashSet<string> _overriddenForStore;
    private List<(string Key, bool Override, int StoreId, object Value)> _saved;

    [SetUp]
    public void SetUp()
    {
        _storeSettings = new PreorderSettings
        {
            BalanceDueDays = 11, GracePeriodDays = 4, ReminderDaysBefore = "5,2", ChargeMethodSystemName = "Payments.Manual",
            DefaultDepositRuleJson = JsonConvert.SerializeObject(new DepositRule
            {
                Percent = 15m, TermTiers = { new DepositTermTier { MinDaysAhead = 60, Percent = 30m }, new DepositTermTier { MinDaysAhead = 0, Percent = 10m } },
                Choices = { new DepositChoice { Percent = 50m, Perk = "signed copy" } }
            })
        };
        _overriddenForStore = new HashSet<string> { nameof(PreorderSettings.BalanceDueDays), nameof(PreorderSettings.DefaultDepositRuleJson) };
        _saved = new List<(string, bool, int, object)>();

        _settings = new Mock<ISettingService>();
        _settings.Setup(s => s.LoadSettingAsync<PreorderSettings>(StoreId)).ReturnsAsync(_storeSettings);
        _settings.Setup(s => s.LoadSettingAsync<PreorderSettings>(0)).ReturnsAsync(new PreorderSettings { DeleteDataOnUninstall = true });
        _settings.Setup(s => s.SettingExistsAsync(It.IsAny<PreorderSettings>(), It.IsAny<Expression<Func<PreorderSettings, It.IsAnyType>>>(), It.IsAny<int>()))
            .Returns(new InvocationFunc(call => Task.FromResult(_overriddenForStore.Contains(Member(call.Arguments[1])) && (int)call.Arguments[2] == StoreId)));
        _settings.Setup(s => s.SaveSettingOverridablePerStoreAsync(It.IsAny<PreorderSettings>(), It.IsAny<Expression<Func<PreorderSettings, It.IsAnyType>>>(),
                It.IsAny<bool>(), It.IsAny<int>(), It.IsAny<bool>()))
            .Returns(new InvocationFunc(call =>
            {
                var key = Member(call.Arguments[1]);
                var value = typeof(PreorderSettings).GetProperty(key)!.GetValue(call.Arguments[0]);
                _saved.Add((key, (bool)call.Arguments[2], (int)call.Arguments[3], value));
                return Task.CompletedTask;
            }));

        _payments = new Mock<IPaymentPluginManager>();
        _payments.Setup(p => p.LoadAllPluginsAsync(null, 0)).ReturnsAsync(new List<IPaymentMethod>
        {
            Method("Payments.Manual", "Credit card", PaymentMethodType.Standard),
            Method("Payments.PayPal", "PayPal", PaymentMethodType.Redirection),
            Method("Payments.Button", "Button", PaymentMethodType.Button),
            Method(PreorderDefaults.SystemName, "Pre-order deposit", PaymentMethodType.Standard),
            Method("Payments.Check", "Check", PaymentMethodType.Standard)
        });
    }

    private static string Member(object expression) => ((MemberExpression)((LambdaExpression)expression).Body).Member.Name;

    private static IPaymentMethod Method(string systemName, string name, PaymentMethodType type)
    {
        var method = new Mock<IPaymentMethod>();
        method.Setup(m => m.PaymentMethodType).Returns(type);
        method.Setup(m => m.PluginDescriptor).Returns(new PluginDescriptor { SystemName = systemName, FriendlyName = name });
        return method.Object;
    }

    private PreorderConfigurationService Service => new(_payments.Object, _settings.Object, Encryption().Object);

    /// <summary>nopCommerce's encryption service, as the shop fake does it ("enc:" + base64).</summary>
    private static Mock<Nop.Services.Security.IEncryptionService> Encryption()
    {
        var encryption = new Mock<Nop.Services.Security.IEncryptionService>();
        encryption.Setup(e => e.EncryptText(It.IsAny<string>(), It.IsAny<string>())).Returns((string text, string _) => Support.FakeShop.Encrypt(text));
        encryption.Setup(e => e.DecryptText(It.IsAny<string>(), It.IsAny<string>())).Returns((string text, string _) => Support.FakeShop.Decrypt(text));
        return encryption;
    }

    private const string GoodSecret = "0123456789abcdef0123456789abcdef";

    private static PreorderConfigurationModel Valid() => new()
    {
        MixedCartId = 0, DefaultPaymentModeId = 20, ExpiryPolicyId = 10, BalanceDueDays = 7, GracePeriodDays = 3, MaxAutoExtensions = 1, ExtensionDays = 7,
        AutoRefundDelayDays = 30, BalanceLinkValidDays = 14, ReminderDaysBefore = "3,1", UpcomingChargeNoticeDays = 3, ChargeRetryCount = 3, ChargeRetryBackoffHours = 24,
        DepositRule = new DepositRuleModel { Percent = 20m, Installments = 1, InstallmentIntervalDays = 30 }
    };

    [Test]
    public async Task A_store_scope_shows_its_values_and_which_ones_it_overrides()
    {
        var model = await Service.PrepareModelAsync(StoreId);

        Assert.That(model.ActiveStoreScopeConfiguration, Is.EqualTo(StoreId));
        Assert.That(model.BalanceDueDays, Is.EqualTo(11));
        Assert.That(model.BalanceDueDays_OverrideForStore, Is.True);
        Assert.That(model.DepositRule_OverrideForStore, Is.True);
        Assert.That(model.GracePeriodDays_OverrideForStore, Is.False);
        Assert.That(model.ReminderDaysBefore, Is.EqualTo("5,2"));
        Assert.That(model.DepositRule.Percent, Is.EqualTo(15m));
        Assert.That(model.DepositRule.TermTiers, Is.EqualTo("0:10\n60:30"), "tiers as \"days:percent\" lines, by days");
        Assert.That(model.DepositRule.Choices, Is.EqualTo("50:signed copy"));
        Assert.That(model.DeleteDataOnUninstall, Is.True, "an all-stores setting, shown from the global value");
    }

    [Test]
    public async Task Only_installed_standard_methods_other_than_the_plugin_can_charge()
    {
        var methods = await Service.GetChargeMethodsAsync();
        Assert.That(methods.Select(m => m.SystemName), Is.EqualTo(new[] { "Payments.Check", "Payments.Manual" }));
        Assert.That(methods.Select(m => m.FriendlyName), Is.EqualTo(new[] { "Check", "Credit card" }));
    }

    public static IEnumerable<TestCaseData> InvalidModels()
    {
        TestCaseData Case(string name, Action<PreorderConfigurationModel> change, string field, string resourceKey) =>
            new TestCaseData(change, field, resourceKey).SetName("Config_invalid_" + name);

        yield return Case("balance_due_days", m => m.BalanceDueDays = 366, "BalanceDueDays", R.SettingsRange);
        yield return Case("grace_days", m => m.GracePeriodDays = -1, "GracePeriodDays", R.SettingsRange);
        yield return Case("extension_days_zero", m => m.ExtensionDays = 0, "ExtensionDays", R.SettingsRange);
        yield return Case("link_days", m => m.BalanceLinkValidDays = 0, "BalanceLinkValidDays", R.SettingsRange);
        yield return Case("retries", m => m.ChargeRetryCount = 11, "ChargeRetryCount", R.SettingsRange);
        yield return Case("backoff", m => m.ChargeRetryBackoffHours = 0, "ChargeRetryBackoffHours", R.SettingsRange);
        yield return Case("surcharge", m => m.PreorderSurcharge = -0.01m, "PreorderSurcharge", R.SettingsRange);
        yield return Case("reminders", m => m.ReminderDaysBefore = "3, soon", "ReminderDaysBefore", R.ReminderDaysInvalid);
        yield return Case("webhook", m => m.WebhookUrls = "https://ok.example/hook\nftp://files.example", "WebhookUrls", R.WebhookUrlInvalid);
        yield return Case("webhook_javascript", m => { m.WebhookUrls = "javascript:alert(1)"; m.WebhookSecret = GoodSecret; }, "WebhookUrls", R.WebhookUrlInvalid);
        yield return Case("webhook_file", m => { m.WebhookUrls = "file:///etc/passwd"; m.WebhookSecret = GoodSecret; }, "WebhookUrls", R.WebhookUrlInvalid);
        yield return Case("webhook_relative", m => { m.WebhookUrls = "/hooks"; m.WebhookSecret = GoodSecret; }, "WebhookUrls", R.WebhookUrlInvalid);
        yield return Case("webhook_secret_missing", m => m.WebhookUrls = "https://ok.example/hook", "WebhookSecret", R.WebhookSecretTooShort);
        yield return Case("webhook_secret_short", m => { m.WebhookUrls = "https://ok.example/hook"; m.WebhookSecret = GoodSecret[..31]; }, "WebhookSecret", R.WebhookSecretTooShort);
        yield return Case("charge_method_redirect", m => m.ChargeMethodSystemName = "Payments.PayPal", "ChargeMethodSystemName", R.ChargeMethodInvalid);
        yield return Case("charge_method_self", m => m.ChargeMethodSystemName = PreorderDefaults.SystemName, "ChargeMethodSystemName", R.ChargeMethodInvalid);
        yield return Case("payment_mode", m => m.DefaultPaymentModeId = 99, "DefaultPaymentModeId", R.PaymentModeUnknown);
        yield return Case("rule_percent", m => m.DepositRule.Percent = 101m, "DepositRule.Percent", R.DepositPercentRange);
        yield return Case("rule_min_above_max", m => { m.DepositRule.MinAmount = 50m; m.DepositRule.MaxAmount = 10m; }, "DepositRule.Percent", R.DepositMinAboveMax);
        yield return Case("rule_installments", m => m.DepositRule.Installments = 30, "DepositRule.Percent", R.DepositInstallmentsRange);
        yield return Case("rule_fixed_required", m => m.DepositRule.CombineId = (int)DepositCombineMode.FixedOnly, "DepositRule.Percent", R.DepositFixedRequired);
        yield return Case("rule_tier_line", m => m.DepositRule.TermTiers = "30 - 20", "DepositRule.Percent", R.RuleLineInvalid);
        yield return Case("missed_ship_date_policy", m => m.MissedShipDateId = 5, "MissedShipDateId", R.ValueInvalid);
        yield return Case("missed_ship_date_refund_days_zero", m => { m.MissedShipDateId = (int)MissedShipDatePolicy.NotifyThenRefund; m.MissedShipDateRefundDays = 0; },
            "MissedShipDateRefundDays", R.SettingsRange);
        yield return Case("missed_ship_date_refund_days_too_many", m => { m.MissedShipDateId = (int)MissedShipDatePolicy.NotifyThenRefund; m.MissedShipDateRefundDays = 366; },
            "MissedShipDateRefundDays", R.SettingsRange);
    }

    [TestCaseSource(nameof(InvalidModels))]
    public async Task Invalid_values_are_reported_on_their_field(Action<PreorderConfigurationModel> change, string field, string resourceKey)
    {
        var model = Valid();
        Assert.That(await Service.ValidateAsync(model), Is.Empty, "the baseline is valid");
        change(model);

        var errors = await Service.ValidateAsync(model);

        Assert.That(errors.Select(e => (e.Field, e.Error.ResourceKey)), Does.Contain((field, resourceKey)));
    }

    [Test]
    public async Task A_range_error_names_its_field_and_bounds()
    {
        var model = Valid();
        model.GracePeriodDays = 1000;
        var error = (await Service.ValidateAsync(model)).Single();
        Assert.That(error.Error.Args, Is.EqualTo(new object[] { PreorderDefaults.ResourcePrefix + "Fields.GracePeriodDays", 0L, 365L }));
    }

    [Test]
    public async Task Ship_what_arrived_is_shown_and_saved_per_store_with_its_override()
    {
        _storeSettings.ShipWhatArrived = true;
        _overriddenForStore.Add(nameof(PreorderSettings.ShipWhatArrived));
        var shown = await Service.PrepareModelAsync(StoreId);
        Assert.That(shown.ShipWhatArrived, Is.True, "the store's value");
        Assert.That(shown.ShipWhatArrived_OverrideForStore, Is.True);
        Assert.That((await Service.PrepareModelAsync(0)).ShipWhatArrived, Is.False, "off for all stores by default");

        var model = Valid();
        model.ActiveStoreScopeConfiguration = StoreId;
        model.ShipWhatArrived = true;
        model.ShipWhatArrived_OverrideForStore = true;
        await Service.SaveAsync(model, StoreId);
        Assert.That(_saved.Single(s => s.Key == nameof(PreorderSettings.ShipWhatArrived)),
            Is.EqualTo((nameof(PreorderSettings.ShipWhatArrived), true, StoreId, (object)true)));

        _saved.Clear();
        model.ShipWhatArrived_OverrideForStore = false;
        await Service.SaveAsync(model, StoreId);
        Assert.That(_saved.Single(s => s.Key == nameof(PreorderSettings.ShipWhatArrived)).Override, Is.False, "not overridden: the store follows all stores");
    }

    [Test]
    public async Task In_a_store_scope_only_overridden_values_are_checked()
    {
        var model = Valid();
        model.ActiveStoreScopeConfiguration = StoreId;
        model.ExtensionDays = 0; // not overridden: its input was disabled and not posted
        model.DepositRule = new DepositRuleModel();
        Assert.That(await Service.ValidateAsync(model), Is.Empty);

        model.ExtensionDays_OverrideForStore = true;
        Assert.That((await Service.ValidateAsync(model)).Single().Field, Is.EqualTo("ExtensionDays"));
    }

    [Test]
    public async Task Saving_stores_each_setting_for_the_scope_with_its_override_flag()
    {
        var model = Valid();
        model.BalanceDueDays = 9;
        model.BalanceDueDays_OverrideForStore = true;
        model.GracePeriodDays = 6;
        model.ChargeMethodSystemName = " Payments.Manual ";
        model.ChargeMethodSystemName_OverrideForStore = true;
        model.ReminderDaysBefore = " 7 , 2,1 ";
        model.WebhookUrls = "https://a.example/x\r\n\r\nhttps://b.example/y";
        model.DepositRule = new DepositRuleModel { Percent = 25m, TermTiers = "0:10\n45:35", Choices = "50:free shipping", Installments = 3, InstallmentIntervalDays = 20 };
        model.DepositRule_OverrideForStore = true;
        model.DeleteDataOnUninstall = false;
        model.MissedShipDateId = (int)MissedShipDatePolicy.NotifyThenRefund;
        model.MissedShipDateId_OverrideForStore = true;
        model.MissedShipDateRefundDays = 21;
        model.MissedShipDateRefundDays_OverrideForStore = true;

        await Service.SaveAsync(model, StoreId);

        var byKey = _saved.ToDictionary(s => s.Key);
        Assert.That(byKey[nameof(PreorderSettings.BalanceDueDays)], Is.EqualTo((nameof(PreorderSettings.BalanceDueDays), true, StoreId, (object)9)));
        Assert.That(byKey[nameof(PreorderSettings.GracePeriodDays)].Override, Is.False, "not overridden: the store's own value is removed");
        Assert.That(byKey[nameof(PreorderSettings.ChargeMethodSystemName)].Value, Is.EqualTo("Payments.Manual"));
        Assert.That(byKey[nameof(PreorderSettings.ReminderDaysBefore)].Value, Is.EqualTo("7,2,1"));
        Assert.That(byKey[nameof(PreorderSettings.WebhookUrls)].Value, Is.EqualTo("https://a.example/x\nhttps://b.example/y"));
        var rule = JsonConvert.DeserializeObject<DepositRule>((string)byKey[nameof(PreorderSettings.DefaultDepositRuleJson)].Value);
        Assert.That(rule.Percent, Is.EqualTo(25m));
        Assert.That(rule.TermTiers.Select(t => (t.MinDaysAhead, t.Percent)), Is.EqualTo(new[] { (0, 10m), (45, 35m) }));
        Assert.That(rule.Choices.Single().Perk, Is.EqualTo("free shipping"));
        Assert.That(rule.Installments, Is.EqualTo(3));
        Assert.That(byKey[nameof(PreorderSettings.DefaultDepositRuleJson)].Override, Is.True);
        Assert.That(byKey[nameof(PreorderSettings.MissedShipDate)], Is.EqualTo((nameof(PreorderSettings.MissedShipDate), true, StoreId, (object)MissedShipDatePolicy.NotifyThenRefund)));
        Assert.That(byKey[nameof(PreorderSettings.MissedShipDateRefundDays)], Is.EqualTo((nameof(PreorderSettings.MissedShipDateRefundDays), true, StoreId, (object)21)));
        Assert.That(_saved.Select(s => s.Key), Does.Not.Contain(nameof(PreorderSettings.DeleteDataOnUninstall)), "an all-stores setting is not saved from a store scope");
        Assert.That(_saved, Has.All.Matches<(string Key, bool Override, int StoreId, object Value)>(s => s.StoreId == StoreId));
        // all-stores settings: uninstall reads the global value; the store owner's early warnings are about products, which the stores share
        var allStoresOnly = new[] { nameof(PreorderSettings.DeleteDataOnUninstall), nameof(PreorderSettings.WindowClosingNoticeDays), nameof(PreorderSettings.CapNearlyReachedPercent) };
        var settable = typeof(PreorderSettings).GetProperties().Select(p => p.Name).Except(allStoresOnly);
        Assert.That(_saved.Select(s => s.Key), Is.EquivalentTo(settable), "every setting of the page is saved");
        _settings.Verify(s => s.ClearCacheAsync(), Times.Once);

        _saved.Clear();
        _settings.Setup(s => s.LoadSettingAsync<PreorderSettings>(0)).ReturnsAsync(new PreorderSettings());
        model.DeleteDataOnUninstall = true;
        await Service.SaveAsync(model, 0);
        Assert.That(_saved.Single(s => s.Key == nameof(PreorderSettings.DeleteDataOnUninstall)), Is.EqualTo((nameof(PreorderSettings.DeleteDataOnUninstall), true, 0, (object)true)));
    }

    [Test]
    public async Task The_webhook_secret_is_never_shown_is_saved_encrypted_and_kept_when_left_empty()
    {
        const string stored = "stored-secret-0123456789abcdef-0123456789";
        _storeSettings.WebhookSecret = Support.FakeShop.Encrypt(stored);
        _storeSettings.WebhookUrls = "https://crm.example/hooks";
        _overriddenForStore.Add(nameof(PreorderSettings.WebhookSecret));

        var shown = await Service.PrepareModelAsync(StoreId);
        Assert.That(shown.WebhookSecret, Is.Null.Or.Empty, "the stored secret is not rendered back, neither encrypted nor in clear");
        Assert.That(shown.WebhookSecret_OverrideForStore, Is.True);

        var model = Valid();
        model.ActiveStoreScopeConfiguration = StoreId;
        model.WebhookUrls = "https://crm.example/hooks";
        model.WebhookUrls_OverrideForStore = true;
        model.WebhookSecret_OverrideForStore = true;
        model.WebhookSecret = "";
        Assert.That(await Service.ValidateAsync(model), Is.Empty, "an empty field keeps the stored secret, which is long enough");
        await Service.SaveAsync(model, StoreId);
        Assert.That(_saved.Single(s => s.Key == nameof(PreorderSettings.WebhookSecret)).Value, Is.EqualTo(Support.FakeShop.Encrypt(stored)), "kept as it was");

        _saved.Clear();
        const string entered = "a-new-secret-of-more-than-32-characters";
        model.WebhookSecret = entered;
        model.WebhookAllowInternalAddresses = true;
        model.WebhookAllowInternalAddresses_OverrideForStore = true;
        Assert.That(await Service.ValidateAsync(model), Is.Empty);
        await Service.SaveAsync(model, StoreId);
        var saved = _saved.Single(s => s.Key == nameof(PreorderSettings.WebhookSecret));
        Assert.That(saved.Value, Is.EqualTo(Support.FakeShop.Encrypt(entered)), "stored through nopCommerce's encryption service");
        Assert.That(saved.Value, Is.Not.EqualTo(entered));
        Assert.That(_saved.Single(s => s.Key == nameof(PreorderSettings.WebhookAllowInternalAddresses)), Is.EqualTo((nameof(PreorderSettings.WebhookAllowInternalAddresses), true, StoreId, (object)true)));
    }

    [Test]
    public async Task Webhooks_need_a_secret_of_at_least_32_characters_and_internal_addresses_are_off_by_default()
    {
        Assert.That(new PreorderSettings().WebhookAllowInternalAddresses, Is.False);

        var model = Valid();
        model.WebhookUrls = "https://crm.example/hooks";
        model.WebhookSecret = GoodSecret[..31];
        Assert.That((await Service.ValidateAsync(model)).Select(e => (e.Field, e.Error.ResourceKey)), Is.EqualTo(new[] { ("WebhookSecret", R.WebhookSecretTooShort) }));
        model.WebhookSecret = GoodSecret;
        Assert.That(await Service.ValidateAsync(model), Is.Empty);

        model.WebhookSecret = null;
        _storeSettings.WebhookSecret = "stored in clear before the upgrade, not readable now";
        model.ActiveStoreScopeConfiguration = StoreId;
        model.WebhookUrls_OverrideForStore = true;
        model.WebhookSecret_OverrideForStore = true;
        Assert.That((await Service.ValidateAsync(model)).Select(e => e.Field), Is.EqualTo(new[] { "WebhookSecret" }), "a stored secret that does not decrypt must be entered again");

        model.WebhookUrls = "";
        Assert.That(await Service.ValidateAsync(model), Is.Empty, "no webhooks: no secret needed");
    }
}
