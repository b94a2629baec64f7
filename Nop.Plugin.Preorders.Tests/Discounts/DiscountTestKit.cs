using System.Collections.Concurrent;
using Autofac;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Configuration;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Configuration;
using Nop.Services.Discounts;
using Nop.Services.Orders;
using Nop.Services.Security;

namespace Nop.Plugin.Preorders.Tests.Discounts;

/// <summary>
/// nopCommerce's side of discounts for the tests: shopping carts per customer, settings by key, discounts and
/// their requirements, and the admin's permissions, all as Moq mocks over in-memory state, so the tests can
/// both drive the plugin and verify exactly what it asked nopCommerce to do.
/// </summary>
public sealed class DiscountTestKit
{
    private int _nextRequirementId = 500;

    public DiscountTestKit(FakeShop shop)
    {
        Shop = shop;

        Cart.Setup(c => c.GetShoppingCartAsync(It.IsAny<Customer>(), ShoppingCartType.ShoppingCart, shop.Store.Id,
                It.IsAny<int?>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<int?>()))
            .ReturnsAsync((Customer customer, ShoppingCartType? _, int _, int? _, DateTime? _, DateTime? _, int? _) =>
                (IList<ShoppingCartItem>)Carts.GetValueOrDefault(customer.Id, new List<ShoppingCartItem>()).ToList());

        // the plugin's own settings object, as FakeShop provides it
        Settings.Setup(s => s.LoadSettingAsync<PreorderSettings>(It.IsAny<int>())).ReturnsAsync(() => Shop.Settings);
        Settings.Setup(s => s.GetSettingByKeyAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<bool>()))
            .ReturnsAsync((string key, int defaultValue, int _, bool _) => SettingValues.TryGetValue(key.ToLowerInvariant(), out var value) ? int.Parse(value) : defaultValue);
        Settings.Setup(s => s.SetSettingAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<bool>()))
            .Callback((string key, int value, int _, bool _) => SettingValues[key.ToLowerInvariant()] = value.ToString())
            .Returns(Task.CompletedTask);
        Settings.Setup(s => s.GetSettingAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<bool>()))
            .ReturnsAsync((string key, int _, bool _) => SettingValues.TryGetValue(key.ToLowerInvariant(), out var value) ? new Setting(key.ToLowerInvariant(), value) : null);
        Settings.Setup(s => s.GetAllSettingsAsync())
            .ReturnsAsync(() => (IList<Setting>)SettingValues.Select(s => new Setting(s.Key, s.Value)).ToList());
        Settings.Setup(s => s.DeleteSettingAsync(It.IsAny<Setting>()))
            .Callback((Setting setting) => SettingValues.TryRemove(setting.Name, out _)).Returns(Task.CompletedTask);
        Settings.Setup(s => s.DeleteSettingsAsync(It.IsAny<IList<Setting>>()))
            .Callback((IList<Setting> settings) => { foreach (var setting in settings) SettingValues.TryRemove(setting.Name, out _); })
            .Returns(Task.CompletedTask);

        DiscountService.Setup(d => d.GetDiscountByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Discounts.GetValueOrDefault(id));
        DiscountService.Setup(d => d.GetDiscountRequirementByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Requirements.GetValueOrDefault(id));
        DiscountService.Setup(d => d.GetAllDiscountRequirementsAsync(It.IsAny<int>(), It.IsAny<bool>()))
            .ReturnsAsync(() => (IList<DiscountRequirement>)Requirements.Values.ToList());
        DiscountService.Setup(d => d.InsertDiscountRequirementAsync(It.IsAny<DiscountRequirement>()))
            .Callback((DiscountRequirement requirement) =>
            {
                requirement.Id = Interlocked.Increment(ref _nextRequirementId);
                Requirements[requirement.Id] = requirement;
            })
            .Returns(Task.CompletedTask);
        DiscountService.Setup(d => d.DeleteDiscountRequirementAsync(It.IsAny<DiscountRequirement>(), It.IsAny<bool>()))
            .Callback((DiscountRequirement requirement, bool recursively) => Requirements.TryRemove(requirement.Id, out var removed))
            .Returns(Task.CompletedTask);

        Permissions.Setup(p => p.AuthorizeAsync(It.IsAny<string>())).ReturnsAsync((string permission) => Granted.Contains(permission));
    }

    public FakeShop Shop { get; }

    public Mock<IShoppingCartService> Cart { get; } = new();
    public Mock<ISettingService> Settings { get; } = new();
    public Mock<IDiscountService> DiscountService { get; } = new();
    public Mock<IPermissionService> Permissions { get; } = new();

    /// <summary>customer id → shopping cart lines.</summary>
    public ConcurrentDictionary<int, List<ShoppingCartItem>> Carts { get; } = new();

    /// <summary>Setting name (lower case, as nopCommerce stores it) → value.</summary>
    public ConcurrentDictionary<string, string> SettingValues { get; } = new();

    public ConcurrentDictionary<int, Discount> Discounts { get; } = new();
    public ConcurrentDictionary<int, DiscountRequirement> Requirements { get; } = new();

    /// <summary>Permissions the current admin holds; both discount permissions by default.</summary>
    public HashSet<string> Granted { get; } = new()
    {
        StandardPermission.Promotions.DISCOUNTS_VIEW,
        StandardPermission.Promotions.DISCOUNTS_CREATE_EDIT_DELETE
    };

    public static PreorderTestHost NewHost(TestDatabase database, out DiscountTestKit kit)
    {
        var shop = new FakeShop();
        var created = new DiscountTestKit(shop);
        kit = created;
        return new PreorderTestHost(database, shop, configure: created.Register);
    }

    public void Register(ContainerBuilder builder)
    {
        builder.RegisterInstance(Cart.Object).As<IShoppingCartService>();
        builder.RegisterInstance(Settings.Object).As<ISettingService>();
        builder.RegisterInstance(DiscountService.Object).As<IDiscountService>();
        builder.RegisterInstance(Permissions.Object).As<IPermissionService>();
    }

    public Customer CustomerWithCart(params (Product Product, int Quantity)[] lines)
    {
        var customer = Shop.AddCustomer();
        Carts[customer.Id] = lines.Select(l => new ShoppingCartItem
        {
            Id = Shop.NextId(), CustomerId = customer.Id, ProductId = l.Product.Id, Quantity = l.Quantity,
            ShoppingCartTypeId = (int)ShoppingCartType.ShoppingCart, StoreId = Shop.Store.Id
        }).ToList();
        return customer;
    }

    public Discount AddDiscount()
    {
        var discount = new Discount { Id = Shop.NextId(), Name = "Early bird" };
        Discounts[discount.Id] = discount;
        return discount;
    }

    /// <summary>A requirement of this plugin on a discount, with "first N units" = <paramref name="firstUnits"/> (null = never configured).</summary>
    public DiscountRequirement AddRequirement(int? firstUnits = null, string systemName = PreorderDefaults.SystemName, Discount discount = null)
    {
        discount ??= AddDiscount();
        var requirement = new DiscountRequirement
        {
            Id = Interlocked.Increment(ref _nextRequirementId), DiscountId = discount.Id, DiscountRequirementRuleSystemName = systemName
        };
        Requirements[requirement.Id] = requirement;
        if (firstUnits.HasValue)
            SettingValues[$"discountrequirement.preorders.firstunits-{requirement.Id}"] = firstUnits.Value.ToString();
        return requirement;
    }
}
