using Moq;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Discounts;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Discounts;

/// <summary>
/// The discount requirement "bought as a pre-order" as nopCommerce's discount service calls it: through the
/// plugin (IDiscountRequirementRule), per customer, looking at the customer's shopping cart, with real
/// pre-order profiles and cap counters on the test database.
/// </summary>
[TestFixture]
public class EarlyBirdRequirementTests
{
    private TestDatabase _database;
    private PreorderTestHost _host;
    private DiscountTestKit _kit;

    [SetUp]
    public void SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _host = DiscountTestKit.NewHost(_database, out _kit);
    }

    [TearDown]
    public void TearDown()
    {
        _host.Dispose();
        _database.Dispose();
    }

    /// <summary>What nopCommerce's DiscountService does for one requirement: load the rule plugin, ask it.</summary>
    private Task<DiscountRequirementValidationResult> CheckAsync(Customer customer, int requirementId)
    {
        IDiscountRequirementRule rule = _host.CreateUnregistered<PreorderPlugin>();
        return rule.CheckRequirementAsync(new DiscountRequirementValidationRequest
        {
            DiscountRequirementId = requirementId,
            Customer = customer,
            Store = _host.Shop.Store
        });
    }

    [Test]
    public async Task Valid_when_the_cart_holds_an_open_preorder()
    {
        var preorder = await _host.PreorderProductAsync(cap: 10);
        var ordinary = _host.Shop.AddProduct(stock: 5);
        var requirement = _kit.AddRequirement();
        var customer = _kit.CustomerWithCart((ordinary, 1), (preorder, 2));

        var result = await CheckAsync(customer, requirement.Id);

        Assert.That(result.IsValid, Is.True);
        _kit.Cart.Verify(c => c.GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart, _host.Shop.Store.Id,
            It.IsAny<int?>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<int?>()), Times.Once, "the customer's cart of the current store");
    }

    [Test]
    public async Task Invalid_with_only_ordinary_products_or_an_empty_cart_or_no_customer()
    {
        var requirement = _kit.AddRequirement();
        var ordinary = _kit.CustomerWithCart((_host.Shop.AddProduct(stock: 5), 1), (_host.Shop.AddProduct(stock: 0), 3));

        var result = await CheckAsync(ordinary, requirement.Id);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.UserError, Is.EqualTo(Texts.En(PreorderDefaults.Resources.DiscountNotApplicable)), "the shopper is told why");

        Assert.That((await CheckAsync(_kit.CustomerWithCart(), requirement.Id)).IsValid, Is.False, "empty cart");
        Assert.That((await CheckAsync(null, requirement.Id)).IsValid, Is.False, "no customer");
    }

    [Test]
    public async Task Invalid_when_the_preorder_window_is_not_open()
    {
        var now = _host.Clock.UtcNow;
        var notYetOpen = await _host.PreorderProductAsync(windowStart: now.AddDays(3), windowEnd: now.AddDays(10), shipDate: now.AddDays(40));
        var closingSoon = await _host.PreorderProductAsync(windowEnd: now.AddDays(1), shipDate: now.AddDays(40));
        var requirement = _kit.AddRequirement();
        var early = _kit.CustomerWithCart((notYetOpen, 1));
        var late = _kit.CustomerWithCart((closingSoon, 1));

        Assert.That((await CheckAsync(early, requirement.Id)).IsValid, Is.False, "the window has not opened yet");
        Assert.That((await CheckAsync(late, requirement.Id)).IsValid, Is.True, "open until tomorrow");

        _host.Clock.Now = now.AddDays(2);
        Assert.That((await CheckAsync(late, requirement.Id)).IsValid, Is.False, "the window has closed");

        _host.Clock.Now = now.AddDays(4);
        Assert.That((await CheckAsync(early, requirement.Id)).IsValid, Is.True, "the window opened meanwhile");
    }

    [Test]
    public async Task Invalid_when_the_preorder_is_sold_out_or_released()
    {
        var soldOut = await _host.PreorderProductAsync(cap: 2);
        await _host.PlaceOrderAsync(soldOut, 2);
        var released = await _host.PreorderProductAsync(cap: 10);
        await _host.Resolve<Services.Catalog.PreorderCatalogService>().ReleaseAsync(released.Id, byCustomerId: 1, reason: "stock arrived");
        var requirement = _kit.AddRequirement();

        Assert.That((await CheckAsync(_kit.CustomerWithCart((soldOut, 1)), requirement.Id)).IsValid, Is.False, "no pre-order can be placed any more");
        Assert.That((await CheckAsync(_kit.CustomerWithCart((released, 1)), requirement.Id)).IsValid, Is.False, "an ordinary product again");
    }

    [Test]
    public async Task First_n_units_hold_while_sold_plus_cart_quantity_stays_within_n()
    {
        var product = await _host.PreorderProductAsync(cap: 100);
        var firstFive = _kit.AddRequirement(firstUnits: 5);
        var unlimited = _kit.AddRequirement(firstUnits: 0);
        var customer = _kit.CustomerWithCart((product, 2));

        Assert.That((await CheckAsync(customer, firstFive.Id)).IsValid, Is.True, "0 sold + 2 in the cart <= 5");

        await _host.PlaceOrderAsync(product, 2);
        await _host.PlaceOrderAsync(product, 1);
        Assert.That((await CheckAsync(customer, firstFive.Id)).IsValid, Is.True, "3 sold + 2 in the cart = 5: the last early-bird units");

        await _host.PlaceOrderAsync(product, 1);
        Assert.That((await CheckAsync(customer, firstFive.Id)).IsValid, Is.False, "4 sold + 2 in the cart > 5");
        Assert.That((await CheckAsync(_kit.CustomerWithCart((product, 1)), firstFive.Id)).IsValid, Is.True, "one unit still fits");
        Assert.That((await CheckAsync(customer, unlimited.Id)).IsValid, Is.True, "0 = no limit");

        await _host.PlaceOrderAsync(product, 1);
        Assert.That((await CheckAsync(_kit.CustomerWithCart((product, 1)), firstFive.Id)).IsValid, Is.False, "all five early-bird units are gone");
    }

    [Test]
    public async Task First_n_units_are_counted_per_product_and_over_all_cart_lines_of_a_product()
    {
        var popular = await _host.PreorderProductAsync(cap: 100);
        var quiet = await _host.PreorderProductAsync(cap: 100);
        await _host.PlaceOrderAsync(popular, 3);
        var firstThree = _kit.AddRequirement(firstUnits: 3);

        Assert.That((await CheckAsync(_kit.CustomerWithCart((popular, 1)), firstThree.Id)).IsValid, Is.False, "popular: 3 sold already");
        Assert.That((await CheckAsync(_kit.CustomerWithCart((popular, 1), (quiet, 1)), firstThree.Id)).IsValid, Is.True, "quiet still qualifies");
        Assert.That((await CheckAsync(_kit.CustomerWithCart((quiet, 2), (quiet, 2)), firstThree.Id)).IsValid, Is.False, "two lines of the same product: 4 units > 3");
    }

    [TestCase(PreorderOfferState.Open, 0, 1, 0, true)]
    [TestCase(PreorderOfferState.Open, 999, 50, 0, true)]
    [TestCase(PreorderOfferState.Open, 3, 2, 5, true)]
    [TestCase(PreorderOfferState.Open, 4, 2, 5, false)]
    [TestCase(PreorderOfferState.NotYetOpen, 0, 1, 0, false)]
    [TestCase(PreorderOfferState.Closed, 0, 1, 5, false)]
    [TestCase(PreorderOfferState.SoldOut, 0, 1, 0, false)]
    [TestCase(PreorderOfferState.CountryExcluded, 0, 1, 0, false)]
    [TestCase(PreorderOfferState.NotOffered, 0, 1, 0, false)]
    public void The_rule_itself(PreorderOfferState state, int sold, int cartQuantity, int firstUnits, bool qualifies) =>
        Assert.That(EarlyBirdRules.Qualifies(state, sold, cartQuantity, firstUnits), Is.EqualTo(qualifies));
}
