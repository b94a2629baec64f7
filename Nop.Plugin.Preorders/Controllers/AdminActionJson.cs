using System.Globalization;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Controllers;

/// <summary>The JSON the admin pages read from an action: success, a summary, localized problems, plain details.</summary>
public static class AdminActionJson
{
    public static async Task<object> BuildAsync(ILocalizationService localizationService, AdminActionResult result)
    {
        var errors = new List<string>();
        foreach (var error in result.Errors)
        {
            var message = await MessageAsync(localizationService, error.ResourceKey, error.Args);
            errors.Add(error.TargetId > 0 ? $"#{error.TargetId}: {message}" : message);
        }
        var summary = string.Format(await localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Actions.Done"), result.Succeeded);
        return new
        {
            success = result.Success,
            message = summary,
            succeeded = result.Succeeded,
            count = result.Count,
            errors,
            details = result.Details
        };
    }

    /// <summary>A localized message; arguments that are resource keys of the plugin are localized too (field names), amounts shown with two decimals.</summary>
    public static async Task<string> MessageAsync(ILocalizationService localizationService, string resourceKey, object[] args)
    {
        var text = await localizationService.GetResourceAsync(resourceKey);
        if (args == null || args.Length == 0)
            return text;
        var values = new object[args.Length];
        for (var i = 0; i < args.Length; i++)
            values[i] = args[i] switch
            {
                string key when key.StartsWith(PreorderDefaults.ResourcePrefix, StringComparison.Ordinal) => await localizationService.GetResourceAsync(key),
                // amounts come from the database with its scale (160.0000 on PostgreSQL): shown as money
                decimal amount => amount.ToString("0.00", CultureInfo.CurrentCulture),
                var value => value
            };
        try
        {
            return string.Format(text, values);
        }
        catch (FormatException)
        {
            return text;
        }
    }
}
