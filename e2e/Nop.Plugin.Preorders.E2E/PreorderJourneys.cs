using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>
/// The plugin's journeys in a real nopCommerce 4.90 shop, in order: each builds on the ones before
/// (the shop owner installs, the merchant sets up a pre-order, shoppers order, the merchant ships...).
/// Each asserts what a person sees on the page.
/// </summary>
[TestFixture, NonParallelizable]
public partial class PreorderJourneys
{
    private readonly List<string> _pageErrors = new();
    private IPage _admin;
    private IPage _shopper;
    private long _logStartId;

    // what the journeys hand on to each other
    private static int _productId;
    private static string _productName;
    private static decimal _productPrice;
    private static int _cap;
    private static string _shopperEmail;
    private static readonly List<PlacedOrder> Orders = new();

    private sealed record PlacedOrder(int Id, string Number);

    private const string ShopperPassword = "Shopper123!";

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        if (E2EConfig.BaseUrl == null)
            Assert.Ignore(Browser.NoShopReason);
        File.Delete(Path.Combine(E2EConfig.OutDir, "axe-report.txt"));
        if (ShopDatabase.Available)
            _logStartId = await ShopDatabase.LastLogIdAsync();
        _admin = await Browser.NewPageAsync(_pageErrors);
        _shopper = await Browser.NewPageAsync(_pageErrors);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (_admin != null)
            await _admin.Context.CloseAsync();
        if (_shopper != null)
            await _shopper.Context.CloseAsync();
    }

    #region 1. Shop owner: install and configure

    [Test, Order(1)]
    public async Task J1_ShopOwner_InstallsConfiguresAndActivatesThePaymentMethod()
    {
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");

        await OpenPluginListAsync();
        var state = await PluginStateAsync();
        TestContext.Progress.WriteLine($"J1: plugin state before: {state}");
        if (state == PluginState.Absent)
        {
            Assert.That(E2EConfig.PluginZip, Is.Not.Null, "the plugin is not in the shop and PREORDERS_E2E_ZIP is not set");
            Assert.That(File.Exists(E2EConfig.PluginZip), Is.True, $"plugin zip {E2EConfig.PluginZip} not found");
            await _admin.ClickAsync("button[name='uploadplugin']");
            await _admin.Locator("#uploadplugin-window input[type='file']").SetInputFilesAsync(E2EConfig.PluginZip);
            await Shop.ShotAsync(_admin, "admin-01-upload-dialog");
            await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("#uploadplugin-window button[type='submit']"));
            var said = await Shop.MessagesAsync(_admin);
            TestContext.Progress.WriteLine($"J1: after upload: {said}");
            Assert.That(said, Does.Contain("uploaded").IgnoreCase.Or.Contain("restart").IgnoreCase, "the upload was not confirmed");
            await WaitForGridAsync("#plugins-local-grid");
            state = await PluginStateAsync();
            if (state != PluginState.Uninstalled)
            {
                await ApplyChangesAsync();
                state = await PluginStateAsync();
            }
        }
        if (state == PluginState.Uninstalled)
        {
            await _admin.RunAndWaitForNavigationAsync(() =>
                _admin.ClickAsync($"button[name='install-plugin-link-{E2EConfig.PluginSystemName}']"));
            TestContext.Progress.WriteLine($"J1: after install: {await Shop.MessagesAsync(_admin)}");
            await Shop.ShotAsync(_admin, "admin-02-installed-pending-restart");
            await ApplyChangesAsync();
            state = await PluginStateAsync();
        }
        else if (await _admin.Locator("button[name='plugin-apply-changes']").IsVisibleAsync())
        {
            await ApplyChangesAsync();
            state = await PluginStateAsync();
        }
        Assert.That(state, Is.EqualTo(PluginState.Installed), "the plugin is not installed after Install and restart");
        var row = await PluginRowTextAsync();
        Assert.That(row, Does.Contain(E2EConfig.PaymentMethodName).IgnoreCase, "the local plugins grid does not show the plugin's name");
        await Shop.ShotAsync(_admin, "admin-03-local-plugins");

        // Configure: change a setting, save, reload, see it persisted
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        await Shop.ShotAsync(_admin, "admin-04-configure");
        var dueDays = _admin.Locator("#BalanceDueDays");
        var before = int.Parse(await dueDays.InputValueAsync(), CultureInfo.InvariantCulture);
        var wanted = before >= 20 ? 10 : before + 1;
        await dueDays.FillAsync(wanted.ToString(CultureInfo.InvariantCulture));
        var chargeOptions = await _admin.Locator("#ChargeMethodSystemName option").AllInnerTextsAsync();
        Assert.That(chargeOptions, Has.Some.Contains("Payments.Manual"), "Configure: Payments.Manual is not offered as the charging method");
        await _admin.SelectOptionAsync("#ChargeMethodSystemName", "Payments.Manual");
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
        await Shop.AssertPageOkAsync(_admin, "configure saved");
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("The settings have been saved").IgnoreCase, "Configure: no 'saved' message");
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        Assert.That(await _admin.Locator("#BalanceDueDays").InputValueAsync(), Is.EqualTo(wanted.ToString(CultureInfo.InvariantCulture)),
            "Configure: the balance due days did not persist");
        Assert.That(await _admin.Locator("#ChargeMethodSystemName").InputValueAsync(), Is.EqualTo("Payments.Manual"),
            "Configure: the charging method did not persist");

        // Payments.Manual charges cards at once ("Authorize and capture"), as a card gateway would
        await Shop.GotoAsync(_admin, "/Admin/PaymentManual/Configure");
        var capture = await _admin.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('#TransactModeId option')].find(o => /capture/i.test(o.textContent)).value");
        await SetManualTransactModeAsync(capture);

        // Configuration > Payment methods: activate "Pre-orders and deposits"
        await Shop.GotoAsync(_admin, "/Admin/Payment/Methods");
        await WaitForGridAsync("#paymentmethods-grid");
        var methodRow = _admin.Locator("#paymentmethods-grid tbody tr", new PageLocatorOptions { HasText = E2EConfig.PaymentMethodName });
        Assert.That(await methodRow.CountAsync(), Is.EqualTo(1), "Payment methods: no row for " + E2EConfig.PaymentMethodName);
        var active = methodRow.Locator("td[data-columnname='IsActive'] .true-icon");
        if (await active.CountAsync() == 0)
        {
            // the name turns into an input while the row is edited: keep hold of the row by its position
            var index = await _admin.EvaluateAsync<int>(
                "name => [...document.querySelectorAll('#paymentmethods-grid tbody tr')].findIndex(r => r.innerText.includes(name))", E2EConfig.PaymentMethodName);
            methodRow = _admin.Locator("#paymentmethods-grid tbody tr").Nth(index);
            await methodRow.Locator("a[id^='buttonEdit_']").ClickAsync();
            var box = methodRow.Locator("td[data-columnname='IsActive'] input[type='checkbox']");
            if (!await box.IsCheckedAsync())
                await box.ClickAsync();
            await methodRow.Locator("a[id^='buttonConfirm_']").ClickAsync();
            await _admin.WaitForTimeoutAsync(1500);
            await Shop.GotoAsync(_admin, "/Admin/Payment/Methods");
            await WaitForGridAsync("#paymentmethods-grid");
            methodRow = _admin.Locator("#paymentmethods-grid tbody tr", new PageLocatorOptions { HasText = E2EConfig.PaymentMethodName });
            active = methodRow.Locator("td[data-columnname='IsActive'] .true-icon");
        }
        Assert.That(await active.CountAsync(), Is.EqualTo(1), "Payment methods: " + E2EConfig.PaymentMethodName + " is not shown as active");
        await Shop.ShotAsync(_admin, "admin-05-payment-methods");
    }

    private enum PluginState { Absent, Uninstalled, Installed }

    private async Task OpenPluginListAsync()
    {
        await Shop.GotoAsync(_admin, "/Admin/Plugin/List");
        await WaitForGridAsync("#plugins-local-grid");
    }

    private async Task<PluginState> PluginStateAsync()
    {
        if (await _admin.Locator($"button[name='uninstall-plugin-link-{E2EConfig.PluginSystemName}']").CountAsync() > 0)
            return PluginState.Installed;
        if (await _admin.Locator($"button[name='install-plugin-link-{E2EConfig.PluginSystemName}']").CountAsync() > 0)
            return PluginState.Uninstalled;
        return PluginState.Absent;
    }

    private async Task<string> PluginRowTextAsync() =>
        await Shop.TextAsync(_admin.Locator("#plugins-local-grid tbody tr", new PageLocatorOptions { HasText = E2EConfig.PluginSystemName }).First);

    /// <summary>"Restart application to apply changes", then wait for the shop, sign in again if asked.</summary>
    private async Task ApplyChangesAsync()
    {
        var apply = _admin.Locator("button[name='plugin-apply-changes']");
        if (await apply.CountAsync() == 0 || !await apply.IsVisibleAsync())
            return;
        TestContext.Progress.WriteLine("J1: restarting the shop to apply plugin changes");
        try
        {
            await apply.ClickAsync(new LocatorClickOptions { NoWaitAfter = true, Timeout = 10_000 });
        }
        catch (PlaywrightException)
        {
            // the shop goes down while answering
        }
        await Shop.WaitForShopAsync(_admin, "/Admin/Plugin/List", TimeSpan.FromMinutes(5));
        if (await _admin.Locator("#Email").CountAsync() > 0)
            await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        await OpenPluginListAsync();
        TestContext.Progress.WriteLine($"J1: back after restart: {await Shop.MessagesAsync(_admin)}");
    }

    private async Task WaitForGridAsync(string grid)
    {
        await _admin.Locator(grid + " tbody tr").First.WaitForAsync();
        await _admin.WaitForFunctionAsync(
            "g => !document.querySelector(g + '_processing') || getComputedStyle(document.querySelector(g + '_processing')).display === 'none'", grid);
        await _admin.WaitForTimeoutAsync(300);
    }

    #endregion

    #region 2. Merchant: a product becomes a pre-order

    [Test, Order(2)]
    public async Task J2_Merchant_TurnsAProductIntoAPreorderWithCapWindowShipDateAndDeposit()
    {
        // the product as shoppers see it now
        await Shop.GotoAsync(_shopper, E2EConfig.ProductPath);
        _productId = int.Parse(await _shopper.Locator("[data-productid]").First.GetAttributeAsync("data-productid"), CultureInfo.InvariantCulture);
        _productName = await Shop.TextAsync(_shopper.Locator(".product-name h1"));
        _productPrice = ParseMoney(await Shop.TextAsync(_shopper.Locator($"#price-value-{_productId}")));
        TestContext.Progress.WriteLine($"J2: product #{_productId} \"{_productName}\" at {_productPrice}");

        await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{_productId}");
        var block = await OpenProductBlockAsync();
        var blockText = await Shop.TextAsync(block);
        var soldMatch = Regex.Match(blockText, @"(\d+) unit\(s\) pre-ordered");
        var sold = soldMatch.Success ? int.Parse(soldMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        _cap = sold + 10;
        _soldBefore = sold;

        // a pre-order product has no stock yet (the plugin allocates arriving stock to the queue and takes a
        // product with stock on hand and nobody waiting out of pre-order)
        var stock = _admin.Locator("#StockQuantity");
        if (!await stock.IsVisibleAsync())
            await _admin.Locator("#product-inventory .card-header").First.ClickAsync();
        await stock.FillAsync("0");

        var now = DateTime.Now;
        await _admin.Locator("#Preorder_Enabled").CheckAsync();
        await _admin.Locator("#Preorder_Cap").FillAsync(_cap.ToString(CultureInfo.InvariantCulture));
        await _admin.Locator("#Preorder_WindowStart").FillAsync(now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await _admin.Locator("#Preorder_WindowEnd").FillAsync(now.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await _admin.Locator("#Preorder_ExpectedShipDate").FillAsync(ShipDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var depositMode = await _admin.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('#Preorder_PaymentModeId option')].find(o => /deposit/i.test(o.textContent)).value");
        await _admin.SelectOptionAsync("#Preorder_PaymentModeId", depositMode);
        await _admin.Locator("#Preorder_UseStoreDepositRule").UncheckAsync();
        await _admin.Locator("#Preorder_DepositRule_Percent").FillAsync("20");
        // a shop that ran the journeys before (another day) has the product's old ship date: moving it asks for the
        // reason shoppers are told
        await _admin.EvaluateAsync("() => { const r = document.querySelector('#Preorder_ShipDateChangeReason'); if (r) r.value = 'The factory confirmed a new date.'; }");
        await Shop.ShotAsync(_admin, "admin-06-product-block-filled");

        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
        await Shop.AssertPageOkAsync(_admin, "product saved");
        var messages = await Shop.MessagesAsync(_admin);
        Assert.That(messages, Does.Contain("updated successfully").IgnoreCase, "product save: " + messages);
        block = await OpenProductBlockAsync();
        Assert.That(await _admin.Locator("#Preorder_Enabled").IsCheckedAsync(), Is.True, "the pre-order switch did not stay on");
        Assert.That(await _admin.Locator("#Preorder_Cap").InputValueAsync(), Is.EqualTo(_cap.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await _admin.Locator("#Preorder_ExpectedShipDate").InputValueAsync(), Is.EqualTo(ShipDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(decimal.Parse(await _admin.Locator("#Preorder_DepositRule_Percent").InputValueAsync(), CultureInfo.InvariantCulture), Is.EqualTo(20m));
        Assert.That(await Shop.TextAsync(block), Does.Contain("Campaign").IgnoreCase, "the block links to the campaign once the product is a pre-order");
        await Shop.ShotAsync(_admin, "admin-07-product-saved");

        // Admin > Pre-orders lists the product (filter) and its campaign opens
        await Shop.GotoAsync(_admin, "/Admin/Preorders/List");
        var products = await _admin.Locator("#SearchProductId option").AllInnerTextsAsync();
        Assert.That(products, Has.Some.Contains(_productName), "Pre-orders grid: the product filter does not list the pre-order product");
        await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{_productId}");
        var campaign = await Shop.BodyTextAsync(_admin);
        Assert.That(campaign, Does.Contain(_productName).IgnoreCase, "Campaign page does not name the product");
        Assert.That(campaign, Does.Contain(_cap.ToString(CultureInfo.InvariantCulture)).IgnoreCase, "Campaign page does not show the cap");
        await Shop.ShotAsync(_admin, "admin-08-campaign");
    }

    private static DateTime ShipDate => DateTime.Today.AddDays(45);

    private async Task<ILocator> OpenProductBlockAsync()
    {
        var card = _admin.Locator("#product-preorder");
        await card.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        if (!await _admin.Locator("#Preorder_Enabled").IsVisibleAsync())
        {
            await card.Locator(".card-header").First.ClickAsync();
            await _admin.Locator("#Preorder_Enabled").WaitForAsync();
        }
        return card;
    }

    #endregion

    #region 3. Shopper: sees the pre-order, pays a deposit

    [Test, Order(3)]
    public async Task J3_Shopper_SeesThePreorderAndPaysADepositAtCheckout()
    {
        RequireProduct();
        _shopperEmail = $"e2e-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com";
        await RegisterAsync(_shopper, _shopperEmail);

        await Shop.GotoAsync(_shopper, E2EConfig.ProductPath);
        var block = _shopper.Locator(".preorder-block");
        Assert.That(await block.IsVisibleAsync(), Is.True, "product page: no pre-order block");
        Assert.That(await Shop.TextAsync(_shopper.Locator(".preorder-badge")), Is.EqualTo("Pre-order").IgnoreCase, "product page: badge");
        var ship = await Shop.TextAsync(_shopper.Locator(".preorder-ship"));
        Assert.That(ship, Does.StartWith("Expected to ship:"), "product page: ship date line");
        Assert.That(ship, Does.Contain(ShipDate.Year.ToString(CultureInfo.InvariantCulture)).IgnoreCase, "product page: the ship date set in admin");
        var left = Shop.FirstNumber(await Shop.TextAsync(_shopper.Locator(".preorder-left")));
        Assert.That(left, Is.EqualTo(_cap - SoldBefore()), "product page: units left");
        await AssertProgressBarVisibleAsync();
        await AssertCountdownTicksAsync();
        var deposit = Math.Round(_productPrice * 0.2m, 2);
        Assert.That(await Shop.TextAsync(_shopper.Locator(".preorder-deposit")), Does.Contain(Money(deposit)).IgnoreCase, "product page: deposit now (20%)");
        var button = _shopper.Locator($"#add-to-cart-button-{_productId}");
        Assert.That(await Shop.TextAsync(button), Is.EqualTo("Pre-order").IgnoreCase, "the buy button reads 'Pre-order'");
        await Shop.ShotAsync(_shopper, "shop-01-product-page");
        await Accessibility.CheckAsync(_shopper, "product page");

        // two orders: one will be settled by the merchant offline, one through the balance link with a card
        for (var i = 0; i < 2; i++)
        {
            var order = await PreorderAndCheckOutAsync(screens: i == 0);
            Orders.Add(order);
            await Shop.GotoAsync(_shopper, $"/orderdetails/{order.Id}");
            var summary = await Shop.TextAsync(_shopper.Locator(".preorder-order"));
            Assert.That(summary, Does.Contain("Partially paid, awaiting balance").IgnoreCase, $"order {order.Number}: the deposit is paid, the balance awaited");
            Assert.That(summary, Does.Contain(Money(deposit)).IgnoreCase, $"order {order.Number}: deposit paid");
            Assert.That(summary, Does.Contain("Still due").IgnoreCase.And.Contain(Money(_productPrice - deposit)), $"order {order.Number}: balance later");
            if (i == 0)
                await Shop.ShotAsync(_shopper, "shop-05-order-details");
        }

        await Shop.GotoAsync(_shopper, "/customer/preorders");
        var mine = await Shop.BodyTextAsync(_shopper);
        foreach (var order in Orders)
            Assert.That(mine, Does.Contain("#" + order.Number).IgnoreCase, "My pre-orders lists order " + order.Number);
        Assert.That(mine, Does.Contain("Waiting for stock").IgnoreCase, "My pre-orders: lines wait for stock");
        await Shop.ShotAsync(_shopper, "shop-06-my-preorders");
        await Accessibility.CheckAsync(_shopper, "my pre-orders");
    }

    private static int _soldBefore = -1;

    private int SoldBefore() => _soldBefore < 0 ? 0 : _soldBefore;

    private async Task AssertProgressBarVisibleAsync()
    {
        var bar = _shopper.Locator(".preorder-progress");
        Assert.That(await bar.CountAsync(), Is.EqualTo(1), "product page: no progress bar");
        var box = await bar.BoundingBoxAsync();
        Assert.That(box, Is.Not.Null, "product page: the progress bar is not rendered");
        Assert.That(box.Height, Is.GreaterThan(0), "product page: the progress bar has no height (invisible)");
        Assert.That(box.Width, Is.GreaterThan(0), "product page: the progress bar has no width (invisible)");
        Assert.That(await Shop.TextAsync(_shopper.Locator(".preorder-progress-text")), Does.Match(@"\d+ of \d+ reserved"), "product page: progress text");
    }

    private async Task AssertCountdownTicksAsync()
    {
        var countdown = _shopper.Locator(".preorder-countdown-value");
        Assert.That(await countdown.CountAsync(), Is.EqualTo(1), "product page: no countdown");
        var first = await Shop.TextAsync(countdown);
        Assert.That(first, Does.Match(@"\d"), "product page: the countdown shows no time");
        var changed = first;
        for (var waited = 0; waited < 2000 && changed == first; waited += 200)
        {
            await _shopper.WaitForTimeoutAsync(200);
            changed = await Shop.TextAsync(countdown);
        }
        Assert.That(changed, Is.Not.EqualTo(first), "product page: the countdown did not change within 2 seconds");
    }

    private async Task RegisterAsync(IPage page, string email)
    {
        await Shop.GotoAsync(page, "/register");
        await page.FillAsync("#FirstName", "Erin");
        await page.FillAsync("#LastName", "Shopper");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", ShopperPassword);
        await page.FillAsync("#ConfirmPassword", ShopperPassword);
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("#register-button"));
        Assert.That(await Shop.BodyTextAsync(page), Does.Contain("registration completed").IgnoreCase,
            "registration: " + await Shop.MessagesAsync(page));
    }

    /// <summary>A pre-order product as the journeys order it: where it is, its id, name, price and deposit (percent).</summary>
    private sealed record PreorderProduct(string Path, int Id, string Name, decimal Price, decimal DepositPercent);

    /// <summary>
    /// Adds the product ("Pre-order" button), checks out with the deposit method and a card, returns the order. By default
    /// journey 2's product and journey 3's shopper; later journeys pass their own product and shopper.
    /// </summary>
    private async Task<PlacedOrder> PreorderAndCheckOutAsync(bool screens, IPage shopper = null, PreorderProduct product = null)
    {
        var page = shopper ?? _shopper;
        product ??= new PreorderProduct(E2EConfig.ProductPath, _productId, _productName, _productPrice, 20m);
        await Shop.GotoAsync(page, product.Path);
        await page.ClickAsync($"#add-to-cart-button-{product.Id}");
        var bar = page.Locator("#bar-notification .content");
        await bar.WaitForAsync();
        Assert.That(await Shop.TextAsync(bar), Does.Contain("shopping cart").IgnoreCase, "add to cart: " + await Shop.TextAsync(bar));

        await Shop.GotoAsync(page, "/cart");
        var cartSummary = page.Locator(".preorder-cart-summary");
        Assert.That(await cartSummary.IsVisibleAsync(), Is.True, "cart: no pre-order summary");
        Assert.That(await Shop.TextAsync(cartSummary), Does.Contain(product.Name).IgnoreCase, "cart: the summary names the pre-order product");
        if (screens)
        {
            await Shop.ShotAsync(page, "shop-02-cart");
            await Accessibility.CheckAsync(page, "cart");
        }
        var deposit = Math.Round(product.Price * product.DepositPercent / 100m, 2);
        return await CheckOutWithDepositAsync(page, deposit, screens);
    }

    /// <summary>
    /// From the cart: checks out with the deposit method and a card (the split shows <paramref name="deposit"/> due now,
    /// or any deposit when null), accepting the terms; returns the placed order.
    /// </summary>
    private async Task<PlacedOrder> CheckOutWithDepositAsync(IPage page, decimal? deposit, bool screens)
    {
        if (await page.Locator("#termsofservice").CountAsync() > 0)
            await page.Locator("#termsofservice").CheckAsync();
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("#checkout"));

        // billing address (the first time), shipping method
        await page.Locator("#billing-buttons-container .new-address-next-step-button").WaitForAsync();
        if (await page.Locator("#BillingNewAddress_FirstName").IsVisibleAsync())
        {
            await page.FillAsync("#BillingNewAddress_FirstName", "Erin");
            await page.FillAsync("#BillingNewAddress_LastName", "Shopper");
            var country = await page.EvaluateAsync<string>(
                "() => { const os = [...document.querySelectorAll('#BillingNewAddress_CountryId option')]; return (os.find(o => /United States/.test(o.textContent)) || os[1]).value; }");
            await page.SelectOptionAsync("#BillingNewAddress_CountryId", country);
            await page.WaitForTimeoutAsync(1500);
            var state = await page.EvaluateAsync<string>(
                "() => { const o = [...document.querySelectorAll('#BillingNewAddress_StateProvinceId option')].find(o => o.value && o.value !== '0'); return o ? o.value : null; }");
            if (state != null)
                await page.SelectOptionAsync("#BillingNewAddress_StateProvinceId", state);
            await page.FillAsync("#BillingNewAddress_City", "Springfield");
            await page.FillAsync("#BillingNewAddress_Address1", "1 Main St");
            await page.FillAsync("#BillingNewAddress_ZipPostalCode", "10001");
            await page.FillAsync("#BillingNewAddress_PhoneNumber", "5550100");
        }
        await page.ClickAsync("#billing-buttons-container .new-address-next-step-button");
        var shippingNext = page.Locator("#shipping-buttons-container .new-address-next-step-button");
        var shippingMethodNext = page.Locator("#shipping-method-buttons-container .shipping-method-next-step-button");
        await page.Locator("#shipping-buttons-container .new-address-next-step-button:visible, #shipping-method-buttons-container .shipping-method-next-step-button:visible").First.WaitForAsync();
        if (await shippingNext.IsVisibleAsync())
            await shippingNext.ClickAsync();
        await shippingMethodNext.WaitForAsync();
        await shippingMethodNext.ClickAsync();

        // payment method: the deposit method
        var method = page.Locator($"input[name='paymentmethod'][value='{E2EConfig.PluginSystemName}']");
        await page.Locator("input[name='paymentmethod']").First.WaitForAsync();
        Assert.That(await method.CountAsync(), Is.EqualTo(1), "checkout: the deposit method is not offered: "
            + string.Join(", ", await page.Locator("#checkout-step-payment-method .method-name").AllInnerTextsAsync()));
        await method.CheckAsync();
        await page.ClickAsync("#payment-method-buttons-container .payment-method-next-step-button");

        // payment info: the split, the terms, the card form of the charging method
        var info = page.Locator(".preorder-payment-info");
        await info.WaitForAsync();
        var infoText = await Shop.TextAsync(info);
        Assert.That(infoText, Does.Match(@"deposit now \D{0,3}" + (deposit is { } due ? Regex.Escape(Money(due)) : @"\d")).IgnoreCase,
            "checkout: the split shows the deposit due now: " + infoText);
        await Shop.AssertPageOkAsync(page, "checkout payment info");
        await page.FillAsync("#CardholderName", "Erin Shopper");
        await page.FillAsync("#CardNumber", "4111111111111111");
        var year = await page.EvaluateAsync<string>("() => { const os = document.querySelectorAll('#ExpireYear option'); return os[os.length - 1].value; }");
        await page.SelectOptionAsync("#ExpireYear", year);
        await page.FillAsync("#CardCode", "123");
        await page.Locator("input[name='preorders-accept-terms']").CheckAsync();
        if (screens)
        {
            await Shop.ShotAsync(page, "shop-03-checkout-payment");
            await Accessibility.CheckAsync(page, "checkout payment step");
        }
        await page.ClickAsync("#payment-info-buttons-container .payment-info-next-step-button");
        var confirm = page.Locator("#confirm-order-buttons-container .confirm-order-next-step-button");
        try
        {
            await confirm.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("checkout: the payment info step did not go on: " + await Shop.MessagesAsync(page));
        }
        // nopCommerce refuses a second order placed within seconds of the last one ("Please wait several seconds"): try again
        for (var attempt = 1; !page.Url.Contains("/checkout/completed", StringComparison.OrdinalIgnoreCase); attempt++)
        {
            await confirm.ClickAsync();
            try
            {
                await page.WaitForURLAsync("**/checkout/completed**", new PageWaitForURLOptions { Timeout = 20_000 });
            }
            catch (TimeoutException)
            {
                string said;
                lock (Browser.Dialogs)
                    said = string.Join(" | ", Browser.Dialogs.TakeLast(2));
                TestContext.Progress.WriteLine($"J3: confirm attempt {attempt} stayed at {page.Url}: {said} {await Shop.MessagesAsync(page)}");
                if (attempt >= 4)
                    Assert.Fail($"checkout: the order was not placed: {said} {await Shop.MessagesAsync(page)}");
                await page.WaitForTimeoutAsync(10_000);
            }
        }
        await Shop.AssertPageOkAsync(page, "checkout completed");
        var number = Regex.Match(await Shop.TextAsync(page.Locator(".order-number")), @"\d+").Value;
        var href = await page.Locator("a[href*='orderdetails']").First.GetAttributeAsync("href");
        var id = int.Parse(Regex.Match(href, @"(\d+)\s*$").Groups[1].Value, CultureInfo.InvariantCulture);
        if (screens)
            await Shop.ShotAsync(page, "shop-04-checkout-completed");
        TestContext.Progress.WriteLine($"J3: order #{number} (id {id}) placed");
        return new PlacedOrder(id, number);
    }

    #endregion

    #region 4. Merchant: stock arrives, balances are paid

    [Test, Order(4)]
    public async Task J4_Merchant_MarksStockArrived_BalancesArePaidOfflineAndByCard()
    {
        RequireOrders(2);
        var offline = Orders[0];
        var byCard = Orders[1];

        await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{_productId}");
        await _admin.FillAsync("#preorder-stock-units", "2");
        await _admin.ClickAsync("#preorder-stock-submit");
        var result = await ActionResultAsync();
        Assert.That(result, Does.Contain("Done for").IgnoreCase, "stock arrived: " + result);
        await Shop.ShotAsync(_admin, "admin-09-campaign-stock-arrived");

        // the order lines turn "balance due"
        foreach (var order in Orders)
        {
            await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
            // the line's state cell in the plugin's block on nopCommerce's order page
            var state = _admin.Locator("tbody tr", new PageLocatorOptions { HasText = _productName })
                .Locator("td", new LocatorLocatorOptions { HasTextRegex = new Regex(@"^\s*Balance due\s*$") });
            Assert.That(await state.CountAsync(), Is.EqualTo(1), $"admin order {order.Number}: the line is not 'Balance due' after stock arrived");
        }
        await Shop.ShotAsync(_admin, "admin-10-order-balance-due");

        // the arrival's e-mails go out from the plugin's scheduled task, not inside the merchant's save: the merchant
        // runs it now (System > Schedule tasks > Run now) instead of waiting up to 5 minutes
        await RunPluginTaskNowAsync();

        // the balance e-mail's link (queued by nopCommerce), opened without signing in
        var link = await BalanceLinkAsync(byCard);
        TestContext.Progress.WriteLine($"J4: balance link for order {byCard.Number}: {link}");
        var anonymous = await Browser.NewPageAsync(_pageErrors);
        try
        {
            await Shop.GotoAsync(anonymous, link);
            // the link's token is exchanged for a session cookie: the browser lands on the token-free page
            var token = link[(link.IndexOf("/preorders/balance/", StringComparison.Ordinal) + "/preorders/balance/".Length)..];
            Assert.That(anonymous.Url, Does.Contain($"/preorders/balance/order/{byCard.Id}").And.Not.Contain(token),
                "the balance link redirects to the token-free page of its order");
            var balance = await Shop.BodyTextAsync(anonymous);
            Assert.That(balance, Does.Contain($"Pay the balance of order {byCard.Number}").IgnoreCase, "balance page title");
            var outstanding = _productPrice - Math.Round(_productPrice * 0.2m, 2);
            Assert.That(balance, Does.Contain(Money(outstanding)).IgnoreCase, "balance page shows what is still due");
            await Shop.ShotAsync(anonymous, "shop-07-balance-page");
            await Accessibility.CheckAsync(anonymous, "balance page");
            await anonymous.FillAsync("#CardholderName", "Erin Shopper");
            await anonymous.FillAsync("#CardNumber", "4111111111111111");
            var year = await anonymous.EvaluateAsync<string>("() => { const os = document.querySelectorAll('#ExpireYear option'); return os[os.length - 1].value; }");
            await anonymous.SelectOptionAsync("#ExpireYear", year);
            await anonymous.FillAsync("#CardCode", "123");
            await anonymous.RunAndWaitForNavigationAsync(() => anonymous.ClickAsync(".preorders-balance-page button[type='submit'].button-1"));
            await Shop.AssertPageOkAsync(anonymous, "balance paid");
            Assert.That(anonymous.Url, Does.Not.Contain(token), "after paying, the page is the token-free one");
            var after = await Shop.BodyTextAsync(anonymous);
            Assert.That(after, Does.Contain("Your payment has been recorded").IgnoreCase, "balance page after paying: " + await Shop.MessagesAsync(anonymous));
            Assert.That(after, Does.Contain("Paid in full").IgnoreCase, "balance page after paying shows the order paid in full");
            await Shop.ShotAsync(anonymous, "shop-08-balance-paid");
        }
        finally
        {
            await anonymous.Context.CloseAsync();
        }

        // the merchant confirms the other balance offline (bank transfer)
        await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{offline.Id}");
        var balanceKind = await _admin.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('#preorder-payment-kind option')].find(o => /balance/i.test(o.textContent)).value");
        await _admin.SelectOptionAsync("#preorder-payment-kind", balanceKind);
        await _admin.FillAsync("#preorder-payment-reference", "E2E bank transfer");
        await _admin.ClickAsync("#preorder-confirm-payment");
        result = await ActionResultAsync();
        Assert.That(result, Does.Contain("Done for 1").IgnoreCase, "offline balance confirmation: " + result);

        foreach (var order in Orders)
        {
            await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
            var text = await Shop.BodyTextAsync(_admin);
            Assert.That(Regex.IsMatch(text, @"Payment status[^A-Za-z]{0,40}Paid\b"), Is.True,
                $"admin order {order.Number}: nopCommerce's payment status is not Paid: {Shop.Clip(Regex.Match(text, "Payment status.{0,60}", RegexOptions.Singleline).Value)}");
            Assert.That(text, Does.Contain("Paid in full").IgnoreCase, $"admin order {order.Number}: the pre-order block shows paid in full");
        }
        await Shop.ShotAsync(_admin, "admin-11-order-paid");
    }

    /// <summary>
    /// The last balance link e-mailed to the shopper for the order: from the QueuedEmail table, or System > Message queue
    /// (both newest first). Only the newest works: every e-mail that carries a new link revokes the order's older ones.
    /// </summary>
    private async Task<string> BalanceLinkAsync(PlacedOrder order)
    {
        var bodies = new List<string>();
        if (ShopDatabase.Available)
        {
            bodies.AddRange((await ShopDatabase.QueuedEmailsAsync(_shopperEmail)).Select(m => m.Subject + "\n" + m.Body));
        }
        else
        {
            await Shop.GotoAsync(_admin, "/Admin/QueuedEmail/List");
            await _admin.FillAsync("#SearchToEmail", _shopperEmail);
            await _admin.ClickAsync("#search-queuedemails");
            await _admin.WaitForTimeoutAsync(1500);
            await WaitForGridAsync("#queuedEmails-grid");
            var edits = await _admin.Locator("#queuedEmails-grid tbody a[href*='QueuedEmail/Edit']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
            foreach (var edit in edits.Take(10))
            {
                await Shop.GotoAsync(_admin, edit);
                bodies.Add(await _admin.Locator("#Subject").InputValueAsync() + "\n" + await _admin.EvaluateAsync<string>("() => document.querySelector('#Body').value"));
            }
        }
        var withLink = bodies.Where(b => b.Contains("/preorders/balance/") && b.Contains(order.Number)).ToList();
        Assert.That(withLink, Is.Not.Empty, $"no queued e-mail to {_shopperEmail} carries a balance link for order {order.Number} ({bodies.Count} e-mails)");
        var url = Regex.Match(withLink[0], "href=\"([^\"]*/preorders/balance/[^\"]+)\"").Groups[1].Value;
        Assert.That(url, Is.Not.Empty, "balance e-mail: no link");
        var path = new Uri(System.Net.WebUtility.HtmlDecode(url)).PathAndQuery;
        return path;
    }

    /// <summary>nopCommerce's System > Schedule tasks > "Run now" on the plugin's task.</summary>
    /// <summary>
    /// System > Schedule tasks > Run now on the plugin's task. nopCommerce's Run now skips the run silently when the
    /// timer's own run holds the task's lock, and that run may have started before the journey's change; so, where the
    /// shop's database is readable, the click is repeated until a run that started after the first click has ended.
    /// </summary>
    private async Task RunPluginTaskNowAsync()
    {
        var clickedUtc = DateTime.UtcNow.AddSeconds(-1);
        for (var attempt = 1; ; attempt++)
        {
            await Shop.GotoAsync(_admin, "/Admin/ScheduleTask/List");
            await WaitForGridAsync("#schedule-tasks-grid");
            var run = _admin.Locator("#schedule-tasks-grid tbody tr", new PageLocatorOptions { HasText = "Pre-orders" }).Locator("a[href*='RunNow']");
            Assert.That(await run.CountAsync(), Is.EqualTo(1), "System > Schedule tasks lists the plugin's task with its Run now button");
            await _admin.RunAndWaitForNavigationAsync(() => run.ClickAsync());
            await Shop.AssertPageOkAsync(_admin, "schedule task run now");
            Assert.That(await Shop.MessagesAsync(_admin), Does.Not.Contain("error").IgnoreCase, "Run now of the plugin's task");
            if (!ShopDatabase.Available)
                return;
            // Run now returns when its run has ended; a timer run that held the lock may still be going: wait for it
            for (var poll = 0; poll < 20; poll++)
            {
                var (started, ended) = await ShopDatabase.PluginTaskLastRunAsync();
                if (started >= clickedUtc && ended >= started)
                    return;
                if (!(started >= clickedUtc) && ended >= started)
                    break; // no run since the click is going on: click again
                await _admin.WaitForTimeoutAsync(1_000);
            }
            Assert.That(attempt, Is.LessThan(5), "a run of the plugin's task that started after Run now was clicked");
        }
    }

    private async Task<string> ActionResultAsync()
    {
        var box = _admin.Locator("#preorder-action-result");
        await box.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return await Shop.TextAsync(box);
    }

    #endregion

    #region 5. Every admin page of the plugin

    [Test, Order(5)]
    public async Task J5_Admin_EveryPluginPageOpens_FilterBulkActionAndDiscountRequirement()
    {
        RequireOrders(2);

        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        Assert.That(await Shop.BodyTextAsync(_admin), Does.Contain("Pre-orders").IgnoreCase);

        // the grid with a filter (this product) and a bulk action (note on the selected pre-orders)
        await Shop.GotoAsync(_admin, "/Admin/Preorders/List");
        await WaitForGridAsync("#preorders-grid");
        await _admin.SelectOptionAsync("#SearchProductId", _productId.ToString(CultureInfo.InvariantCulture));
        await _admin.FillAsync("#SearchCustomerEmail", _shopperEmail);
        await _admin.ClickAsync("#search-preorders");
        await _admin.WaitForTimeoutAsync(800);
        await WaitForGridAsync("#preorders-grid");
        var rows = _admin.Locator("#preorders-grid tbody tr");
        var gridText = await Shop.TextAsync(_admin.Locator("#preorders-grid tbody"));
        foreach (var order in Orders)
            Assert.That(gridText, Does.Contain(order.Number).IgnoreCase, "Pre-orders grid filtered by product and e-mail lists order " + order.Number);
        Assert.That(gridText, Does.Contain(_shopperEmail).IgnoreCase);
        Assert.That(await rows.CountAsync(), Is.EqualTo(Orders.Count), "the filter keeps only this shopper's pre-orders");
        await rows.First.Locator("input.checkboxGroups").CheckAsync();
        await _admin.ClickAsync(".btn-group button.dropdown-toggle");
        await _admin.ClickAsync("button[data-target='#preorder-note-window']");
        await _admin.Locator("#preorder-note-text").WaitForAsync();
        await _admin.FillAsync("#preorder-note-text", "E2E bulk note");
        await _admin.ClickAsync("#preorder-note-submit");
        var result = await ActionResultAsync();
        Assert.That(result, Does.Contain("Done for 1").IgnoreCase, "bulk note on the selected pre-order: " + result);
        await Shop.ShotAsync(_admin, "admin-12-preorders-grid");

        await Shop.GotoAsync(_admin, "/Admin/Preorders/Ledger");
        await WaitForGridAsync("#ledger-grid");
        // filtered by the order (a shop with many pre-orders has other entries on the first page)
        await _admin.FillAsync("#SearchOrderId", Orders[0].Id.ToString(CultureInfo.InvariantCulture));
        await _admin.ClickAsync("#search-ledger");
        await _admin.WaitForTimeoutAsync(800);
        await WaitForGridAsync("#ledger-grid");
        var ledger = await Shop.BodyTextAsync(_admin);
        Assert.That(ledger, Does.Contain(Orders[0].Number).IgnoreCase, "Ledger lists the orders' entries");
        await Shop.ShotAsync(_admin, "admin-13-ledger");

        await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{_productId}");
        Assert.That(await Shop.BodyTextAsync(_admin), Does.Contain(_productName).IgnoreCase);
        await Shop.ShotAsync(_admin, "admin-14-campaign");

        await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{Orders[0].Id}");
        Assert.That(await Shop.BodyTextAsync(_admin), Does.Contain("E2E bulk note").IgnoreCase.Or.Contain("Paid in full"));
        await Shop.ShotAsync(_admin, "admin-15-order-block");

        await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{_productId}");
        await OpenProductBlockAsync();
        await Shop.ShotAsync(_admin, "admin-16-product-block");

        // Promotions > Discounts: a discount with the "Pre-orders and deposits" requirement
        await Shop.GotoAsync(_admin, "/Admin/Discount/Create");
        await _admin.FillAsync("#Name", $"E2E early bird {DateTime.UtcNow:HHmmss}");
        // "Assigned to products", as the README says for early-bird prices (assigned to no product here: it changes no price)
        var toProducts = await _admin.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('#DiscountTypeId option')].find(o => /products/i.test(o.textContent)).value");
        await _admin.SelectOptionAsync("#DiscountTypeId", toProducts);
        if (!await _admin.Locator("#UsePercentage").IsCheckedAsync())
            await _admin.Locator("#UsePercentage").CheckAsync();
        await _admin.FillAsync("#DiscountPercentage", "10");
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
        await Shop.AssertPageOkAsync(_admin, "discount created");
        var rule = await _admin.EvaluateAsync<string>(
            "() => { const o = [...document.querySelectorAll('#AddDiscountRequirement option')].find(o => /Pre-orders and deposits/.test(o.textContent)); return o ? o.value : null; }");
        Assert.That(rule, Is.Not.Null, "Discounts: 'Pre-orders and deposits' is not offered as a requirement");
        // the requirements card shows in nopCommerce's "advanced" mode, collapsed at first
        if (!await _admin.Locator("#advanced-settings-mode").IsCheckedAsync())
            await _admin.ClickAsync("label[for='advanced-settings-mode']");
        if (!await _admin.Locator("#AddDiscountRequirement").IsVisibleAsync())
            await _admin.Locator("#discount-requirements .card-header").First.ClickAsync();
        await _admin.Locator("#AddDiscountRequirement").WaitForAsync();
        await _admin.SelectOptionAsync("#AddDiscountRequirement", rule);
        var save = _admin.Locator("#preorder-discount-requirement0-save");
        await save.WaitForAsync();
        await Shop.AssertPageOkAsync(_admin, "discount requirement box");
        await _admin.FillAsync("#addrequirementplaceholder input[type='number'], #addrequirementplaceholder input[id$='FirstUnits']", "5");
        await Shop.ShotAsync(_admin, "admin-17-discount-requirement");
        await save.ClickAsync();
        var saved = _admin.Locator("#discountRequirementContainer .requirement-container");
        await saved.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.That(await Shop.TextAsync(_admin.Locator("#discountRequirementContainer")), Does.Contain("pre-order").IgnoreCase,
            "the saved requirement box shows the plugin's requirement");
        await Shop.GotoAsync(_admin, _admin.Url);
        var firstUnits = _admin.Locator("#discountRequirementContainer input[id$='FirstUnits']");
        await firstUnits.First.WaitForAsync();
        Assert.That(await firstUnits.First.InputValueAsync(), Is.EqualTo("5"), "the requirement's 'first N units' persisted");
        await Shop.ShotAsync(_admin, "admin-18-discount-saved");
    }

    #endregion

    #region 6. Shopper cancels a waiting pre-order

    [Test, Order(6)]
    public async Task J6_Shopper_CancelsAWaitingPreorder_UnitsReturnToTheCap()
    {
        RequireOrders(2);
        await Shop.GotoAsync(_shopper, E2EConfig.ProductPath);
        var leftBefore = Shop.FirstNumber(await Shop.TextAsync(_shopper.Locator(".preorder-left")));
        var order = await PreorderAndCheckOutAsync(screens: false);
        Orders.Add(order);
        await Shop.GotoAsync(_shopper, E2EConfig.ProductPath);
        var leftAfterOrder = Shop.FirstNumber(await Shop.TextAsync(_shopper.Locator(".preorder-left")));
        Assert.That(leftAfterOrder, Is.EqualTo(leftBefore - 1), "units left after pre-ordering one");

        await Shop.GotoAsync(_shopper, "/customer/preorders");
        var section = _shopper.Locator(".preorder-order-section", new PageLocatorOptions { HasText = "#" + order.Number });
        Assert.That(await section.CountAsync(), Is.EqualTo(1), "My pre-orders shows the new order");
        Assert.That(await Shop.TextAsync(section), Does.Contain("Waiting for stock").IgnoreCase);
        var cancel = section.Locator("button", new LocatorLocatorOptions { HasText = "Cancel pre-order" });
        Assert.That(await cancel.CountAsync(), Is.EqualTo(1), "My pre-orders: no Cancel button on the waiting pre-order");
        // the reason is required (schema 1.7): the shopper picks one from the list
        await section.Locator("select[name=reasonCode]").First.SelectOptionAsync("40");
        await _shopper.RunAndWaitForNavigationAsync(() => cancel.ClickAsync());
        await Shop.AssertPageOkAsync(_shopper, "cancelled");
        var said = await Shop.BodyTextAsync(_shopper);
        Assert.That(said, Does.Contain("Your pre-order has been cancelled").IgnoreCase, "cancel: " + await Shop.MessagesAsync(_shopper));
        await Shop.ShotAsync(_shopper, "shop-09-my-preorders-cancelled");

        await Shop.GotoAsync(_shopper, E2EConfig.ProductPath);
        var leftAfterCancel = Shop.FirstNumber(await Shop.TextAsync(_shopper.Locator(".preorder-left")));
        Assert.That(leftAfterCancel, Is.EqualTo(leftBefore), "units left return to the cap after the cancel");
    }

    #endregion

    #region 7. A card method that only takes details: the merchant confirms the deposit

    /// <summary>
    /// Payments.Manual in its default "Pending" mode takes card details and moves no money. The deposit charged at
    /// checkout is then not money: the plugin keeps it awaiting confirmation (the order awaits its deposit, never
    /// paid), and the merchant confirms it with the attempt's own button on the plugin's order block.
    /// </summary>
    [Test, Order(7)]
    public async Task J7_Merchant_ConfirmsADepositTheCardMethodOnlyTookDetailsFor()
    {
        RequireOrders(2);
        var capture = await SetManualTransactModeAsync("0");
        try
        {
            var order = await PreorderAndCheckOutAsync(screens: false);
            await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
            var before = await Shop.BodyTextAsync(_admin);
            Assert.That(before, Does.Contain("Awaiting deposit").IgnoreCase, $"admin order {order.Number}: a deposit with details only is not money yet");
            Assert.That(Regex.IsMatch(before, @"Payment status[^A-Za-z]{0,40}Pending\b"), Is.True, $"admin order {order.Number}: nopCommerce's order stays pending");
            var confirm = _admin.Locator(".preorder-resolve-attempt", new PageLocatorOptions { HasText = "Confirm" });
            Assert.That(await confirm.CountAsync(), Is.EqualTo(1), $"admin order {order.Number}: the deposit awaiting confirmation has its Confirm button");
            await Shop.ShotAsync(_admin, "admin-12-order-deposit-awaiting-confirmation");

            await confirm.ClickAsync();
            var result = await ActionResultAsync();
            Assert.That(result, Does.Contain("Done for 1").IgnoreCase, "confirm the deposit: " + result);
            await _admin.WaitForTimeoutAsync(2000);
            await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
            var after = await Shop.BodyTextAsync(_admin);
            Assert.That(after, Does.Contain("Partially paid, awaiting balance").IgnoreCase, $"admin order {order.Number}: the confirmed deposit counts");
            Assert.That(await _admin.Locator(".preorder-resolve-attempt").CountAsync(), Is.EqualTo(0), "nothing left to resolve");
            await Shop.ShotAsync(_admin, "admin-13-order-deposit-confirmed");
        }
        finally
        {
            await SetManualTransactModeAsync(capture);
        }
    }

    /// <summary>Sets Payments.Manual's transaction mode (0 pending, 1 authorize, 2 authorize and capture); returns the one it had.</summary>
    private async Task<string> SetManualTransactModeAsync(string mode)
    {
        await Shop.GotoAsync(_admin, "/Admin/PaymentManual/Configure");
        var was = await _admin.Locator("#TransactModeId").InputValueAsync();
        await _admin.SelectOptionAsync("#TransactModeId", mode);
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
        await Shop.GotoAsync(_admin, "/Admin/PaymentManual/Configure");
        Assert.That(await _admin.Locator("#TransactModeId").InputValueAsync(), Is.EqualTo(mode), "Payments.Manual: transaction mode not saved");
        return was;
    }

    #endregion

    #region 8. Accessibility of the plugin's storefront markup

    [Test, Order(8)]
    public void J8_Axe_NoSeriousOrCriticalViolationInThePluginsMarkup()
    {
        TestContext.Progress.WriteLine("J8: axe checked: " + string.Join(", ", Accessibility.PagesChecked));
        Assert.That(Accessibility.PagesChecked, Is.SupersetOf(new[] { "product page", "cart", "my pre-orders", "balance page" }),
            "axe ran on every storefront page the plugin renders");
        Assert.That(Accessibility.Serious, Is.Empty, "serious or critical axe violations inside the plugin's markup (out/axe-report.txt)");
    }

    #endregion

    #region 9. nopCommerce's log

    [Test, Order(99)] // last: after every journey, including those in the other PreorderJourneys.*.cs files
    public async Task J9_NopCommerceLog_HasNoErrorFromThePlugin()
    {
        var problems = new List<string>();
        if (ShopDatabase.Available)
        {
            problems.AddRange(await ShopDatabase.PluginErrorsAsync(_logStartId));
        }
        else
        {
            await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
            await Shop.GotoAsync(_admin, "/Admin/Log/List");
            await WaitForGridAsync("#log-grid");
            var rows = await _admin.Locator("#log-grid tbody tr").AllInnerTextsAsync();
            problems.AddRange(rows.Where(r => r.Contains("Preorder", StringComparison.OrdinalIgnoreCase) && r.Contains("Error", StringComparison.OrdinalIgnoreCase)));
        }
        List<string> scriptErrors;
        lock (_pageErrors)
            scriptErrors = _pageErrors.Where(e => e.Contains("preorder", StringComparison.OrdinalIgnoreCase)).ToList();
        TestContext.Progress.WriteLine($"J9: script errors on pages: {_pageErrors.Count}\n  " + string.Join("\n  ", _pageErrors));
        Assert.That(problems, Is.Empty, "nopCommerce's log has errors from the plugin");
        Assert.That(scriptErrors, Is.Empty, "script errors on the plugin's pages");
    }

    #endregion

    #region Helpers

    private static void RequireProduct() =>
        Assert.That(_productId, Is.GreaterThan(0), "journey 2 (the pre-order product) did not complete");

    private static void RequireOrders(int count)
    {
        RequireProduct();
        Assert.That(Orders.Count, Is.GreaterThanOrEqualTo(count), "journey 3 (the shopper's orders) did not complete");
    }

    private static decimal ParseMoney(string text)
    {
        var match = Regex.Match(text.Replace(",", ""), @"\d+(\.\d+)?");
        return decimal.Parse(match.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Amounts as the shop shows them (US dollars, sample data).</summary>
    private static string Money(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    #endregion
}
