using System.Text.RegularExpressions;
using Nop.Plugin.Preorders.Infrastructure;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Views;

/// <summary>
/// The storefront views in a shop's theme: their texts are locale resources (English and Russian), they bring
/// the plugin's stylesheet, the stylesheet keeps to the plugin's own elements and works right-to-left, and the
/// progress bar and countdown can be read by assistive technology.
/// </summary>
[TestFixture]
public class StorefrontViewTests
{
    private static readonly Regex KeyLiteral = new("\"(Plugins\\.Misc\\.Preorders\\.[A-Za-z0-9_.]+[A-Za-z0-9_])\"", RegexOptions.Compiled);
    private static readonly Regex Placeholder = new("\\{\\d+\\}", RegexOptions.Compiled);

    private static string PublicViews => Path.Combine(ViewCompilationTests.PluginDirectory(), "Views", "Public");

    private static string View(string name) => File.ReadAllText(Path.Combine(PublicViews, name));

    private static string Stylesheet()
    {
        // "~/Plugins/Misc.Preorders/..." is the plugin folder of a shop, i.e. the project folder here
        var relative = PreorderDefaults.Stylesheet.Replace("~/Plugins/" + PreorderDefaults.SystemName + "/", "");
        var path = Path.Combine(ViewCompilationTests.PluginDirectory(), relative);
        Assert.That(File.Exists(path), Is.True, $"{PreorderDefaults.Stylesheet} is {path}");
        return File.ReadAllText(path);
    }

    [Test]
    public void Every_storefront_text_has_english_and_russian_with_the_same_placeholders()
    {
        var keys = Directory.GetFiles(PublicViews, "*.cshtml")
            .SelectMany(file => KeyLiteral.Matches(File.ReadAllText(file)).Select(match => match.Groups[1].Value))
            .Distinct().ToList();
        Assert.That(keys, Has.Count.GreaterThan(10));
        Assert.Multiple(() =>
        {
            foreach (var key in keys)
            {
                if (!PreorderLocaleResources.All.TryGetValue(key, out var text))
                {
                    Assert.Fail($"missing resource {key}");
                    continue;
                }
                Assert.That(text.En, Is.Not.Empty, key);
                Assert.That(text.Ru, Is.Not.Empty, key);
                Assert.That(Placeholder.Matches(text.Ru).Select(m => m.Value).OrderBy(v => v),
                    Is.EqualTo(Placeholder.Matches(text.En).Select(m => m.Value).OrderBy(v => v)), $"placeholders of {key}");
            }
        });
    }

    [Test]
    public void The_countdown_units_are_locale_resources_passed_to_the_script()
    {
        var view = View("ProductPreorder.cshtml");
        foreach (var unit in new[] { "Days", "Hours", "Minutes", "Seconds" })
        {
            var key = PreorderDefaults.ResourcePrefix + "Product.Countdown." + unit;
            Assert.That(view, Does.Contain($"data-{unit.ToLowerInvariant()}=\"@T(\"{key}\").Text\""), key);
            Assert.That(PreorderLocaleResources.All[key].En, Does.Contain("{0}"), key);
            Assert.That(PreorderLocaleResources.All[key].Ru, Does.Contain("{0}"), key);
        }
        Assert.That(PreorderLocaleResources.All[PreorderDefaults.ResourcePrefix + "Product.Countdown.Minutes"].Ru, Is.EqualTo("{0} мин"));
        // no unit letters left in the script: the numbers are joined with the resources' texts only
        var script = view[view.IndexOf("<script", StringComparison.Ordinal)..];
        Assert.That(Regex.IsMatch(script, @"\+\s*'[dhms] ?'"), Is.False, "hard-coded d/h/m/s");
    }

    [Test]
    public void The_progress_bar_and_the_countdown_are_accessible()
    {
        var view = View("ProductPreorder.cshtml");
        var progress = Regex.Match(view, "<div class=\"preorder-progress\"[^>]*>").Value;
        Assert.That(progress, Does.Contain("role=\"progressbar\""));
        Assert.That(progress, Does.Contain("aria-valuemin=\"0\"").And.Contain("aria-valuemax=\"100\"").And.Contain("aria-valuenow=\"@percent\""));
        Assert.That(progress, Does.Contain("aria-label=\"@T(\"Plugins.Misc.Preorders.Product.ProgressLabel\").Text\""));
        Assert.That(progress, Does.Contain("aria-valuetext=\"@Model.ProgressText\""));

        var timer = Regex.Match(view, "<span class=\"preorder-countdown-value\"[^>]*>").Value;
        Assert.That(timer, Does.Contain("role=\"timer\"").And.Contain("aria-live=\"off\"").And.Contain("aria-labelledby="));
        Assert.That(view, Does.Contain("<span class=\"preorder-visually-hidden\">@Model.CountdownText</span>"), "the end date, said once");
    }

    [Test]
    public void The_storefront_views_add_the_stylesheet_through_NopHtml()
    {
        foreach (var name in new[] { "ProductPreorder.cshtml", "CartPreorder.cshtml", "OrderPreorder.cshtml", "Balance.cshtml", "CustomerPreorders.cshtml", "PaymentInfo.cshtml" })
            Assert.That(View(name), Does.Contain("NopHtml.AppendCssFileParts(PreorderDefaults.Stylesheet);"), name);
        Assert.That(Stylesheet(), Does.Contain(".preorder-progress-bar"));
    }

    [Test]
    public void The_stylesheet_keeps_to_the_plugins_elements_and_works_right_to_left()
    {
        var css = Regex.Replace(Stylesheet(), @"/\*.*?\*/", "", RegexOptions.Singleline);

        // every selector of every rule names one of the plugin's classes: the theme's own elements are not touched
        foreach (Match rule in Regex.Matches(css, @"(?<selectors>[^{}]+)\{[^{}]*\}"))
        {
            var selectors = rule.Groups["selectors"].Value.Trim();
            if (selectors.StartsWith("@media", StringComparison.Ordinal))
                selectors = selectors[(selectors.LastIndexOf(')') + 1)..].Trim();
            foreach (var selector in selectors.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0))
                Assert.That(selector, Does.Match(@"\.preorders?-"), "a selector outside the plugin's elements");
        }

        // right-to-left: logical properties only
        foreach (var physical in new[] { "margin-left", "margin-right", "padding-left", "padding-right", "border-left", "border-right", "float", "text-align: left", "text-align: right", " left:", " right:" })
            Assert.That(css, Does.Not.Contain(physical), physical);
    }
}
