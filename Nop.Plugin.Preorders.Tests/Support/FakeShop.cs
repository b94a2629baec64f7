using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using Autofac;
using Moq;
using Nop.Core;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Cms;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.Stores;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.Stores;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>
/// The nopCommerce side of a shop, in memory: orders, products, customers, currencies, settings and payment
/// methods, exposed to the plugin through Moq mocks of nopCommerce's interfaces. Thread-safe, shared by
/// several <see cref="PreorderTestHost"/>s standing for web-farm nodes.
/// </summary>
public sealed class FakeShop
{
    private int _nextId = 1000;

    public TestClock Clock { get; } = new();
    public TestStaticCacheManager Cache { get; } = new();
    public PreorderSettings Settings { get; set; } = new() { DefaultDepositRuleJson = "{\"Percent\":20}" };

    /// <summary>A store's settings with its overrides (nopCommerce's LoadSettingAsync(storeId)); a store not here sees <see cref="Settings"/>.</summary>
    public ConcurrentDictionary<int, PreorderSettings> StoreSettings { get; } = new();
    public WidgetSettings WidgetSettings { get; } = new() { ActiveWidgetSystemNames = new List<string>() };
    public ConcurrentDictionary<int, Order> Orders { get; } = new();
    public ConcurrentDictionary<int, List<OrderItem>> OrderItems { get; } = new();
    public ConcurrentQueue<OrderNote> OrderNotes { get; } = new();
    public ConcurrentDictionary<int, Product> Products { get; } = new();

    /// <summary>nopCommerce's discounts (IDiscountService): the delay coupons the plugin creates.</summary>
    public ConcurrentDictionary<int, Nop.Core.Domain.Discounts.Discount> Discounts { get; } = new();

    /// <summary>nopCommerce's attribute combinations (stock kept per combination).</summary>
    public ConcurrentDictionary<int, ProductAttributeCombination> Combinations { get; } = new();

    public ProductAttributeCombination AddCombination(Product product, int stock, bool allowOutOfStockOrders = false)
    {
        var combination = new ProductAttributeCombination { Id = NextId(), ProductId = product.Id, StockQuantity = stock, AllowOutOfStockOrders = allowOutOfStockOrders };
        Combinations[combination.Id] = combination;
        return combination;
    }

    /// <summary>Product id → the stores it is limited to (nopCommerce's store mappings); a product not here is in every store.</summary>
    public ConcurrentDictionary<int, int[]> ProductStores { get; } = new();
    public ConcurrentDictionary<int, Customer> Customers { get; } = new();

    /// <summary>nopCommerce's customer roles and each customer's role ids (ICustomerService); a customer not here has none.</summary>
    public List<CustomerRole> Roles { get; } = new();
    public ConcurrentDictionary<int, int[]> CustomerRoleIds { get; } = new();

    /// <summary>nopCommerce's categories and each product's category ids in the product's category order (ICategoryService).</summary>
    public List<Category> Categories { get; } = new();
    public ConcurrentDictionary<int, int[]> ProductCategoryIds { get; } = new();
    public ConcurrentDictionary<int, Address> Addresses { get; } = new();
    public ConcurrentQueue<GiftCard> GiftCards { get; } = new();
    public ConcurrentDictionary<int, List<Nop.Core.Domain.Shipping.ShipmentItem>> ShipmentItems { get; } = new();
    public ConcurrentDictionary<string, IPaymentMethod> PaymentMethods { get; } = new();
    public Store Store { get; } = new() { Id = 1, Name = "Test shop", Url = "http://shop.test/" };
    public Customer CurrentCustomer { get; set; }

    /// <summary>The vendor the current admin is restricted to (nopCommerce's IWorkContext.GetCurrentVendorAsync); null for a store admin.</summary>
    public Nop.Core.Domain.Vendors.Vendor CurrentVendor { get; set; }

    /// <summary>The admin's working language culture (nopCommerce's IWorkContext.GetWorkingLanguageAsync).</summary>
    public string WorkingLanguageCulture { get; set; } = "en-US";

