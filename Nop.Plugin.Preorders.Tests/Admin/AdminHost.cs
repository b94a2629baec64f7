using Autofac;
using Moq;
using Nop.Core.Domain.Customers;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Helpers;
using Nop.Services.Security;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// A <see cref="PreorderTestHost"/> with a signed-in admin whose permissions the test chooses (nopCommerce's
/// permission service mocked on the plugin's permission names) and a store time zone.
/// </summary>
public sealed class AdminHost : IDisposable
{
    public const int AdminId = 4242;

    public AdminHost(TestDatabase database, TimeZoneInfo storeZone = null, Action<ContainerBuilder> configure = null)
    {
        Zone = storeZone ?? TimeZoneInfo.Utc;
        Permissions = new HashSet<string> { PreorderDefaults.Permissions.View, PreorderDefaults.Permissions.Manage, PreorderDefaults.Permissions.Refund };
        var permissionService = new Mock<IPermissionService>();
        permissionService.Setup(p => p.AuthorizeAsync(It.IsAny<string>())).ReturnsAsync((string name) => Permissions.Contains(name));
        permissionService.Setup(p => p.AuthorizeAsync(It.IsAny<string>(), It.IsAny<Customer>())).ReturnsAsync((string name, Customer _) => Permissions.Contains(name));
        var dates = new Mock<IDateTimeHelper>();
        dates.Setup(d => d.DefaultStoreTimeZone).Returns(() => Zone);
        Host = new PreorderTestHost(database, configure: builder =>
        {
            builder.RegisterInstance(permissionService.Object).As<IPermissionService>();
            builder.RegisterInstance(dates.Object).As<IDateTimeHelper>();
            configure?.Invoke(builder);
        });
        Admin = new Customer { Id = AdminId, Email = "staff@shop.test", Active = true };
        Host.Shop.Customers[Admin.Id] = Admin;
        Host.Shop.CurrentCustomer = Admin;
    }

    public PreorderTestHost Host { get; }

    public Customer Admin { get; }

    /// <summary>The plugin permissions the admin holds (all three by default).</summary>
    public HashSet<string> Permissions { get; }

    public TimeZoneInfo Zone { get; set; }

    public void Only(params string[] permissions)
    {
        Permissions.Clear();
        foreach (var permission in permissions)
            Permissions.Add(permission);
    }

    public T Resolve<T>() => Host.Resolve<T>();

    public IList<PreorderAuditEntry> Audit(string action) =>
        Host.Scope.Repository<PreorderAuditEntry>().Table.Where(a => a.Action == action).OrderBy(a => a.Id).ToList();

    public IList<PreorderAuditEntry> AdminAudit() =>
        Host.Scope.Repository<PreorderAuditEntry>().Table.Where(a => a.Action.StartsWith("Admin.")).OrderBy(a => a.Id).ToList();

    public PreorderLine Line(int lineId) => Host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == lineId);

    /// <summary>A pre-order of 2 units (cap 10) whose deposit of 40 was confirmed offline and whose stock arrived: a line owing its balance.</summary>
    public async Task<PreorderLine> OwingAllocatedLineAsync()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        var order = await Host.PlaceOrderAsync(product, 2);
        await Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 40m, "DEP", 1, LedgerEntryKind.Deposit);
        await Resolve<PreorderAllocationService>().AllocateAsync(product.Id, 0, 2);
        return LineOfOrder(order.Id);
    }

    public PreorderLine LineOfOrder(int orderId) => Host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == orderId);

    public IList<PreorderLedgerEntry> Ledger(int orderId) =>
        Host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == orderId).OrderBy(e => e.Id).ToList();

    /// <summary>Everything an action could change, to compare before and after a denied one.</summary>
    public string Snapshot()
    {
        var scope = Host.Scope;
        return string.Join("|",
            string.Join(";", scope.Repository<PreorderLine>().Table.OrderBy(l => l.Id).Select(l => $"{l.Id}:{l.StateId}:{l.Version}:{l.BalanceDueOnUtc}:{l.ExtensionCount}")),
            string.Join(";", scope.Repository<PreorderAccount>().Table.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Version}:{a.PaidAmount}:{a.RefundedAmount}")),
            scope.Repository<PreorderLedgerEntry>().Table.Count(),
            scope.Repository<PreorderAuditEntry>().Table.Count(),
            string.Join(";", scope.Repository<PreorderBalanceToken>().Table.OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.RevokedOnUtc}")),
            string.Join(";", scope.Repository<PreorderProfile>().Table.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.ExpectedShipDateUtc}:{p.UpdatedOnUtc}")),
            scope.Repository<PreorderShipDateChange>().Table.Count(),
            string.Join(";", scope.Repository<PreorderCapCounter>().Table.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Sold}:{c.Cap}")),
            Host.Publisher.Of<PreorderEvent>().Count(),
            Host.Shop.OrderNotes.Count,
            Host.Shop.GiftCards.Count);
    }

    public void Dispose() => Host.Dispose();
}
