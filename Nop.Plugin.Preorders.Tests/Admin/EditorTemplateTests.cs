using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Web.Framework.Mvc.ModelBinding;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// Admin fields rendered with nopCommerce's nop-editor. ASP.NET picks an editor template by the underlying type
/// name, so a nullable number without a UIHint gets nopCommerce's non-nullable "Decimal"/"Int32" template: the
/// field comes out required ("The Decimal field is required.") and an empty optional field blocks the form's
/// Save in the browser (found by the end-to-end suite: Configure and the product page would not save).
/// </summary>
[TestFixture]
public class EditorTemplateTests
{
    private static IEnumerable<PropertyInfo> EditedNullableValueFields() =>
        typeof(PreorderConfigurationModel).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(PreorderConfigurationModel).Namespace)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => Nullable.GetUnderlyingType(p.PropertyType) != null && p.GetCustomAttribute<NopResourceDisplayNameAttribute>() != null);

    [Test]
    public void Every_edited_nullable_number_or_date_names_nopCommerces_nullable_editor_template()
    {
        var fields = EditedNullableValueFields().ToList();
        Assert.That(fields.Select(f => f.Name), Does.Contain("FixedPerUnit").And.Contain("PerCustomerLimit"), "the scan finds the deposit rule and product block fields");

        var wrong = fields
            .Where(p => p.GetCustomAttribute<UIHintAttribute>()?.UIHint is not { } hint || !hint.EndsWith("Nullable", StringComparison.Ordinal))
            .Select(p => $"{p.DeclaringType.Name}.{p.Name}")
            .ToList();
        Assert.That(wrong, Is.Empty, "nullable admin fields without a *Nullable editor template (rendered as required)");
    }
}
