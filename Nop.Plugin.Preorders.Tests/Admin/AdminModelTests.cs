using Moq;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Customers;
using Nop.Services.Orders;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>The admin model factory: grid filters from the store's time zone, grid rows, the order page block.</summary>
[TestFixture]
public class AdminModelTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.CreateCustomTimeZone("Store+9", TimeSpan.FromHours(9), "Store+9", "Store+9");

    private TestDatabase _database;
    private AdminHost _admin;

    [SetUp]
    public void SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _admin = new AdminHost(_database, Tokyo);
        var customers = Mock.Get(_admin.Resolve<ICustomerService>());
        customers.Setup(c => c.GetCustomerByEmailAsync(It.IsAny<string>()))
            .ReturnsAsync((string email) => _admin.Host.Shop.Customers.Values.FirstOrDefault(c => c.Email == email));
        customers.Setup(c => c.GetCustomersByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => _admin.Host.Shop.Customers.GetValueOrDefault(id)).Where(c => c != null).ToList());
        var orders = Mock.Get(_admin.Resolve<IOrderService>());
        orders.Setup(o => o.GetOrdersByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => _admin.Host.Shop.Orders.GetValueOrDefault(id)).Where(o => o != null).ToList());
        var products = Mock.Get(_admin.Resolve<Nop.Services.Catalog.IProductService>());
        products.Setup(p => p.GetProductsByIdsAsync(It.IsAny<int[]>()))
            .ReturnsAsync((int[] ids) => ids.Select(id => _admin.Host.Shop.Products.GetValueOrDefault(id)).Where(p => p != null).ToList());
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _database.Dispose();
    }

    private PreorderAdminGridModelFactory GridFactory => _admin.Resolve<PreorderAdminGridModelFactory>();

    private PreorderAdminOrderModelFactory OrderFactory => _admin.Resolve<PreorderAdminOrderModelFactory>();

    [Test]
    public async Task Grid_dates_are_whole_days_of_the_store_and_the_email_finds_the_customer()
    {
        var customer = _admin.Host.Shop.AddCustomer();
        var filter = await GridFactory.BuildLineFilterAsync(new PreorderSearchModel
        {
            SearchStateId = (int)PreorderLineState.Overdue, SearchProductId = 5, SearchStoreId = 2, SearchCountryCode = " de ",
            SearchCustomerEmail = customer.Email,
            PlacedFrom = new DateTime(2026, 6, 1), PlacedTo = new DateTime(2026, 6, 30),
            DueFrom = new DateTime(2026, 7, 1), ShipTo = new DateTime(2026, 12, 31)
        });

        Assert.That(filter.State, Is.EqualTo(PreorderLineState.Overdue));
        Assert.That((filter.ProductId, filter.StoreId, filter.CountryCode), Is.EqualTo((5, 2, "de")));
        Assert.That(filter.CustomerId, Is.EqualTo(customer.Id));
        Assert.That(filter.PlacedFromUtc, Is.EqualTo(new DateTime(2026, 5, 31, 15, 0, 0)), "1 June 00:00 in the store (UTC+9)");
        Assert.That(filter.PlacedToUtc, Is.EqualTo(new DateTime(2026, 6, 30, 15, 0, 0)), "the whole of 30 June: up to 1 July 00:00 store time");
        Assert.That(filter.DueFromUtc, Is.EqualTo(new DateTime(2026, 6, 30, 15, 0, 0)));
        Assert.That(filter.DueToUtc, Is.Null);
        Assert.That(filter.ShipToUtc, Is.EqualTo(new DateTime(2026, 12, 31, 15, 0, 0)));

        var unknown = await GridFactory.BuildLineFilterAsync(new PreorderSearchModel { SearchCustomerEmail = "nobody@example.test", SearchStateId = 0 });
        Assert.That(unknown.CustomerId, Is.EqualTo(-1), "an e-mail nobody has matches no rows rather than all");
        Assert.That(unknown.State, Is.Null, "0 = all states");
    }

    [Test]
    public async Task Grid_rows_carry_names_numbers_money_and_store_times()
    {
        var product = await _admin.Host.PreorderProductAsync(cap: 10);
        product.Name = "Telescope";
        var buyer = _admin.Host.Shop.AddCustomer("DE");
        var order = _admin.Host.Shop.AddOrder(buyer, (product, 2));
        order.ShippingAddressId = buyer.ShippingAddressId;
        await _admin.Host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        await _admin.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 40m, "DEP", 1, LedgerEntryKind.Deposit);

        var page = await _admin.Resolve<PreorderGridQueryService>().GetLinesAsync(new PreorderLineFilter(), 0, 10, GridSort.Default);
        var row = (await GridFactory.PrepareLineModelsAsync(page.Rows)).Single();

        Assert.That(row.ProductName, Is.EqualTo("Telescope"));
        Assert.That(row.CustomerEmail, Is.EqualTo(buyer.Email));
        Assert.That(row.CustomOrderNumber, Is.EqualTo(order.CustomOrderNumber));
        Assert.That(row.State, Is.EqualTo(Texts.En(PreorderDefaults.ResourcePrefix + "State.Waiting")));
        Assert.That(row.DepositPaid, Is.EqualTo("40.00 "), "formatted in the primary currency");
        Assert.That(row.BalanceDue, Is.EqualTo("160.00 "));
        Assert.That(row.PlacedOn, Is.EqualTo(_admin.Host.Clock.UtcNow.AddHours(9)), "store time");
        Assert.That(row.CountryCode, Is.EqualTo("DE"));
    }

    [Test]
    public async Task The_order_block_shows_state_money_schedule_ledger_history_and_what_may_be_done()
    {
        var product = await _admin.Host.PreorderProductAsync(cap: 10);
        var order = await _admin.Host.PlaceOrderAsync(product, 1);
        await _admin.Resolve<PreorderAdminActionService>().ConfirmPaymentAsync(order.Id, null, "BANK-1", LedgerEntryKind.Deposit);

        var model = await OrderFactory.PrepareOrderModelAsync(order.Id);

        Assert.That(model.AccountState, Is.EqualTo(Texts.En(PreorderDefaults.ResourcePrefix + "Account.AwaitingBalance")));
        Assert.That(model.OutstandingValue, Is.EqualTo(80m));
        Assert.That(model.DepositMissingValue, Is.EqualTo(0m));
        Assert.That(model.NetHeldValue, Is.EqualTo(20m));
        var line = model.Lines.Single();
        Assert.That((line.CanCancel, line.CanExtend, line.CanReschedule), Is.EqualTo((true, false, false)), "a waiting line can be cancelled, not extended");
        Assert.That(model.Schedule.Select(s => s.Sequence), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(model.Schedule[1].DueOn, Is.EqualTo(Texts.En(PreorderDefaults.ResourcePrefix + "Order.DueOnArrival")));
        var entry = model.Ledger.Single();
        Assert.That(entry.Kind, Is.EqualTo(Texts.En(PreorderDefaults.ResourcePrefix + "Ledger.Kind.Deposit")));
        Assert.That(entry.RecordedBy, Is.EqualTo(_admin.Admin.Email));
        Assert.That(model.History.Select(h => h.Action), Does.Contain("Admin.PaymentConfirmed"));
        Assert.That(model.History.First(h => h.Action == "Admin.PaymentConfirmed").By, Is.EqualTo(_admin.Admin.Email));
        Assert.That((model.CanManage, model.CanRefund), Is.EqualTo((true, true)));

        _admin.Only(PreorderDefaults.Permissions.View);
        var readOnly = await OrderFactory.PrepareOrderModelAsync(order.Id);
        Assert.That((readOnly.CanManage, readOnly.CanRefund), Is.EqualTo((false, false)), "the page hides actions the admin may not run");
        Assert.That(await OrderFactory.PrepareOrderModelAsync(123_456), Is.Null, "an order without pre-orders has no block");
    }
}

