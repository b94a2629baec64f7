using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 18. Deposit rules by category and customer role

    /// <summary>A simple sample product of its own (no attributes), in the sample category "Camera &amp; photo".</summary>
    private const string DepositRulesProductPath = "/leica-t-mirrorless-digital-camera";
    private const string DepositRulesCategory = "Camera & photo";
    private const string VipRole = "VIP";
    private const decimal CategoryPercent = 30m, VipPercent = 10m;

    /// <summary>
    /// The merchant gives the product's category a 30 % deposit rule and the customer role "VIP" a 10 % one on the plugin's
    /// configuration page (which shows the order of precedence); the product, with no rule of its own, explains in its admin
    /// block that the category's rule applies and that VIP customers pay 10 %. A guest's product page shows the category's
    /// deposit; a registered customer the merchant puts in the VIP role sees the role's deposit, is charged it at checkout,
    /// and the order's ledger records it. The rules are deleted at the end, so later journeys and reruns see none.
    /// </summary>
    [Test, Order(18)]
    public async Task J18_Merchant_SetsCategoryAndRoleDepositRules_GuestSeesTheCategorys_VipPaysTheRoles()
    {
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        var product = await MakePreorderProductAsync(DepositRulesProductPath, DateTime.Today.AddDays(40), "J18");
        // no rule of its own: the category's applies
        await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{product.Id}");
        await OpenProductBlockAsync();
        await _admin.Locator("#Preorder_UseStoreDepositRule").CheckAsync();
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("updated successfully").IgnoreCase, "J18: product save: " + await Shop.MessagesAsync(_admin));

        var vipRoleId = await EnsureCustomerRoleAsync(VipRole);
        var shopper = await Browser.NewPageAsync(_pageErrors);
        var guest = await Browser.NewPageAsync(_pageErrors);
        try
        {
            // the merchant: a category rule and a role rule on the configuration page
            await SaveDepositScopeRuleAsync(DepositRulesCategory, CategoryPercent, priority: 0);
            await SaveDepositScopeRuleAsync(VipRole, VipPercent, priority: 1);
            var panel = _admin.Locator("#preorder-deposit-scope-rules");
            var precedence = await _admin.Locator("#preorder-deposit-precedence li").AllInnerTextsAsync();
            Assert.That(precedence, Has.Count.EqualTo(5), "the configuration page shows the order of precedence");
            Assert.That(precedence[1], Does.Contain("customer's roles"), "a role's rule comes before the product's and the category's: " + string.Join(" | ", precedence));
            var list = await Shop.TextAsync(panel.Locator("#preorder-deposit-scope-rule-list"));
            Assert.That(list, Does.Contain(DepositRulesCategory).And.Contain(VipRole).And.Contain("30%").And.Contain("10%"), "the rules are listed: " + list);
            await Shop.ShotAsync(_admin, "admin-60-deposit-rules");

            // the product's admin block explains which rule applies and why
            await Shop.GotoAsync(_admin, $"/Admin/Product/Edit/{product.Id}");
            await OpenProductBlockAsync();
            var explanation = await Shop.TextAsync(_admin.Locator("#preorder-deposit-rule-explanation"));
            Assert.That(explanation, Does.Contain($"Category '{DepositRulesCategory}' rule: 30%"), "the category's rule applies: " + explanation);
            Assert.That(explanation, Does.Contain($"Customers in role '{VipRole}' pay 10%"), "the role's rule is named: " + explanation);
            await Shop.ShotAsync(_admin, "admin-61-deposit-rule-explained");

            // a guest sees the category's deposit
            var categoryDeposit = Math.Round(product.Price * CategoryPercent / 100m, 2);
            var vipDeposit = Math.Round(product.Price * VipPercent / 100m, 2);
            Assert.That(await ProductPageDepositAsync(guest, product), Is.EqualTo(categoryDeposit), "a guest: the category's deposit");
            await Shop.ShotAsync(guest, "shop-60-guest-category-deposit");

            // a registered customer, before and after the merchant puts them in the VIP role
            var email = $"e2e-j18-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com";
            await RegisterAsync(shopper, email);
            Assert.That(await ProductPageDepositAsync(shopper, product), Is.EqualTo(categoryDeposit), "a registered customer without the role: the category's deposit");
            await AddCustomerToRoleAsync(email, vipRoleId);
            Assert.That(await ProductPageDepositAsync(shopper, product), Is.EqualTo(vipDeposit), "a VIP customer: the role's deposit");
            await Shop.ShotAsync(shopper, "shop-61-vip-role-deposit");

            // ... is charged it at checkout (the helper checks the payment step's "deposit now"), and the ledger records it
            var order = await PreorderAndCheckOutAsync(screens: false, shopper, product with { DepositPercent = VipPercent });
            await Shop.GotoAsync(shopper, $"/orderdetails/{order.Id}");
            Assert.That(await Shop.BodyTextAsync(shopper), Does.Contain(Money(vipDeposit)), $"order {order.Number}: the shopper's order page shows the deposit paid");
            if (ShopDatabase.Available)
            {
                var (lineDeposits, ledger) = await ShopDatabase.OrderDepositsAsync(order.Id);
                TestContext.Progress.WriteLine($"J18: order {order.Number}: line deposits {lineDeposits}, ledger deposits {string.Join(", ", ledger)}");
                Assert.That(lineDeposits, Is.EqualTo(vipDeposit), "placement recorded the role's deposit as the line's");
                Assert.That(ledger.Select(e => e.Amount), Is.EqualTo(new[] { vipDeposit }), "the ledger's deposit entry is the amount charged");
            }
        }
        finally
        {
            await shopper.Context.CloseAsync();
            await guest.Context.CloseAsync();
            await DeleteDepositScopeRulesAsync();
        }
    }

    /// <summary>The product page's "Deposit now" amount for the page's shopper.</summary>
    private async Task<decimal> ProductPageDepositAsync(IPage page, PreorderProduct product)
    {
        await Shop.GotoAsync(page, product.Path);
        var deposit = page.Locator(".preorder-deposit");
        Assert.That(await deposit.CountAsync(), Is.EqualTo(1), "the product page shows a deposit");
        return ParseMoney(await Shop.TextAsync(deposit));
    }

    /// <summary>The customer role's id; created (active) when the shop has none of that name.</summary>
    private async Task<int> EnsureCustomerRoleAsync(string name)
    {
        await Shop.GotoAsync(_admin, "/Admin/CustomerRole/List");
        var existing = _admin.Locator("#customerroles-grid tbody tr", new PageLocatorOptions { HasText = name }).Locator("a[href*='Edit/']");
        await WaitForGridAsync("#customerroles-grid");
        if (await existing.CountAsync() == 0)
        {
            await Shop.GotoAsync(_admin, "/Admin/CustomerRole/Create");
            await _admin.FillAsync("#Name", name);
            await _admin.FillAsync("#SystemName", name);
            await _admin.Locator("#Active").CheckAsync();
            await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save']"));
            Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("added").IgnoreCase, "customer role: " + await Shop.MessagesAsync(_admin));
            await Shop.GotoAsync(_admin, "/Admin/CustomerRole/List");
            await WaitForGridAsync("#customerroles-grid");
        }
        var href = await existing.First.GetAttributeAsync("href");
        return int.Parse(Regex.Match(href!, @"(\d+)\s*$").Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The merchant puts the customer with this e-mail in the role (nopCommerce's customer edit page).</summary>
    private async Task AddCustomerToRoleAsync(string email, int roleId)
    {
        await Shop.GotoAsync(_admin, "/Admin/Customer/List");
        await _admin.FillAsync("#SearchEmail", email);
        await _admin.ClickAsync("#search-customers");
        var edit = _admin.Locator("#customers-grid tbody tr", new PageLocatorOptions { HasText = email }).Locator("a[href*='Edit/']");
        await edit.First.WaitForAsync();
        var customerId = Regex.Match((await edit.First.GetAttributeAsync("href"))!, @"(\d+)\s*$").Groups[1].Value;
        await Shop.GotoAsync(_admin, "/Admin/Customer/Edit/" + customerId);
        await _admin.EvaluateAsync("id => { const o = document.querySelector(`#SelectedCustomerRoleIds option[value='${id}']`); o.selected = true; }", roleId.ToString(CultureInfo.InvariantCulture));
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("button[name='save-continue']"));
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("updated").IgnoreCase, "customer save: " + await Shop.MessagesAsync(_admin));
        var selected = await _admin.EvalOnSelectorAsync<string[]>("#SelectedCustomerRoleIds", "s => [...s.selectedOptions].map(o => o.value)");
        Assert.That(selected, Does.Contain(roleId.ToString(CultureInfo.InvariantCulture)), "the customer is in the role");
    }

    /// <summary>Saves a percentage deposit rule for the category or customer role named <paramref name="target"/> on the configuration page.</summary>
    private async Task SaveDepositScopeRuleAsync(string target, decimal percent, int priority)
    {
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        var value = await _admin.EvaluateAsync<string>(
            "name => { const o = [...document.querySelectorAll('#preorder-rule-target option')].find(o => o.textContent.trim() === name || o.textContent.trim().endsWith('>> ' + name)); return o ? o.value : null; }", target);
        Assert.That(value, Is.Not.Null, $"the configuration page offers \"{target}\"");
        await _admin.SelectOptionAsync("#preorder-rule-target", value);
        var depositMode = await _admin.EvaluateAsync<string>("() => [...document.querySelectorAll('#preorder-rule-mode option')].find(o => /deposit rule/i.test(o.textContent)).value");
        await _admin.SelectOptionAsync("#preorder-rule-mode", depositMode);
        await _admin.FillAsync("#preorder-rule-percent", percent.ToString("0.##", CultureInfo.InvariantCulture));
        await _admin.FillAsync("#preorder-rule-priority", priority.ToString(CultureInfo.InvariantCulture));
        await _admin.RunAndWaitForNavigationAsync(() => _admin.ClickAsync("#preorder-rule-save"));
        await Shop.AssertPageOkAsync(_admin, "deposit rule saved");
        Assert.That(await Shop.MessagesAsync(_admin), Does.Contain("The deposit rule has been saved"), $"rule for {target}: " + await Shop.MessagesAsync(_admin));
    }

    /// <summary>Deletes every category and role deposit rule (each delete button posts and comes back to the page).</summary>
    private async Task DeleteDepositScopeRulesAsync()
    {
        await Shop.GotoAsync(_admin, "/Admin/Preorders/Configure");
        for (var left = 20; left > 0 && await _admin.Locator("#preorder-deposit-scope-rule-list tbody tr").CountAsync() > 0; left--)
            await _admin.RunAndWaitForNavigationAsync(() => _admin.Locator("#preorder-deposit-scope-rule-list tbody tr button[type=submit]").First.ClickAsync());
        Assert.That(await _admin.Locator("#preorder-deposit-scope-rule-list").CountAsync(), Is.Zero, "no deposit rule by category or role is left");
    }

    #endregion
}
