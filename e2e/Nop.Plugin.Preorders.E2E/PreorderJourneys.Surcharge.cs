using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 15. Merchant sets a pre-order surcharge: once per pre-order line, in the line's price, whatever the payment method

    private const decimal Surcharge = 5m;

    /// <summary>
    /// The merchant sets the surcharge on the configuration page; the shopper's cart line of journey 2's pre-order
    /// product carries it once (one unit, then two: still once) with its note, in the cart's subtotal before any payment
    /// method is chosen; the deposit is taken of the line with it; the placed order shows the note on the shopper's
    /// order page and the admin order page, and its total counts the surcharge exactly once (no payment fee).
    /// </summary>
    [Test, Order(15)]
    public async Task J15_Merchant_SetsAPreorderSurcharge_TheCartLineAndTheOrderCarryItOnce()
    {
        RequireProduct();
        Assert.That(_shopperEmail, Is.Not.Null, "journey 3 (the shopper) did not complete");
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        await SetSurchargeAsync(Surcharge);
        try
        {
            await Shop.GotoAsync(_shopper, E2EConfig.ProductPath);
            var left = Shop.FirstNumber(await Shop.TextAsync(_shopper.Locator(".preorder-left")));
            Assert.That(left, Is.GreaterThanOrEqualTo(2), "journey 2's product has two units left under its cap");
            await _shopper.ClickAsync($"#add-to-cart-button-{_productId}");
            await _shopper.Locator("#bar-notification .content").WaitForAsync();

            // one unit: the line's total is the unit price and the surcharge, the note says so; the cart's subtotal
            // (before any payment method is chosen) has it too
            await Shop.GotoAsync(_shopper, "/cart");
            var line = await CartLineAsync(_productName);
            Assert.That(line.Attributes, Does.Contain("Includes pre-order surcharge: $" + Money(Surcharge)), "the cart line's note: " + line.Attributes);
            Assert.That((line.UnitPrice, line.Total), Is.EqualTo((_productPrice, _productPrice + Surcharge)), "one unit: unit price, and the line total with the surcharge");
            Assert.That(await CartSubtotalAsync(), Is.EqualTo(_productPrice + Surcharge), "the cart's subtotal, before a payment method is chosen, has the surcharge");
            // the cart's order total, before any payment method is chosen (so whichever is chosen): subtotal, shipping, tax
            var cartTotal = ParseMoney(await Shop.TextAsync(_shopper.Locator(".cart-total tr.order-total .cart-total-right")));
            var shipping = await CartTotalRowAsync("shipping-cost");
            var tax = await CartTotalRowAsync("tax-value");
            Assert.That(cartTotal, Is.EqualTo(_productPrice + Surcharge + shipping + tax), $"the cart's order total has the surcharge (shipping {shipping}, tax {tax})");
            Assert.That(await _shopper.Locator(".cart-total tr.additional-fees").CountAsync(), Is.Zero, "no payment fee in the cart");
            await Shop.ShotAsync(_shopper, "shop-50-cart-surcharge");

            // a second unit (added on checkout by the journeys' helper): the surcharge stays once per line; the deposit
            // (20 %) is taken of the line with it
            var lineTotal = 2 * _productPrice + Surcharge;
            var order = await PreorderAndCheckOutAsync(screens: false, product: new PreorderProduct(E2EConfig.ProductPath, _productId, _productName, lineTotal, 20m));
            Orders.Add(order);

            var note = "Includes pre-order surcharge: $" + Money(Surcharge);
            await Shop.GotoAsync(_shopper, $"/orderdetails/{order.Id}");
            var details = await Shop.BodyTextAsync(_shopper);
            Assert.That(details, Does.Contain(note), $"order {order.Number}: the shopper's order page shows the note");
            var subtotal = ParseMoney(await Shop.TextAsync(_shopper.Locator(".total-info .cart-total tr", new PageLocatorOptions { HasText = "Sub-Total" }).First.Locator(".cart-total-right")));
            Assert.That(subtotal, Is.EqualTo(lineTotal), $"order {order.Number}: the subtotal has the surcharge once");
            await Shop.ShotAsync(_shopper, "shop-51-order-surcharge");

            await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
            Assert.That(await Shop.BodyTextAsync(_admin), Does.Contain(note), $"admin order {order.Number}: the order item shows the note");
            await Shop.ShotAsync(_admin, "admin-50-order-surcharge");

            if (ShopDatabase.Available)
            {
                var figures = await ShopDatabase.OrderFiguresAsync(order.Id);
                TestContext.Progress.WriteLine($"J15: order {order.Number}: {figures}");
                Assert.That(figures.ItemPriceExclTax, Is.EqualTo(lineTotal), "the order item's price: two units and the surcharge once");
                Assert.That(figures.ItemQuantity * figures.ItemUnitPriceExclTax, Is.EqualTo(2 * _productPrice), "the unit price has no surcharge");
                Assert.That(figures.ItemAttributes, Does.Contain(note), "the order item's attribute text");
                Assert.That(figures.SubtotalExclTax, Is.EqualTo(lineTotal), "the order's subtotal");
                Assert.That(figures.PaymentFeeExclTax, Is.Zero, "no payment fee: the surcharge is not charged a second time");
                Assert.That(figures.Total, Is.EqualTo(figures.SubtotalExclTax - figures.SubtotalDiscountExclTax + figures.ShippingExclTax + figures.PaymentFeeExclTax + figures.Tax - figures.Discount),
                    "the order total is the subtotal (with the surcharge once), shipping and nothing else");
            }
        }
        finally
        {
            // no surcharge again: later journeys (and shops that run them again) price pre-orders without one
            await SetSurchargeAsync(0m);
        }
    }

    private async Task SetSurchargeAsync(decimal amount)
    {
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        await _admin.Locator("#PreorderSurcharge").FillAsync(amount.ToString("0.00", CultureInfo.InvariantCulture));
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("The settings have been saved").IgnoreCase, "Configure: " + await Shop.MessagesAsync(_admin));
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        Assert.That(decimal.Parse(await _admin.Locator("#PreorderSurcharge").InputValueAsync(), CultureInfo.InvariantCulture), Is.EqualTo(amount), "the surcharge persisted");
    }

    /// <summary>The product's line on the cart page: its attribute text, unit price and total.</summary>
    private async Task<(string Attributes, decimal UnitPrice, decimal Total)> CartLineAsync(string productName)
    {
        var row = _shopper.Locator("table.cart tbody tr", new PageLocatorOptions { HasText = productName });
        Assert.That(await row.CountAsync(), Is.EqualTo(1), "the cart has one line of " + productName);
        var attributes = await row.Locator(".attributes").CountAsync() > 0 ? await Shop.TextAsync(row.Locator(".attributes")) : "";
        return (Regex.Replace(attributes, @"\s+", " "), ParseMoney(await Shop.TextAsync(row.Locator(".product-unit-price"))),
            ParseMoney(await Shop.TextAsync(row.Locator(".product-subtotal"))));
    }

    /// <summary>An amount row of the cart's totals (0 when absent or not a figure, e.g. "calculated during checkout").</summary>
    private async Task<decimal> CartTotalRowAsync(string rowClass)
    {
        var cell = _shopper.Locator($".cart-total tr.{rowClass} .cart-total-right");
        if (await cell.CountAsync() == 0)
            return 0m;
        var text = await Shop.TextAsync(cell.First);
        return Regex.IsMatch(text, @"\d") ? ParseMoney(text) : 0m;
    }

    private async Task<decimal> CartSubtotalAsync() =>
        ParseMoney(await Shop.TextAsync(_shopper.Locator(".cart-footer .order-subtotal .cart-total-right, .cart-total .order-subtotal .cart-total-right").First));

    #endregion
}
