using System.Reflection;
using System.Text.RegularExpressions;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Web.Framework.Mvc.ModelBinding;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// Every text of the admin pages is a locale resource with English and Russian: keys found in the admin
/// views and code, display names of the admin models, and the enum-named keys built at run time.
/// </summary>
[TestFixture]
public class AdminResourceTests
{
    private static readonly Regex KeyLiteral = new("\"(Plugins\\.Misc\\.Preorders\\.[A-Za-z0-9_.]+[A-Za-z0-9_])\"", RegexOptions.Compiled);
    private static readonly Regex Placeholder = new("\\{\\d+\\}", RegexOptions.Compiled);

    private static string PluginFolder()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "Nop.Plugin.Preorders", "Views", "Admin")))
            dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "repository root");
        return Path.Combine(dir!.FullName, "Nop.Plugin.Preorders");
    }

    public static IEnumerable<string> AdminKeys()
    {
        var folder = PluginFolder();
        var files = Directory.GetFiles(Path.Combine(folder, "Views", "Admin"), "*.cshtml")
            .Concat(Directory.GetFiles(Path.Combine(folder, "Services", "Admin"), "*.cs"))
            .Concat(Directory.GetFiles(Path.Combine(folder, "Models", "Admin"), "*.cs"))
            .Append(Path.Combine(folder, "Controllers", "PreorderAdminController.cs"))
            .Append(Path.Combine(folder, "Controllers", "PreorderAdminActionController.cs"))
            .Append(Path.Combine(folder, "Controllers", "PreorderConfigurationController.cs"))
            .Concat(Directory.GetFiles(Path.Combine(folder, "Factories"), "PreorderAdmin*.cs"));
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (Match match in KeyLiteral.Matches(File.ReadAllText(file)))
                keys.Add(match.Groups[1].Value);

        var p = PreorderDefaults.ResourcePrefix;
        foreach (var state in Enum.GetNames<PreorderLineState>())
            keys.Add(p + "State." + state);
        foreach (var kind in Enum.GetNames<LedgerEntryKind>())
            keys.Add(p + "Ledger.Kind." + kind);
        foreach (var status in Enum.GetNames<LedgerEntryStatus>())
            keys.Add(p + "Ledger.Status." + status);
        foreach (var settlement in Enum.GetNames<AdminSettlement>())
            keys.Add(p + "Actions.Settlement." + settlement);
        foreach (var policy in Enum.GetNames<MixedCartPolicy>())
            keys.Add(p + "Fields.MixedCart." + policy);
        foreach (var policy in Enum.GetNames<DepositExpiryPolicy>())
            keys.Add(p + "Fields.ExpiryPolicy." + policy);
        foreach (var mode in Enum.GetNames<DepositCombineMode>())
            keys.Add(p + "Fields.DepositCombine." + mode);
        foreach (var mode in Enum.GetNames<PreorderPaymentMode>())
            keys.Add(p + "Product.PaymentMode." + mode);
        foreach (var state in Enum.GetNames<PreorderAccountState>())
            keys.Add(p + "Account." + state);
        foreach (var type in typeof(PreorderPlugin).Assembly.GetTypes().Where(t => t.Namespace == "Nop.Plugin.Preorders.Models.Admin"))
            foreach (var property in type.GetProperties())
                if (property.GetCustomAttribute<NopResourceDisplayNameAttribute>() is { } display)
                    keys.Add(display.ResourceKey);
        foreach (var field in typeof(PreorderDefaults.Resources).GetFields(BindingFlags.Public | BindingFlags.Static))
            keys.Add((string)field.GetValue(null)!);
        return keys;
    }

    [Test]
    public void Every_admin_text_has_english_and_russian_with_the_same_placeholders()
    {
        var keys = AdminKeys().ToList();
        Assert.That(keys, Has.Count.GreaterThan(200), "keys of views, code, models and enums");
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
}
