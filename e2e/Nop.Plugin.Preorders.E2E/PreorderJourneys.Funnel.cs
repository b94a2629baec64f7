using System.Globalization;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

public partial class PreorderJourneys
{
    #region 21. Shopper looks, pre-orders and pays a deposit; the merchant's campaign funnel shows it, and its CSV

    /// <summary>
    /// Its own product and shopper: the shopper opens the product page a few times (views are counted in the shop's
    /// memory, not the database), pre-orders and pays the deposit; the plugin's task runs (it writes the views), and the
    /// campaign dashboard's funnel shows the views, the pre-order and the deposit on top of what the campaign had before;
    /// the funnel's CSV downloads (from the campaign and, for every campaign, from the analytics page) with the same figures.
    /// </summary>
    [Test, Order(21)]
    public async Task J21_Shopper_ViewsPreordersAndPaysADeposit_CampaignFunnelShowsEachStepAndItsCsv()
    {
        await Shop.LoginAsync(_admin, E2EConfig.AdminEmail, E2EConfig.AdminPassword, "/admin");
        var product = await MakePreorderProductAsync(FunnelProductPath, DateTime.Today.AddDays(40), "J21");

        // what the campaign had before (a shop that ran the journeys before), with every view counted so far written
        var before = await FunnelAfterTaskAsync(product.Id, _ => true);
        TestContext.Progress.WriteLine($"J21: funnel before: {string.Join(", ", before.Select(s => $"{s.Key} {s.Value}"))}");

        var shopper = await Browser.NewPageAsync(_pageErrors);
        try
        {
            await RegisterAsync(shopper, $"e2e-j21-{DateTime.UtcNow:yyyyMMddHHmmss}@example.com");
            const int looks = 3;
            for (var i = 0; i < looks; i++)
            {
                await Shop.GotoAsync(shopper, product.Path);
                Assert.That(await shopper.Locator(".preorder-block").CountAsync(), Is.EqualTo(1),
                    "the product page shows the pre-order block");
            }
            // the checkout opens the product page once more (add to cart) and pays the deposit by card
            var order = await PreorderAndCheckOutAsync(screens: false, shopper, product);
            TestContext.Progress.WriteLine($"J21: order #{order.Number}");

            var expectedViews = before["Views"] + looks + 1;
            var after = await FunnelAfterTaskAsync(product.Id, f => f["Views"] >= expectedViews && f["DepositsPaid"] > before["DepositsPaid"]);
            await Shop.ShotAsync(_admin, "admin-40-campaign-funnel");
            Assert.Multiple(() =>
            {
                Assert.That(after["Views"], Is.EqualTo(expectedViews), "the funnel counts each product page view once");
                Assert.That(after["Placed"], Is.EqualTo(before["Placed"] + 1), "one pre-order placed");
                Assert.That(after["DepositsPaid"], Is.EqualTo(before["DepositsPaid"] + 1), "its deposit paid");
                Assert.That(after["PaidInFull"], Is.EqualTo(before["PaidInFull"]), "the balance is not paid yet");
                Assert.That(after["Cancelled"], Is.EqualTo(before["Cancelled"]), "nothing cancelled");
            });
            var placedRow = _admin.Locator("#preorder-campaign-funnel tr[data-step='Placed']");
            var conversion = Math.Round(100m * after["Placed"] / after["Views"], 1);
            Assert.That(await Shop.TextAsync(placedRow), Does.Contain(conversion.ToString("0.#", CultureInfo.InvariantCulture) + " %"), "pre-orders' conversion from views");

            // the CSV of the campaign: the header and the product's row with the same figures
            var csv = await DownloadAsync(_admin.Locator("#preorder-funnel-csv"));
            var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.That(rows[0], Does.StartWith("product_id,product,views,waitlist_joins,placed,deposits_paid,paid_in_full,cancelled"), "CSV header");
            Assert.That(rows, Has.Length.EqualTo(2), "one campaign");
            var fields = rows[1].Split(',');
            Assert.That(fields[0], Is.EqualTo(product.Id.ToString(CultureInfo.InvariantCulture)));
            Assert.That(fields[^11..^5].Select(long.Parse), Is.EqualTo(new[] { after["Views"], after["WaitlistJoins"], after["Placed"], after["DepositsPaid"], after["PaidInFull"], after["Cancelled"] }),
                "the CSV's counts are the panel's: " + rows[1]);

            // every campaign's funnel from the analytics page
            await Shop.GotoAsync(_admin, "/Admin/PreorderAnalytics/Analytics");
            var all = await DownloadAsync(_admin.Locator("#preorder-funnels-csv"));
            Assert.That(all.Split("\r\n").Any(r => r.StartsWith(product.Id.ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal)), Is.True,
                "the store-wide funnel CSV has the campaign: " + Shop.Clip(all));
        }
        finally
        {
            await shopper.Context.CloseAsync();
        }
    }

    /// <summary>Journey 21's own sample product (simple, no attributes, shipped), apart from the products of the other journeys (the sample data has no "Beats Pill 2.0": its slug is this one).</summary>
    private const string FunnelProductPath = "/beats-pill-wireless-speaker";

    /// <summary>
    /// Runs the plugin's task (it writes the views the shop counted) and reads the campaign's funnel until
    /// <paramref name="done"/> holds: nopCommerce's "Run now" does nothing while the timer's run of the task holds its lock.
    /// </summary>
    private async Task<Dictionary<string, long>> FunnelAfterTaskAsync(int productId, Func<Dictionary<string, long>, bool> done)
    {
        Dictionary<string, long> funnel = null;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await RunPluginTaskNowAsync();
            await Shop.GotoAsync(_admin, $"/Admin/Preorders/Campaign/{productId}");
            funnel = new Dictionary<string, long>();
            foreach (var row in await _admin.Locator("#preorder-campaign-funnel tbody tr").AllAsync())
                funnel[await row.GetAttributeAsync("data-step")] = long.Parse(await Shop.TextAsync(row.Locator(".preorder-funnel-count")), CultureInfo.InvariantCulture);
            Assert.That(funnel.Keys, Is.EquivalentTo(new[] { "Views", "WaitlistJoins", "Placed", "DepositsPaid", "PaidInFull", "Cancelled" }), "the funnel panel's steps");
            if (done(funnel))
                return funnel;
            await _admin.WaitForTimeoutAsync(5_000);
        }
        return funnel;
    }

    /// <summary>The file behind a download link, fetched with the admin's session.</summary>
    private async Task<string> DownloadAsync(ILocator link)
    {
        var href = await link.GetAttributeAsync("href");
        Assert.That(href, Is.Not.Null.And.Not.Empty, "download link");
        var response = await _admin.Context.APIRequest.GetAsync(new Uri(new Uri(E2EConfig.BaseUrl), href).ToString());
        Assert.That(response.Ok, Is.True, $"download {href}: HTTP {response.Status}");
        Assert.That(response.Headers.GetValueOrDefault("content-type"), Does.Contain("text/csv"), $"download {href}: a CSV");
        return await response.TextAsync();
    }

    #endregion
}