    /// <summary>nopCommerce's admin notifications (INotificationService), as (kind, message).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Kind, string Message)> Notifications { get; } = new();

    /// <summary>
    /// What the webhook address resolver answers per host name (no DNS in tests). A host not listed resolves
    /// only if it is an IP literal or "localhost" (loopback); anything else is "host not found".
    /// </summary>
    public ConcurrentDictionary<string, System.Net.IPAddress[]> HostAddresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, answers first (null: fall back to <see cref="HostAddresses"/>); for answers that change between lookups.</summary>
    public Func<string, System.Net.IPAddress[]> ResolveOverride { get; set; }

    /// <summary>nopCommerce's encryption service stand-in: reversible, recognisable ("enc:" + base64), refuses what it did not encrypt.</summary>
    public static string Encrypt(string plainText) =>
        string.IsNullOrEmpty(plainText) ? plainText : "enc:" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(plainText));

    public static string Decrypt(string cipherText)
    {
        if (string.IsNullOrEmpty(cipherText))
            return cipherText;
        if (!cipherText.StartsWith("enc:", StringComparison.Ordinal))
            throw new FormatException("The input is not a valid Base-64 string.");
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cipherText[4..]));
    }

    public List<Country> Countries { get; } = new()
    {
        new() { Id = 1, Name = "United States", TwoLetterIsoCode = "US" },
        new() { Id = 2, Name = "Germany", TwoLetterIsoCode = "DE" },
        new() { Id = 3, Name = "Russia", TwoLetterIsoCode = "RU" }
    };

    public List<Currency> Currencies { get; } = new()
    {
        new() { Id = 1, Name = "US Dollar", CurrencyCode = "USD", Rate = 1m, RoundingType = RoundingType.Rounding001 },
        new() { Id = 2, Name = "Rouble", CurrencyCode = "RUB", Rate = 92.5m, RoundingType = RoundingType.Rounding1 }
    };

    /// <summary>The shopper's currency in this request (nopCommerce's working currency); null = the first of <see cref="Currencies"/> (USD, primary).</summary>
    public Currency WorkingCurrency { get; set; }

    /// <summary>Tax added to prices "including tax" (nopCommerce's tax service), in percent; 0 = none.</summary>
    public decimal TaxPercent { get; set; }

    /// <summary>nopCommerce's tax service: a price with tax included.</summary>
    public decimal WithTax(decimal price) => TaxPercent == 0m ? price : price * (100m + TaxPercent) / 100m;

    public int NextId() => Interlocked.Increment(ref _nextId);

    public Product AddProduct(int stock = 0, decimal price = 100m, ManageInventoryMethod inventory = ManageInventoryMethod.ManageStock)
    {
        var product = new Product { Id = NextId(), Name = "Product", Price = price, StockQuantity = stock, ManageInventoryMethod = inventory, Published = true };
        Products[product.Id] = product;
        return product;
    }

    public Customer AddCustomer(string countryCode = null)
    {
        var customer = new Customer { Id = NextId(), Email = $"c{_nextId}@example.test", Active = true };
        if (countryCode != null)
        {
            var address = new Address { Id = NextId(), CountryId = Countries.First(c => c.TwoLetterIsoCode == countryCode).Id };
            Addresses[address.Id] = address;
            customer.ShippingAddressId = address.Id;
        }
        Customers[customer.Id] = customer;
        return customer;
    }

    /// <summary>An order as nopCommerce would have saved it: items at the given unit prices, stock decremented.</summary>
    public Order AddOrder(Customer customer, params (Product Product, int Quantity)[] lines)
    {
        var order = new Order
        {
            Id = NextId(), OrderGuid = Guid.NewGuid(), CustomerId = customer.Id, StoreId = Store.Id, CustomerCurrencyCode = "USD", CurrencyRate = 1m,
            PaymentMethodSystemName = PreorderDefaults.SystemName, OrderStatus = OrderStatus.Pending, PaymentStatus = PaymentStatus.Pending,
            BillingAddressId = 0, CustomOrderNumber = null, CreatedOnUtc = Clock.UtcNow
        };
        order.CustomOrderNumber = order.Id.ToString(CultureInfo.InvariantCulture);
        var items = new List<OrderItem>();
        foreach (var (product, quantity) in lines)
        {
            items.Add(new OrderItem
            {
                Id = NextId(), OrderId = order.Id, ProductId = product.Id, Quantity = quantity, OrderItemGuid = Guid.NewGuid(),
                UnitPriceInclTax = WithTax(product.Price), UnitPriceExclTax = product.Price, PriceInclTax = WithTax(product.Price * quantity), PriceExclTax = product.Price * quantity
            });
            lock (product)
                product.StockQuantity -= quantity;
        }
        order.OrderTotal = items.Sum(i => i.PriceInclTax);
        Orders[order.Id] = order;
        OrderItems[order.Id] = items;
        return order;
    }

    /// <summary>A shipment of the order carrying these of its items (all of each item's quantity), as nopCommerce saves it before it is sent.</summary>
    public Nop.Core.Domain.Shipping.Shipment AddShipment(Order order, params OrderItem[] items)
    {
        var shipment = new Nop.Core.Domain.Shipping.Shipment { Id = NextId(), OrderId = order.Id, ShippedDateUtc = Clock.UtcNow };
        ShipmentItems[shipment.Id] = items.Select(i => new Nop.Core.Domain.Shipping.ShipmentItem
        {
            Id = NextId(), ShipmentId = shipment.Id, OrderItemId = i.Id, Quantity = i.Quantity
        }).ToList();
        return shipment;
    }

    /// <summary>nopCommerce's inventory adjustment: stock changes, the product is updated (and its update event raised).</summary>
    public async Task AdjustStockAsync(PreorderTestHost host, Product product, int change)
    {
        lock (product)
            product.StockQuantity += change;
        await host.Publisher.PublishAsync(new Nop.Core.Events.EntityUpdatedEvent<Product>(product));
    }

    internal void RegisterFakes(ContainerBuilder builder, PreorderTestHost host)
    {
        var settings = new Mock<ISettingService>();
        settings.Setup(s => s.LoadSettingAsync<PreorderSettings>(It.IsAny<int>())).ReturnsAsync((int storeId) => StoreSettings.GetValueOrDefault(storeId, Settings));
        settings.Setup(s => s.SaveSettingAsync(It.IsAny<PreorderSettings>(), It.IsAny<int>())).Callback<PreorderSettings, int>((s, _) => Settings = s).Returns(Task.CompletedTask);
        builder.RegisterInstance(settings.Object);

        var encryption = new Mock<Nop.Services.Security.IEncryptionService>();
        encryption.Setup(e => e.EncryptText(It.IsAny<string>(), It.IsAny<string>())).Returns((string text, string _) => Encrypt(text));
        encryption.Setup(e => e.DecryptText(It.IsAny<string>(), It.IsAny<string>())).Returns((string text, string _) => Decrypt(text));
        builder.RegisterInstance(encryption.Object);

        // replaces the DNS resolver the plugin registers (a subclass of it, so the wiring test still sees the plugin's type)
        builder.RegisterInstance(new FakeWebhookAddressResolver(this)).As<Nop.Plugin.Preorders.Services.Messages.IWebhookAddressResolver>();

        var localization = new Mock<ILocalizationService>();
        localization.Setup(l => l.GetResourceAsync(It.IsAny<string>())).ReturnsAsync((string key) => Texts.En(key));
        localization.Setup(l => l.GetLocalizedAsync(It.IsAny<Product>(), It.IsAny<Expression<Func<Product, string>>>(), It.IsAny<int?>(), It.IsAny<bool>(), It.IsAny<bool>()))
            .ReturnsAsync((Product p, Expression<Func<Product, string>> _, int? _, bool _, bool _) => p.Name);
        builder.RegisterInstance(localization.Object);

        var orders = new Mock<IOrderService>();
        orders.Setup(o => o.GetOrderByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Orders.GetValueOrDefault(id));
        orders.Setup(o => o.GetOrderByGuidAsync(It.IsAny<Guid>())).ReturnsAsync((Guid g) => Orders.Values.FirstOrDefault(o => o.OrderGuid == g));
        orders.Setup(o => o.GetOrderItemsAsync(It.IsAny<int>(), It.IsAny<bool?>(), It.IsAny<bool?>(), It.IsAny<int>()))
            .ReturnsAsync((int id, bool? _, bool? _, int _) => (IList<OrderItem>)OrderItems.GetValueOrDefault(id, new List<OrderItem>()));
        orders.Setup(o => o.GetOrderItemByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => OrderItems.Values.SelectMany(i => i).FirstOrDefault(i => i.Id == id));
        orders.Setup(o => o.InsertOrderNoteAsync(It.IsAny<OrderNote>())).Callback<OrderNote>(OrderNotes.Enqueue).Returns(Task.CompletedTask);
        orders.Setup(o => o.UpdateOrderAsync(It.IsAny<Order>())).Returns(Task.CompletedTask);
        orders.Setup(o => o.InsertOrderItemAsync(It.IsAny<OrderItem>())).Returns((OrderItem item) =>
        {
            item.Id = NextId();
            lock (OrderItems)
                OrderItems.GetOrAdd(item.OrderId, _ => new List<OrderItem>()).Add(item);
            return Task.CompletedTask;
        });
        builder.RegisterInstance(orders.Object);

        // nopCommerce's discounts (the delay coupons): kept here, found by coupon code as nopCommerce's search does
        var discounts = new Mock<Nop.Services.Discounts.IDiscountService>();
        discounts.Setup(d => d.InsertDiscountAsync(It.IsAny<Nop.Core.Domain.Discounts.Discount>())).Returns((Nop.Core.Domain.Discounts.Discount discount) =>
        {
            discount.Id = NextId();
            Discounts[discount.Id] = discount;
            return Task.CompletedTask;
        });
        discounts.Setup(d => d.GetAllDiscountsAsync(It.IsAny<Nop.Core.Domain.Discounts.DiscountType?>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<bool>(),
                It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<bool?>(), It.IsAny<int>()))
            .ReturnsAsync((Nop.Core.Domain.Discounts.DiscountType? _, string code, string _, bool _, DateTime? _, DateTime? _, bool? _, int _) =>
                (IList<Nop.Core.Domain.Discounts.Discount>)Discounts.Values.Where(d => code == null || d.CouponCode == code).ToList());
        builder.RegisterInstance(discounts.Object);

        var processing = new Mock<IOrderProcessingService>();
        processing.Setup(p => p.CanMarkOrderAsPaid(It.IsAny<Order>())).Returns((Order o) => o.OrderStatus != OrderStatus.Cancelled && o.PaymentStatus is not (PaymentStatus.Paid or PaymentStatus.Refunded or PaymentStatus.Voided));
        processing.Setup(p => p.MarkOrderAsPaidAsync(It.IsAny<Order>())).Returns(async (Order o) =>
        {
            o.PaymentStatus = PaymentStatus.Paid;
            o.PaidDateUtc = Clock.UtcNow;
            await host.Publisher.PublishAsync(new OrderPaidEvent(o));
        });
        processing.Setup(p => p.CanCancelOrder(It.IsAny<Order>())).Returns((Order o) => o.OrderStatus != OrderStatus.Cancelled);
        processing.Setup(p => p.CancelOrderAsync(It.IsAny<Order>(), It.IsAny<bool>())).Returns(async (Order o, bool _) =>
        {
            var previous = o.OrderStatus;
            o.OrderStatus = OrderStatus.Cancelled;
            // like nopCommerce 4.90: the status changes (and its event is raised) first, then the order's units go
            // back to stock (so the returned units are never allocated to the order's own waiting lines)
            await host.Publisher.PublishAsync(new OrderStatusChangedEvent(o, previous));
            foreach (var item in OrderItems.GetValueOrDefault(o.Id, new List<OrderItem>()))
                if (Products.TryGetValue(item.ProductId, out var product))
                    await AdjustStockAsync(host, product, item.Quantity);
        });
        builder.RegisterInstance(processing.Object);

        var shipments = new Mock<Nop.Services.Shipping.IShipmentService>();
        shipments.Setup(s => s.GetShipmentItemsByShipmentIdAsync(It.IsAny<int>()))
            .ReturnsAsync((int id) => (IList<Nop.Core.Domain.Shipping.ShipmentItem>)ShipmentItems.GetValueOrDefault(id, new List<Nop.Core.Domain.Shipping.ShipmentItem>()));
        builder.RegisterInstance(shipments.Object);

        var products = new Mock<IProductService>();
        products.Setup(p => p.GetProductByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Products.GetValueOrDefault(id));
        products.Setup(p => p.UpdateProductAsync(It.IsAny<Product>())).Returns(async (Product p) => await host.Publisher.PublishAsync(new Nop.Core.Events.EntityUpdatedEvent<Product>(p)));
        products.Setup(p => p.AdjustInventoryAsync(It.IsAny<Product>(), It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>()))
            .Returns((Product p, int change, string _, string _) => AdjustStockAsync(host, p, change));
        builder.RegisterInstance(products.Object);

        var countries = new Mock<ICountryService>();
        countries.Setup(c => c.GetAllCountriesAsync(It.IsAny<int>(), It.IsAny<bool>())).ReturnsAsync(() => (IList<Country>)Countries);
        countries.Setup(c => c.GetCountryByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Countries.FirstOrDefault(c => c.Id == id));
        countries.Setup(c => c.GetCountryByTwoLetterIsoCodeAsync(It.IsAny<string>())).ReturnsAsync((string code) => Countries.FirstOrDefault(c => c.TwoLetterIsoCode == code));
        builder.RegisterInstance(countries.Object);

        var currencies = new Mock<ICurrencyService>();
        currencies.Setup(c => c.GetCurrencyByCodeAsync(It.IsAny<string>())).ReturnsAsync((string code) => Currencies.FirstOrDefault(c => c.CurrencyCode == code));
        currencies.Setup(c => c.GetCurrencyByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Currencies.FirstOrDefault(c => c.Id == id));
        currencies.Setup(c => c.ConvertFromPrimaryStoreCurrencyAsync(It.IsAny<decimal>(), It.IsAny<Currency>())).ReturnsAsync((decimal a, Currency c) => a * c.Rate);
        builder.RegisterInstance(currencies.Object);

        var tax = new Mock<Nop.Services.Tax.ITaxService>();
        tax.Setup(t => t.GetProductPriceAsync(It.IsAny<Product>(), It.IsAny<decimal>(), It.IsAny<bool>(), It.IsAny<Customer>()))
            .ReturnsAsync((Product _, decimal price, bool includingTax, Customer _) => (includingTax ? WithTax(price) : price, TaxPercent));
        // the overload of the shopper's own tax display (what the cart shows): this shop displays prices with tax
        tax.Setup(t => t.GetProductPriceAsync(It.IsAny<Product>(), It.IsAny<decimal>()))
            .ReturnsAsync((Product _, decimal price) => (WithTax(price), TaxPercent));
        builder.RegisterInstance(tax.Object);

        var addresses = new Mock<IAddressService>();
        addresses.Setup(a => a.GetAddressByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Addresses.GetValueOrDefault(id));
        builder.RegisterInstance(addresses.Object);

        var giftCards = new Mock<IGiftCardService>();
        giftCards.Setup(g => g.GenerateGiftCardCode()).Returns(() => "GC-" + NextId());
        giftCards.Setup(g => g.InsertGiftCardAsync(It.IsAny<GiftCard>())).Callback<GiftCard>(GiftCards.Enqueue).Returns(Task.CompletedTask);
        giftCards.Setup(g => g.GetAllGiftCardsAsync(It.IsAny<int?>(), It.IsAny<int?>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<bool?>(),
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<int>(), It.IsAny<int>()))
            .ReturnsAsync((int? _, int? _, DateTime? _, DateTime? _, bool? _, string code, string _, int pageIndex, int pageSize) =>
                (Nop.Core.IPagedList<GiftCard>)new Infrastructure.TestPagedList<GiftCard>(
                    GiftCards.Where(c => code == null || c.GiftCardCouponCode == code).ToList(), pageIndex, pageSize));
        builder.RegisterInstance(giftCards.Object);

        var payments = new Mock<IPaymentPluginManager>();
        payments.Setup(p => p.LoadPluginBySystemNameAsync(It.IsAny<string>(), It.IsAny<Customer>(), It.IsAny<int>()))
            .ReturnsAsync((string name, Customer _, int _) => name == null ? null : PaymentMethods.GetValueOrDefault(name));
        builder.RegisterInstance(payments.Object);

        var customers = new Mock<ICustomerService>();
        customers.Setup(c => c.GetCustomerByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Customers.GetValueOrDefault(id));
        customers.Setup(c => c.IsGuestAsync(It.IsAny<Customer>(), It.IsAny<bool>())).ReturnsAsync(false);
        customers.Setup(c => c.IsRegisteredAsync(It.IsAny<Customer>(), It.IsAny<bool>())).ReturnsAsync(true);
        customers.Setup(c => c.GetCustomerRoleIdsAsync(It.IsAny<Customer>(), It.IsAny<bool>())).ReturnsAsync((Customer c, bool _) => CustomerRoleIds.GetValueOrDefault(c.Id, Array.Empty<int>()));
        customers.Setup(c => c.GetAllCustomerRolesAsync(It.IsAny<bool>())).ReturnsAsync(() => (IList<CustomerRole>)Roles.ToList());
        customers.Setup(c => c.GetCustomerRoleByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Roles.FirstOrDefault(r => r.Id == id));
        builder.RegisterInstance(customers.Object);

        var categories = new Mock<ICategoryService>();
        categories.Setup(c => c.GetAllCategoriesAsync(It.IsAny<int>(), It.IsAny<bool>())).ReturnsAsync(() => (IList<Category>)Categories.ToList());
        categories.Setup(c => c.GetCategoryByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Categories.FirstOrDefault(c => c.Id == id));
        categories.Setup(c => c.GetFormattedBreadCrumbAsync(It.IsAny<Category>(), It.IsAny<IList<Category>>(), It.IsAny<string>(), It.IsAny<int>()))
            .ReturnsAsync((Category c, IList<Category> _, string _, int _) => c.Name);
        categories.Setup(c => c.GetProductCategoriesByProductIdAsync(It.IsAny<int>(), It.IsAny<bool>())).ReturnsAsync((int productId, bool _) =>
            (IList<ProductCategory>)ProductCategoryIds.GetValueOrDefault(productId, Array.Empty<int>())
                .Select((id, i) => new ProductCategory { Id = i + 1, ProductId = productId, CategoryId = id, DisplayOrder = i }).ToList());
        builder.RegisterInstance(categories.Object);

        var work = new Mock<IWorkContext>();
        work.Setup(w => w.GetCurrentCustomerAsync()).ReturnsAsync(() => CurrentCustomer);
        work.Setup(w => w.GetWorkingCurrencyAsync()).ReturnsAsync(() => WorkingCurrency ?? Currencies[0]);
        work.Setup(w => w.GetWorkingLanguageAsync()).ReturnsAsync(() => new Language { Id = 1, LanguageCulture = WorkingLanguageCulture });
        work.Setup(w => w.GetCurrentVendorAsync()).ReturnsAsync(() => CurrentVendor);
        builder.RegisterInstance(work.Object);

        var notifications = new Mock<Nop.Services.Messages.INotificationService>();
        notifications.Setup(n => n.ErrorNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>())).Callback((string m, bool _, int _) => Notifications.Enqueue(("error", m)));
        notifications.Setup(n => n.WarningNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>())).Callback((string m, bool _, int _) => Notifications.Enqueue(("warning", m)));
        notifications.Setup(n => n.SuccessNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>())).Callback((string m, bool _, int _) => Notifications.Enqueue(("success", m)));
        builder.RegisterInstance(notifications.Object);

        var attributes = new Mock<IProductAttributeService>();
        attributes.Setup(a => a.GetAllProductAttributeCombinationsAsync(It.IsAny<int>()))
            .ReturnsAsync((int productId) => Combinations.Values.Where(c => c.ProductId == productId).OrderBy(c => c.Id).ToList());
        attributes.Setup(a => a.GetProductAttributeCombinationByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => Combinations.GetValueOrDefault(id));
        attributes.Setup(a => a.UpdateProductAttributeCombinationAsync(It.IsAny<ProductAttributeCombination>()))
            .Returns((ProductAttributeCombination c) => { Combinations[c.Id] = c; return Task.CompletedTask; });
        builder.RegisterInstance(attributes.Object);

        var storeMappings = new Mock<IStoreMappingService>();
        storeMappings.Setup(m => m.GetStoresIdsWithAccessAsync(It.IsAny<Product>()))
            .ReturnsAsync((Product p) => p.LimitedToStores ? ProductStores.GetValueOrDefault(p.Id, Array.Empty<int>()) : Array.Empty<int>());
        builder.RegisterInstance(storeMappings.Object);

        var store = new Mock<IStoreContext>();
        store.Setup(s => s.GetCurrentStoreAsync()).ReturnsAsync(Store);
        builder.RegisterInstance(store.Object);

        var dates = new Mock<IDateTimeHelper>();
        dates.Setup(d => d.ConvertToUserTimeAsync(It.IsAny<DateTime>(), It.IsAny<DateTimeKind>())).ReturnsAsync((DateTime d, DateTimeKind _) => d);
        builder.RegisterInstance(dates.Object);

        var prices = new Mock<IPriceFormatter>();
        prices.Setup(p => p.FormatPriceAsync(It.IsAny<decimal>())).ReturnsAsync((decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture));
        prices.Setup(p => p.FormatPriceAsync(It.IsAny<decimal>(), It.IsAny<bool>(), It.IsAny<Currency>()))
            .ReturnsAsync((decimal v, bool _, Currency c) => $"{v.ToString("0.00", CultureInfo.InvariantCulture)} {c?.CurrencyCode}");
        builder.RegisterInstance(prices.Object);
    }
}

/// <summary>The shop's name resolution for webhooks: <see cref="FakeShop.ResolveOverride"/>, <see cref="FakeShop.HostAddresses"/>, IP literals and localhost; never DNS.</summary>
public sealed class FakeWebhookAddressResolver : Nop.Plugin.Preorders.Services.Messages.DnsWebhookAddressResolver
{
    private readonly FakeShop _shop;

    public FakeWebhookAddressResolver(FakeShop shop) => _shop = shop;

    public override Task<System.Net.IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken = default)
    {
        if (_shop.ResolveOverride?.Invoke(hostName) is { } answered)
            return Task.FromResult(answered);
        if (_shop.HostAddresses.TryGetValue(hostName, out var listed))
            return Task.FromResult(listed);
        if (System.Net.IPAddress.TryParse(hostName.Trim('[', ']'), out var literal))
            return Task.FromResult(new[] { literal });
        if (string.Equals(hostName, "localhost", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(new[] { System.Net.IPAddress.Loopback, System.Net.IPAddress.IPv6Loopback });
        return Task.FromException<System.Net.IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }
}
