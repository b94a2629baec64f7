using Nop.Core.Domain.Directory;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Directory;
using Nop.Services.Helpers;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>The store-wide analytics page and its CSV: the period, the report from the query service, names and formats.</summary>
public class PreorderAnalyticsModelFactory
{
    public const int DefaultMonths = 12;

    public const int MaxMonths = 60;

    private readonly CurrencySettings _currencySettings;
    private readonly ICurrencyService _currencyService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly IPriceFormatter _priceFormatter;
    private readonly IProductService _productService;
    private readonly PreorderAnalyticsQueryService _queryService;
    private readonly PreorderClock _clock;

    public PreorderAnalyticsModelFactory(CurrencySettings currencySettings,
        ICurrencyService currencyService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        IPriceFormatter priceFormatter,
        IProductService productService,
        PreorderAnalyticsQueryService queryService,
        PreorderClock clock)
    {
        _currencySettings = currencySettings;
        _currencyService = currencyService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _priceFormatter = priceFormatter;
        _productService = productService;
        _queryService = queryService;
        _clock = clock;
    }

    public virtual TimeZoneInfo StoreTimeZone => _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;

    /// <summary>The months asked for, within 1..<see cref="MaxMonths"/> (anything else: <see cref="DefaultMonths"/>).</summary>
    public static int Period(int months) => months is >= 1 and <= MaxMonths ? months : DefaultMonths;

    /// <summary>The first moment of the period: the first day of the month <paramref name="months"/> - 1 months before this one, store time.</summary>
    public static DateTime PeriodStartUtc(DateTime nowUtc, int months, TimeZoneInfo zone)
    {
        var local = StoreTime.ToLocal(nowUtc, zone);
        return StoreTime.ToUtc(new DateTime(local.Year, local.Month, 1).AddMonths(1 - Period(months)), zone);
    }

    public virtual async Task<AnalyticsReport> GetReportAsync(int months) =>
        await _queryService.GetReportAsync(PeriodStartUtc(_clock.UtcNow, months, StoreTimeZone), StoreTimeZone);

    public virtual async Task<AnalyticsModel> PrepareModelAsync(int months)
    {
        months = Period(months);
        var report = await GetReportAsync(months);
        var products = await ProductNamesAsync(report);
        var reasons = await ReasonNamesAsync();
        var model = new AnalyticsModel { Months = months };
        foreach (var campaign in report.Campaigns)
            model.Campaigns.Add(await RowAsync(products.GetValueOrDefault(campaign.ProductId) ?? $"#{campaign.ProductId}", campaign.ProductId, campaign.Figures, reasons));
        foreach (var month in report.Months)
        {
            var label = month.Month.ToString("yyyy-MM");
            model.MonthRows.Add(await RowAsync(label, 0, month.Figures, reasons));
            model.ChartLabels.Add(label);
            model.ChartMoneyIn.Add(Math.Round(month.Figures.MoneyIn, 2));
            model.ChartRefunded.Add(Math.Round(month.Figures.Refunded, 2));
            model.ChartOutstanding.Add(Math.Round(month.Figures.Outstanding, 2));
            model.ChartConversion.Add(month.Figures.ConversionPercent);
        }
        model.Total = await RowAsync(await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Analytics.Total"), 0, report.Total, reasons);
        return model;
    }

    /// <summary>The CSV download of the same report.</summary>
    public virtual async Task<string> PrepareCsvAsync(int months)
    {
        var report = await GetReportAsync(Period(months));
        return AnalyticsCsv.Write(report, await ProductNamesAsync(report), await ReasonNamesAsync());
    }

    private async Task<AnalyticsRowModel> RowAsync(string label, int productId, AnalyticsFigures f, IReadOnlyDictionary<CancellationReason, string> reasons) => new()
    {
        Label = label,
        ProductId = productId,
        Lines = f.Lines,
        Units = f.Units,
        DepositLines = f.DepositLines,
        ConvertedLines = f.ConvertedLines,
        Conversion = f.ConversionPercent is decimal c ? $"{c:0.0} %" : "—",
        AverageDaysToBalance = f.AverageDaysToBalance is double d ? d.ToString("0.0") : "—",
        CancelledLines = f.CancelledLines,
        CancellationReasons = AnalyticsCsv.Reasons(f, reasons),
        DepositsCollected = await PriceAsync(f.DepositsCollected),
        Outstanding = await PriceAsync(f.Outstanding),
        MoneyIn = await PriceAsync(f.MoneyIn),
        Refunded = await PriceAsync(f.Refunded)
    };

    private Currency _primaryCurrency;

    private async Task<string> PriceAsync(decimal amount)
    {
        _primaryCurrency ??= await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId);
        return await _priceFormatter.FormatPriceAsync(amount, true, _primaryCurrency);
    }

    private async Task<IReadOnlyDictionary<int, string>> ProductNamesAsync(AnalyticsReport report)
    {
        var ids = report.Campaigns.Select(c => c.ProductId).Where(id => id > 0).Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, string>();
        return (await _productService.GetProductsByIdsAsync(ids) ?? new List<Nop.Core.Domain.Catalog.Product>()).ToDictionary(p => p.Id, p => p.Name);
    }

    private async Task<IReadOnlyDictionary<CancellationReason, string>> ReasonNamesAsync()
    {
        var names = new Dictionary<CancellationReason, string>();
        foreach (var reason in Enum.GetValues<CancellationReason>())
            names[reason] = await _localizationService.GetResourceAsync(CancellationReasonRules.ResourceKey(reason));
        return names;
    }
}