/// <summary>Small pure parts of the admin side.</summary>
[TestFixture]
public class AdminRulesTests
{
    [Test]
    public void The_grid_sort_comes_from_datatables_request_fields()
    {
        var form = new Dictionary<string, string> { ["order[0][column]"] = "2", ["order[0][dir]"] = "desc", ["columns[2][data]"] = "BalanceDue" };
        Assert.That(DataTablesSort.Parse(k => form.GetValueOrDefault(k)), Is.EqualTo(new GridSort("BalanceDue", true)));
        form["order[0][dir]"] = "asc";
        Assert.That(DataTablesSort.Parse(k => form.GetValueOrDefault(k)), Is.EqualTo(new GridSort("BalanceDue", false)));
        Assert.That(DataTablesSort.Parse(_ => null), Is.EqualTo(GridSort.Default));
        form["order[0][column]"] = "x";
        Assert.That(DataTablesSort.Parse(k => form.GetValueOrDefault(k)), Is.EqualTo(GridSort.Default));
    }

    [TestCase(30, 20, false)]
    [TestCase(30, 30, false)]
    [TestCase(30, 31, true)]
    [TestCase(0, 400, false)]
    public void A_delay_longer_than_the_refund_threshold_is_penalty_free(int thresholdDays, int delayDays, bool penaltyFree)
    {
        var old = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        var settings = new PreorderSettings { AutoRefundDelayDays = thresholdDays };
        Assert.That(ShipDatePolicy.PenaltyFreeByPolicy(old, old.AddDays(delayDays), settings), Is.EqualTo(penaltyFree));
    }

