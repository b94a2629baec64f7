using System.Globalization;
using Autofac;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Catalog;

/// <summary>
/// Deposit rules by category and customer role on the real database: stored and read back, cached and cleared when they
/// change, and the deposit a VIP and a guest see on the product page, are charged at checkout and have recorded at placement.
/// </summary>
[TestFixture]
public class DepositScopeRuleTests : DatabaseTest
{
    private const int Cameras = 21, Vip = 31, Wholesale = 32;

    private FakeShop _shop;
    private FakeCardPaymentMethod _card;
    private List<ShoppingCartItem> _cart;
    private PreorderTestHost _host;

    [SetUp]
    public void OpenShop()
    {
        _shop = new FakeShop();
        _shop.Categories.Add(new Category { Id = Cameras, Name = "Cameras", Published = true });
        _shop.Roles.Add(new CustomerRole { Id = Vip, Name = "VIP", Active = true, SystemName = "VIP" });
        _shop.Roles.Add(new CustomerRole { Id = Wholesale, Name = "Wholesale", Active = true, SystemName = "Wholesale" });
        _card = new FakeCardPaymentMethod();
        _shop.PaymentMethods[FakeCardPaymentMethod.Name] = _card;
        _shop.Settings.ChargeMethodSystemName = FakeCardPaymentMethod.Name;
        _cart = new List<ShoppingCartItem>();
        var cartService = new Mock<IShoppingCartService>();
        cartService.Setup(c => c.GetShoppingCartAsync(It.IsAny<Customer>(), It.IsAny<ShoppingCartType?>(), It.IsAny<int>(), It.IsAny<int?>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<int?>()))
            .ReturnsAsync((Customer c, ShoppingCartType? _, int _, int? _, DateTime? _, DateTime? _, int? _) => _cart.Where(i => i.CustomerId == c.Id).ToList());
        cartService.Setup(c => c.GetSubTotalAsync(It.IsAny<ShoppingCartItem>(), It.IsAny<bool>()))
            .ReturnsAsync((ShoppingCartItem i, bool _) => (_shop.Products[i.ProductId].Price * i.Quantity, 0m, new List<Discount>(), (int?)null));
        _host = new PreorderTestHost(Database, _shop, configure: b => b.RegisterInstance(cartService.Object).As<IShoppingCartService>());
    }

    [TearDown]
    public void CloseShop() => _host?.Dispose();

    private DepositScopeRuleService Rules => _host.Resolve<DepositScopeRuleService>();

    private async Task SaveAsync(DepositRuleScope scope, int target, PreorderPaymentMode mode, decimal? percent, int priority = 0) =>
        Assert.That(await Rules.SaveAsync(scope, target, mode, percent is decimal p ? new DepositRule { Percent = p } : null, priority, byCustomerId: 1), Is.Empty);

    /// <summary>A 200 USD camera in "Cameras", pre-ordered with a deposit, no rule of its own (the store's is 20 %).</summary>
    private async Task<Product> CameraAsync()
    {
        var product = await _host.PreorderProductAsync(cap: 100, price: 200m);
        _shop.ProductCategoryIds[product.Id] = new[] { Cameras };
        return product;
    }

    private Customer Customer(params int[] roles)
    {
        var customer = _shop.AddCustomer();
        _shop.Customers[customer.Id] = customer;
        if (roles.Length > 0)
            _shop.CustomerRoleIds[customer.Id] = roles;
        return customer;
    }

    /// <summary>The product page for <paramref name="customer"/>, then the cart, the deposit method's charge and placement.</summary>
    private async Task<(string PageText, decimal Charged, PreorderLine Line, decimal LedgerAmount)> BuyOneAsync(Customer customer, Product product)
    {
        _shop.CurrentCustomer = customer;
        var page = await _host.Resolve<PreorderModelFactory>().PrepareProductModelAsync(product.Id);
        _cart.Add(new ShoppingCartItem { Id = _cart.Count + 1, ProductId = product.Id, Quantity = 1, CustomerId = customer.Id, StoreId = 1, ShoppingCartType = ShoppingCartType.ShoppingCart });

        var charges = _card.Charges.Count;
        var request = new ProcessPaymentRequest { CustomerId = customer.Id, StoreId = 1, OrderTotal = product.Price, OrderGuid = Guid.NewGuid() };
        request.CustomValues.Add(new CustomValue("Preorders.TermsAccepted", "true", displayToCustomer: false));
        Assert.That((await _host.Resolve<DepositPaymentService>().ProcessPaymentAsync(request)).Errors, Is.Empty);
        // placement runs later in the request, where nopCommerce's current customer is still the buyer; here: someone else
        _shop.CurrentCustomer = null;
        var order = _shop.AddOrder(customer, (product, 1));
        order.OrderGuid = request.OrderGuid;
        order.OrderTotal = request.OrderTotal;
        await _host.Publisher.PublishAsync(new OrderPlacedEvent(order));

        var line = _host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        var entry = (await _host.Resolve<PreorderLedgerService>().GetEntriesAsync(order.Id)).Single(e => e.Status == LedgerEntryStatus.Succeeded);
        return (page.DepositNowText, _card.Charges.Skip(charges).Single(), line, entry.Amount);
    }

