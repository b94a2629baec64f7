using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Messages;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Customers;

/// <summary>
/// A request for more time beyond the automatic extensions, on a real database: stored as pending with the merchant's
/// e-mail, refused cleanly (nothing stored, nothing sent) when it should not be made, and decided once by the merchant:
/// an approval moves the due date through the merchant's extension (its "more time" e-mail), a decline e-mails the shopper.
/// </summary>
[TestFixture]
public class ExtensionRequestTests : MessageTest
{
    private PreorderTestHost _host;

    [SetUp]
    public void SetUp()
    {
        _host = Kit.NewAdminHost(Database);
        _host.Settings.MaxAutoExtensions = 1;
        _host.Settings.ExtensionDays = 7;
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private ExtensionRequestService Requests => _host.Resolve<ExtensionRequestService>();

    private ExtensionRequestAdminService Admin => _host.Resolve<ExtensionRequestAdminService>();

    private PreorderLine Line(int id) => _host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == id);

    private List<PreorderExtensionRequest> Stored(int lineId) =>
        _host.Scope.Repository<PreorderExtensionRequest>().Table.Where(r => r.PreorderLineId == lineId).OrderBy(r => r.Sequence).ToList();

    private static string KeyOf(AsyncTestDelegate action) => Assert.ThrowsAsync<PreorderRuleException>(action)!.ResourceKey;

