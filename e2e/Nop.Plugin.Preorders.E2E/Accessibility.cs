using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>
/// axe-core on the plugin's own markup only (its <c>.preorder-*</c> containers): nopCommerce's theme is not ours.
/// Every finding is written to out/axe-report.txt; serious and critical ones are kept for journey 8, which fails
/// listing them (the journey that visited the page goes on).
/// </summary>
public static class Accessibility
{
    /// <summary>The plugin's storefront containers.</summary>
    public static readonly string[] PluginSelectors =
    {
        ".preorder-block", ".preorder-cart-summary", ".preorder-payment-info", ".preorder-order",
        ".preorder-line-actions", ".preorder-offline", ".preorders-balance-page", ".preorders-page", ".customer-preorders",
        ".preorder-reservation"
    };

    /// <summary>The container the plugin puts the delegated payment method's form in.</summary>
    public const string ChargeMethodSelector = ".preorder-charge-method";

    private static readonly object ReportLock = new();

    /// <summary>Serious and critical findings so far, and the pages checked.</summary>
    public static readonly List<string> Serious = new();

    public static readonly List<string> PagesChecked = new();

    public static async Task CheckAsync(IPage page, string pageName)
    {
        var present = new List<string>();
        foreach (var selector in PluginSelectors)
            if (await page.Locator(selector).CountAsync() > 0)
                present.Add(selector);
        Assert.That(present, Is.Not.Empty, $"axe on {pageName}: none of the plugin's elements is on the page");

        // the charging method's own payment form (Payments.Manual's markup) sits inside ours: not the plugin's
        var context = new AxeRunContext
        {
            Include = present.Select(s => new AxeSelector(s)).ToList(),
            Exclude = await page.Locator(ChargeMethodSelector).CountAsync() > 0 ? new List<AxeSelector> { new(ChargeMethodSelector) } : null
        };
        var result = await page.RunAxe(context);

        var report = new StringBuilder();
        report.AppendLine($"== {pageName} ({page.Url}) scope: {string.Join(", ", present)}");
        report.AppendLine($"   passes: {result.Passes?.Length ?? 0}, incomplete: {result.Incomplete?.Length ?? 0}, violations: {result.Violations?.Length ?? 0}");
        var serious = new List<string>();
        foreach (var violation in result.Violations ?? Array.Empty<AxeResultItem>())
        {
            var line = $"   [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.Nodes?.Length ?? 0} node(s)) "
                + string.Join(" ; ", (violation.Nodes ?? Array.Empty<AxeResultNode>()).Take(3)
                    .Select(n => Shop.Clip(n.Html, 120) + " -> " + Shop.Clip(string.Join(" / ", (n.Any ?? Array.Empty<AxeResultCheck>()).Concat(n.All ?? Array.Empty<AxeResultCheck>()).Select(c => c.Message)), 200)));
            report.AppendLine(line);
            if (violation.Impact is "serious" or "critical")
                serious.Add(pageName + ": " + line.Trim());
        }
        lock (ReportLock)
        {
            File.AppendAllText(Path.Combine(E2EConfig.OutDir, "axe-report.txt"), report.ToString());
            Serious.AddRange(serious);
            PagesChecked.Add(pageName);
        }
        TestContext.Progress.Write(report.ToString());
    }
}
