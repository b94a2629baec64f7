using Nop.Core.Domain.Catalog;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>The claim behind the task's stock-arrived notices: one node per allocation, given back only by the node that holds it.</summary>
[TestFixture]
public class AllocationNoticeTests : DatabaseTest
{
    [Test]
    public async Task An_allocation_is_claimed_once_and_a_claim_is_given_back_only_by_its_holder()
    {
        using var host = new PreorderTestHost(Database);
        var product = await host.PreorderProductAsync(cap: 5, mode: PreorderPaymentMode.FullUpfront);
        var first = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var second = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var lines = host.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == product.Id).OrderBy(l => l.Id).ToList();
        var updates = host.Resolve<ConditionalUpdates>();
        var now = host.Clock.UtcNow;

        Assert.That(await updates.TryClaimAllocationNoticeAsync(lines[0].Id, now), Is.False, "a waiting line has no allocation to announce");

        // one unit arrives: the first line is allocated, the second still waits
        product.StockQuantity += 1;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == lines[0].Id).AllocatedOnUtc, Is.Not.Null);

        Assert.That(await updates.TryClaimAllocationNoticeAsync(lines[0].Id, now), Is.True);
        Assert.That(await updates.TryClaimAllocationNoticeAsync(lines[0].Id, now.AddSeconds(1)), Is.False, "another node finds it taken");
        Assert.That(await updates.ReleaseAllocationNoticeAsync(lines[0].Id, now.AddSeconds(1)), Is.False, "only the holder gives it back");
        Assert.That(await updates.ReleaseAllocationNoticeAsync(lines[0].Id, now), Is.True);
        Assert.That(await host.NotifyAllocationsAsync(), Is.EqualTo(1), "given back: the next run announces it");
        Assert.That(await host.NotifyAllocationsAsync(), Is.Zero, "once");
        Assert.That(host.Publisher.Of<PreorderEvent>().Where(e => e.Kind == PreorderEventKind.StockAllocated).Select(e => e.LineId), Is.EqualTo(new[] { lines[0].Id }),
            $"order {second.Id} still waits: nothing to announce");
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == second.Id).State, Is.EqualTo(PreorderLineState.Waiting));
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == first.Id).AllocationNotifiedOnUtc, Is.Not.Null);
    }
}
