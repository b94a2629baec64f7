using System.Globalization;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Views;

/// <summary>
/// What axe found in a real shop (the end-to-end tier): white text on the theme's light blue (2.4:1) in the badge
/// and pay buttons, and the delegated card method's own form (another plugin's markup, with its own label
/// problems) not told apart from the plugin's markup.
/// </summary>
[TestFixture]
public class StorefrontAccessibilityTests
{
    private static readonly Regex Rule = new(@"([^{}]+)\{([^{}]*)\}", RegexOptions.Compiled);
    private static readonly Regex Color = new(@"(?<![-\w])color:\s*(?:var\([^,()]+,\s*)?(#[0-9a-fA-F]{3,6})\b", RegexOptions.Compiled);
    private static readonly Regex Background = new(@"background-color:\s*(?:var\([^,()]+,\s*)?(#[0-9a-fA-F]{3,6})\b", RegexOptions.Compiled);

    private static string PluginFile(params string[] parts) =>
        File.ReadAllText(Path.Combine(new[] { ViewCompilationTests.PluginDirectory() }.Concat(parts).ToArray()));

    [Test]
    public void Text_on_a_coloured_background_in_the_stylesheet_has_at_least_4_5_to_1_contrast()
    {
        var css = Regex.Replace(PluginFile("Content", "preorders.css"), @"/\*.*?\*/", "", RegexOptions.Singleline);
        var checkedRules = 0;
        var failures = new List<string>();
        foreach (Match rule in Rule.Matches(css))
        {
            var color = Color.Match(rule.Groups[2].Value);
            var background = Background.Match(rule.Groups[2].Value);
            if (!color.Success || !background.Success)
                continue;
            checkedRules++;
            var ratio = Contrast(color.Groups[1].Value, background.Groups[1].Value);
            if (ratio < 4.5)
                failures.Add($"{rule.Groups[1].Value.Trim()}: {color.Groups[1].Value} on {background.Groups[1].Value} = {ratio:0.00}:1");
        }
        Assert.That(checkedRules, Is.GreaterThan(0), "rules with both a text and a background colour");
        Assert.That(failures, Is.Empty);
    }

    [TestCase("PaymentInfo.cshtml")]
    [TestCase("_PreorderActions.cshtml")]
    public void The_charging_methods_form_sits_in_its_own_container(string view)
    {
        var text = PluginFile("Views", "Public", view);
        Assert.That(Regex.IsMatch(text, @"<div class=""preorder-charge-method"">\s*@await Component\.InvokeAsync\(Model\.ChargeMethodViewComponent\)\s*</div>"), Is.True);
    }

    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            hex = hex.TrimStart('#');
            if (hex.Length == 3)
                hex = string.Concat(hex.Select(c => new string(c, 2)));
            var channels = Enumerable.Range(0, 3).Select(i => int.Parse(hex.Substring(i * 2, 2), NumberStyles.HexNumber) / 255.0)
                .Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
        }
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