    [Test]
    public async Task Rules_are_stored_read_back_replaced_per_target_and_deleted()
    {
        await SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 20m);
        await SaveAsync(DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, 10m, priority: 1);
        await SaveAsync(DepositRuleScope.CustomerRole, Wholesale, PreorderPaymentMode.FullUpfront, null, priority: 2);
        await SaveAsync(DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, 15m, priority: 3);

        var rows = _host.Scope.Repository<PreorderDepositScopeRule>().Table.OrderBy(r => r.Id).ToList();
        Assert.That(rows.Select(r => (r.Scope, r.TargetId, r.PaymentMode, r.Priority)), Is.EqualTo(new[]
        {
            (DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 0),
            (DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, 3),
            (DepositRuleScope.CustomerRole, Wholesale, PreorderPaymentMode.FullUpfront, 2)
        }), "the VIP rule replaced, one row per target");
        Assert.That(rows[2].DepositRuleJson, Is.Null, "no deposit: no rule stored");

        var all = await Rules.GetAllAsync();
        Assert.That(all.Single(r => r.TargetId == Vip && r.Scope == DepositRuleScope.CustomerRole).Rule.Percent, Is.EqualTo(15m));

        Assert.That(await Rules.DeleteAsync(rows[0].Id, byCustomerId: 1), Is.True);
        Assert.That(await Rules.DeleteAsync(rows[0].Id, byCustomerId: 1), Is.False, "already deleted");
        Assert.That((await Rules.GetAllAsync()).Select(r => r.Scope), Has.None.EqualTo(DepositRuleScope.Category), "the cache was cleared on delete");
        Assert.That(_host.Scope.Repository<PreorderAuditEntry>().Table.Count(a => a.Action.StartsWith("DepositScopeRule")), Is.EqualTo(5));
    }

    [Test]
    public async Task A_refused_rule_changes_nothing()
    {
        var errors = new[]
        {
            await Rules.SaveAsync(DepositRuleScope.Category, 999, PreorderPaymentMode.Deposit, new DepositRule { Percent = 10m }, 0, 1),
            await Rules.SaveAsync(DepositRuleScope.CustomerRole, 999, PreorderPaymentMode.Deposit, new DepositRule { Percent = 10m }, 0, 1),
            await Rules.SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.PayOnShip, null, 0, 1),
            await Rules.SaveAsync(DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, null, 0, 1)
        };

        Assert.That(errors, Has.All.Not.Empty);
        Assert.That(_host.Scope.Repository<PreorderDepositScopeRule>().Table.Count(), Is.Zero);
    }

    [Test]
    public async Task The_rules_are_read_once_then_from_the_cache_until_one_changes()
    {
        await SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 20m);
        var counter = new CommandCounter();
        _host.Scope.Context.Connection.AddInterceptor(counter);

        await Rules.GetAllAsync();
        var first = counter.Count;
        await Rules.GetAllAsync();
        await Rules.GetAllAsync();
        Assert.That(first, Is.EqualTo(1), "one query for the whole table");
        Assert.That(counter.Count, Is.EqualTo(first), "then none");

        await SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 30m);
        Assert.That((await Rules.GetAllAsync()).Single().Rule.Percent, Is.EqualTo(30m), "the change is seen at once");
    }

    [Test]
    public async Task The_product_page_of_a_cached_product_costs_no_query_with_rules()
    {
        await SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 20m);
        await SaveAsync(DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, 10m);
        var product = await CameraAsync();
        _shop.CurrentCustomer = Customer(Vip);
        var factory = _host.Resolve<PreorderModelFactory>();
        await factory.PrepareProductModelAsync(product.Id);

        var counter = new CommandCounter();
        _host.Scope.Context.Connection.AddInterceptor(counter);
        var model = await factory.PrepareProductModelAsync(product.Id);

        Assert.That(model.DepositNowText, Does.Contain("20.00 USD"), "10 % of 200");
        Assert.That(counter.Count, Is.Zero);
    }

    [Test]
    public async Task A_guest_pays_the_category_s_deposit_and_a_VIP_the_role_s_shown_charged_and_recorded_alike()
    {
        await SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 30m);
        await SaveAsync(DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, 10m);
        var camera = await CameraAsync();

        var guest = await BuyOneAsync(Customer(), camera);
        var vip = await BuyOneAsync(Customer(Vip), camera);

        Assert.Multiple(() =>
        {
            Assert.That(guest.PageText, Does.Contain("60.00 USD"), "30 % of 200: the category's");
            Assert.That(guest.Charged, Is.EqualTo(60m));
            Assert.That(guest.Line.DepositAmount, Is.EqualTo(60m));
            Assert.That(guest.LedgerAmount, Is.EqualTo(60m));
            Assert.That(vip.PageText, Does.Contain("20.00 USD"), "10 % of 200: the role's");
            Assert.That(vip.Charged, Is.EqualTo(20m));
            Assert.That(vip.Line.DepositAmount, Is.EqualTo(20m), "placement records what was charged, for the order's customer");
            Assert.That(vip.LedgerAmount, Is.EqualTo(20m));
        });
    }

    [Test]
    public async Task A_wholesale_customer_pays_in_full_at_checkout()
    {
        await SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 30m);
        await SaveAsync(DepositRuleScope.CustomerRole, Wholesale, PreorderPaymentMode.FullUpfront, null);
        var camera = await CameraAsync();

        var bought = await BuyOneAsync(Customer(Wholesale), camera);

        Assert.That(bought.Charged, Is.EqualTo(200m));
        Assert.That(bought.Line.PaymentMode, Is.EqualTo(PreorderPaymentMode.FullUpfront));
        Assert.That(bought.Line.DepositAmount, Is.EqualTo(200m));
        Assert.That((await _host.Resolve<PreorderLedgerService>().GetAccountAsync(bought.Line.OrderId)).State, Is.EqualTo(PreorderAccountState.PaidInFull));
    }

    [Test]
    public async Task The_product_block_explains_the_category_rule_and_the_role_rules_over_it()
    {
        await SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 20m);
        await SaveAsync(DepositRuleScope.CustomerRole, Wholesale, PreorderPaymentMode.FullUpfront, null, priority: 2);
        await SaveAsync(DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, 10m, priority: 1);
        var camera = await CameraAsync();
        var factory = _host.Resolve<PreorderAdminProductModelFactory>();

        var lines = (await factory.PrepareProductBlockModelAsync(camera.Id)).Preorder.DepositRuleExplanation;

        Assert.That(lines, Is.EqualTo(new[]
        {
            "Category 'Cameras' rule: 20%",
            "Customers in role 'VIP' pay 10%",
            "Customers in role 'Wholesale': no deposit: the whole price at checkout",
            "A customer in several of these roles gets the first one listed."
        }));

        var catalog = _host.Resolve<PreorderCatalogService>();
        Assert.That(await catalog.SaveAsync(new PreorderProfileEdit { Profile = await catalog.GetProfileAsync(camera.Id), DepositRule = new DepositRule { Percent = 50m } }, 1), Is.Empty);
        lines = (await factory.PrepareProductBlockModelAsync(camera.Id)).Preorder.DepositRuleExplanation;
        Assert.That(lines.Take(2), Is.EqualTo(new[] { "Product's own rule: 50%", "Category 'Cameras' rule (20%) is not used: the product has its own." }));
    }

    [Test]
    public async Task The_configuration_panel_lists_the_precedence_and_the_role_rules_in_the_order_they_win()
    {
        await SaveAsync(DepositRuleScope.CustomerRole, Wholesale, PreorderPaymentMode.PayOnShip, null, priority: 0);
        await SaveAsync(DepositRuleScope.CustomerRole, Vip, PreorderPaymentMode.Deposit, 10m, priority: 5);
        await SaveAsync(DepositRuleScope.Category, Cameras, PreorderPaymentMode.Deposit, 20m);

        var model = await _host.Resolve<DepositScopeRuleModelFactory>().PreparePanelModelAsync();

        Assert.That(model.Precedence, Has.Count.EqualTo(5));
        Assert.That(model.Rules.Select(r => (r.TargetText, r.RuleText)), Is.EqualTo(new[]
        {
            ("Wholesale", "no deposit: nothing until it ships"), ("VIP", "10%"), ("Cameras", "20%")
        }));
        Assert.That(model.AvailableTargets.Select(t => t.Value), Is.EquivalentTo(new[] { "c:" + Cameras, "r:" + Vip, "r:" + Wholesale }));
    }

    private static IEnumerable<TestCaseData> Forms()
    {
        yield return new TestCaseData("c:21", 20, "20", null, true).SetName("Form: a category's percentage");
        yield return new TestCaseData("r:31", 10, null, null, true).SetName("Form: a role paying in full");
        yield return new TestCaseData("c:21", 10, null, null, false).SetName("Form: a category cannot be 'no deposit'");
        yield return new TestCaseData("x:21", 20, "20", null, false).SetName("Form: an unknown target");
        yield return new TestCaseData("c:", 20, "20", null, false).SetName("Form: no target id");
        yield return new TestCaseData("c:21", 20, "abc", null, false).SetName("Form: a percentage that is no number");
        yield return new TestCaseData("c:21", 20, "150", null, false).SetName("Form: a percentage above 100");
        yield return new TestCaseData("r:31", 20, "10", "-1", false).SetName("Form: a negative priority");
    }

    [TestCaseSource(nameof(Forms))]
    public void The_form_is_read_or_refused(string target, int modeId, string percent, string priority, bool ok)
    {
        var (input, errors) = DepositScopeRuleForm.Parse(new DepositScopeRuleEditModel
        {
            Target = target, PaymentModeId = modeId, Percent = percent, Priority = priority == null ? 0 : int.Parse(priority, CultureInfo.InvariantCulture)
        }, CultureInfo.GetCultureInfo("en-US"));

        Assert.That(input != null, Is.EqualTo(ok), string.Join(", ", errors.Select(e => e.ResourceKey)));
        Assert.That(errors.Count == 0, Is.EqualTo(ok));
    }
}
