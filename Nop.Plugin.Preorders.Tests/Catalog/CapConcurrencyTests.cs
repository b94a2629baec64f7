using System.Collections.Concurrent;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Catalog;

/// <summary>
/// Many shoppers check out the same capped product at once, on two web-farm nodes (separate service
/// graphs and connections) sharing one database: sold units never pass the cap, and every unit is
/// accounted for (a line holds it, or the order was cancelled and counted nothing).
/// </summary>
[TestFixture]
public class CapConcurrencyTests
{
    [TestCase(40, 120, 16)]
    [TestCase(7, 60, 32)]
    public async Task Parallel_checkouts_never_pass_the_cap(int cap, int checkouts, int parallelism)
    {
        using var database = TestDatabase.CreateMigrated();
        var shop = new FakeShop();
        using var setup = new PreorderTestHost(database, shop);
        var product = await setup.PreorderProductAsync(cap: cap, mode: PreorderPaymentMode.FullUpfront);

        var outcomes = new ConcurrentBag<(int Quantity, bool Cancelled)>();
        var random = new Random(42);
        var quantities = Enumerable.Range(0, checkouts).Select(_ => random.Next(1, 3)).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, checkouts), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            // each checkout is a request on node A or node B: its own container and database connection
            using var node = new PreorderTestHost(database, shop);
            var order = await node.PlaceOrderAsync(product, quantities[i]);
            outcomes.Add((quantities[i], order.OrderStatus == OrderStatus.Cancelled));
        });

        using var check = new PreorderTestHost(database, shop);
        var counter = await check.Resolve<CapReservationService>().GetCounterAsync(product.Id);
        var lines = check.Scope.Repository<PreorderLine>().Table.Where(l => l.ProductId == product.Id).ToList();
        var accepted = outcomes.Where(o => !o.Cancelled).Sum(o => o.Quantity);
        var requested = quantities.Sum();

        TestContext.Out.WriteLine($"{TestDatabase.CurrentProvider}: {checkouts} checkouts x{parallelism}, requested {requested}, cap {cap}, sold {counter.Sold}, lines {lines.Count}, cancelled orders {outcomes.Count(o => o.Cancelled)}");
        Assert.That(counter.Sold, Is.LessThanOrEqualTo(cap), "never past the cap");
        Assert.That(counter.Sold, Is.EqualTo(lines.Sum(l => l.Quantity)), "every counted unit is held by a line");
        Assert.That(counter.Sold, Is.EqualTo(accepted), "every accepted order's units are counted, nothing lost");
        Assert.That(lines.Select(l => l.OrderItemId).Distinct().Count(), Is.EqualTo(lines.Count));
        // demand exceeded the cap, so the cap must be (nearly) full: at most one unit short, when the last
        // remaining unit could not serve a two-unit order
        Assert.That(cap - counter.Sold, Is.LessThanOrEqualTo(1));
        Assert.That(outcomes.Count(o => o.Cancelled), Is.GreaterThan(0), "the losers were cancelled");
        Assert.That(shop.OrderNotes.Count(n => n.Note.Contains("taken by another order")), Is.EqualTo(outcomes.Count(o => o.Cancelled)));
    }

    [Test]
    public async Task A_repeated_order_placed_event_counts_nothing_twice()
    {
        using var database = TestDatabase.CreateMigrated();
        var shop = new FakeShop();
        using var host = new PreorderTestHost(database, shop);
        var product = await host.PreorderProductAsync(cap: 5);
        var order = await host.PlaceOrderAsync(product, 2);

        await Parallel.ForEachAsync(Enumerable.Range(0, 6), async (_, _) =>
        {
            using var node = new PreorderTestHost(database, shop);
            await node.Publisher.PublishAsync(new OrderPlacedEvent(order));
        });

        var counter = await host.Resolve<CapReservationService>().GetCounterAsync(product.Id);
        Assert.That(counter.Sold, Is.EqualTo(2));
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Count(l => l.OrderId == order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task A_cap_cannot_be_set_below_units_sold_even_concurrently()
    {
        using var database = TestDatabase.CreateMigrated();
        using var host = new PreorderTestHost(database);
        var product = await host.PreorderProductAsync(cap: 10);
        await host.PlaceOrderAsync(product, 6);

        var service = host.Resolve<CapReservationService>();
        Assert.That(await service.TrySetCapAsync(product.Id, 0, 5), Is.False);
        Assert.That(await service.TrySetCapAsync(product.Id, 0, 6), Is.True);
        Assert.That((await service.GetCounterAsync(product.Id)).Cap, Is.EqualTo(6));
        Assert.That(await service.TryReserveAsync(product.Id, 0, 1), Is.False, "the cap is full");
        await service.ReleaseAsync(product.Id, 0, 1);
        Assert.That(await service.TryReserveAsync(product.Id, 0, 1), Is.True, "a released unit can be sold again");
    }

    [Test]
    public async Task A_combination_cap_and_the_product_cap_both_hold()
    {
        using var database = TestDatabase.CreateMigrated();
        using var host = new PreorderTestHost(database);
        var product = await host.PreorderProductAsync(cap: 10);
        var service = host.Resolve<CapReservationService>();
        Assert.That(await service.TrySetCapAsync(product.Id, 77, 3), Is.True);

        Assert.That(await service.TryReserveAsync(product.Id, 77, 3), Is.True);
        Assert.That(await service.TryReserveAsync(product.Id, 77, 1), Is.False, "the variant's own cap");
        Assert.That(await service.TryReserveAsync(product.Id, 0, 7), Is.True);
        Assert.That(await service.TryReserveAsync(product.Id, 88, 1), Is.False, "the product cap is full");
        Assert.That((await service.GetCounterAsync(product.Id, 77)).Sold, Is.EqualTo(3));
        Assert.That((await service.GetCounterAsync(product.Id)).Sold, Is.EqualTo(10));
    }
}
