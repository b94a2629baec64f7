using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Nop.Web.Framework.Mvc.Filters;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Hardening;

/// <summary>
/// Protections that hold by construction, checked over the whole plugin so a new action or view cannot
/// silently drop them: CSRF on every POST, admin area guarded, no unencoded output, no SQL built from input.
/// </summary>
[TestFixture]
public class SecurityConventionTests
{
    private static readonly Type[] Controllers = typeof(PreorderPlugin).Assembly.GetTypes()
        .Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract).ToArray();

    private static string PluginSourceRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Preorders.sln")))
            dir = dir.Parent;
        return Path.Combine(dir!.FullName, "Nop.Plugin.Preorders");
    }

    [Test]
    public void Every_post_action_is_protected_against_csrf()
    {
        Assert.That(Controllers, Is.Not.Empty);
        foreach (var controller in Controllers)
        {
            var classProtected = controller.GetCustomAttributes<AutoValidateAntiforgeryTokenAttribute>(true).Any()
                                 || controller.GetCustomAttributes<ValidateAntiForgeryTokenAttribute>(true).Any();
            foreach (var action in controller.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var verbs = action.GetCustomAttributes<HttpMethodAttribute>(true).SelectMany(a => a.HttpMethods).ToList();
                if (!verbs.Contains("POST"))
                    continue;
                var protectedAction = classProtected || action.GetCustomAttributes<ValidateAntiForgeryTokenAttribute>(true).Any();
                Assert.That(protectedAction, Is.True, $"{controller.Name}.{action.Name} accepts POST without antiforgery validation");
                Assert.That(action.GetCustomAttributes<IgnoreAntiforgeryTokenAttribute>(true), Is.Empty, $"{controller.Name}.{action.Name}");
            }
        }
    }

    [Test]
    public void Admin_controllers_are_in_the_admin_area_and_require_an_admin()
    {
        var admin = Controllers.Where(c => c.GetCustomAttribute<AreaAttribute>()?.RouteValue == "Admin").ToList();
        Assert.That(admin, Is.Not.Empty);
        foreach (var controller in admin)
            Assert.That(controller.GetCustomAttributes<AuthorizeAdminAttribute>(true), Is.Not.Empty, controller.Name);
        foreach (var controller in Controllers.Except(admin))
            Assert.That(controller.Name, Does.Not.Contain("Admin"), "an admin controller outside the admin area");
    }

    [Test]
    public void Views_never_write_unencoded_html()
    {
        var views = Directory.GetFiles(Path.Combine(PluginSourceRoot(), "Views"), "*.cshtml", SearchOption.AllDirectories);
        Assert.That(views, Is.Not.Empty);
        foreach (var view in views)
        {
            var text = File.ReadAllText(view);
            // raw output only of fixed markup literals or of JSON (System.Text.Json escapes <, > and & for scripts)
            foreach (Match raw in Regex.Matches(text, @"Html\.Raw\((?<arg>[^)]*)"))
            {
                var arg = raw.Groups["arg"].Value.Trim();
                Assert.That(arg.StartsWith("\"") || arg.StartsWith("System.Text.Json.JsonSerializer.Serialize("), Is.True,
                    $"{Path.GetFileName(view)} writes raw HTML from {arg}; merchant and shopper text must be encoded");
            }
            Assert.That(text, Does.Not.Contain("@:"), Path.GetFileName(view));
        }
    }

    [Test]
    public void Sql_is_never_built_from_values()
    {
        // every raw SQL statement is a constant of the plugin's own table names, with @parameters for values
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(PluginSourceRoot(), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in Regex.Matches(text, @"ExecuteNonQueryAsync\((?<sql>[^,\)]+)"))
            {
                var sql = call.Groups["sql"].Value.Trim();
                var allowed = Regex.IsMatch(sql, @"^[A-Z][A-Za-z]*Sql$")                       // a static readonly statement
                              || (sql == "sql" && text.Contains("private async Task<bool> ExecuteAsync(string sql")) // the helper those constants go through
                              || sql.StartsWith("$\"DROP TABLE {PreorderDbNames.Table(");     // the uninstall purge: table names from code
                if (!allowed)
                    offenders.Add($"{Path.GetFileName(file)}: {sql}");
            }
            foreach (Match statement in Regex.Matches(text, @"\$""(UPDATE|INSERT|DELETE|SELECT)[^""]*\{(?!PreorderDbNames)[^}]*\}"))
                offenders.Add($"{Path.GetFileName(file)}: {statement.Value}");
        }
        Assert.That(offenders, Is.Empty);
    }
}
