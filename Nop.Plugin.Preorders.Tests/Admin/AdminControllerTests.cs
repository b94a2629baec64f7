using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Moq;
using Nop.Plugin.Preorders.Controllers;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Configuration;
using NUnit.Framework;
using P = Nop.Plugin.Preorders.PreorderDefaults.Permissions;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// The admin controller: every page and action answers "access denied" (403 here; nopCommerce's access
/// denied page / JSON in a shop) to an admin without the plugin's permission, and changes nothing; with it,
/// actions answer JSON and exports stream CSV.
/// </summary>
[TestFixture]
public class AdminControllerTests
{
    /// <summary>nopCommerce's access-denied results need its host; here they are plain 403 answers.</summary>
    public class TestablePages : PreorderAdminController
    {
        public TestablePages(Nop.Services.Security.IPermissionService permissionService,
            PreorderAdminCampaignModelFactory campaignModelFactory,
            PreorderAdminGridModelFactory gridModelFactory,
            PreorderCsvExportService csvExportService)
            : base(permissionService, campaignModelFactory, gridModelFactory, csvExportService)
        {
        }

        protected override IActionResult AccessDeniedView() => Denied.View();

        protected override Task<JsonResult> AccessDeniedJsonAsync() => Denied.JsonAsync();
    }

    public class TestableConfiguration : PreorderConfigurationController
    {
        public TestableConfiguration(Nop.Services.Localization.ILocalizationService localizationService,
            Nop.Services.Messages.INotificationService notificationService,
            Nop.Services.Security.IPermissionService permissionService,
            Nop.Core.IStoreContext storeContext,
            PreorderAdminConfigurationModelFactory configurationModelFactory,
            PreorderConfigurationService configurationService)
            : base(localizationService, notificationService, permissionService, storeContext, configurationModelFactory, configurationService)
        {
        }

        protected override IActionResult AccessDeniedView() => Denied.View();

        protected override Task<JsonResult> AccessDeniedJsonAsync() => Denied.JsonAsync();
    }

    public class TestableActions : PreorderAdminActionController
    {
        public TestableActions(Nop.Services.Localization.ILocalizationService localizationService,
            Nop.Services.Security.IPermissionService permissionService,
            Nop.Core.IWorkContext workContext,
            PreorderAdminActionService actionService,
            PreorderAdminGridModelFactory gridModelFactory,
            AttemptResolutionService attemptResolutionService,
            ExtensionRequestAdminService extensionRequestAdminService)
            : base(localizationService, permissionService, workContext, actionService, gridModelFactory, attemptResolutionService, extensionRequestAdminService)
        {
        }

        protected override IActionResult AccessDeniedView() => Denied.View();

        protected override Task<JsonResult> AccessDeniedJsonAsync() => Denied.JsonAsync();
    }

    private static class Denied
    {
        public static IActionResult View() => new StatusCodeResult(StatusCodes.Status403Forbidden);

        public static Task<JsonResult> JsonAsync() =>
            Task.FromResult(new JsonResult(new { error = "access denied" }) { StatusCode = StatusCodes.Status403Forbidden });
    }

    /// <summary>The plugin's three admin controllers, as one admin request would reach them.</summary>
    public sealed record Controllers(TestablePages Pages, TestableConfiguration Configuration, TestableActions Actions);

    private TestDatabase _database;
    private AdminHost _admin;
    private Controllers _controller;
    private PreorderLine _line;

