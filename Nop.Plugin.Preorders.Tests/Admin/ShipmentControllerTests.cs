using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Plugin.Preorders.Controllers;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using P = Nop.Plugin.Preorders.PreorderDefaults.Permissions;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>"Ship without payment" on the order's pre-order block: only with the Manage permission; the admin is recorded.</summary>
[TestFixture]
public class ShipmentControllerTests
{
    public class TestableController : PreorderShipmentController
    {
        public TestableController(HeldShipmentService heldShipmentService, Nop.Services.Localization.ILocalizationService localizationService,
            Nop.Services.Security.IPermissionService permissionService, Nop.Core.IWorkContext workContext)
            : base(heldShipmentService, localizationService, permissionService, workContext)
        {
        }

        protected override Task<JsonResult> AccessDeniedJsonAsync() =>
            Task.FromResult(new JsonResult(new { error = "access denied" }) { StatusCode = StatusCodes.Status403Forbidden });
    }

    private TestDatabase _database;
    private AdminHost _admin;
    private TestableController _controller;
    private PreorderLine _line;

    [SetUp]
    public async Task SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _admin = new AdminHost(_database);
        _line = await _admin.OwingAllocatedLineAsync();
        _controller = _admin.Host.CreateUnregistered<TestableController>();
        _controller.ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() };
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _database.Dispose();
    }

    [Test]
    public async Task Without_manage_permission_it_answers_403_and_ships_nothing()
    {
        _admin.Only(P.View);
        var before = _admin.Snapshot();

        var result = (JsonResult)await _controller.ShipWithoutPayment(new[] { _line.Id });

        Assert.That(result.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
        Assert.That(_admin.Snapshot(), Is.EqualTo(before));
        Assert.That(_admin.Line(_line.Id).State, Is.EqualTo(PreorderLineState.BalanceDue));
    }

    [Test]
    public async Task With_it_the_owing_line_ships_and_the_admin_is_recorded()
    {
        var result = (JsonResult)await _controller.ShipWithoutPayment(new[] { _line.Id });

        Assert.That(result.Value!.GetType().GetProperty("success")!.GetValue(result.Value), Is.True);
        Assert.That(_admin.Line(_line.Id).State, Is.EqualTo(PreorderLineState.Shipped));
        Assert.That(_admin.Audit("ShippedWithoutPayment").Single().CustomerId, Is.EqualTo(AdminHost.AdminId));
    }
}
