using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>
/// axe-core on the plugin's own markup only (its <c>.preorder-*</c> containers): nopCommerce's theme is not ours.
/// Every finding is written to out/axe-report.txt; serious and critical ones fail the page's journey.
/// </summary>
public static class Accessibility
{
    /// <summary>The plugin's storefront containers.</summary>
    public static readonly string[] PluginSelectors =
    {
        ".preorder-block", ".preorder-cart-summary", ".preorder-payment-info", ".preorder-order",
        ".preorder-line-actions", ".preorder-offline", ".preorders-balance-page", ".preorders-page", ".customer-preorders"
    };

    private static readonly object ReportLock = new();

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string pageName)
    {
        var present = new List<string>();
        foreach (var selector in PluginSelectors)
            if (await page.Locator(selector).CountAsync() > 0)
                present.Add(selector);
        Assert.That(present, Is.Not.Empty, $"axe on {pageName}: none of the plugin's elements is on the page");

        var context = new AxeRunContext { Include = present.Select(s => new AxeSelector(s)).ToList() };
        var result = await page.RunAxe(context);

        var report = new StringBuilder();
        report.AppendLine($"== {pageName} ({page.Url}) scope: {string.Join(", ", present)}");
        report.AppendLine($"   passes: {result.Passes?.Length ?? 0}, incomplete: {result.Incomplete?.Length ?? 0}, violations: {result.Violations?.Length ?? 0}");
        var serious = new List<string>();
        foreach (var violation in result.Violations ?? Array.Empty<AxeResultItem>())
        {
            var line = $"   [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.Nodes?.Length ?? 0} node(s)) "
                + string.Join(" ; ", (violation.Nodes ?? Array.Empty<AxeResultNode>()).Take(3).Select(n => Shop.Clip(n.Html, 160)));
            report.AppendLine(line);
            if (violation.Impact is "serious" or "critical")
                serious.Add(line.Trim());
        }
        lock (ReportLock)
            File.AppendAllText(Path.Combine(E2EConfig.OutDir, "axe-report.txt"), report.ToString());
        TestContext.Progress.Write(report.ToString());
        Assert.That(serious, Is.Empty, $"axe on {pageName}: serious or critical violations inside the plugin's markup");
    }
}