    [Test]
    public void Withdrawing_a_date_is_penalty_free_but_setting_a_first_one_is_not()
    {
        var settings = new PreorderSettings { AutoRefundDelayDays = 30 };
        Assert.That(ShipDatePolicy.PenaltyFreeByPolicy(DateTime.UtcNow, null, settings), Is.True);
        Assert.That(ShipDatePolicy.PenaltyFreeByPolicy(null, DateTime.UtcNow.AddDays(90), settings), Is.False);
        Assert.That(ShipDatePolicy.PenaltyFreeByPolicy(DateTime.UtcNow, DateTime.UtcNow.AddDays(-5), settings), Is.False, "an earlier date is good news");
    }

    [Test]
    public void A_deposit_rule_round_trips_through_the_form()
    {
        var rule = new DepositRule
        {
            Percent = 12.5m, FixedPerUnit = 10m, Combine = DepositCombineMode.LargerOfBoth, MinAmount = 5m, MaxAmount = 500m, Installments = 3, InstallmentIntervalDays = 21,
            TermTiers = { new DepositTermTier { MinDaysAhead = 30, Percent = 20m }, new DepositTermTier { MinDaysAhead = 0, Percent = 10m } },
            Choices = { new DepositChoice { Percent = 50m, Perk = "free shipping: both ways" } }
        };
        var (back, errors) = DepositRuleForm.FromModel(DepositRuleForm.ToModel(rule));
        Assert.That(errors, Is.Empty);
        Assert.That(Newtonsoft.Json.JsonConvert.SerializeObject(back), Is.EqualTo(Newtonsoft.Json.JsonConvert.SerializeObject(new DepositRule
        {
            Percent = 12.5m, FixedPerUnit = 10m, Combine = DepositCombineMode.LargerOfBoth, MinAmount = 5m, MaxAmount = 500m, Installments = 3, InstallmentIntervalDays = 21,
            TermTiers = { new DepositTermTier { MinDaysAhead = 0, Percent = 10m }, new DepositTermTier { MinDaysAhead = 30, Percent = 20m } },
            Choices = { new DepositChoice { Percent = 50m, Perk = "free shipping: both ways" } }
        })));

        var duplicateTier = DepositRuleForm.FromModel(new DepositRuleModel { Percent = 10m, TermTiers = "0:10\n0:20", Installments = 1, InstallmentIntervalDays = 30 }).Errors;
        Assert.That(duplicateTier.Select(e => e.ResourceKey), Does.Contain(PreorderDefaults.Resources.RuleLineInvalid));
        var percentSign = DepositRuleForm.FromModel(new DepositRuleModel { TermTiers = "14: 15 %", Installments = 1, InstallmentIntervalDays = 30 });
        Assert.That(percentSign.Errors, Is.Empty);
        Assert.That(percentSign.Rule.TermTiers.Single().Percent, Is.EqualTo(15m));
    }

    [Test]
    public void The_menu_items_are_guarded_by_the_view_permission()
    {
        var items = AdminMenuEventConsumer.CreateMenuItems("Pre-orders", "/Admin/PreorderAdmin/List", "Pre-order payments", "/Admin/PreorderAdmin/Ledger");
        Assert.That(items.Select(i => i.SystemName), Is.EqualTo(new[] { PreorderDefaults.Admin.MenuSystemName, PreorderDefaults.Admin.LedgerMenuSystemName }));
        Assert.That(items.Select(i => i.Url), Is.EqualTo(new[] { "/Admin/PreorderAdmin/List", "/Admin/PreorderAdmin/Ledger" }));
        Assert.That(items.Select(i => i.Title), Is.EqualTo(new[] { "Pre-orders", "Pre-order payments" }));
        Assert.That(items, Has.All.Matches<Nop.Web.Framework.Menu.AdminMenuItem>(i => i.PermissionNames.SequenceEqual(new[] { PreorderDefaults.Permissions.View }) && i.Visible));
    }

    [Test]
    public void The_permissions_are_declared_for_administrators()
    {
        var configs = new Nop.Plugin.Preorders.Infrastructure.PreorderPermissionConfigManager().AllConfigs;
        Assert.That(configs.Select(c => c.SystemName), Is.EquivalentTo(new[] { PreorderDefaults.Permissions.View, PreorderDefaults.Permissions.Manage, PreorderDefaults.Permissions.Refund }));
    }
}
