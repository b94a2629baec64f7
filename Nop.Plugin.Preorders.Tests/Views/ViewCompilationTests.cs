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

        // By hand, against a real nopCommerce build instead of ref/ (e.g. the shop ../shared/nophost builds, for
        // .NET 10, so then the framework is the test runtime's):
        // PREORDERS_VIEWS_NOP_BIN=<shop>/src/Presentation/Nop.Web/bin/Release/net10.0 dotnet test --filter ViewCompilationTests
        var nopBin = Environment.GetEnvironmentVariable("PREORDERS_VIEWS_NOP_BIN");
        var useNopBuild = !string.IsNullOrEmpty(nopBin);

        var paths = new List<string>();
        foreach (var pack in lines.Where(parts => parts[0] == "pack"))
        {
            var (name, version, framework) = (pack[1], pack[2], pack[3]);
            if (useNopBuild)
                (version, framework) = (RuntimePackVersion(roots, name), $"net{Environment.Version.Major}.0");
            var dir = roots
                .SelectMany(root => new[] { Path.Combine(root, name.ToLowerInvariant(), version, "ref", framework), Path.Combine(root, name, version, "ref", framework) })
                .FirstOrDefault(Directory.Exists);
            Assert.That(dir, Is.Not.Null, $"targeting pack {name} {version} ({framework}) not found under {string.Join(", ", roots)}");
            paths.AddRange(Directory.GetFiles(dir!, "*.dll"));
        }
        paths.AddRange(lines.Where(parts => parts[0] == "project").Select(parts => parts[1]));

        if (useNopBuild)
        {
            paths.RemoveAll(path => Path.GetFileName(path) is var file && file.StartsWith("Nop.") && file != "Nop.Plugin.Preorders.dll");
            paths.AddRange(new[] { "Nop.Core.dll", "Nop.Data.dll", "Nop.Services.dll", "Nop.Web.Framework.dll", "Nop.Web.dll" }.Select(file => Path.Combine(nopBin!, file)));
        }
        Assert.That(paths.Select(Path.GetFileName), Does.Contain("Nop.Web.Framework.dll").And.Contain("Nop.Plugin.Preorders.dll").And.Contain("Microsoft.AspNetCore.Mvc.Razor.dll"));
        return paths;
    }

    private static string RuntimePackVersion(IEnumerable<string> roots, string name) =>
        roots.SelectMany(root => new[] { Path.Combine(root, name), Path.Combine(root, name.ToLowerInvariant()) })
            .Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Select(Path.GetFileName)
            .Where(version => version!.StartsWith($"{Environment.Version.Major}.", StringComparison.Ordinal) && Version.TryParse(version, out _))
            .OrderByDescending(version => Version.Parse(version!))
            .FirstOrDefault() ?? "none";
}
