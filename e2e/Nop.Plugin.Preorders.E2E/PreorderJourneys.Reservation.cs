using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 17. Merchant flags an in-stock item "can be reserved with a deposit"; a shopper reserves the last unit and pays the balance

    /// <summary>Journey 17's sample product (simple, in stock, used by no other journey).</summary>
    private const string ReservationProductPath = "/vintage-style-engagement-ring";

    /// <summary>
    /// Its own product and its own shoppers. The merchant leaves one unit in stock and flags the product "can be reserved
    /// with a deposit" with a term of its own; a shopper sees "Reserve with deposit" on its page, reserves it and checks
    /// out paying the deposit with the plugin's method; the admin Pre-orders grid's "Reservations only" filter shows the
    /// line; a second shopper is no longer offered the unit (or is refused it cleanly); the first shopper pays the balance
    /// from "My pre-orders".
    /// </summary>
    [Test, Order(17)]
    public async Task J17_Merchant_FlagsAnInStockItemReservable_ShopperReservesTheLastUnitAndPaysTheBalance()
    {
        const int termDays = 10;
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        var first = await Browser.NewPageAsync(_pageErrors);
        var second = await Browser.NewPageAsync(_pageErrors);
        try
        {
            await Shop.GotoAsync(first, ReservationProductPath);
            var id = int.Parse(await first.Locator("[data-productid]").First.GetAttributeAsync("data-productid"), CultureInfo.InvariantCulture);
            var name = await Shop.TextAsync(first.Locator(".product-name h1"));
            var price = ParseMoney(await Shop.TextAsync(first.Locator($"#price-value-{id}")));
            TestContext.Progress.WriteLine($"J17: product #{id} \"{name}\" at {price}");

            // the merchant: one unit left in stock, then the plugin's block: reservable, with a term of its own
            await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{id}");
            await OpenInventoryAsync();
            await _admin.Locator("#StockQuantity").FillAsync("1");
            // a shop that ran the journey before sold the last unit: the product's low-stock activity disabled the buy
            // button and nopCommerce does not turn it on again when the stock is edited: the merchant does (an advanced
            // setting of the price card, hidden in the basic view)
            var buyDisabled = _admin.Locator("#DisableBuyButton");
            if (await buyDisabled.IsCheckedAsync())
                await buyDisabled.EvaluateAsync("box => { box.checked = false; }");
            await OpenProductBlockAsync();
            Assert.That(await _admin.Locator("#Preorder_Enabled").IsCheckedAsync(), Is.False, "the ring is sold from stock, not a pre-order");
            await _admin.Locator("#Preorder_Reservable").CheckAsync();
            await _admin.Locator("#Preorder_ReservationTermDays").FillAsync(termDays.ToString(CultureInfo.InvariantCulture));
            await Shop.ShotAsync(_admin, "admin-40-reservable-product");
            await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
            await Shop.AssertPageOkAsync(_admin, "J17: product saved");
            Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("updated successfully").IgnoreCase, "J17: product save: " + await Shop.MessagesAsync(_admin));
            await OpenProductBlockAsync();
            Assert.That(await _admin.Locator("#Preorder_Reservable").IsCheckedAsync(), Is.True, "the reservable flag stayed on");
            Assert.That(await _admin.Locator("#Preorder_ReservationTermDays").InputValueAsync(), Is.EqualTo(termDays.ToString(CultureInfo.InvariantCulture)), "the term stayed");
            await OpenInventoryAsync();
            Assert.That(await _admin.Locator("#StockQuantity").InputValueAsync(), Is.EqualTo("1"), "one unit in stock");
            Assert.That(await buyDisabled.IsCheckedAsync(), Is.False, "the buy button is on");

            // the first shopper: the product page offers the reservation with its term
            var email = $"e2e-j17-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com";
            await RegisterAsync(first, email);
            await Shop.GotoAsync(first, ReservationProductPath);
            var reserve = first.Locator($"#preorder-reserve-{id}");
            Assert.That(await reserve.CountAsync(), Is.EqualTo(1), "product page: the reservation is offered");
            Assert.That(await Shop.TextAsync(reserve), Is.EqualTo("Reserve with deposit"), "product page: the button");
            Assert.That(await Shop.TextAsync(first.Locator(".preorder-reservation-hint")), Does.Contain($"held for you for {termDays} days"),
                "product page: the hint gives the product's term");
            Assert.That(await first.Locator(".preorder-block").CountAsync(), Is.Zero, "product page: no pre-order block on an in-stock item");
            await Shop.ShotAsync(first, "shop-40-reserve-with-deposit");
            await Accessibility.CheckAsync(first, "product page with the reservation");

            // reserve: nopCommerce's cart with the item, then the deposit checkout
            await first.RunAndWaitForNavigationAsync(() => reserve.ClickAsync());
            await Shop.AssertPageOkAsync(first, "reserved");
            Assert.That(first.Url, Does.Contain("/cart"), "reserving goes on to the cart: " + await Shop.MessagesAsync(first));
            Assert.That(await Shop.TextAsync(first.Locator(".cart")), Does.Contain(name), "the cart holds the reserved item");
            var order = await CheckOutWithDepositAsync(first, deposit: null, screens: false);
            TestContext.Progress.WriteLine($"J17: reservation order #{order.Number} (id {order.Id})");

            // the merchant: the grid's "Reservations only" filter shows the line
            await Shop.GotoAsync(_admin, "/Admin/Preorders/List");
            await WaitForGridAsync("#preorders-grid");
            await _admin.FillAsync("#SearchCustomerEmail", email);
            var reservationsOnly = _admin.Locator("#SearchReservationsOnly");
            if (!await reservationsOnly.IsVisibleAsync())
                await _admin.Locator(".search-row").First.ClickAsync();
            await reservationsOnly.CheckAsync();
            await _admin.ClickAsync("#search-preorders");
            await GridRow(order).WaitForAsync();
            await WaitForGridAsync("#preorders-grid");
            var rows = _admin.Locator("#preorders-grid tbody tr");
            Assert.That(await rows.CountAsync(), Is.EqualTo(1), "Reservations only + the shopper's e-mail: one line: " + await Shop.TextAsync(_admin.Locator("#preorders-grid tbody")));
            Assert.That(await Shop.TextAsync(GridRow(order)), Does.Contain(name).And.Contain("Reservation"), "the grid row names the product and says it is a reservation");
            await Shop.ShotAsync(_admin, "admin-41-reservations-only");

            // a second shopper: the last unit is held, the page no longer offers it (or the button refuses it cleanly)
            await RegisterAsync(second, $"e2e-j17b-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com");
            await Shop.GotoAsync(second, ReservationProductPath);
            var secondReserve = second.Locator($"#preorder-reserve-{id}");
            TestContext.Progress.WriteLine($"J17: the second shopper's page offers the reservation: {await secondReserve.CountAsync() > 0}");
            if (await secondReserve.CountAsync() > 0)
            {
                await second.RunAndWaitForNavigationAsync(() => secondReserve.ClickAsync());
                await Shop.AssertPageOkAsync(second, "second shopper refused");
                Assert.That(second.Url, Does.Not.Contain("/cart"), "the second shopper stays on the product page");
                Assert.That(await Shop.MessagesAsync(second), Does.Contain("no unit of this product left").IgnoreCase.Or.Contain("cannot be reserved").IgnoreCase,
                    "the second shopper is told why");
            }
            await Shop.GotoAsync(second, "/cart");
            Assert.That(await second.Locator(".cart").CountAsync(), Is.Zero, "the second shopper's cart stays empty: " + await Shop.BodyTextAsync(second));
            await Shop.ShotAsync(second, "shop-41-second-shopper");

            // the first shopper pays the balance from "My pre-orders" with the card form of the charging method
            await Shop.GotoAsync(first, "/customer/preorders");
            var section = OrderSection(first, order);
            Assert.That(await Shop.TextAsync(section), Does.Contain(name), "My pre-orders lists the reservation");
            var pay = section.Locator("form.preorder-pay-form");
            Assert.That(await pay.CountAsync(), Is.EqualTo(1), "the balance is payable from the account: " + await Shop.TextAsync(section));
            await pay.Locator("#CardholderName").FillAsync("Erin Shopper");
            await pay.Locator("#CardNumber").FillAsync("4111111111111111");
            var year = await pay.Locator("#ExpireYear option").Last.GetAttributeAsync("value");
            await pay.Locator("#ExpireYear").SelectOptionAsync(year);
            await pay.Locator("#CardCode").FillAsync("123");
            await Shop.ShotAsync(first, "shop-42-reservation-balance");
            await first.RunAndWaitForNavigationAsync(() => pay.Locator("button[type=submit].button-1").ClickAsync());
            await Shop.AssertPageOkAsync(first, "reservation balance paid");
            Assert.That(await Shop.BodyTextAsync(first), Does.Contain("Your payment has been recorded").IgnoreCase, "balance: " + await Shop.MessagesAsync(first));
            await Shop.GotoAsync(first, "/customer/preorders");
            Assert.That(await OrderSection(first, order).Locator("form.preorder-pay-form").CountAsync(), Is.Zero, "nothing left to pay");
            Assert.That(await Shop.TextAsync(OrderSection(first, order)), Does.Contain("Paid in full").IgnoreCase, "the reservation is paid in full");

            await Shop.GotoAsync(_admin, $"/Admin/Order/Edit/{order.Id}");
            var text = await Shop.BodyTextAsync(_admin);
            Assert.That(Regex.IsMatch(text, @"Payment status[^A-Za-z]{0,40}Paid\b"), Is.True, $"admin order {order.Number}: nopCommerce's payment status is Paid");
            Assert.That(text, Does.Contain("Paid in full").IgnoreCase, $"admin order {order.Number}: the pre-order block shows paid in full");
            await Shop.ShotAsync(_admin, "admin-42-reservation-paid");
        }
        finally
        {
            await first.Context.CloseAsync();
            await second.Context.CloseAsync();
        }
    }

    #endregion
}