    /// <summary>One unit (price 100, deposit 20 paid), stock arrived: 80 due; <paramref name="extensionsTaken"/> automatic extensions taken by the shopper.</summary>
    private async Task<(Customer Owner, Order Order, PreorderLine Line)> OwingLineAsync(int extensionsTaken = 1)
    {
        var product = await MessageTestKit.ProductAsync(_host, "Moon Lamp");
        var owner = _host.Shop.AddCustomer();
        var order = await _host.PlaceOrderAsync(owner, (product, 1));
        await _host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m, "DEP-1", 1, LedgerEntryKind.Deposit);
        await _host.Resolve<PreorderAllocationService>().AllocateAsync(product.Id, 0, 1);
        var line = _host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        for (var i = 0; i < extensionsTaken; i++)
            await _host.Resolve<PreorderSelfService>().ExtendAsync(owner, order.Id, line.Id, null);
        return (owner, order, Line(line.Id));
    }

    [Test]
    public async Task A_request_beyond_the_automatic_limit_is_stored_pending_and_emailed_to_the_store_owner_once()
    {
        var (owner, order, line) = await OwingLineAsync();
        Assert.That(KeyOf(() => _host.Resolve<PreorderSelfService>().ExtendAsync(owner, order.Id, line.Id, null)), Is.EqualTo(R.ExtensionNotAllowed), "the automatic extension is used up");

        var request = await Requests.SubmitAsync(owner, order.Id, line.Id, null, 14, "  Salary comes on the 20th.  ");

        var stored = Stored(line.Id).Single();
        Assert.That(stored.Id, Is.EqualTo(request.Id));
        Assert.That(stored.Status, Is.EqualTo(ExtensionRequestStatus.Pending));
        Assert.That(stored.RequestedDays, Is.EqualTo(14));
        Assert.That(stored.Message, Is.EqualTo("Salary comes on the 20th."));
        Assert.That(stored.Sequence, Is.EqualTo(1));
        Assert.That(stored.RequestedByCustomerId, Is.EqualTo(owner.Id));
        Assert.That(stored.CreatedOnUtc, Is.EqualTo(_host.Clock.Now));
        Assert.That(Line(line.Id).BalanceDueOnUtc, Is.EqualTo(line.BalanceDueOnUtc), "a request alone moves nothing");

        var mail = Kit.Single(K.StoreExtensionRequested);
        Assert.That(mail[Tk.RequestedDays], Is.EqualTo("14"));
        Assert.That(mail[Tk.RequestMessage], Is.EqualTo("Salary comes on the 20th."));
        Assert.That(mail[Tk.HasRequestMessage], Is.EqualTo("True"));
        Assert.That(mail[Tk.Product], Is.EqualTo("Moon Lamp"));
        Assert.That(mail[Tk.BalanceLink], Is.Empty, "the store owner's message never carries the shopper's link");
        Assert.That(_host.Scope.Repository<PreorderAuditEntry>().Table.Count(a => a.Action == "ExtensionRequestSubmitted" && a.PreorderLineId == line.Id && a.CustomerId == owner.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task A_second_request_while_one_is_pending_is_refused_and_changes_nothing()
    {
        var (owner, order, line) = await OwingLineAsync();
        await Requests.SubmitAsync(owner, order.Id, line.Id, null, 14, null);

        Assert.That(KeyOf(() => Requests.SubmitAsync(owner, order.Id, line.Id, null, 30, "again")), Is.EqualTo(R.ExtensionRequestPending));
        Assert.That(Stored(line.Id), Has.Count.EqualTo(1));
        Assert.That(Stored(line.Id).Single().RequestedDays, Is.EqualTo(14));
        Assert.That(Kit.Of(K.StoreExtensionRequested).Count(), Is.EqualTo(1), "the store owner is told once");
    }

    [Test]
    public async Task Requests_that_should_not_be_made_are_refused_with_their_reason_and_store_nothing()
    {
        var (owner, order, line) = await OwingLineAsync(extensionsTaken: 0);
        Assert.That(KeyOf(() => Requests.SubmitAsync(owner, order.Id, line.Id, null, 14, null)), Is.EqualTo(R.ExtensionRequestNotNeeded), "the automatic extension is still there");

        await _host.Resolve<PreorderSelfService>().ExtendAsync(owner, order.Id, line.Id, null);
        Assert.That(KeyOf(() => Requests.SubmitAsync(owner, order.Id, line.Id, null, 0, null)), Is.EqualTo(R.ExtensionRequestDaysRange));
        Assert.That(KeyOf(() => Requests.SubmitAsync(owner, order.Id, line.Id, null, ExtensionRequestRules.MaxRequestedDays + 1, null)), Is.EqualTo(R.ExtensionRequestDaysRange));
        Assert.That(KeyOf(() => Requests.SubmitAsync(owner, order.Id, line.Id, null, 14, new string('x', ExtensionRequestRules.MaxMessageLength + 1))), Is.EqualTo(R.TextTooLong));
        var stranger = _host.Shop.AddCustomer();
        Assert.That(KeyOf(() => Requests.SubmitAsync(stranger, order.Id, line.Id, null, 14, null)), Is.EqualTo(R.OrderNotFound), "another customer's order");

        Assert.That(Stored(line.Id), Is.Empty);
        Assert.That(Kit.Of(K.StoreExtensionRequested), Is.Empty);
    }

    [Test]
    public async Task Approving_moves_the_due_date_by_the_days_asked_for_through_the_merchants_extension_once()
    {
        var (owner, order, line) = await OwingLineAsync();
        var dueBefore = line.BalanceDueOnUtc!.Value;
        await Requests.SubmitAsync(owner, order.Id, line.Id, null, 20, null);
        _host.Clock.Now = _host.Clock.Now.AddHours(2);

        var result = await Admin.ApproveAsync(new[] { line.Id });

        Assert.That(result.Success, Is.True, string.Join(", ", result.Errors.Select(e => e.ResourceKey)));
        var extended = Line(line.Id);
        Assert.That(extended.BalanceDueOnUtc, Is.EqualTo(dueBefore.AddDays(20)));
        Assert.That(extended.ExtensionCount, Is.EqualTo(2));
        var request = Stored(line.Id).Single();
        Assert.That(request.Status, Is.EqualTo(ExtensionRequestStatus.Approved));
        Assert.That(request.DecidedOnUtc, Is.EqualTo(_host.Clock.Now));
        Assert.That(request.DecidedByCustomerId, Is.EqualTo(MessageTestKit.AdminId));
        var granted = Kit.Of(K.ExtensionGranted).Last();
        Assert.That(granted[Tk.DueDate], Is.EqualTo(MessageTestKit.DateText(dueBefore.AddDays(20))), "the existing \"more time\" e-mail, with the new date");
        Assert.That(_host.Scope.Repository<PreorderAuditEntry>().Table.Count(a => a.Action == "Admin.ExtensionRequestApproved" && a.PreorderLineId == line.Id), Is.EqualTo(1));
        Assert.That(_host.Scope.Repository<PreorderAuditEntry>().Table.Count(a => a.Action == "ExtensionGranted" && a.PreorderLineId == line.Id), Is.EqualTo(1), "the granted-extension path ran");

        // the second click (or a second admin) finds nothing pending and changes nothing
        var again = await Admin.ApproveAsync(new[] { line.Id });
        Assert.That(again.Errors.Single().ResourceKey, Is.EqualTo(R.ExtensionRequestNotPending));
        Assert.That((await Admin.DeclineAsync(new[] { line.Id })).Errors.Single().ResourceKey, Is.EqualTo(R.ExtensionRequestNotPending));
        Assert.That(Line(line.Id).BalanceDueOnUtc, Is.EqualTo(dueBefore.AddDays(20)));
        Assert.That(Kit.Of(K.ExtensionDeclined), Is.Empty);
    }

    [Test]
    public async Task Declining_keeps_the_due_date_emails_the_shopper_and_lets_them_ask_again()
    {
        var (owner, order, line) = await OwingLineAsync();
        await Requests.SubmitAsync(owner, order.Id, line.Id, null, 10, "please");
        var grantedBefore = Kit.Of(K.ExtensionGranted).Count();

        var result = await Admin.DeclineAsync(new[] { line.Id });

        Assert.That(result.Success, Is.True);
        Assert.That(Line(line.Id).BalanceDueOnUtc, Is.EqualTo(line.BalanceDueOnUtc));
        Assert.That(Line(line.Id).ExtensionCount, Is.EqualTo(1));
        Assert.That(Stored(line.Id).Single().Status, Is.EqualTo(ExtensionRequestStatus.Declined));
        var declined = Kit.Single(K.ExtensionDeclined);
        Assert.That(declined.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));
        Assert.That(declined[Tk.RequestedDays], Is.EqualTo("10"));
        Assert.That(declined[Tk.DueDate], Is.EqualTo(MessageTestKit.DateText(line.BalanceDueOnUtc!.Value)));
        Assert.That(Kit.Of(K.ExtensionGranted).Count(), Is.EqualTo(grantedBefore), "no \"more time\" e-mail");
        Assert.That(_host.Scope.Repository<PreorderAuditEntry>().Table.Count(a => a.Action == "Admin.ExtensionRequestDeclined" && a.PreorderLineId == line.Id), Is.EqualTo(1));
        Assert.That((await Requests.GetLatestAsync(new[] { line.Id }))[line.Id].Status, Is.EqualTo(ExtensionRequestStatus.Declined), "what the shopper's page shows");

        var second = await Requests.SubmitAsync(owner, order.Id, line.Id, null, 5, null);
        Assert.That(second.Sequence, Is.EqualTo(2));
        Assert.That((await Requests.GetLatestAsync(new[] { line.Id }))[line.Id].Id, Is.EqualTo(second.Id));
        Assert.That(Kit.Of(K.StoreExtensionRequested).Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task An_approval_the_line_no_longer_allows_is_refused_and_the_request_stays_pending()
    {
        var (owner, order, line) = await OwingLineAsync();
        await Requests.SubmitAsync(owner, order.Id, line.Id, null, 14, null);
        await _host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 80m, "BAL-1", 1, LedgerEntryKind.Balance);
        Assert.That(Line(line.Id).State, Is.EqualTo(PreorderLineState.PaidInFull));

        var result = await Admin.ApproveAsync(new[] { line.Id });

        Assert.That(result.Errors.Single().ResourceKey, Is.EqualTo(R.ExtensionNotAllowed));
        Assert.That(Stored(line.Id).Single().Status, Is.EqualTo(ExtensionRequestStatus.Pending));
        Assert.That(Line(line.Id).BalanceDueOnUtc, Is.EqualTo(line.BalanceDueOnUtc));
    }

    [Test]
    public async Task The_admin_grid_filter_shows_only_lines_waiting_for_an_answer()
    {
        var (owner, order, asking) = await OwingLineAsync();
        var (_, _, quiet) = await OwingLineAsync();
        var (decidedOwner, decidedOrder, decided) = await OwingLineAsync();
        await Requests.SubmitAsync(owner, order.Id, asking.Id, null, 14, "two weeks");
        await Requests.SubmitAsync(decidedOwner, decidedOrder.Id, decided.Id, null, 3, null);
        await Admin.DeclineAsync(new[] { decided.Id });

        var grid = _host.Resolve<PreorderGridQueryService>();
        var page = await grid.GetLinesAsync(new PreorderLineFilter { ExtensionRequested = true }, 0, 50, GridSort.Default);
        Assert.That(page.Rows.Select(r => r.Id), Is.EqualTo(new[] { asking.Id }));
        Assert.That(page.TotalCount, Is.EqualTo(1));
        Assert.That((await grid.GetLinesAsync(new PreorderLineFilter(), 0, 50, GridSort.Default)).TotalCount, Is.EqualTo(3));

        var pending = await grid.GetPendingExtensionRequestsAsync(new[] { asking.Id, quiet.Id, decided.Id });
        Assert.That(pending.Keys, Is.EquivalentTo(new[] { asking.Id }));
        Assert.That(pending[asking.Id].Message, Is.EqualTo("two weeks"));
    }

    [Test]
    public async Task Without_the_manage_permission_nothing_is_decided()
    {
        var (owner, order, line) = await OwingLineAsync();
        await Requests.SubmitAsync(owner, order.Id, line.Id, null, 14, null);
        using var viewer = new Nop.Plugin.Preorders.Tests.Admin.AdminHost(Database);
        viewer.Only(PreorderDefaults.Permissions.View);

        Assert.That((await viewer.Resolve<ExtensionRequestAdminService>().ApproveAsync(new[] { line.Id })).Denied, Is.True);
        Assert.That((await viewer.Resolve<ExtensionRequestAdminService>().DeclineAsync(new[] { line.Id })).Denied, Is.True);
        Assert.That(Line(line.Id).BalanceDueOnUtc, Is.EqualTo(line.BalanceDueOnUtc));
        Assert.That(Stored(line.Id).Single().Status, Is.EqualTo(ExtensionRequestStatus.Pending));
    }
}
