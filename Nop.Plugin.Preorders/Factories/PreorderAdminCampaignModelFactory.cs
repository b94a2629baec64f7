using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Security;
using static Nop.Plugin.Preorders.Factories.PreorderAdminModelHelper;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>
/// The campaign dashboard of one product: figures from <see cref="PreorderDashboardService"/>, caps, states, days,
/// cancellation reasons and countries. Amounts in the primary store currency; dates in the store's time zone.
/// </summary>
public class PreorderAdminCampaignModelFactory
{
    private readonly IPermissionService _permissionService;
    private readonly IProductAttributeService _productAttributeService;
    private readonly IProductService _productService;
    private readonly PreorderAdminModelHelper _helper;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderDashboardService _dashboardService;

    public PreorderAdminCampaignModelFactory(IPermissionService permissionService,
        IProductAttributeService productAttributeService,
        IProductService productService,
        PreorderAdminModelHelper helper,
        PreorderCatalogService catalogService,
        PreorderDashboardService dashboardService)
    {
        _permissionService = permissionService;
        _productAttributeService = productAttributeService;
        _productService = productService;
        _helper = helper;
        _catalogService = catalogService;
        _dashboardService = dashboardService;
    }

    public virtual async Task<CampaignModel> PrepareCampaignModelAsync(int productId)
    {
        var zone = _helper.StoreTimeZone;
        var product = await _productService.GetProductByIdAsync(productId);
        var profile = await _catalogService.GetProfileAsync(productId);
        var stats = await _dashboardService.GetCampaignAsync(productId, zone);
        var combinations = await _productAttributeService.GetAllProductAttributeCombinationsAsync(productId) ?? new List<Nop.Core.Domain.Catalog.ProductAttributeCombination>();
        var states = await _helper.StateNamesAsync();
        var noCap = await _helper.ResourceAsync("Campaign.NoCap");

        var model = new CampaignModel
        {
            ProductId = productId,
            ProductName = product?.Name ?? productId.ToString(),
            Enabled = profile?.Enabled == true && profile.ReleasedOnUtc == null,
            WindowText = profile == null ? string.Empty : $"{FormatDateTime(profile.WindowStartUtc, zone)} – {FormatDateTime(profile.WindowEndUtc, zone)}",
            ExpectedShipText = profile?.ExpectedShipDateUtc is DateTime ship ? StoreTime.ToLocal(ship, zone).ToString("d") : profile?.ExpectedSoonText,
            Orders = stats.Orders,
            Units = stats.Units,
            ActiveUnits = stats.ActiveUnits,
            DepositsCollected = await _helper.PriceAsync(stats.DepositsCollected),
            BalanceOutstanding = await _helper.PriceAsync(stats.BalanceOutstanding),
            Refunded = await _helper.PriceAsync(stats.Refunded),
            DepositLines = stats.DepositLines,
            ConvertedLines = stats.ConvertedLines,
            ConversionText = stats.ConversionPercent is decimal percent ? $"{percent:0.#} %" : "—",
            AverageDaysToBalanceText = stats.AverageDaysToBalance is double days ? days.ToString("0.#") : "—",
            CancelledLines = stats.CancelledLines,
            ExpiredLines = stats.ExpiredLines,
            CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage)
        };
        foreach (var cap in stats.Caps)
        {
            var combination = combinations.FirstOrDefault(c => c.Id == cap.CombinationId);
            model.Caps.Add(new CampaignCapModel
            {
                CombinationId = cap.CombinationId,
                Scope = cap.CombinationId == 0 ? await _helper.ResourceAsync("Campaign.WholeProduct") : combination?.Sku ?? $"#{cap.CombinationId}",
                Sold = cap.Sold,
                CapText = cap.Cap?.ToString() ?? noCap,
                RemainingText = cap.Remaining?.ToString() ?? "—",
                ProgressPercent = cap.ProgressPercent
            });
        }
        foreach (var state in stats.ByState)
            model.ByState.Add(new CampaignCountModel { Label = states.GetValueOrDefault((int)state.State), Lines = state.Lines, Units = state.Units });
        foreach (var day in stats.ByDay)
        {
            model.DayLabels.Add(day.Day.ToString("yyyy-MM-dd"));
            model.DayOrders.Add(day.Orders);
            model.DayUnits.Add(day.Units);
        }
        foreach (var reason in stats.CancellationReasons)
            model.CancellationReasons.Add(new CampaignCountModel { Label = await _helper.ReasonNameAsync(reason.Reason), Lines = reason.Lines, Units = reason.Units });
        foreach (var comment in stats.CancellationComments)
            model.CancellationComments.Add(new CampaignCommentModel { Reason = await _helper.ReasonNameAsync(comment.Reason), Text = comment.Text, On = FormatDate(comment.ClosedOnUtc, zone) });
        var unknownCountry = await _helper.ResourceAsync("Campaign.UnknownCountry");
        foreach (var country in stats.Countries)
            model.Countries.Add(new CampaignCountModel { Label = string.IsNullOrWhiteSpace(country.CountryCode) ? unknownCountry : country.CountryCode, Orders = country.Orders, Units = country.Units });

        model.AvailableCombinations.Add(new SelectListItem(await _helper.ResourceAsync("Campaign.WholeProduct"), "0"));
        foreach (var combination in combinations)
            model.AvailableCombinations.Add(new SelectListItem(combination.Sku ?? $"#{combination.Id}", combination.Id.ToString()));
        return model;
    }
}