    [SetUp]
    public async Task SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _admin = new AdminHost(_database);
        _line = await _admin.OwingAllocatedLineAsync();
        await _admin.Resolve<BalanceLinkService>().IssueAsync(_line.OrderId, 14);
        T Create<T>() where T : Controller
        {
            var controller = _admin.Host.CreateUnregistered<T>();
            controller.ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() };
            return controller;
        }
        _controller = new Controllers(Create<TestablePages>(), Create<TestableConfiguration>(), Create<TestableActions>());
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _database.Dispose();
    }

    private static int StatusOf(IActionResult result) => result switch
    {
        StatusCodeResult status => status.StatusCode,
        JsonResult json => json.StatusCode ?? 200,
        _ => 200
    };

    public static IEnumerable<TestCaseData> DeniedRequests()
    {
        TestCaseData Case(string name, string[] held, Func<Controllers, PreorderLine, Task<IActionResult>> call) =>
            new TestCaseData(held, call).SetName("Controller_denies_" + name);

        string[] none = Array.Empty<string>();
        string[] viewOnly = { P.View };
        yield return Case("Configure", viewOnly, (c, _) => c.Configuration.Configure());
        yield return Case("Configure_post", viewOnly, (c, _) => c.Configuration.Configure(new PreorderConfigurationModel { BalanceDueDays = 9, ExtensionDays = 3, BalanceLinkValidDays = 3, ChargeRetryBackoffHours = 2 }));
        yield return Case("List", none, (c, _) => c.Pages.List());
        yield return Case("LineList", none, (c, _) => c.Pages.LineList(new PreorderSearchModel()));
        yield return Case("ExportLines", none, (c, _) => c.Pages.ExportLines(new PreorderSearchModel()));
        yield return Case("Ledger", none, (c, _) => c.Pages.Ledger());
        yield return Case("LedgerList", none, (c, _) => c.Pages.LedgerList(new LedgerSearchModel()));
        yield return Case("ExportLedger", none, (c, _) => c.Pages.ExportLedger(new LedgerSearchModel()));
        yield return Case("Campaign", none, (c, l) => c.Pages.Campaign(l.ProductId));
        yield return Case("ConfirmPayment", viewOnly, (c, l) => c.Actions.ConfirmPayment(l.OrderId, null, "10", "REF", (int)LedgerEntryKind.Balance));
        yield return Case("MarkStockArrived", viewOnly, (c, l) => c.Actions.MarkStockArrived(l.ProductId, 0, 3));
        yield return Case("ChangeShipDate", viewOnly, (c, l) => c.Actions.ChangeShipDate(l.ProductId, "2027-12-01", "late", true));
        yield return Case("RescheduleDueDates", viewOnly, (c, l) => c.Actions.RescheduleDueDates(new[] { l.Id }, "2027-01-01", "later"));
        yield return Case("EmailBuyers", viewOnly, (c, l) => c.Actions.EmailBuyers(l.ProductId, "hello"));
        yield return Case("Extend", viewOnly, (c, l) => c.Actions.Extend(new[] { l.Id }));
        yield return Case("Cancel_with_refund_without_refund_permission", new[] { P.View, P.Manage }, (c, l) => c.Actions.Cancel(new[] { l.Id }, "why", (int)AdminSettlement.Refund, (int)CancellationReason.CustomerRequest));
        yield return Case("Cancel", viewOnly, (c, l) => c.Actions.Cancel(new[] { l.Id }, "why", (int)AdminSettlement.Forfeit, (int)CancellationReason.CustomerRequest));
        yield return Case("ResendBalanceLink", viewOnly, (c, l) => c.Actions.ResendBalanceLink(l.OrderId, null));
        yield return Case("AddNote", viewOnly, (c, l) => c.Actions.AddNote(l.OrderId, null, "note"));
        yield return Case("Refund", new[] { P.View, P.Manage }, (c, l) => c.Actions.Refund(l.OrderId, "5", "why", 1));
        yield return Case("CheckLedger", none, (c, l) => c.Actions.CheckLedger(l.OrderId));
    }

    [TestCaseSource(nameof(DeniedRequests))]
    public async Task Without_permission_the_controller_answers_403_and_changes_nothing(string[] held, Func<Controllers, PreorderLine, Task<IActionResult>> call)
    {
        _admin.Only(held);
        var before = _admin.Snapshot();

        var result = await call(_controller, _line);

        Assert.That(StatusOf(result), Is.EqualTo(StatusCodes.Status403Forbidden));
        Assert.That(_admin.Snapshot(), Is.EqualTo(before));
        Mock.Get(_admin.Resolve<ISettingService>()).Verify(s => s.SaveSettingOverridablePerStoreAsync(It.IsAny<PreorderSettings>(),
            It.IsAny<System.Linq.Expressions.Expression<Func<PreorderSettings, It.IsAnyType>>>(), It.IsAny<bool>(), It.IsAny<int>(), It.IsAny<bool>()), Times.Never);
    }

    [Test]
    public async Task An_allowed_action_answers_json_with_its_outcome()
    {
        var ok = (JsonResult)await _controller.Actions.AddNote(_line.OrderId, null, "Called the customer");
        Assert.That(Property(ok, "success"), Is.True);
        Assert.That(Property(ok, "message"), Is.EqualTo(Texts.Format(PreorderDefaults.ResourcePrefix + "Actions.Done", 1)));
        Assert.That(_admin.Audit("Admin.Note").Single().CustomerId, Is.EqualTo(AdminHost.AdminId));

        var problem = (JsonResult)await _controller.Actions.ConfirmPayment(_line.OrderId, null, "1000", "REF-X", (int)LedgerEntryKind.Balance);
        Assert.That(Property(problem, "success"), Is.False);
        Assert.That((IEnumerable<string>)Property(problem, "errors"), Has.Some.EqualTo($"#{_line.OrderId}: {Texts.Format(R.AmountAboveOutstanding, 160m.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture))}"));

        var badAmount = (JsonResult)await _controller.Actions.Refund(_line.OrderId, "ten", "why", 1);
        Assert.That((IEnumerable<string>)Property(badAmount, "errors"), Is.EqualTo(new[] { Texts.Format(R.AmountUnreadable, "ten") }));
        var noAmount = (JsonResult)await _controller.Actions.Refund(_line.OrderId, " ", "why", 1);
        Assert.That((IEnumerable<string>)Property(noAmount, "errors"), Is.EqualTo(new[] { Texts.En(R.AmountInvalid) }));

        // the grid's order-level actions reach the orders of the selected lines
        var links = (JsonResult)await _controller.Actions.ResendBalanceLink(0, new[] { _line.Id });
        Assert.That(Property(links, "succeeded"), Is.EqualTo(1));
        Assert.That(_admin.Host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.BalanceLinkRequested).OrderId, Is.EqualTo(_line.OrderId));

        // dates arrive as yyyy-MM-dd: the due date is the end of that store-local day
        var rescheduled = (JsonResult)await _controller.Actions.RescheduleDueDates(new[] { _line.Id }, "2027-01-15", "courier");
        Assert.That(Property(rescheduled, "success"), Is.True);
        Assert.That(_admin.Line(_line.Id).BalanceDueOnUtc, Is.EqualTo(new DateTime(2027, 1, 15, 23, 59, 0)));
    }

    /// <summary>
    /// Amounts typed on the order page are read in the admin's working language culture first: "1,50" was read
    /// invariantly with thousands as 150 (a payment of 150 recorded for 1.50 received) whatever the admin's language.
    /// </summary>
    [Test]
    public async Task Typed_amounts_are_read_in_the_admins_culture_and_refused_when_unclear()
    {
        List<PreorderLedgerEntry> Entries() => _admin.Host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == _line.OrderId).ToList();
        var before = _admin.Snapshot();
        var entries = Entries().Count;

        // an English admin: "1,50" is no amount (a comma is the thousands separator, and "50" is no group of three)
        _admin.Host.Shop.WorkingLanguageCulture = "en-US";
        var english = (JsonResult)await _controller.Actions.ConfirmPayment(_line.OrderId, null, "1,50", "REF-EN", (int)LedgerEntryKind.Balance);
        Assert.That(Property(english, "success"), Is.False);
        Assert.That((IEnumerable<string>)Property(english, "errors"), Is.EqualTo(new[] { Texts.Format(R.AmountUnreadable, "1,50") }));
        Assert.That(_admin.Snapshot(), Is.EqualTo(before), "nothing recorded");

        // a German admin: "1.500" is 1500 or 1.5: refused, nothing changed
        _admin.Host.Shop.WorkingLanguageCulture = "de-DE";
        var unclear = (JsonResult)await _controller.Actions.Refund(_line.OrderId, "1.500", "why", 1);
        Assert.That((IEnumerable<string>)Property(unclear, "errors"), Is.EqualTo(new[] { Texts.Format(R.AmountAmbiguous, "1.500") }));
        Assert.That(_admin.Snapshot(), Is.EqualTo(before));

        // and "1,50" is one euro fifty
        var german = (JsonResult)await _controller.Actions.ConfirmPayment(_line.OrderId, null, "1,50", "REF-DE", (int)LedgerEntryKind.Balance);
        Assert.That(Property(german, "success"), Is.True, string.Join("; ", (IEnumerable<string>)Property(german, "errors") ?? Array.Empty<string>()));
        var recorded = Entries().Skip(entries).Single(e => e.Reference == "REF-DE");
        Assert.That(recorded.Amount, Is.EqualTo(1.50m));
    }

    private static object Property(JsonResult result, string name) => result.Value!.GetType().GetProperty(name)!.GetValue(result.Value);

    [Test]
    public async Task The_export_streams_csv_of_the_filtered_grid_to_the_response()
    {
        var other = await _admin.Host.PlaceOrderAsync(await _admin.Host.PreorderProductAsync(cap: 5), 1);
        var result = await _controller.Pages.ExportLines(new PreorderSearchModel { SearchStateId = (int)PreorderLineState.BalanceDue });
        Assert.That(result, Is.InstanceOf<StreamedFileResult>());

        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        Assert.That(http.Response.ContentType, Is.EqualTo("text/csv"));
        Assert.That(http.Response.Headers.ContentDisposition.ToString(), Does.StartWith("attachment").And.Contain(".csv"));
        var csv = Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()).TrimStart('\uFEFF');
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows, Has.Length.EqualTo(2), "the header and the one balance-due pre-order; the waiting one is filtered out");
        Assert.That(rows[1], Does.StartWith(_line.Id + ","));
        Assert.That(csv, Does.Not.Contain("," + other.Id + ","));
    }

    [Test]
    public async Task Configuration_is_validated_with_localized_errors_and_saved_per_store()
    {
        var settingService = Mock.Get(_admin.Resolve<ISettingService>());
        var invalid = await _controller.Configuration.Configure(new PreorderConfigurationModel
        {
            BalanceDueDays = 400, ExtensionDays = 7, BalanceLinkValidDays = 14, ChargeRetryBackoffHours = 24, MixedCartId = 0, DefaultPaymentModeId = 20, ExpiryPolicyId = 10,
            DepositRule = new DepositRuleModel { Percent = 0m, Installments = 1, InstallmentIntervalDays = 30 }
        });
        Assert.That(invalid, Is.InstanceOf<ViewResult>(), "shown again");
        Assert.That(_controller.Configuration.ModelState["BalanceDueDays"].Errors.Single().ErrorMessage,
            Is.EqualTo(Texts.Format(R.SettingsRange, Texts.En(PreorderDefaults.ResourcePrefix + "Fields.BalanceDueDays"), 0, 365)));
        Assert.That(_controller.Configuration.ModelState["DepositRule.Percent"].Errors.Select(e => e.ErrorMessage), Does.Contain(Texts.En(R.DepositPercentRange)));
        settingService.Verify(s => s.SaveSettingOverridablePerStoreAsync(It.IsAny<PreorderSettings>(),
            It.IsAny<System.Linq.Expressions.Expression<Func<PreorderSettings, It.IsAnyType>>>(), It.IsAny<bool>(), It.IsAny<int>(), It.IsAny<bool>()), Times.Never);

        _controller.Configuration.ModelState.Clear();
        var saved = await _controller.Configuration.Configure(new PreorderConfigurationModel
        {
            BalanceDueDays = 10, ExtensionDays = 7, BalanceLinkValidDays = 14, ChargeRetryBackoffHours = 24, MixedCartId = 1, DefaultPaymentModeId = 20, ExpiryPolicyId = 10,
            DepositRule = new DepositRuleModel { Percent = 25m, Installments = 1, InstallmentIntervalDays = 30 }
        });
        Assert.That(saved, Is.InstanceOf<RedirectToActionResult>());
        settingService.Verify(s => s.SaveSettingOverridablePerStoreAsync(It.Is<PreorderSettings>(x => x.BalanceDueDays == 10 && x.MixedCart == MixedCartPolicy.Allow),
            It.IsAny<System.Linq.Expressions.Expression<Func<PreorderSettings, It.IsAnyType>>>(), It.IsAny<bool>(), 0, false), Times.AtLeast(28));
        settingService.Verify(s => s.ClearCacheAsync(), Times.Once);
    }
}
