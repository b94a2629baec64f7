using Nop.Core.Domain.Catalog;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Catalog;

/// <summary>The merchant's side of a pre-order profile: saving, validation, nopCommerce's own fields, auto pre-order, release, date changes.</summary>
[TestFixture]
public class CatalogServiceTests : HostedTest
{
    private PreorderCatalogService _catalog;

    protected override void OnHostCreated()
    {
        _catalog = Host.Resolve<PreorderCatalogService>();
    }

    [Test]
    public async Task Saving_keeps_nopCommerces_pre_order_fields_in_sync()
    {
        var end = Host.Clock.UtcNow.AddDays(10);
        var product = await Host.PreorderProductAsync(cap: 5, windowEnd: end);
        Assert.That(product.AvailableForPreOrder, Is.True, "the buy button reads Pre-order");
        Assert.That(product.PreOrderAvailabilityStartDateTimeUtc, Is.EqualTo(end), "nopCommerce switches back to Add to cart at the window end");
        Assert.That(product.BackorderMode, Is.EqualTo(BackorderMode.AllowQtyBelow0), "pre-ordered units are counted below zero stock");

        var profile = await _catalog.GetProfileAsync(product.Id);
        profile.Enabled = false;
        Assert.That(await _catalog.SaveAsync(new PreorderProfileEdit { Profile = profile }, 1), Is.Empty);
        Assert.That(product.AvailableForPreOrder, Is.False);
        Assert.That(product.PreOrderAvailabilityStartDateTimeUtc, Is.Null);
    }

    [Test]
    public async Task A_pre_order_keeps_its_buy_button_through_nopCommerces_low_stock_activity()
    {
        // nopCommerce's sample products: "disable buy button" at the minimum stock (0). Pre-ordered units are counted
        // below zero stock, so nopCommerce hid the buy button after the first pre-order (found by the end-to-end suite)
        var product = Host.Shop.AddProduct(0, 100m);
        product.LowStockActivity = LowStockActivity.DisableBuyButton;
        product.DisableBuyButton = true;
        var errors = await _catalog.SaveAsync(new PreorderProfileEdit
        {
            Profile = new PreorderProfile { ProductId = product.Id, Enabled = true, Cap = 5, PaymentMode = PreorderPaymentMode.Deposit, ExpectedShipDateUtc = Host.Clock.UtcNow.AddDays(30) }
        }, 1);
        Assert.That(errors, Is.Empty);
        Assert.That(product.LowStockActivity, Is.EqualTo(LowStockActivity.Nothing), "no low-stock reaction while the product is a pre-order");
        Assert.That(product.DisableBuyButton, Is.False, "what the low-stock activity did is undone");

        var unpublished = Host.Shop.AddProduct(0, 100m);
        unpublished.LowStockActivity = LowStockActivity.Unpublish;
        unpublished.Published = false;
        Assert.That(NopPreorderFields.KeepBuyButtonThroughLowStock(unpublished), Is.True);
        Assert.That(unpublished.Published, Is.True);
        Assert.That(unpublished.LowStockActivity, Is.EqualTo(LowStockActivity.Nothing));

        var merchantsChoice = Host.Shop.AddProduct(0, 100m);
        merchantsChoice.DisableBuyButton = true;
        Assert.That(NopPreorderFields.KeepBuyButtonThroughLowStock(merchantsChoice), Is.False, "a buy button the merchant disabled stays disabled");
        Assert.That(merchantsChoice.DisableBuyButton, Is.True);
    }

    [Test]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        await Host.PlaceOrderAsync(product, 4);
        var before = await _catalog.GetProfileAsync(product.Id);

        var edit = new PreorderProfileEdit
        {
            Profile = new PreorderProfile
            {
                ProductId = product.Id, Enabled = true, Cap = 3, PaymentMode = PreorderPaymentMode.Deposit, AllowedCountryCodes = "ZZ",
                WindowStartUtc = Host.Clock.UtcNow.AddDays(5), WindowEndUtc = Host.Clock.UtcNow.AddDays(1), ExpectedShipDateUtc = Host.Clock.UtcNow.AddDays(-3)
            },
            DepositRule = new DepositRule { Percent = 140m },
            CombinationCaps = { [12] = -2 }
        };
        var errors = (await _catalog.SaveAsync(edit, 1)).Select(e => e.ResourceKey).ToList();

