using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Customers;

/// <summary>Who may see and act on an order: its owner, or the holder of a valid balance link for it. Nothing else, and refusals change nothing.</summary>
[TestFixture]
public class SelfServiceAccessTests : HostedTest
{


    private async Task<(Nop.Core.Domain.Customers.Customer Owner, Nop.Core.Domain.Orders.Order Order, PreorderLine Line)> OrderAsync()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        var owner = Host.Shop.AddCustomer();
        var order = await Host.PlaceOrderAsync(owner, (product, 1));
        var line = Host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        return (owner, order, line);
    }

    private static string KeyOf(AsyncTestDelegate action) => Assert.ThrowsAsync<PreorderRuleException>(action)!.ResourceKey;

    [Test]
    public async Task Another_customer_sees_not_found_and_changes_nothing()
    {
        var (_, order, line) = await OrderAsync();
        var stranger = Host.Shop.AddCustomer();
        var self = Host.Resolve<PreorderSelfService>();

        Assert.That(KeyOf(() => self.AuthorizeAsync(stranger, order.Id, null)), Is.EqualTo(PreorderDefaults.Resources.OrderNotFound));
        Assert.That(KeyOf(() => self.CancelAsync(stranger, order.Id, line.Id, null, (int)CancellationReason.NoLongerNeeded, null)), Is.EqualTo(PreorderDefaults.Resources.OrderNotFound));
        Assert.That(KeyOf(() => self.AuthorizeAsync(stranger, 999999, null)), Is.EqualTo(PreorderDefaults.Resources.OrderNotFound), "same answer for a missing order");
        Assert.That(KeyOf(() => self.AuthorizeAsync(null, order.Id, null)), Is.EqualTo(PreorderDefaults.Resources.OrderNotFound), "a guest without a link");
        Assert.That(Host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).State, Is.EqualTo(PreorderLineState.Waiting));
    }

    [Test]
    public async Task A_line_of_another_order_cannot_be_reached_through_my_order()
    {
        var (owner, order, _) = await OrderAsync();
        var (_, _, otherLine) = await OrderAsync();
        var self = Host.Resolve<PreorderSelfService>();
        Assert.That(KeyOf(() => self.CancelAsync(owner, order.Id, otherLine.Id, null, (int)CancellationReason.NoLongerNeeded, null)), Is.EqualTo(PreorderDefaults.Resources.OrderNotFound));
        Assert.That(Host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == otherLine.Id).State, Is.EqualTo(PreorderLineState.Waiting));
    }

    [Test]
    public async Task A_link_is_stamped_as_used_only_after_it_passed_every_check()
    {
        var (_, order, _) = await OrderAsync();
        var (_, otherOrder, _) = await OrderAsync();
        var links = Host.Resolve<BalanceLinkService>();
        var self = Host.Resolve<PreorderSelfService>();
        var token = await links.IssueAsync(order.Id, validDays: 14);
        DateTime? LastUsed() => Host.Scope.Repository<PreorderBalanceToken>().Table.Single(t => t.OrderId == order.Id).LastUsedOnUtc;

        Assert.That(KeyOf(() => self.AuthorizeAsync(null, otherOrder.Id, token)), Is.EqualTo(PreorderDefaults.Resources.OrderNotFound));
        Assert.That(LastUsed(), Is.Null, "tried on another order: not stamped");
        Assert.That((await links.CheckAsync(token, otherOrder.Id)).IsValid, Is.False);
        Assert.That(LastUsed(), Is.Null, "the service checks the order itself before stamping");

        var start = Host.Clock.Now;
        Host.Clock.Now = start.AddDays(15);
        Assert.That(KeyOf(() => self.AuthorizeAsync(null, order.Id, token)), Is.EqualTo(PreorderDefaults.Resources.LinkExpired));
        Assert.That(LastUsed(), Is.Null, "expired: not stamped");

        Host.Clock.Now = start.AddHours(1);
        Assert.That((await self.AuthorizeAsync(null, order.Id, token)).Id, Is.EqualTo(order.Id));
        Assert.That(LastUsed(), Is.EqualTo(Host.Clock.Now), "stamped once it opened its own order");

        await links.RevokeAllAsync(order.Id);
        Host.Clock.Now = start.AddHours(2);
        Assert.That(KeyOf(() => self.AuthorizeAsync(null, 0, token)), Is.EqualTo(PreorderDefaults.Resources.LinkInvalid));
        Assert.That(LastUsed(), Is.EqualTo(start.AddHours(1)), "revoked: not stamped");
    }

    [Test]
    public async Task A_valid_link_opens_its_order_only_until_it_expires_or_is_revoked()
    {
        var (_, order, _) = await OrderAsync();
        var (_, otherOrder, _) = await OrderAsync();
        var links = Host.Resolve<BalanceLinkService>();
        var self = Host.Resolve<PreorderSelfService>();
        var token = await links.IssueAsync(order.Id, validDays: 14);

        Assert.That((await self.AuthorizeAsync(null, 0, token)).Id, Is.EqualTo(order.Id));
        Assert.That(KeyOf(() => self.AuthorizeAsync(null, otherOrder.Id, token)), Is.EqualTo(PreorderDefaults.Resources.OrderNotFound), "the link is for one order only");

        var tampered = (token[0] == 'a' ? 'b' : 'a') + token[1..];
        Assert.That(KeyOf(() => self.AuthorizeAsync(null, 0, tampered)), Is.EqualTo(PreorderDefaults.Resources.LinkInvalid));
        Assert.That(KeyOf(() => self.AuthorizeAsync(null, 0, "not-a-token")), Is.EqualTo(PreorderDefaults.Resources.LinkInvalid));

        Assert.That(Host.Scope.Repository<PreorderBalanceToken>().Table.Any(t => t.TokenHash == token), Is.False, "the raw token is never stored");
        Assert.That(Host.Scope.Repository<PreorderBalanceToken>().Table.Single(t => t.OrderId == order.Id).TokenHash, Is.EqualTo(BalanceTokenCodec.Hash(token)));

        Host.Clock.Now = Host.Clock.Now.AddDays(15);
        Assert.That(KeyOf(() => self.AuthorizeAsync(null, 0, token)), Is.EqualTo(PreorderDefaults.Resources.LinkExpired));

        var fresh = await links.IssueAsync(order.Id, 14);
        Assert.That((await self.AuthorizeAsync(null, 0, fresh)).Id, Is.EqualTo(order.Id));
        await links.RevokeAllAsync(order.Id);
        Assert.That(KeyOf(() => self.AuthorizeAsync(null, 0, fresh)), Is.EqualTo(PreorderDefaults.Resources.LinkInvalid));
    }

    [Test]
    public async Task The_owner_cancels_a_waiting_pre_order_and_the_units_return()
    {
        var (owner, order, line) = await OrderAsync();
        await Host.Resolve<PreorderSelfService>().CancelAsync(owner, order.Id, line.Id, null, (int)CancellationReason.NoLongerNeeded, null);
        Assert.That(Host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).State, Is.EqualTo(PreorderLineState.Cancelled));
        Assert.That(Host.Scope.Repository<PreorderCapCounter>().Table.Single(c => c.ProductId == line.ProductId && c.CombinationId == 0).Sold, Is.EqualTo(0));
        Assert.That(Host.Scope.Repository<PreorderAuditEntry>().Table.Any(a => a.Action == "LineCancelled" && a.OrderId == order.Id && a.CustomerId == owner.Id), Is.True);
    }

    [Test]
    public async Task Extensions_are_limited_to_the_store_setting()
    {
        var (owner, order, line) = await OrderAsync();
        Host.Shop.Settings.MaxAutoExtensions = 1;
        var product = Host.Shop.Products[line.ProductId];
        product.StockQuantity += 1;
        await Host.Publisher.PublishAsync(new Nop.Core.Events.EntityUpdatedEvent<Nop.Core.Domain.Catalog.Product>(product));
        var due = Host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).BalanceDueOnUtc!.Value;

        var self = Host.Resolve<PreorderSelfService>();
        var extended = await self.ExtendAsync(owner, order.Id, line.Id, null);
        Assert.That(extended.BalanceDueOnUtc, Is.EqualTo(due.AddDays(Host.Settings.ExtensionDays)));
        Assert.That(KeyOf(() => self.ExtendAsync(owner, order.Id, line.Id, null)), Is.EqualTo(PreorderDefaults.Resources.ExtensionNotAllowed));
        Assert.That(Host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).ExtensionCount, Is.EqualTo(1));
    }
}
