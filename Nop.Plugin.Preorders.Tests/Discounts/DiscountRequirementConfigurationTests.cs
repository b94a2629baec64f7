using Autofac;
using Microsoft.AspNetCore.Mvc;
using Moq;
using Nop.Core;
using Nop.Core.Domain.Discounts;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Controllers;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Discounts;
using Nop.Services.Security;
using Nop.Web.Framework.Mvc.Routing;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Discounts;

/// <summary>
/// The requirement's configuration box on nopCommerce's discount page (the controller the box calls), where N
/// of "first N units" is kept (a setting per requirement), who may change it, and what uninstall removes.
/// </summary>
[TestFixture]
public class DiscountRequirementConfigurationTests
{
    private const string AccessDenied = "Admin.AccessDenied.Description";

    private TestDatabase _database;
    private PreorderTestHost _host;
    private DiscountTestKit _kit;

    [SetUp]
    public void SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _host = DiscountTestKit.NewHost(_database, out _kit);
    }

    [TearDown]
    public void TearDown()
    {
        _host.Dispose();
        _database.Dispose();
    }

    private PreorderDiscountRequirementController Controller() => _host.CreateUnregistered<PreorderDiscountRequirementController>();

    /// <summary>The "Errors" of a JSON answer (the box's script shows them).</summary>
    private static IEnumerable<string> Errors(object value) => (IEnumerable<string>)value.GetType().GetProperty("Errors")!.GetValue(value);

    private void VerifyNothingSaved()
    {
        _kit.Settings.Verify(s => s.SetSettingAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<bool>()), Times.Never);
        _kit.DiscountService.Verify(d => d.InsertDiscountRequirementAsync(It.IsAny<DiscountRequirement>()), Times.Never);
    }

    [Test]
    public async Task A_new_requirement_is_created_and_its_n_saved_under_its_own_key_then_loaded_back()
    {
        var discount = _kit.AddDiscount();

        var saved = await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = discount.Id, RequirementId = 0, FirstUnits = 50 });

        var requirement = _kit.Requirements.Values.Single();
        Assert.That(requirement.DiscountId, Is.EqualTo(discount.Id));
        Assert.That(requirement.DiscountRequirementRuleSystemName, Is.EqualTo(PreorderDefaults.SystemName), "nopCommerce finds the rule by the plugin's system name");
        var answer = ((OkObjectResult)saved).Value!;
        Assert.That(answer.GetType().GetProperty("NewRequirementId")!.GetValue(answer), Is.EqualTo(requirement.Id), "the discount page reloads with the new id");
        _kit.Settings.Verify(s => s.SetSettingAsync($"DiscountRequirement.Preorders.FirstUnits-{requirement.Id}", 50, 0, true), Times.Once);

        var loaded = (ViewResult)await Controller().Configure(discount.Id, requirement.Id);
        var model = (PreorderDiscountRequirementModel)loaded.Model!;
        Assert.That(model.FirstUnits, Is.EqualTo(50));
        Assert.That(model.RequirementId, Is.EqualTo(requirement.Id));
        Assert.That(model.DiscountId, Is.EqualTo(discount.Id));
        Assert.That(loaded.ViewName, Is.EqualTo("~/Plugins/Misc.Preorders/Views/Admin/DiscountRequirement.cshtml"));
        Assert.That(loaded.ViewData.TemplateInfo.HtmlFieldPrefix, Is.EqualTo($"PreorderDiscountRequirement{requirement.Id}"), "boxes on one page need distinct field ids");
        _kit.Settings.Verify(s => s.GetSettingByKeyAsync($"DiscountRequirement.Preorders.FirstUnits-{requirement.Id}", 0, 0, false), Times.Once);
    }

    [Test]
    public async Task Editing_an_existing_requirement_overwrites_its_n_and_the_rule_uses_it()
    {
        var requirement = _kit.AddRequirement(firstUnits: 10);
        var product = await _host.PreorderProductAsync(cap: 100);
        await _host.PlaceOrderAsync(product, 4);
        var customer = _kit.CustomerWithCart((product, 2));
        IDiscountRequirementRule rule = _host.CreateUnregistered<PreorderPlugin>();
        var request = new DiscountRequirementValidationRequest { DiscountRequirementId = requirement.Id, Customer = customer, Store = _host.Shop.Store };
        Assert.That((await rule.CheckRequirementAsync(request)).IsValid, Is.True, "4 + 2 <= 10");

        var saved = await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = requirement.DiscountId, RequirementId = requirement.Id, FirstUnits = 5 });

        Assert.That(saved, Is.InstanceOf<OkObjectResult>());
        Assert.That(_kit.Requirements, Has.Count.EqualTo(1), "no second requirement");
        _kit.Settings.Verify(s => s.SetSettingAsync($"DiscountRequirement.Preorders.FirstUnits-{requirement.Id}", 5, 0, true), Times.Once);
        Assert.That((await rule.CheckRequirementAsync(request)).IsValid, Is.False, "4 + 2 > 5 after the edit");
    }

    [Test]
    public async Task A_new_box_shows_no_limit_and_reads_no_setting()
    {
        var discount = _kit.AddDiscount();

        var box = (ViewResult)await Controller().Configure(discount.Id, null);

        Assert.That(((PreorderDiscountRequirementModel)box.Model!).FirstUnits, Is.Zero);
        Assert.That(((PreorderDiscountRequirementModel)box.Model!).RequirementId, Is.Zero);
        Assert.That(box.ViewData.TemplateInfo.HtmlFieldPrefix, Is.EqualTo("PreorderDiscountRequirement0"));
    }

    [Test]
    public async Task A_negative_n_is_refused_with_a_localized_error_and_nothing_is_saved()
    {
        var discount = _kit.AddDiscount();

        var answer = (OkObjectResult)await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = discount.Id, FirstUnits = -1 });

        Assert.That(Errors(answer.Value!), Is.EqualTo(new[] { Texts.En(PreorderDefaults.Resources.DiscountFirstUnitsNegative) }));
        VerifyNothingSaved();
        Assert.That(_kit.Requirements, Is.Empty);
    }

    [Test]
    public async Task Another_rules_requirement_or_another_discounts_cannot_be_written_through_this_box()
    {
        var foreign = _kit.AddRequirement(systemName: "DiscountRequirement.MustBeAssignedToCustomerRole");
        var ours = _kit.AddRequirement();
        var otherDiscount = _kit.AddDiscount();

        var first = await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = foreign.DiscountId, RequirementId = foreign.Id, FirstUnits = 3 });
        var second = await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = otherDiscount.Id, RequirementId = ours.Id, FirstUnits = 3 });
        var missing = await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = 424242, FirstUnits = 3 });

        Assert.That(((ObjectResult)first).StatusCode, Is.EqualTo(404));
        Assert.That(Errors(((ObjectResult)first).Value!), Is.EqualTo(new[] { Texts.En(PreorderDefaults.Resources.DiscountRequirementNotFound) }));
        Assert.That(((ObjectResult)second).StatusCode, Is.EqualTo(404));
        Assert.That(Errors(((ObjectResult)missing).Value!), Is.EqualTo(new[] { Texts.En(PreorderDefaults.Resources.DiscountNotFound) }));
        Assert.That(await Controller().Configure(foreign.DiscountId, foreign.Id), Is.InstanceOf<ContentResult>(), "nor opened");
        VerifyNothingSaved();
    }

    [Test]
    public async Task Without_the_discount_permissions_the_box_is_refused_and_nothing_is_saved()
    {
        var requirement = _kit.AddRequirement(firstUnits: 10);
        _kit.Granted.Clear();

        var view = await Controller().Configure(requirement.DiscountId, requirement.Id);
        var save = await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = requirement.DiscountId, RequirementId = requirement.Id, FirstUnits = 1 });
        var create = await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = requirement.DiscountId, FirstUnits = 1 });

        Assert.That(view, Is.InstanceOf<ContentResult>());
        Assert.That(((ContentResult)view).Content, Is.EqualTo(AccessDenied));
        foreach (var refused in new[] { save, create })
        {
            Assert.That(((ObjectResult)refused).StatusCode, Is.EqualTo(403));
            Assert.That(Errors(((ObjectResult)refused).Value!), Is.EqualTo(new[] { AccessDenied }));
        }
        VerifyNothingSaved();
        _kit.Settings.Verify(s => s.GetSettingByKeyAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<bool>()), Times.Never, "nothing read either");
        Assert.That(_kit.SettingValues.Single().Value, Is.EqualTo("10"));
    }

    [Test]
    public async Task Viewing_needs_the_view_permission_and_saving_the_edit_permission()
    {
        var requirement = _kit.AddRequirement(firstUnits: 10);
        _kit.Granted.Remove(StandardPermission.Promotions.DISCOUNTS_CREATE_EDIT_DELETE);

        var view = await Controller().Configure(requirement.DiscountId, requirement.Id);
        var save = await Controller().Configure(new PreorderDiscountRequirementModel { DiscountId = requirement.DiscountId, RequirementId = requirement.Id, FirstUnits = 1 });

        Assert.That(view, Is.InstanceOf<ViewResult>(), "a viewer sees the box");
        Assert.That(((ObjectResult)save).StatusCode, Is.EqualTo(403), "but cannot save");
        VerifyNothingSaved();

        _kit.Granted.Clear();
        _kit.Granted.Add(StandardPermission.Promotions.DISCOUNTS_CREATE_EDIT_DELETE);
        Assert.That(await Controller().Configure(requirement.DiscountId, requirement.Id), Is.InstanceOf<ContentResult>(), "viewing needs the view permission");
    }

    [Test]
    public void The_controller_is_an_admin_controller_with_antiforgery()
    {
        var type = typeof(PreorderDiscountRequirementController);
        Assert.That(type.GetCustomAttributes(typeof(Web.Framework.Mvc.Filters.AuthorizeAdminAttribute), true), Is.Not.Empty);
        Assert.That(type.GetCustomAttributes(typeof(AutoValidateAntiforgeryTokenAttribute), true), Is.Not.Empty);
        Assert.That(((AreaAttribute)type.GetCustomAttributes(typeof(AreaAttribute), true).Single()).RouteValue, Is.EqualTo("Admin"));
        var post = type.GetMethod(nameof(PreorderDiscountRequirementController.Configure), new[] { typeof(PreorderDiscountRequirementModel) })!;
        Assert.That(post.GetCustomAttributes(typeof(HttpPostAttribute), true), Is.Not.Empty);
    }

    [Test]
    public void The_configuration_url_comes_from_the_plugins_route()
    {
        var url = new Mock<INopUrlHelper>();
        url.Setup(u => u.RouteUrl(PreorderDefaults.Routes.DiscountRequirementConfigure, It.IsAny<object>(), "https", null, null))
            .Returns((string _, object values, string _, string _, string _) => "https://shop.test/Admin/Preorders/DiscountRequirement?" + values);
        var web = new Mock<IWebHelper>();
        web.Setup(w => w.GetCurrentRequestProtocol()).Returns("https");
        using var database = TestDatabase.CreateMigrated();
        using var host = new PreorderTestHost(database, configure: b =>
        {
            b.RegisterInstance(url.Object).As<INopUrlHelper>();
            b.RegisterInstance(web.Object).As<IWebHelper>();
        });

        IDiscountRequirementRule rule = host.CreateUnregistered<PreorderPlugin>();

        Assert.That(rule.GetConfigurationUrl(7, 12), Is.EqualTo("https://shop.test/Admin/Preorders/DiscountRequirement?{ discountId = 7, discountRequirementId = 12 }"));
        Assert.That(rule.GetConfigurationUrl(7, null), Does.EndWith("{ discountId = 7, discountRequirementId =  }"));
    }

    [Test]
    public async Task Deleting_one_of_the_plugins_requirements_deletes_its_setting_only()
    {
        var ours = _kit.AddRequirement(firstUnits: 5);
        var keep = _kit.AddRequirement(firstUnits: 7);
        var foreign = _kit.AddRequirement(systemName: "DiscountRequirement.MustBeAssignedToCustomerRole");
        _kit.SettingValues[$"discountrequirement.preorders.firstunits-{foreign.Id}"] = "9";

        await _host.Publisher.PublishAsync(new EntityDeletedEvent<DiscountRequirement>(ours));
        await _host.Publisher.PublishAsync(new EntityDeletedEvent<DiscountRequirement>(foreign));

        Assert.That(_kit.SettingValues.Keys, Is.EquivalentTo(new[]
        {
            $"discountrequirement.preorders.firstunits-{keep.Id}",
            $"discountrequirement.preorders.firstunits-{foreign.Id}"
        }));
    }

    [Test]
    public async Task Uninstall_deletes_the_plugins_requirements_and_every_setting_of_them_and_nothing_else()
    {
        var first = _kit.AddRequirement(firstUnits: 5);
        var second = _kit.AddRequirement();
        var foreign = _kit.AddRequirement(systemName: "DiscountRequirement.MustBeAssignedToCustomerRole");
        _kit.SettingValues["discountrequirement.preorders.firstunits-99999"] = "3"; // left by a requirement deleted long ago
        _kit.SettingValues[$"discountrequirement.mustbeassignedtocustomerrole-{foreign.Id}"] = "4";
        _kit.SettingValues["ordersettings.minordertotalamount"] = "10";

        await _host.CreateUnregistered<PreorderPlugin>().UninstallAsync();

        Assert.That(_kit.Requirements.Keys, Is.EqualTo(new[] { foreign.Id }), "other rules' requirements stay");
        _kit.DiscountService.Verify(d => d.DeleteDiscountRequirementAsync(It.Is<DiscountRequirement>(r => r.Id == first.Id), false), Times.Once);
        _kit.DiscountService.Verify(d => d.DeleteDiscountRequirementAsync(It.Is<DiscountRequirement>(r => r.Id == second.Id), false), Times.Once);
        Assert.That(_kit.SettingValues.Keys, Is.EquivalentTo(new[] { $"discountrequirement.mustbeassignedtocustomerrole-{foreign.Id}", "ordersettings.minordertotalamount" }));
    }
}