        Assert.That(errors, Is.SupersetOf(new[]
        {
            PreorderDefaults.Resources.CapBelowSold, PreorderDefaults.Resources.CountryUnknown, PreorderDefaults.Resources.WindowEndBeforeStart,
            PreorderDefaults.Resources.ShipDateInPast, PreorderDefaults.Resources.DepositPercentRange, PreorderDefaults.Resources.CapNegative,
            PreorderDefaults.Resources.ReasonRequired
        }));
        var after = await _catalog.GetProfileAsync(product.Id);
        Assert.That(after.Cap, Is.EqualTo(before.Cap));
        Assert.That(after.UpdatedOnUtc, Is.EqualTo(before.UpdatedOnUtc));
        Assert.That((await Host.Resolve<CapReservationService>().GetCounterAsync(product.Id)).Cap, Is.EqualTo(10));
        Assert.That(await Host.Resolve<CapReservationService>().GetCounterAsync(product.Id, 12), Is.Null);
    }

    [Test]
    public async Task A_ship_date_change_is_recorded_with_old_and_new_dates_and_the_reason()
    {
        var first = Host.Clock.UtcNow.AddDays(30);
        var product = await Host.PreorderProductAsync(shipDate: first);
        await Host.PlaceOrderAsync(product, 1);
        var profile = await _catalog.GetProfileAsync(product.Id);
        profile.ExpectedShipDateUtc = first.AddDays(14);

        Assert.That(await _catalog.SaveAsync(new PreorderProfileEdit { Profile = profile, ShipDateChangeReason = "Factory delay", PenaltyFreeCancel = true }, 9), Is.Empty);

        var change = (await _catalog.GetShipDateChangesAsync(product.Id)).Single();
        Assert.That(change.OldDateUtc, Is.EqualTo(first));
        Assert.That(change.NewDateUtc, Is.EqualTo(first.AddDays(14)));
        Assert.That(change.Reason, Is.EqualTo("Factory delay"));
        Assert.That(change.PenaltyFreeCancel, Is.True);
        Assert.That(change.ChangedByCustomerId, Is.EqualTo(9));
    }

    [Test]
    public async Task Auto_pre_order_switches_on_at_zero_stock_and_off_when_stock_arrives()
    {
        Host.Settings.AutoPreorderWhenOutOfStock = true;
        var product = Host.Shop.AddProduct(stock: 2);
        product.StockQuantity = 0;
        await Host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        Assert.That((await _catalog.GetSnapshotAsync(product.Id)).IsPreorder, Is.True);
        Assert.That(product.AvailableForPreOrder, Is.True);

        product.StockQuantity = 10;
        await Host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        Assert.That((await _catalog.GetSnapshotAsync(product.Id)).IsPreorder, Is.False);
        Assert.That(product.AvailableForPreOrder, Is.False);
    }

    [Test]
    public async Task Auto_pre_order_puts_back_the_backorder_mode_and_low_stock_activity_when_stock_arrives()
    {
        Host.Settings.AutoPreorderWhenOutOfStock = true;
        var product = Host.Shop.AddProduct(stock: 2);
        product.BackorderMode = BackorderMode.NoBackorders;
        product.LowStockActivity = LowStockActivity.DisableBuyButton;
        product.StockQuantity = 0;
        product.DisableBuyButton = true; // nopCommerce's low-stock activity at zero stock
        await Host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        Assert.That((product.BackorderMode, product.LowStockActivity, product.DisableBuyButton),
            Is.EqualTo((BackorderMode.AllowQtyBelow0, LowStockActivity.Nothing, false)), "a pre-order: backorders allowed, buy button kept");
        var stored = await _catalog.GetProfileAsync(product.Id);
        Assert.That((stored.NopBackorderModeBeforeId, stored.NopLowStockActivityBeforeId),
            Is.EqualTo(((int?)BackorderMode.NoBackorders, (int?)LowStockActivity.DisableBuyButton)), "what it was, kept in the database");

        product.StockQuantity = 10;
        await Host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        Assert.That((product.AvailableForPreOrder, product.BackorderMode, product.LowStockActivity),
            Is.EqualTo((false, BackorderMode.NoBackorders, LowStockActivity.DisableBuyButton)), "sold from stock again, as the merchant had it");
        stored = await _catalog.GetProfileAsync(product.Id);
        Assert.That((stored.NopBackorderModeBeforeId, stored.NopLowStockActivityBeforeId), Is.EqualTo(((int?)null, (int?)null)));
    }

    [Test]
    public async Task A_merchants_save_of_the_pre_order_block_keeps_what_the_product_was_before()
    {
        var product = Host.Shop.AddProduct(0, 100m);
        product.BackorderMode = BackorderMode.NoBackorders;
        PreorderProfile Edit(bool enabled) => new() { ProductId = product.Id, Enabled = enabled, Cap = 5, PaymentMode = PreorderPaymentMode.Deposit, ExpectedShipDateUtc = Host.Clock.UtcNow.AddDays(30) };
        Assert.That(await _catalog.SaveAsync(new PreorderProfileEdit { Profile = Edit(true) }, 1), Is.Empty);
        Assert.That(product.BackorderMode, Is.EqualTo(BackorderMode.AllowQtyBelow0));
        // a second save from the form (which does not carry the remembered mode), then the merchant turns pre-order off
        Assert.That(await _catalog.SaveAsync(new PreorderProfileEdit { Profile = Edit(true) }, 1), Is.Empty);
        Assert.That(await _catalog.SaveAsync(new PreorderProfileEdit { Profile = Edit(false) }, 1), Is.Empty);
        Assert.That(product.BackorderMode, Is.EqualTo(BackorderMode.NoBackorders), "put back after the merchant turned pre-order off");
    }

    [Test]
    public async Task An_automatic_pre_order_takes_the_defaults_of_the_store_the_product_is_sold_in()
    {
        Host.Settings.AutoPreorderWhenOutOfStock = false;
        Host.Shop.StoreSettings[2] = new PreorderSettings
        {
            DefaultDepositRuleJson = Host.Settings.DefaultDepositRuleJson, AutoPreorderWhenOutOfStock = true, AutoPreorderCap = 25,
            AutoPreorderExpectedSoonText = "  Back in January  ", DefaultPaymentMode = PreorderPaymentMode.FullUpfront
        };
        var inStore2 = Host.Shop.AddProduct(stock: 1);
        inStore2.LimitedToStores = true;
        Host.Shop.ProductStores[inStore2.Id] = new[] { 2 };
        var everywhere = Host.Shop.AddProduct(stock: 1);
        inStore2.StockQuantity = everywhere.StockQuantity = 0;
        await Host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(inStore2));
        await Host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(everywhere));

        Assert.That(await _catalog.GetProfileAsync(everywhere.Id), Is.Null, "all stores' settings: auto pre-order is off");
        var profile = await _catalog.GetProfileAsync(inStore2.Id);
        Assert.That((profile.Enabled, profile.AutoActivated, profile.Cap, profile.ExpectedSoonText, profile.PaymentMode),
            Is.EqualTo((true, true, (int?)25, "Back in January", PreorderPaymentMode.FullUpfront)));
        var counter = await Host.Resolve<CapReservationService>().GetCounterAsync(inStore2.Id);
        Assert.That(counter.Cap, Is.EqualTo(25), "the cap is enforced by the counter, like a merchant's");
    }

    [Test]
    public async Task A_pre_order_of_a_product_with_stock_per_combination_lets_its_combinations_be_ordered_beyond_stock()
    {
        // nopCommerce refuses a combination beyond its stock unless the combination allows out-of-stock orders
        var product = Host.Shop.AddProduct(0, 100m, ManageInventoryMethod.ManageStockByAttributes);
        var small = Host.Shop.AddCombination(product, 0);
        var large = Host.Shop.AddCombination(product, 3, allowOutOfStockOrders: true); // the merchant's own choice
        PreorderProfile Edit(bool enabled) => new() { ProductId = product.Id, Enabled = enabled, Cap = 5, PaymentMode = PreorderPaymentMode.Deposit, ExpectedShipDateUtc = Host.Clock.UtcNow.AddDays(30) };

        Assert.That(await _catalog.SaveAsync(new PreorderProfileEdit { Profile = Edit(true) }, 1), Is.Empty);
        Assert.That((small.AllowOutOfStockOrders, large.AllowOutOfStockOrders), Is.EqualTo((true, true)));
        Assert.That((await _catalog.GetProfileAsync(product.Id)).NopCombinationsAllowedOutOfStock, Is.EqualTo(small.Id.ToString()));

        Assert.That(await _catalog.SaveAsync(new PreorderProfileEdit { Profile = Edit(false) }, 1), Is.Empty);
        Assert.That((small.AllowOutOfStockOrders, large.AllowOutOfStockOrders), Is.EqualTo((false, true)), "only what the plugin switched is switched back");
        Assert.That((await _catalog.GetProfileAsync(product.Id)).NopCombinationsAllowedOutOfStock, Is.Null);
    }

    [Test]
    public async Task Auto_pre_order_of_stock_per_combination_starts_when_every_combination_is_sold_out_and_ends_when_one_has_stock()
    {
        Host.Settings.AutoPreorderWhenOutOfStock = true;
        var product = Host.Shop.AddProduct(0, 100m, ManageInventoryMethod.ManageStockByAttributes);
        var red = Host.Shop.AddCombination(product, 0);
        var blue = Host.Shop.AddCombination(product, 1);
        async Task StockChangedAsync(ProductAttributeCombination combination, int by)
        {
            combination.StockQuantity += by;
            // nopCommerce writes a stock history row for a combination and does not update the product
            await Host.Publisher.PublishAsync(new EntityInsertedEvent<StockQuantityHistory>(
                new StockQuantityHistory { ProductId = product.Id, CombinationId = combination.Id, QuantityAdjustment = by, StockQuantity = combination.StockQuantity }));
        }

        await StockChangedAsync(red, 2);
        await StockChangedAsync(red, -2);
        Assert.That(await _catalog.GetProfileAsync(product.Id), Is.Null, "blue still has stock");

        await StockChangedAsync(blue, -1); // the last unit sold
        var profile = await _catalog.GetProfileAsync(product.Id);
        Assert.That((profile?.Enabled, profile?.AutoActivated, product.AvailableForPreOrder), Is.EqualTo(((bool?)true, (bool?)true, true)));
        Assert.That((red.AllowOutOfStockOrders, blue.AllowOutOfStockOrders), Is.EqualTo((true, true)), "both orderable as pre-orders");

        await StockChangedAsync(red, 4);
        Assert.That((await _catalog.GetSnapshotAsync(product.Id)).IsPreorder, Is.False, "sold from stock again");
        Assert.That((red.AllowOutOfStockOrders, blue.AllowOutOfStockOrders, product.AvailableForPreOrder), Is.EqualTo((false, false, false)));
    }

    [TestCase("", false, "5", true)]          // active: the combination not allowing is switched and recorded
    [TestCase("5", false, "5", false)]        // already recorded and switched: nothing more
    public void Combinations_switched_for_a_pre_order_are_recorded_once(string before, bool release, string after, bool profileChanged)
    {
        var product = new Product { ManageInventoryMethod = ManageInventoryMethod.ManageStockByAttributes };
        var combination = new ProductAttributeCombination { Id = 5, AllowOutOfStockOrders = before == "5" };
        var profile = new PreorderProfile { Enabled = !release, NopCombinationsAllowedOutOfStock = before };
        var (changed, recordChanged) = NopCombinationPreorderFields.Sync(product, new[] { combination }, profile);
        Assert.That((profile.NopCombinationsAllowedOutOfStock ?? "", recordChanged, combination.AllowOutOfStockOrders, changed.Count),
            Is.EqualTo((after, profileChanged, true, before == "5" ? 0 : 1)));
    }

    [TestCase(null, true, ManageInventoryMethod.ManageStock, 0, false, false, AutoPreorderStep.Activate)]
    [TestCase(null, false, ManageInventoryMethod.ManageStock, 0, false, false, AutoPreorderStep.None)]
    [TestCase(true, false, ManageInventoryMethod.ManageStock, -3, false, false, AutoPreorderStep.Activate)]   // the product's own choice wins
    [TestCase(false, true, ManageInventoryMethod.ManageStock, 0, false, false, AutoPreorderStep.None)]
    [TestCase(null, true, ManageInventoryMethod.ManageStockByAttributes, 0, false, false, AutoPreorderStep.Activate)] // every combination sold out
    [TestCase(null, true, ManageInventoryMethod.ManageStockByAttributes, null, false, false, AutoPreorderStep.None)]  // no combination to judge
    [TestCase(null, true, ManageInventoryMethod.DontManageStock, 0, false, false, AutoPreorderStep.None)]
    [TestCase(true, true, ManageInventoryMethod.ManageStock, 0, true, true, AutoPreorderStep.None)]          // already a pre-order
    [TestCase(true, true, ManageInventoryMethod.ManageStock, 5, true, true, AutoPreorderStep.Release)]
    [TestCase(true, true, ManageInventoryMethod.ManageStock, 5, true, false, AutoPreorderStep.None)]         // the merchant's own pre-order stays
    [TestCase(true, true, ManageInventoryMethod.ManageStock, 5, false, false, AutoPreorderStep.None)]
    public void Auto_pre_order_decides_from_the_stock_and_who_switched_it_on(bool? profileWants, bool storeWants, ManageInventoryMethod inventory, int? stock,
        bool enabled, bool autoActivated, AutoPreorderStep expected) =>
        Assert.That(AutoPreorderService.Decide(profileWants, storeWants, inventory, stock, enabled, autoActivated), Is.EqualTo(expected));

    [TestCase(BackorderMode.AllowQtyBelow0, BackorderMode.NoBackorders)]              // still what the plugin set: put back
    [TestCase(BackorderMode.AllowQtyBelow0AndNotifyCustomer, BackorderMode.AllowQtyBelow0AndNotifyCustomer)] // the merchant's change since stays
    public void Releasing_puts_the_backorder_mode_back_unless_the_merchant_changed_it(BackorderMode current, BackorderMode expected)
    {
        var product = new Product { ManageInventoryMethod = ManageInventoryMethod.ManageStock, BackorderMode = current, AvailableForPreOrder = true };
        var profile = new PreorderProfile { Enabled = false, NopBackorderModeBeforeId = (int)BackorderMode.NoBackorders };
        var (productChanged, profileChanged) = NopPreorderFields.Sync(product, profile);
        Assert.That((product.BackorderMode, profile.NopBackorderModeBeforeId, productChanged, profileChanged), Is.EqualTo((expected, (int?)null, true, true)));
    }

    [Test]
    public void A_second_sync_of_an_active_pre_order_keeps_the_first_record_and_changes_nothing()
    {
        var product = new Product { ManageInventoryMethod = ManageInventoryMethod.ManageStock, BackorderMode = BackorderMode.NoBackorders, LowStockActivity = LowStockActivity.Unpublish };
        var profile = new PreorderProfile { Enabled = true };
        Assert.That(NopPreorderFields.Sync(product, profile), Is.EqualTo((true, true)));
        Assert.That(NopPreorderFields.Sync(product, profile), Is.EqualTo((false, false)), "idempotent");
        Assert.That((profile.NopBackorderModeBeforeId, profile.NopLowStockActivityBeforeId), Is.EqualTo(((int?)BackorderMode.NoBackorders, (int?)LowStockActivity.Unpublish)));
    }

    [Test]
    public async Task The_window_end_releases_the_product_and_keeps_existing_pre_orders()
    {
        var product = await Host.PreorderProductAsync(windowEnd: Host.Clock.UtcNow.AddDays(1));
        var order = await Host.PlaceOrderAsync(product, 1);
        Host.Clock.Now = Host.Clock.Now.AddDays(2);

        var report = await Host.Resolve<PreorderAutomationService>().RunAsync();

        Assert.That(report.Released, Is.EqualTo(1));
        Assert.That((await _catalog.GetProfileAsync(product.Id)).ReleasedOnUtc, Is.Not.Null);
        Assert.That((await _catalog.GetSnapshotAsync(product.Id)).IsPreorder, Is.False);
        Assert.That(Host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id).State, Is.EqualTo(PreorderLineState.Waiting));
    }

    [Test]
    public async Task The_snapshot_is_one_query_then_cached_and_invalidated_on_change()
    {
        var product = await Host.PreorderProductAsync(cap: 5);
        await Host.Shop.Cache.ClearAsync();
        var misses = Host.Shop.Cache.Misses;

        var first = await _catalog.GetSnapshotAsync(product.Id);
        var second = await _catalog.GetSnapshotAsync(product.Id);
        Assert.That(Host.Shop.Cache.Misses - misses, Is.EqualTo(1), "loaded once, then served from cache");
        Assert.That(second, Is.SameAs(first));

        await Host.PlaceOrderAsync(product, 2);
        var third = await _catalog.GetSnapshotAsync(product.Id);
        Assert.That(third.Sold, Is.EqualTo(2), "a sale invalidates it");
        Assert.That((await _catalog.GetSnapshotAsync(Host.Shop.AddProduct().Id)).IsPreorder, Is.False);
    }
}
