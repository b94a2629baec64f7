using Autofac;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Primitives;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Plugin.Preorders.Components;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Catalog;
using Nop.Web.Areas.Admin.Models.Catalog;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Models;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// The "Pre-order" block of the product page, saved with the product through nopCommerce's model-received
/// event: fields, per-combination caps, store time zone to UTC and back, localized validation errors in the
/// model state, ship date change notices, permissions.
/// </summary>
[TestFixture]
public class ProductBlockTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private TestDatabase _database;
    private AdminHost _admin;
    private DefaultHttpContext _http;
    private List<ProductAttributeCombination> _combinations;

    [SetUp]
    public void SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _http = new DefaultHttpContext();
        _combinations = new List<ProductAttributeCombination>();
        var accessor = new Mock<IHttpContextAccessor>();
        accessor.Setup(a => a.HttpContext).Returns(() => _http);
        var attributes = new Mock<IProductAttributeService>();
        attributes.Setup(a => a.GetAllProductAttributeCombinationsAsync(It.IsAny<int>()))
            .ReturnsAsync((int productId) => _combinations.Where(c => c.ProductId == productId).ToList());
        _admin = new AdminHost(_database, Berlin, builder =>
        {
            builder.RegisterInstance(accessor.Object).As<IHttpContextAccessor>();
            builder.RegisterInstance(attributes.Object).As<IProductAttributeService>();
        });
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _database.Dispose();
    }

    private PreorderTestHost Host => _admin.Host;

    private static Dictionary<string, string> Form(params (string Field, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["Preorder.Present"] = "true", ["Preorder.UseStoreDepositRule"] = "true,false", ["Preorder.PaymentModeId"] = "20" };
        foreach (var (field, value) in fields)
            form["Preorder." + field] = value;
        return form;
    }

    /// <summary>
    /// nopCommerce posts the product form: the product model is received (before its Edit action runs), then
    /// its Edit action (ProductController.Edit, POST) does what it does: another vendor's product or a stock
    /// quantity changed meanwhile → redirect without saving; an invalid model state → the page again; otherwise
    /// the posted model onto the product and <c>UpdateProductAsync</c> (which raises EntityUpdatedEvent&lt;Product&gt;).
    /// </summary>
    private async Task<(ProductModel Model, ModelStateDictionary State)> PostAsync(Product product, Dictionary<string, string> form,
        ModelStateDictionary state = null, Action<ProductModel> edit = null)
    {
        var (model, received) = await ReceiveAsync(product, form, state, edit);
        await NopEditAsync(product, model, received);
        return (model, received);
    }

    /// <summary>The request and nopCommerce's model-received event only (before its Edit action runs).</summary>
    private async Task<(ProductModel Model, ModelStateDictionary State)> ReceiveAsync(Product product, Dictionary<string, string> form,
        ModelStateDictionary state = null, Action<ProductModel> edit = null)
    {
        _http = new DefaultHttpContext();
        _http.Request.Method = "POST";
        _http.Request.ContentType = "application/x-www-form-urlencoded";
        _http.Request.Form = new FormCollection(form.ToDictionary(f => f.Key, f => new StringValues(f.Value)));
        var model = new ProductModel
        {
            Id = product.Id, Name = product.Name, BackorderModeId = product.BackorderModeId, LastStockQuantity = product.StockQuantity,
            AvailableForPreOrder = product.AvailableForPreOrder, PreOrderAvailabilityStartDateTimeUtc = product.PreOrderAvailabilityStartDateTimeUtc,
            LowStockActivityId = product.LowStockActivityId, DisableBuyButton = product.DisableBuyButton, Published = product.Published
        };
        edit?.Invoke(model);
        state ??= new ModelStateDictionary();
        await Host.Publisher.PublishAsync(new ModelReceivedEvent<BaseNopModel>(model, state));
        return (model, state);
    }

    /// <summary>The part of nopCommerce's ProductController.Edit (POST) that decides whether the product is saved.</summary>
    private async Task NopEditAsync(Product product, ProductModel model, ModelStateDictionary state)
    {
        var vendor = Host.Shop.CurrentVendor;
        if (product.Id <= 0 || (vendor != null && product.VendorId != vendor.Id) || product.StockQuantity != model.LastStockQuantity || !state.IsValid)
            return;
        // model.ToEntity(product): the fields the plugin keeps in sync
        product.AvailableForPreOrder = model.AvailableForPreOrder;
        product.PreOrderAvailabilityStartDateTimeUtc = model.PreOrderAvailabilityStartDateTimeUtc;
        product.BackorderModeId = model.BackorderModeId;
        product.LowStockActivityId = model.LowStockActivityId;
        product.DisableBuyButton = model.DisableBuyButton;
        product.Published = model.Published;
        await Host.Resolve<IProductService>().UpdateProductAsync(product);
    }

    private Task<PreorderProfile> ProfileAsync(int productId) => _admin.Resolve<PreorderCatalogService>().GetProfileAsync(productId);

    [Test]
    public async Task Stock_typed_on_the_product_page_of_an_automatic_pre_order_releases_it_whatever_order_the_events_run_in()
    {
        // the page shows the automatic pre-order switched on and posts it back with the new stock: the block is saved
        // first, then the stock is judged (before, the two handlers of nopCommerce's product update ran in whatever
        // order nopCommerce resolved them, and the block's save could switch the released pre-order on again)
        Host.Settings.AutoPreorderWhenOutOfStock = true;
        var product = Host.Shop.AddProduct(stock: 3);
        product.StockQuantity = 0;
        await Host.Resolve<IProductService>().UpdateProductAsync(product);
        Assert.That((await ProfileAsync(product.Id)).AutoActivated, Is.True, "out of stock: an automatic pre-order");

        var (_, state) = await ReceiveAsync(product, Form(("Enabled", "true,false"), ("AutoWhenOutOfStock", "true,false")));
        Assert.That(state.IsValid, Is.True);
        product.StockQuantity = 10; // the posted model onto the product
        await Host.Resolve<IProductService>().UpdateProductAsync(product);

        var profile = await ProfileAsync(product.Id);
        Assert.That((profile.Enabled, profile.AutoActivated, product.AvailableForPreOrder), Is.EqualTo((false, false, false)), "sold from stock again");
        Assert.That(_http.Items.ContainsKey(ProductPreorderEventConsumer.PendingBlockKey), Is.False, "the block was saved, once");
    }

    [Test]
    public async Task A_valid_block_is_saved_in_utc_with_caps_rule_and_nopCommerces_own_fields()
    {
        var product = Host.Shop.AddProduct();
        _combinations.Add(new ProductAttributeCombination { Id = 11, ProductId = product.Id, Sku = "RED" });
        _combinations.Add(new ProductAttributeCombination { Id = 12, ProductId = product.Id, Sku = "BLUE" });

        var (model, state) = await PostAsync(product, Form(
            ("Enabled", "true,false"), ("Cap", "50"), ("CombinationCap.11", "20"), ("CombinationCap.12", ""),
            ("WindowStart", "2026-12-01T10:00"), ("WindowEnd", "2027-01-31T18:30"), ("ExpectedShipDate", "2027-07-15"),
            ("PaymentModeId", "20"), ("UseStoreDepositRule", "false"), ("DepositRule.Percent", "30"), ("DepositRule.CombineId", "0"),
            ("DepositRule.TermTiers", "0:10\r\n30:25"), ("DepositRule.Choices", "50:free shipping"), ("DepositRule.Installments", "2"),
            ("DepositRule.InstallmentIntervalDays", "14"), ("PerCustomerLimit", "3"), ("AllowedCountryCodes", "de, us"),
            ("ShopperNote", "Ships <soon>"), ("AutoWhenOutOfStock", "false")));

        Assert.That(state.IsValid, Is.True, string.Join("; ", state.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        var profile = await ProfileAsync(product.Id);
        Assert.That(profile.Enabled, Is.True);
        Assert.That(profile.Cap, Is.EqualTo(50));
        Assert.That(profile.WindowStartUtc, Is.EqualTo(new DateTime(2026, 12, 1, 9, 0, 0)), "10:00 in Berlin in winter is 09:00 UTC");
        Assert.That(profile.WindowEndUtc, Is.EqualTo(new DateTime(2027, 1, 31, 17, 30, 0)));
        Assert.That(profile.ExpectedShipDateUtc, Is.EqualTo(new DateTime(2027, 7, 15, 10, 0, 0)), "a ship day is noon of that day in the store (summer: UTC+2)");
        Assert.That(profile.PerCustomerLimit, Is.EqualTo(3));
        Assert.That(profile.AllowedCountryCodes, Is.EqualTo("DE,US"));
        Assert.That(profile.ShopperNote, Is.EqualTo("Ships <soon>"), "stored as typed; the views encode it");
        var rule = _admin.Resolve<PreorderCatalogService>().ParseRule(profile.DepositRuleJson);
        Assert.That(rule.Percent, Is.EqualTo(30m));
        Assert.That(rule.TermTiers.Select(t => (t.MinDaysAhead, t.Percent)), Is.EqualTo(new[] { (0, 10m), (30, 25m) }));
        Assert.That(rule.Choices.Single().Perk, Is.EqualTo("free shipping"));
        Assert.That(rule.Installments, Is.EqualTo(2));

        var counters = await _admin.Resolve<CapReservationService>().GetCountersAsync(product.Id);
        Assert.That(counters.Single(c => c.CombinationId == 11).Cap, Is.EqualTo(20));
        Assert.That(counters.Any(c => c.CombinationId == 12), Is.False, "an empty cap of a combination never counted creates no counter");

        Assert.That(product.AvailableForPreOrder, Is.True, "nopCommerce's own pre-order fields follow on the product it saves, or its save would overwrite them");
        Assert.That(product.PreOrderAvailabilityStartDateTimeUtc, Is.EqualTo(profile.WindowEndUtc));
        Assert.That(product.BackorderMode, Is.EqualTo(BackorderMode.AllowQtyBelow0));
        Assert.That(_admin.Audit("ProfileSaved").Single().CustomerId, Is.EqualTo(AdminHost.AdminId));

        // shown again in the store's time zone
        var block = (await _admin.Resolve<PreorderAdminProductModelFactory>().PrepareProductBlockModelAsync(product.Id)).Preorder;
        Assert.That(block.WindowStart, Is.EqualTo(new DateTime(2026, 12, 1, 10, 0, 0)));
        Assert.That(block.WindowEnd, Is.EqualTo(new DateTime(2027, 1, 31, 18, 30, 0)));
        Assert.That(block.ExpectedShipDate, Is.EqualTo(new DateTime(2027, 7, 15)));
        Assert.That(block.UseStoreDepositRule, Is.False);
        Assert.That(block.DepositRule.TermTiers, Is.EqualTo("0:10\n30:25"));
        Assert.That(block.CombinationCaps.Select(c => (c.Label, c.Cap)), Is.EqualTo(new[] { ("RED", (int?)20), ("BLUE", (int?)null) }));
        Assert.That(block.CanManage, Is.True);
    }

    [Test]
    public async Task Daylight_saving_gaps_and_seasons_convert_as_the_merchant_meant()
    {
        var product = Host.Shop.AddProduct();
        var (_, state) = await PostAsync(product, Form(("Enabled", "true"), ("WindowStart", "2026-03-29T02:30"), ("WindowEnd", "2026-07-01T10:00")));

        Assert.That(state.IsValid, Is.True);
        var profile = await ProfileAsync(product.Id);
        Assert.That(profile.WindowStartUtc, Is.EqualTo(new DateTime(2026, 3, 29, 1, 0, 0)), "02:30 does not exist that night: the first moment after the gap (03:00 CEST)");
        Assert.That(profile.WindowEndUtc, Is.EqualTo(new DateTime(2026, 7, 1, 8, 0, 0)), "summer time: UTC+2");
    }

    public static IEnumerable<TestCaseData> InvalidBlocks()
    {
        TestCaseData Case(string name, string field, string resourceKey, object[] args, params (string, string)[] fields) =>
            new TestCaseData(fields, "Preorder." + field, resourceKey, args).SetName("Invalid_" + name);

        yield return Case("window_end_before_start", "WindowEnd", R.WindowEndBeforeStart, Array.Empty<object>(),
            ("Enabled", "true"), ("WindowStart", "2027-02-01T10:00"), ("WindowEnd", "2027-01-01T10:00"));
        yield return Case("negative_cap", "Cap", R.CapNegative, new object[] { 0 }, ("Enabled", "true"), ("Cap", "-5"));
        yield return Case("per_customer_limit_zero", "PerCustomerLimit", R.PerCustomerLimitRange, Array.Empty<object>(), ("Enabled", "true"), ("PerCustomerLimit", "0"));
        yield return Case("negative_fixed_deposit", "DepositRule.Percent", R.DepositNegative, Array.Empty<object>(),
            ("Enabled", "true"), ("UseStoreDepositRule", "false"), ("DepositRule.Percent", "20"), ("DepositRule.FixedPerUnit", "-1"), ("DepositRule.CombineId", "2"));
        yield return Case("deposit_percent_above_100", "DepositRule.Percent", R.DepositPercentRange, Array.Empty<object>(),
            ("Enabled", "true"), ("UseStoreDepositRule", "false"), ("DepositRule.Percent", "120"));
        yield return Case("ship_date_in_the_past", "ExpectedShipDate", R.ShipDateInPast, Array.Empty<object>(), ("Enabled", "true"), ("ExpectedShipDate", "2020-01-01"));
        yield return Case("unknown_country", "AllowedCountryCodes", R.CountryUnknown, new object[] { "XX" }, ("Enabled", "true"), ("AllowedCountryCodes", "DE, XX"));
        yield return Case("cap_not_a_number", "Cap", R.ValueInvalid, new object[] { "ten" }, ("Enabled", "true"), ("Cap", "ten"));
        yield return Case("window_not_a_date", "WindowStart", R.ValueInvalid, new object[] { "soon" }, ("Enabled", "true"), ("WindowStart", "soon"));
        yield return Case("tier_line_unreadable", "DepositRule.TermTiers", R.RuleLineInvalid, new object[] { "thirty days: 20" },
            ("Enabled", "true"), ("UseStoreDepositRule", "false"), ("DepositRule.Percent", "20"), ("DepositRule.TermTiers", "thirty days: 20"));
    }

    [TestCaseSource(nameof(InvalidBlocks))]
    public async Task Invalid_input_is_refused_with_a_localized_error_next_to_its_field(IEnumerable<(string, string)> fields, string field, string resourceKey, object[] args)
    {
        var product = Host.Shop.AddProduct();
        var (model, state) = await PostAsync(product, Form(fields.ToArray()));

        Assert.That(state.IsValid, Is.False);
        Assert.That(state.ContainsKey(field), Is.True, $"an error on {field}; got {string.Join(", ", state.Keys)}");
        Assert.That(state[field].Errors.Select(e => e.ErrorMessage), Does.Contain(Texts.Format(resourceKey, args)));
        Assert.That(await ProfileAsync(product.Id), Is.Null, "nothing saved");
        Assert.That(product.AvailableForPreOrder, Is.False);
    }

    [Test]
    public async Task The_cap_cannot_go_below_units_already_pre_ordered()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        await Host.PlaceOrderAsync(product, 4);
        var before = await ProfileAsync(product.Id);

        var (_, state) = await PostAsync(product, Form(("Enabled", "true"), ("Cap", "3"), ("ExpectedShipDate", StoreTimeDay(before.ExpectedShipDateUtc))));

        Assert.That(state["Preorder.Cap"].Errors.Single().ErrorMessage, Is.EqualTo(Texts.Format(R.CapBelowSold, 4)));
        Assert.That((await ProfileAsync(product.Id)).Cap, Is.EqualTo(10));
    }

    private static string StoreTimeDay(DateTime? utc) => Nop.Plugin.Preorders.Services.Rules.StoreTime.ToLocal(utc.Value, Berlin).ToString("yyyy-MM-dd");

    [Test]
    public async Task Moving_the_ship_date_of_a_sold_product_needs_a_reason_and_notifies_shoppers()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        await Host.PlaceOrderAsync(product, 1);
        var before = await ProfileAsync(product.Id);
        var unchanged = StoreTimeDay(before.ExpectedShipDateUtc);

        // re-saving the same day is not a change, whatever time of day it was stored at
        var (_, same) = await PostAsync(product, Form(("Enabled", "true"), ("Cap", "10"), ("ExpectedShipDate", unchanged)));
        Assert.That(same.IsValid, Is.True);
        Assert.That((await ProfileAsync(product.Id)).ExpectedShipDateUtc, Is.EqualTo(before.ExpectedShipDateUtc));
        Assert.That(Host.Publisher.Of<PreorderEvent>().Any(e => e.Kind == PreorderEventKind.ShipDateChanged), Is.False);

        var later = DateTime.Parse(unchanged).AddDays(7).ToString("yyyy-MM-dd");
        var (_, missingReason) = await PostAsync(product, Form(("Enabled", "true"), ("Cap", "10"), ("ExpectedShipDate", later)));
        Assert.That(missingReason["Preorder.ShipDateChangeReason"].Errors.Single().ErrorMessage, Is.EqualTo(Texts.En(R.ReasonRequired)));

        var (_, ok) = await PostAsync(product, Form(("Enabled", "true"), ("Cap", "10"), ("ExpectedShipDate", later),
            ("ShipDateChangeReason", "Parts late"), ("PenaltyFreeCancel", "true,false")));
        Assert.That(ok.IsValid, Is.True);
        var notice = Host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.ShipDateChanged);
        Assert.That(notice.Reason, Is.EqualTo("Parts late"));
        Assert.That(notice.PenaltyFreeCancel, Is.True);
        Assert.That(notice.OldDateUtc, Is.EqualTo(before.ExpectedShipDateUtc));
        Assert.That(Host.Scope.Repository<PreorderShipDateChange>().Table.Single().ChangedByCustomerId, Is.EqualTo(AdminHost.AdminId));
    }

    [Test]
    public async Task Without_manage_permission_or_without_the_block_nothing_is_saved()
    {
        var product = Host.Shop.AddProduct();
        _admin.Only(PreorderDefaults.Permissions.View);
        var (_, denied) = await PostAsync(product, Form(("Enabled", "true"), ("Cap", "5")));
        Assert.That(denied.IsValid, Is.True);
        Assert.That(await ProfileAsync(product.Id), Is.Null);

        _admin.Only(PreorderDefaults.Permissions.View, PreorderDefaults.Permissions.Manage);
        var withoutMarker = Form(("Enabled", "true"), ("Cap", "5"));
        withoutMarker.Remove("Preorder.Present");
        await PostAsync(product, withoutMarker);
        Assert.That(await ProfileAsync(product.Id), Is.Null, "a page without the block (another admin page posting a product model) changes nothing");

        await PostAsync(product, Form(("Enabled", "false"), ("Cap", "")));
        Assert.That(await ProfileAsync(product.Id), Is.Null, "an untouched block does not create a profile for every product saved");

        await PostAsync(new Product { Id = 0 }, Form(("Enabled", "true")));
        Assert.That(Host.Scope.Repository<PreorderProfile>().Table.Count(), Is.EqualTo(0), "a new product gets its block after the first save");
        Assert.That(_admin.AdminAudit(), Is.Empty);
    }

    [Test]
    public async Task A_vendor_saves_the_block_of_their_own_products_only()
    {
        var theirs = Host.Shop.AddProduct();
        theirs.VendorId = 8;
        var others = Host.Shop.AddProduct();
        others.VendorId = 7;
        Host.Shop.CurrentVendor = new Nop.Core.Domain.Vendors.Vendor { Id = 8, Name = "Vendor 8" };

        var (_, state) = await PostAsync(others, Form(("Enabled", "true"), ("Cap", "5")));
        Assert.That(await ProfileAsync(others.Id), Is.Null, "another vendor's product: nopCommerce redirects, and the block is not saved");
        Assert.That(_http.Items.ContainsKey(ProductPreorderEventConsumer.PendingBlockKey), Is.False, "nothing kept for a later save");
        // even if that product is updated later in the same request (another handler, another action)
        await Host.Resolve<IProductService>().UpdateProductAsync(others);
        Assert.That(await ProfileAsync(others.Id), Is.Null);
        Assert.That(state.IsValid, Is.True);
        Assert.That(others.AvailableForPreOrder, Is.False);

        await PostAsync(theirs, Form(("Enabled", "true"), ("Cap", "5")));
        Assert.That((await ProfileAsync(theirs.Id))?.Cap, Is.EqualTo(5), "a vendor's own product");
    }

    [Test]
    public async Task A_product_nopCommerce_refuses_saves_no_block()
    {
        var product = Host.Shop.AddProduct();
        var invalid = new ModelStateDictionary();
        invalid.AddModelError("Name", "Please provide a name.");

        var (_, state) = await PostAsync(product, Form(("Enabled", "true"), ("Cap", "5")), invalid, m => m.Name = string.Empty);

        Assert.That(state["Name"].Errors.Single().ErrorMessage, Is.EqualTo("Please provide a name."));
        Assert.That(await ProfileAsync(product.Id), Is.Null, "nopCommerce shows the page again without saving: so does the block");
        Assert.That(product.AvailableForPreOrder, Is.False);
        Assert.That(_admin.AdminAudit(), Is.Empty);
        // the product saved later in the same request (nopCommerce's own handlers) does not save the refused block
        await Host.Resolve<IProductService>().UpdateProductAsync(product);
        Assert.That(await ProfileAsync(product.Id), Is.Null);

        // nopCommerce's stock check: the stock changed while the page was open → redirect without saving
        var (_, stale) = await PostAsync(product, Form(("Enabled", "true"), ("Cap", "5")), edit: m => m.LastStockQuantity = product.StockQuantity + 3);
        Assert.That(stale.IsValid, Is.True);
        Assert.That(await ProfileAsync(product.Id), Is.Null);
    }

    [Test]
    public async Task A_block_is_saved_once_when_nopCommerce_saves_the_product()
    {
        var product = Host.Shop.AddProduct();
        var (_, state) = await PostAsync(product, Form(("Enabled", "true"), ("Cap", "5")));
        Assert.That(state.IsValid, Is.True);
        Assert.That(_admin.Audit("ProfileSaved"), Has.Count.EqualTo(1), "saved once, though the sync of nopCommerce's fields updates the product again");
        Assert.That(_http.Items.ContainsKey(ProductPreorderEventConsumer.PendingBlockKey), Is.False);

        // nopCommerce updating the product again in the same request (associated products, another handler) saves nothing more
        await Host.Resolve<IProductService>().UpdateProductAsync(product);
        Assert.That(_admin.Audit("ProfileSaved"), Has.Count.EqualTo(1));
        Assert.That(product.AvailableForPreOrder, Is.True);
        Assert.That(product.BackorderMode, Is.EqualTo(BackorderMode.AllowQtyBelow0));

        // another product saved in the same request is not given this block; the posted product still gets it
        var other = Host.Shop.AddProduct();
        await ReceiveAsync(product, Form(("Enabled", "true"), ("Cap", "6")));
        await Host.Resolve<IProductService>().UpdateProductAsync(other);
        Assert.That(await ProfileAsync(other.Id), Is.Null);
        Assert.That((await ProfileAsync(product.Id)).Cap, Is.EqualTo(5), "not before nopCommerce saves it");
        await Host.Resolve<IProductService>().UpdateProductAsync(product);
        Assert.That((await ProfileAsync(product.Id)).Cap, Is.EqualTo(6));
    }

    [Test]
    public async Task A_block_refused_at_save_time_is_reported_and_changes_nothing()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        await Host.PlaceOrderAsync(product, 2);
        var day = StoreTimeDay((await ProfileAsync(product.Id)).ExpectedShipDateUtc);

        // valid when the form is read (2 sold, cap 3) ...
        var (model, state) = await ReceiveAsync(product, Form(("Enabled", "true"), ("Cap", "3"), ("ExpectedShipDate", day)));
        Assert.That(state.IsValid, Is.True);
        // ... but two more units sell after nopCommerce's stock check, before its save
        await Host.PlaceOrderAsync(product, 2);
        model.LastStockQuantity = product.StockQuantity;
        await NopEditAsync(product, model, state);

        Assert.That((await ProfileAsync(product.Id)).Cap, Is.EqualTo(10), "the cap statement refuses a cap below units sold");
        Assert.That(Host.Shop.Notifications.Select(n => (n.Kind, n.Message)), Does.Contain(("error", Texts.Format(R.CapBelowSold, 4))),
            "nopCommerce saved the product already: the admin is told the block was not");
    }

    /// <summary>
    /// The block's amounts are read in the admin's working language culture first: "12,50" was read invariantly
    /// with thousands as 1250 (a deposit of 1250 per unit for a German admin who typed 12.50).
    /// </summary>
    [Test]
    public async Task Deposit_amounts_are_read_in_the_admins_culture_and_refused_when_unclear()
    {
        var product = Host.Shop.AddProduct();
        (string, string)[] Amounts(string fixedPerUnit, string min) => new[]
        {
            ("Enabled", "true"), ("UseStoreDepositRule", "false"), ("DepositRule.CombineId", "1"),
            ("DepositRule.FixedPerUnit", fixedPerUnit), ("DepositRule.MinAmount", min)
        };

        Host.Shop.WorkingLanguageCulture = "en-US";
        var (_, english) = await PostAsync(product, Form(Amounts("12,50", "")));
        Assert.That(english["Preorder.DepositRule.FixedPerUnit"].Errors.Single().ErrorMessage, Is.EqualTo(Texts.Format(R.ValueInvalid, "12,50")));
        Assert.That(await ProfileAsync(product.Id), Is.Null);

        Host.Shop.WorkingLanguageCulture = "de-DE";
        var (_, unclear) = await PostAsync(product, Form(Amounts("12,50", "1.250")));
        Assert.That(unclear["Preorder.DepositRule.MinAmount"].Errors.Single().ErrorMessage, Is.EqualTo(Texts.Format(R.AmountAmbiguous, "1.250")));
        Assert.That(await ProfileAsync(product.Id), Is.Null);

        var (_, german) = await PostAsync(product, Form(Amounts("12,50", "1.250,00")));
        Assert.That(german.IsValid, Is.True, string.Join("; ", german.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        var rule = _admin.Resolve<PreorderCatalogService>().ParseRule((await ProfileAsync(product.Id)).DepositRuleJson);
        Assert.That(rule.FixedPerUnit, Is.EqualTo(12.50m));
        Assert.That(rule.MinAmount, Is.EqualTo(1250m));

        // what a number input sends ("12.5") reads the same in every culture
        var (_, numberInput) = await PostAsync(product, Form(Amounts("12.5", "")));
        Assert.That(numberInput.IsValid, Is.True);
        Assert.That(_admin.Resolve<PreorderCatalogService>().ParseRule((await ProfileAsync(product.Id)).DepositRuleJson).FixedPerUnit, Is.EqualTo(12.5m));
    }

    [Test]
    public async Task After_a_failed_save_the_block_shows_what_the_merchant_typed()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        var posted = Form(("Enabled", "true"), ("Cap", "-1"), ("ShopperNote", "typed"));
        string Value(string key) => posted.TryGetValue(key, out var v) ? v : string.Empty;

        var block = await _admin.Resolve<PreorderAdminProductModelFactory>().PrepareProductBlockModelAsync(product.Id, Value);

        Assert.That(block.Preorder.Cap, Is.EqualTo(-1));
        Assert.That(block.Preorder.ShopperNote, Is.EqualTo("typed"));
        Assert.That(block.Preorder.HasProfile, Is.True);
        Assert.That(block.Preorder.SavedExpectedShipDate, Is.EqualTo(DateTime.Parse(StoreTimeDay((await ProfileAsync(product.Id)).ExpectedShipDateUtc))));
        Assert.That((await _admin.Resolve<PreorderAdminProductModelFactory>().PrepareProductBlockModelAsync(0)).NewProduct, Is.True);
    }

    [Test]
    public async Task The_block_is_hidden_without_view_permission_and_from_other_pages()
    {
        var component = Host.CreateUnregistered<AdminProductPreorderViewComponent>();
        Assert.That(await component.InvokeAsync("admin_product_details_block", new object()), Is.InstanceOf<Microsoft.AspNetCore.Mvc.ViewComponents.ContentViewComponentResult>());
        _admin.Only();
        var hidden = await component.InvokeAsync("admin_product_details_block", new ProductModel { Id = 5 });
        Assert.That(hidden, Is.InstanceOf<Microsoft.AspNetCore.Mvc.ViewComponents.ContentViewComponentResult>());
        Assert.That(((Microsoft.AspNetCore.Mvc.ViewComponents.ContentViewComponentResult)hidden).Content, Is.Empty);

        var order = Host.CreateUnregistered<AdminOrderPreorderViewComponent>();
        Assert.That(((Microsoft.AspNetCore.Mvc.ViewComponents.ContentViewComponentResult)await order.InvokeAsync("admin_order_details_block",
            new Nop.Web.Areas.Admin.Models.Orders.OrderModel { Id = 5 })).Content, Is.Empty);
    }
}
