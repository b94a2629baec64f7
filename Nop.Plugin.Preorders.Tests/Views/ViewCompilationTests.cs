using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Views;

/// <summary>
/// Every .cshtml of the plugin compiles as nopCommerce compiles it in a shop (run-time Razor compilation, the
/// Views/_ViewImports.cshtml chain, the tag helpers of Nop.Web.Framework and ASP.NET Core MVC), here against the
/// compile-only declarations of ref/. A view error would otherwise show only in a running shop.
/// </summary>
[TestFixture]
public class ViewCompilationTests
{
    private static readonly Lazy<ViewCompiler> Compiler = new(() => new ViewCompiler(PluginDirectory(), ReferencePaths()),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static IEnumerable<TestCaseData> Views() =>
        ViewCompiler.ViewPaths(PluginDirectory()).Select(path => new TestCaseData(path).SetName($"View_compiles({path})"));

    [TestCaseSource(nameof(Views))]
    public void View_compiles(string viewPath)
    {
        var errors = Compiler.Value.ErrorsOf(viewPath);
        Assert.That(errors, Is.Empty, $"{viewPath} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    [Test]
    public void Every_view_is_checked()
    {
        Assert.That(Views().Count(), Is.GreaterThanOrEqualTo(17));
        Assert.That(Views().Select(view => (string)view.Arguments[0]), Does.Contain("/Views/Admin/List.cshtml"));
    }

    [Test]
    public void The_nopCommerce_tag_helpers_are_found_in_the_referenced_assemblies()
    {
        // without them every nop-* element would be plain HTML and an asp-for typo would go unnoticed
        var helpers = Compiler.Value.TagHelpersOf("/Views/Admin/Configure.cshtml");
        Assert.That(helpers, Does.Contain("nop-label: Nop.Web.Framework.TagHelpers.Admin.NopLabelTagHelper"));
        Assert.That(helpers, Does.Contain("nop-editor: Nop.Web.Framework.TagHelpers.Admin.NopEditorTagHelper"));
        Assert.That(helpers, Does.Contain("script: Nop.Web.Framework.TagHelpers.Shared.NopScriptTagHelper"));
        Assert.That(helpers, Does.Contain("form: Microsoft.AspNetCore.Mvc.TagHelpers.FormTagHelper"));
    }

    internal static string PluginDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Preorders.sln")))
            dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "repository root (Preorders.sln) not found above the test assembly");
        return Path.Combine(dir!.FullName, "Nop.Plugin.Preorders");
    }

    /// <summary>
    /// From ViewCompilationReferences.txt, written by the test project's build: the net9.0 targeting packs (what
    /// a nopCommerce 4.90 shop runs on) and the projects the test project references (the plugin and ref/).
    /// </summary>
    internal static IReadOnlyList<string> ReferencePaths()
    {
        var listFile = Path.Combine(AppContext.BaseDirectory, "ViewCompilationReferences.txt");
        Assert.That(File.Exists(listFile), Is.True, $"{listFile} is written by the test project's build");
        var lines = File.ReadAllLines(listFile).Where(line => line.Length > 0).Select(line => line.Split('|')).ToList();
        var roots = lines.Where(parts => parts[0] == "packroot" && parts[1].Length > 0).Select(parts => parts[1]).ToList();

        var paths = new List<string>();
        foreach (var pack in lines.Where(parts => parts[0] == "pack"))
        {
            var (name, version, framework) = (pack[1], pack[2], pack[3]);
            var dir = roots
                .SelectMany(root => new[] { Path.Combine(root, name.ToLowerInvariant(), version, "ref", framework), Path.Combine(root, name, version, "ref", framework) })
                .FirstOrDefault(Directory.Exists);
            Assert.That(dir, Is.Not.Null, $"targeting pack {name} {version} ({framework}) not found under {string.Join(", ", roots)}");
            paths.AddRange(Directory.GetFiles(dir!, "*.dll"));
        }
        paths.AddRange(lines.Where(parts => parts[0] == "project").Select(parts => parts[1]));
        Assert.That(paths.Select(Path.GetFileName), Does.Contain("Nop.Web.Framework.dll").And.Contain("Nop.Plugin.Preorders.dll").And.Contain("Microsoft.AspNetCore.Mvc.Razor.dll"));
        return paths;
    }
}
