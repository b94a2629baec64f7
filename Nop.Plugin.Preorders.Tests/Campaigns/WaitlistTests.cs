using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Messages;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;

namespace Nop.Plugin.Preorders.Tests.Campaigns;

/// <summary>
/// The waitlist on a real database: join (signed-in: confirmed at once; guest: double opt-in through the e-mailed
/// signed link), joining twice, leaving; the task's confirmation and launch e-mails (only confirmed rows, keyset
/// batches resumed run after run, never twice with two nodes); first access refused at placement; the counts.
/// </summary>
[TestFixture]
public class WaitlistTests : MessageTest
{
    private FakeShop _shop;
    private PreorderTestHost _host;

    [SetUp]
    public void SetUp()
    {
        _shop = new FakeShop();
        _host = Kit.NewAdminHost(Database, _shop);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private WaitlistService Waitlist => _host.Resolve<WaitlistService>();

    private List<PreorderWaitlistEntry> Rows() => _host.Scope.Repository<PreorderWaitlistEntry>().Table.OrderBy(e => e.Id).ToList();

    private async Task<Product> ComingSoonAsync(int opensInHours = 24) =>
        await _host.PreorderProductAsync(cap: 100, windowStart: _host.Clock.UtcNow.AddHours(opensInHours));

    /// <summary>The task's waitlist step on a node of its own, then that node's messages step (which sends what was recorded).</summary>
    private async Task<int> RunOnNodeAsync(int batchSize = 200, int perRun = 1000)
    {
        using var node = Kit.NewHost(Database, _shop);
        var notices = node.Resolve<WaitlistNoticeService>();
        notices.BatchSize = batchSize;
        notices.EmailsPerRun = perRun;
        var recorded = await notices.RecordDueAsync(_host.Clock.UtcNow);
        await node.Resolve<PreorderMessageService>().RunScheduledAsync(_host.Clock.UtcNow);
        return recorded;
    }

    [Test]
    public async Task A_signed_in_shopper_joins_with_one_click_confirmed_and_joining_twice_changes_nothing()
    {
        var product = await ComingSoonAsync();
        var shopper = _shop.AddCustomer();

        Assert.That(await Waitlist.JoinAsync(product.Id, 1, 1, shopper.Id, shopper.Email), Is.EqualTo(WaitlistJoinOutcome.Joined));
        Assert.That(await Waitlist.JoinAsync(product.Id, 1, 1, shopper.Id, shopper.Email.ToUpperInvariant()), Is.EqualTo(WaitlistJoinOutcome.AlreadyJoined));

        var row = Rows().Single();
        Assert.That((row.ProductId, row.CustomerId, row.Email), Is.EqualTo((product.Id, shopper.Id, shopper.Email.ToLowerInvariant())));
        Assert.That(row.ConfirmedOnUtc, Is.EqualTo(_host.Clock.UtcNow));
        Assert.That(await RunOnNodeAsync(), Is.Zero, "no confirmation e-mail for an account's address, no launch before the opening");
        Assert.That(Kit.Of(K.WaitlistConfirm), Is.Empty);
        Assert.That(await Waitlist.CountAsync(product.Id), Is.EqualTo((1, 0)));
    }

    [TestCase("not-an-address", WaitlistJoinOutcome.InvalidEmail)]
    [TestCase("", WaitlistJoinOutcome.InvalidEmail)]
    public async Task A_bad_address_is_refused_and_changes_nothing(string email, WaitlistJoinOutcome expected)
    {
        var product = await ComingSoonAsync();
        Assert.That(await Waitlist.JoinAsync(product.Id, 1, 1, 0, email), Is.EqualTo(expected));
        Assert.That(Rows(), Is.Empty);
    }

    [Test]
    public async Task No_waitlist_once_the_window_is_open_or_without_an_opening()
    {
        var open = await _host.PreorderProductAsync(windowStart: _host.Clock.UtcNow.AddHours(-1));
        var noDate = await _host.PreorderProductAsync();
        Assert.That(await Waitlist.JoinAsync(open.Id, 1, 1, 0, "ann@example.com"), Is.EqualTo(WaitlistJoinOutcome.NotComingSoon));
        Assert.That(await Waitlist.JoinAsync(noDate.Id, 1, 1, 0, "ann@example.com"), Is.EqualTo(WaitlistJoinOutcome.NotComingSoon));
        Assert.That(Rows(), Is.Empty);
    }

    [Test]
    public async Task A_guest_confirms_through_the_signed_link_of_the_task_s_e_mail_and_only_then_gets_the_launch()
    {
        var product = await ComingSoonAsync(opensInHours: 2);
        Assert.That(await Waitlist.JoinAsync(product.Id, 1, 1, 0, " Guest@Example.com "), Is.EqualTo(WaitlistJoinOutcome.ConfirmationPending));
        Assert.That(await Waitlist.JoinAsync(product.Id, 1, 1, 0, "guest@example.com"), Is.EqualTo(WaitlistJoinOutcome.AlreadyJoined));
        Assert.That(await Waitlist.JoinAsync(product.Id, 1, 1, 0, "late@example.com"), Is.EqualTo(WaitlistJoinOutcome.ConfirmationPending));
        Assert.That(Kit.Of(K.WaitlistConfirm), Is.Empty, "nothing e-mailed inside the shopper's request");

        Assert.That(await RunOnNodeAsync(), Is.EqualTo(2));
        Assert.That(await RunOnNodeAsync(), Is.Zero, "each confirmation once");
        var mails = Kit.Of(K.WaitlistConfirm).ToList();
        Assert.That(mails.Select(m => m.ToEmail), Is.EquivalentTo(new[] { "guest@example.com", "late@example.com" }));
        var guestRow = Rows().First(r => r.Email == "guest@example.com");
        var link = mails.Single(m => m.ToEmail == "guest@example.com")[WaitlistMessageTokens.ConfirmLinkToken];
        Assert.That(link, Does.StartWith("http://shop.test/preorders/waitlist/confirm/" + guestRow.Id + "/"));
        var signature = link[(link.LastIndexOf('/') + 1)..];

        Assert.That(await Waitlist.ConfirmAsync(guestRow.Id, signature + "x"), Is.Null, "a tampered link confirms nothing");
        Assert.That(await Waitlist.ConfirmAsync(guestRow.Id + 1, signature), Is.Null, "another row's link confirms nothing");
        Assert.That(Rows().All(r => r.ConfirmedOnUtc == null), Is.True);
        Assert.That((await Waitlist.ConfirmAsync(guestRow.Id, signature))?.Id, Is.EqualTo(guestRow.Id));
        Assert.That((await Waitlist.ConfirmAsync(guestRow.Id, signature))?.Id, Is.EqualTo(guestRow.Id), "the link works again (no harm)");
        Assert.That(await Waitlist.CountAsync(product.Id), Is.EqualTo((1, 1)));

        _host.Clock.Now = _host.Clock.Now.AddHours(3);
        Assert.That(await RunOnNodeAsync(), Is.EqualTo(1), "the unconfirmed address never gets the launch e-mail");
        var launch = Kit.Of(K.WaitlistLaunch).Single();
        Assert.That(launch.ToEmail, Is.EqualTo("guest@example.com"));
        Assert.That(launch[PreorderMessageTokens.Product], Is.Not.Empty);
        Assert.That(launch[WaitlistMessageTokens.LeaveLinkToken], Does.StartWith("http://shop.test/preorders/waitlist/leave/" + guestRow.Id + "/"));
        Assert.That(await RunOnNodeAsync(), Is.Zero, "one launch e-mail per row");
        Assert.That(Rows().Single(r => r.Email == "late@example.com").LaunchRecordedOnUtc, Is.Null);
    }

    [Test]
    public async Task Leaving_removes_the_row_by_account_or_by_the_signed_leave_link()
    {
        var product = await ComingSoonAsync();
        var shopper = _shop.AddCustomer();
        await Waitlist.JoinAsync(product.Id, 1, 1, shopper.Id, shopper.Email);
        await Waitlist.JoinAsync(product.Id, 1, 1, 0, "guest@example.com");
        var guestRow = Rows().Single(r => r.CustomerId == 0);

        Assert.That(await Waitlist.LeaveAsync(product.Id, shopper.Id, shopper.Email), Is.True);
        Assert.That(await Waitlist.LeaveAsync(product.Id, shopper.Id, shopper.Email), Is.False, "gone already");
        var leavePath = WaitlistMessageTokens.LeaveLinkPath(guestRow);
        var signature = leavePath[(leavePath.LastIndexOf('/') + 1)..];
        Assert.That(await Waitlist.LeaveByLinkAsync(guestRow.Id, WaitlistRules.Sign(guestRow.LinkSecret, WaitlistService.ConfirmPurpose, guestRow.Id, guestRow.Email)), Is.Zero,
            "a confirm link is no leave link");
        Assert.That(await Waitlist.LeaveByLinkAsync(guestRow.Id, signature), Is.EqualTo(product.Id));
        Assert.That(Rows(), Is.Empty);
    }

    [Test]
    public async Task The_launch_e_mails_go_out_in_keyset_batches_run_after_run()
    {
        var product = await ComingSoonAsync(opensInHours: 1);
        var shoppers = Enumerable.Range(0, 5).Select(_ => _shop.AddCustomer()).ToList();
        foreach (var shopper in shoppers)
            await Waitlist.JoinAsync(product.Id, 1, 1, shopper.Id, shopper.Email);
        Assert.That(await RunOnNodeAsync(batchSize: 2, perRun: 2), Is.Zero, "nothing before the window opens");

        _host.Clock.Now = _host.Clock.Now.AddHours(2);
        Assert.That(await RunOnNodeAsync(batchSize: 2, perRun: 2), Is.EqualTo(2), "throttled: two a run");
        var ids = Rows().Select(r => r.Id).ToList();
        Assert.That(Rows().Where(r => r.LaunchRecordedOnUtc != null).Select(r => r.Id), Is.EqualTo(ids.Take(2)), "oldest first");
        Assert.That(await RunOnNodeAsync(batchSize: 2, perRun: 2), Is.EqualTo(2));
        Assert.That(await RunOnNodeAsync(batchSize: 2, perRun: 2), Is.EqualTo(1));
        Assert.That(await RunOnNodeAsync(batchSize: 2, perRun: 2), Is.Zero);

        var mails = Kit.Of(K.WaitlistLaunch).ToList();
        Assert.That(mails.Select(m => m.ToEmail), Is.EquivalentTo(shoppers.Select(s => s.Email.ToLowerInvariant())), "each member once");
        Assert.That(Rows().All(r => r.LaunchRecordedOnUtc != null), Is.True);
    }

    [Test]
    public async Task Two_nodes_at_once_and_a_run_that_died_before_marking_never_send_twice()
    {
        var product = await ComingSoonAsync(opensInHours: 1);
        var shoppers = Enumerable.Range(0, 7).Select(_ => _shop.AddCustomer()).ToList();
        foreach (var shopper in shoppers)
            await Waitlist.JoinAsync(product.Id, 1, 1, shopper.Id, shopper.Email);
        _host.Clock.Now = _host.Clock.Now.AddHours(2);
        // a node recorded the first row's e-mail and died before it marked the row
        var first = Rows().First();
        Assert.That(await _host.Resolve<PreorderMessageService>().TryRecordAsync(WaitlistMessageTokens.LaunchKey(product.Id, first.StoreId, first.Id), 0, product.Id), Is.Not.Null);

        await Task.WhenAll(Task.Run(() => RunOnNodeAsync(batchSize: 3)), Task.Run(() => RunOnNodeAsync(batchSize: 3)));
        await RunOnNodeAsync(batchSize: 3);

        var mails = Kit.Of(K.WaitlistLaunch).ToList();
        Assert.That(mails, Has.Count.EqualTo(7), "one e-mail per member, none twice");
        Assert.That(mails.Select(m => m.ToEmail).Distinct().Count(), Is.EqualTo(7));
        Assert.That(Rows().All(r => r.LaunchRecordedOnUtc != null), Is.True);
    }

    [Test]
    public async Task During_first_access_placement_refuses_a_non_member_cleanly_and_lets_members_through_guests_by_their_e_mail()
    {
        var product = await ComingSoonAsync(opensInHours: 1);
        Assert.That(await Waitlist.SetFirstAccessHoursAsync(product.Id, 12), Is.True);
        Assert.That(await Waitlist.SetFirstAccessHoursAsync(product.Id, -1), Is.False);
        Assert.That(await Waitlist.SetFirstAccessHoursAsync(product.Id, 1000), Is.False);
        Assert.That(await Waitlist.GetFirstAccessHoursAsync(product.Id), Is.EqualTo(12));
        var member = _shop.AddCustomer();
        await Waitlist.JoinAsync(product.Id, 1, 1, member.Id, member.Email);
        await Waitlist.JoinAsync(product.Id, 1, 1, 0, "guest@example.com");
        var guestRow = Rows().Single(r => r.CustomerId == 0);
        await Waitlist.ConfirmAsync(guestRow.Id, WaitlistRules.Sign(guestRow.LinkSecret, WaitlistService.ConfirmPurpose, guestRow.Id, guestRow.Email));
        await Waitlist.JoinAsync(product.Id, 1, 1, 0, "unconfirmed@example.com");
        Assert.That(Rows().Where(r => r.ConfirmedOnUtc != null).Select(r => r.Email), Is.EquivalentTo(new[] { member.Email.ToLowerInvariant(), "guest@example.com" }));
        _host.Clock.Now = _host.Clock.Now.AddHours(2);
        // a host of the shop's own address book (the message kit's answers every address with one e-mail)
        using var shopHost = new PreorderTestHost(Database, _shop);
        var orders = shopHost.Resolve<PreorderOrderService>();

        var stranger = await PlaceAsync(orders, _shop.AddCustomer(), product, null);
        Assert.That(stranger.Outcome, Is.EqualTo(PlacementOutcome.FirstAccessOnly));
        Assert.That(stranger.Order.OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(_shop.OrderNotes.Where(n => n.OrderId == stranger.Order.Id).Select(n => n.Note),
            Has.Some.EqualTo(Nop.Plugin.Preorders.Infrastructure.PreorderLocaleResources.All[PreorderDefaults.Resources.WaitlistFirstAccessRefusedNote].En));
        Assert.That(_host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == stranger.Order.Id), Is.Zero);

        Assert.That((await PlaceAsync(orders, _shop.AddCustomer(), product, "unconfirmed@example.com")).Outcome, Is.EqualTo(PlacementOutcome.FirstAccessOnly),
            "an unconfirmed address is no member");
        Assert.That((await PlaceAsync(orders, member, product, null)).Outcome, Is.EqualTo(PlacementOutcome.Placed));
        Assert.That((await PlaceAsync(orders, _shop.AddCustomer(), product, "GUEST@example.com")).Outcome, Is.EqualTo(PlacementOutcome.Placed),
            "a guest is recognized by the billing address's e-mail");

        _host.Clock.Now = _host.Clock.Now.AddHours(12);
        Assert.That((await PlaceAsync(orders, _shop.AddCustomer(), product, null)).Outcome, Is.EqualTo(PlacementOutcome.Placed), "first access is over");
    }

    [Test]
    public async Task During_first_access_the_cart_warns_a_non_member_and_lets_members_and_everyone_after_it_through()
    {
        var product = await ComingSoonAsync(opensInHours: 1);
        await Waitlist.SetFirstAccessHoursAsync(product.Id, 6);
        var member = _shop.AddCustomer();
        var stranger = _shop.AddCustomer();
        await Waitlist.JoinAsync(product.Id, 1, 1, member.Id, member.Email);
        var access = _host.Resolve<WaitlistAccessService>();

        Assert.That(await access.GetItemWarningsAsync(stranger, product), Is.Empty, "before the opening the window rule speaks, not first access");
        _host.Clock.Now = _host.Clock.Now.AddHours(2);
        var warning = (await access.GetItemWarningsAsync(stranger, product)).Single();
        Assert.That(warning, Does.StartWith("Pre-orders of this product are open to its waitlist first."), "the plugin's localized text");
        Assert.That(await access.GetItemWarningsAsync(member, product), Is.Empty);
        Assert.That(await access.GetItemWarningsAsync(stranger, _shop.AddProduct(stock: 5)), Is.Empty, "not a pre-order: nothing to say");
        _host.Clock.Now = _host.Clock.Now.AddHours(6);
        Assert.That(await access.GetItemWarningsAsync(stranger, product), Is.Empty, "first access is over");
    }

    private async Task<(Order Order, PlacementOutcome Outcome)> PlaceAsync(PreorderOrderService orders, Nop.Core.Domain.Customers.Customer customer, Product product, string billingEmail)
    {
        var order = _shop.AddOrder(customer, (product, 1));
        order.CreatedOnUtc = _host.Clock.UtcNow;
        if (billingEmail != null)
        {
            var address = new Address { Id = _shop.NextId(), Email = billingEmail };
            _shop.Addresses[address.Id] = address;
            order.BillingAddressId = address.Id;
        }
        return (order, await orders.PlaceAsync(order));
    }

    [Test]
    public async Task The_funnel_counts_confirmed_joins_per_product_only()
    {
        var a = await ComingSoonAsync();
        var b = await ComingSoonAsync();
        var none = await ComingSoonAsync();
        await Waitlist.JoinAsync(a.Id, 1, 1, _shop.AddCustomer().Id, "x1@example.com");
        await Waitlist.JoinAsync(a.Id, 1, 1, _shop.AddCustomer().Id, "x2@example.com");
        await Waitlist.JoinAsync(a.Id, 1, 1, 0, "pending@example.com");
        await Waitlist.JoinAsync(b.Id, 1, 1, _shop.AddCustomer().Id, "x3@example.com");

        var counts = await _host.Resolve<IWaitlistJoinCounter>().CountJoinsAsync(new[] { a.Id, b.Id, none.Id });

        Assert.That(counts, Is.EquivalentTo(new Dictionary<int, int> { [a.Id] = 2, [b.Id] = 1 }));
        Assert.That(await _host.Resolve<IWaitlistJoinCounter>().CountJoinsAsync(Array.Empty<int>()), Is.Empty);
        var csv = await Waitlist.ExportCsvAsync(a.Id);
        Assert.That(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(4), "header and three rows");
        Assert.That(csv, Does.Contain("pending@example.com"));
    }
}
