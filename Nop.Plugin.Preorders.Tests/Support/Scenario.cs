using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>Shortcuts to set up a shop state through the plugin's real services.</summary>
public static class Scenario
{
    /// <summary>The task's step that records (and sends) the stock-arrived notifications of allocated lines; returns the lines notified.</summary>
    public static Task<int> NotifyAllocationsAsync(this PreorderTestHost host) =>
        host.Resolve<Nop.Plugin.Preorders.Services.Orders.AllocationNoticeService>().NotifyAllocatedAsync();

    public static async Task<Product> PreorderProductAsync(this PreorderTestHost host, int? cap = 10, PreorderPaymentMode mode = PreorderPaymentMode.Deposit,
        decimal price = 100m, int stock = 0, DateTime? shipDate = null, int? perCustomerLimit = null, string countries = null, DateTime? windowStart = null, DateTime? windowEnd = null)
    {
        var product = host.Shop.AddProduct(stock, price);
        var errors = await host.Resolve<PreorderCatalogService>().SaveAsync(new PreorderProfileEdit
        {
            Profile = new PreorderProfile
            {
                ProductId = product.Id, Enabled = true, Cap = cap, PaymentMode = mode, ExpectedShipDateUtc = shipDate ?? host.Clock.UtcNow.AddDays(60),
                PerCustomerLimit = perCustomerLimit, AllowedCountryCodes = countries, WindowStartUtc = windowStart, WindowEndUtc = windowEnd
            }
        }, byCustomerId: 1);
        Assert.That(errors, Is.Empty, "profile should save: " + string.Join(", ", errors.Select(e => e.ResourceKey)));
        return product;
    }

    /// <summary>nopCommerce saved an order and raised OrderPlacedEvent.</summary>
    public static async Task<Order> PlaceOrderAsync(this PreorderTestHost host, Customer customer, params (Product Product, int Quantity)[] lines)
    {
        var order = host.Shop.AddOrder(customer, lines);
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        return order;
    }

    /// <summary>An order paid with the card method (<see cref="FakeCardPaymentMethod"/>): its balances are charged through it.</summary>
    public static async Task<Order> PlaceCardOrderAsync(this PreorderTestHost host, Product product, int quantity = 1)
    {
        var order = host.Shop.AddOrder(host.Shop.AddCustomer(), (product, quantity));
        order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        return order;
    }

    public static Task<Order> PlaceOrderAsync(this PreorderTestHost host, Product product, int quantity = 1) =>
        host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, quantity));
}
