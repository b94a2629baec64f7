using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Views;

/// <summary>
/// The view check itself: a copy of the plugin's _ViewImports chain with one broken view beside it must be
/// reported, each mistake at its .cshtml line.
/// </summary>
[TestFixture]
public class ViewCompilerTests
{
    private string _pluginDirectory;
    private ViewCompiler _compiler;

    private const string BadView = """
        @model PreorderConfigurationModel
        <nop-label />
        <nop-label asp-for="AutomationPaused" asp-xyz="1" />
        <nop-override-store-checkbox asp-for="AutomationPaused_OverrideForStore" asp-input="AutomationPaused" asp-store-scope="@("all")" />
        <nop-editor asp-for="NoSuchSetting" />
        <nop-editr asp-for="AutomationPaused" />
        <nop-card asp-name="x" asp-hide="maybe"></nop-card>
        <span>@T("Plugins.Misc.Preorders.Fields.AutomationPaused")</span>
        """;

    private const string GoodView = """
        @model PreorderConfigurationModel
        <nop-label asp-for="AutomationPaused" />
        <nop-editor asp-for="AutomationPaused" />
        <nop-override-store-checkbox asp-for="AutomationPaused_OverrideForStore" asp-input="AutomationPaused" asp-store-scope="@Model.ActiveStoreScopeConfiguration" />
        <nop-select asp-for="MixedCartId" asp-items="new List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem>()" />
        <script asp-location="Footer">var x = 1;</script>
        @{ NopHtml.AddTitleParts(T("Plugins.Misc.Preorders.Fields.AutomationPaused").Text); }
        """;

    [OneTimeSetUp]
    public void CopyTheImportChain()
    {
        var source = ViewCompilationTests.PluginDirectory();
        _pluginDirectory = Path.Combine(Path.GetTempPath(), "preorders-views-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_pluginDirectory, "Views", "Admin"));
        foreach (var imports in new[] { Path.Combine("Views", "_ViewImports.cshtml"), Path.Combine("Views", "Admin", "_ViewImports.cshtml") })
            File.Copy(Path.Combine(source, imports), Path.Combine(_pluginDirectory, imports));
        File.WriteAllText(Path.Combine(_pluginDirectory, "Views", "Admin", "Bad.cshtml"), BadView);
        File.WriteAllText(Path.Combine(_pluginDirectory, "Views", "Admin", "Good.cshtml"), GoodView);
        _compiler = new ViewCompiler(_pluginDirectory, ViewCompilationTests.ReferencePaths());
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_pluginDirectory, true);

    [Test]
    public void A_correct_view_has_no_error()
    {
        Assert.That(_compiler.ErrorsOf("/Views/Admin/Good.cshtml"), Is.Empty);
    }

    [Test]
    public void A_nop_element_without_its_required_attribute_is_reported()
    {
        Assert.That(_compiler.ErrorsOf("/Views/Admin/Bad.cshtml"), Has.Some.StartsWith("/Views/Admin/Bad.cshtml(2,").And.Contain("<nop-label> is not a tag helper"));
    }

    [Test]
    public void An_unknown_asp_attribute_on_a_nop_element_is_reported()
    {
        Assert.That(_compiler.ErrorsOf("/Views/Admin/Bad.cshtml"), Has.Some.StartsWith("/Views/Admin/Bad.cshtml(3,").And.Contain("'asp-xyz' on <nop-label>"));
    }

    [Test]
    public void An_attribute_value_of_the_wrong_type_is_reported()
    {
        var errors = _compiler.ErrorsOf("/Views/Admin/Bad.cshtml");
        Assert.That(errors, Has.Some.StartsWith("/Views/Admin/Bad.cshtml(4,").And.Contain("CS0029"), "string to int asp-store-scope");
        Assert.That(errors, Has.Some.StartsWith("/Views/Admin/Bad.cshtml(7,").And.Contain("CS0103").And.Contain("maybe"), "asp-hide is a bool");
    }

    [Test]
    public void An_asp_for_of_a_missing_property_is_reported()
    {
        Assert.That(_compiler.ErrorsOf("/Views/Admin/Bad.cshtml"), Has.Some.StartsWith("/Views/Admin/Bad.cshtml(5,").And.Contain("CS1061").And.Contain("NoSuchSetting"));
    }

    [Test]
    public void A_misspelt_nop_element_is_reported()
    {
        Assert.That(_compiler.ErrorsOf("/Views/Admin/Bad.cshtml"), Has.Some.StartsWith("/Views/Admin/Bad.cshtml(6,").And.Contain("<nop-editr> is not a tag helper"));
    }
}
