using System.Globalization;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 12. Merchant: a product turns into a pre-order by itself when its stock runs out, and back

    [Test, Order(12)]
    public async Task J12_Merchant_StockRunsOut_ProductBecomesAPreorderWithTheStoreDefaults_AndComesBackAsItWas()
    {
        // the store's defaults for automatic pre-orders, on the configuration page
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        await _admin.Locator("#AutoPreorderWhenOutOfStock").CheckAsync();
        await _admin.Locator("#AutoPreorderCap").FillAsync("7");
        await _admin.Locator("#AutoPreorderExpectedSoonText").FillAsync("Back in spring");
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("The settings have been saved").IgnoreCase, "Configure: " + await Shop.MessagesAsync(_admin));
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        Assert.That((await _admin.Locator("#AutoPreorderCap").InputValueAsync(), await _admin.Locator("#AutoPreorderExpectedSoonText").InputValueAsync()),
            Is.EqualTo(("7", "Back in spring")), "the defaults persisted");

        try
        {
            await Shop.GotoAsync(_shopper, E2EConfig.AutoProductPath);
            var productId = int.Parse(await _shopper.Locator("[data-productid]").First.GetAttributeAsync("data-productid"), CultureInfo.InvariantCulture);
            Assert.That(await _shopper.Locator(".preorder-block").CountAsync(), Is.Zero, "in stock: an ordinary product");

            // the merchant's settings of the product before: what must come back
            await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{productId}");
            await OpenInventoryAsync();
            var backorderBefore = await _admin.Locator("#BackorderModeId").InputValueAsync();
            var lowStockBefore = await _admin.Locator("#LowStockActivityId").InputValueAsync();
            var stockBefore = await _admin.Locator("#StockQuantity").InputValueAsync();
            TestContext.Progress.WriteLine($"J12: product #{productId}: stock {stockBefore}, backorder mode {backorderBefore}, low-stock activity {lowStockBefore}");

            // the last unit sold (as an ERP or the merchant writes it): stock 0
            await SaveStockAsync(productId, "0");
            await OpenProductBlockAsync();
            Assert.That(await _admin.Locator("#Preorder_Enabled").IsCheckedAsync(), Is.True, "out of stock: the product's pre-order block is on");
            Assert.That(await _admin.Locator("#Preorder_Cap").InputValueAsync(), Is.EqualTo("7"), "the store's default cap");
            await OpenInventoryAsync();
            Assert.That(await _admin.Locator("#BackorderModeId").InputValueAsync(), Is.Not.EqualTo("0"), "backorders allowed while it is a pre-order");

            await Shop.GotoAsync(_shopper, E2EConfig.AutoProductPath);
            var block = _shopper.Locator(".preorder-block");
            Assert.That(await block.CountAsync(), Is.EqualTo(1), "shoppers see a pre-order");
            var text = await Shop.TextAsync(block);
            Assert.That(text, Does.Contain("Back in spring"), "the store's expected-soon text: " + text);
            Assert.That(Shop.FirstNumber(await Shop.TextAsync(_shopper.Locator(".preorder-left"))), Is.EqualTo(7), "units left: the store's default cap");
            await Shop.ShotAsync(_shopper, "shop-12-automatic-pre-order");

            // stock arrives: sold from stock again, the merchant's settings as they were
            await SaveStockAsync(productId, stockBefore);
            await Shop.GotoAsync(_shopper, E2EConfig.AutoProductPath);
            Assert.That(await _shopper.Locator(".preorder-block").CountAsync(), Is.Zero, "stock back: an ordinary product again");
            await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{productId}");
            await OpenInventoryAsync();
            Assert.That((await _admin.Locator("#BackorderModeId").InputValueAsync(), await _admin.Locator("#LowStockActivityId").InputValueAsync()),
                Is.EqualTo((backorderBefore, lowStockBefore)), "backorder mode and low-stock activity put back");
        }
        finally
        {
            // the store's switch off again: later journeys and shops that run them again start from ordinary products
            await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
            await _admin.Locator("#AutoPreorderWhenOutOfStock").UncheckAsync();
            await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
        }
    }

    private async Task OpenInventoryAsync()
    {
        var stock = _admin.Locator("#StockQuantity");
        if (!await stock.IsVisibleAsync())
            await _admin.Locator("#product-inventory .card-header").First.ClickAsync();
        await stock.WaitForAsync();
    }

    /// <summary>The product page's stock quantity, saved with nopCommerce's "Save and continue edit".</summary>
    private async Task SaveStockAsync(int productId, string quantity)
    {
        await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{productId}");
        await OpenInventoryAsync();
        await _admin.Locator("#StockQuantity").FillAsync(quantity);
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
        await Shop.AssertPageOkAsync(_admin, "product saved");
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("updated successfully").IgnoreCase, "product save: " + await Shop.MessagesAsync(_admin));
    }

    #endregion
}
