using System.Globalization;
using Nop.Core.Domain.Localization;
using Nop.Services.Catalog;
using Nop.Services.Helpers;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// How a message writes things in its language: the language itself (the shopper's, else the store's), money in the
/// order's currency, dates in the store's time zone, the plugin's texts and product names. Split out of
/// <see cref="PreorderMessageTokenBuilder"/> so every token provider formats alike through one small class.
/// </summary>
public class PreorderMessageFormatter
{
    private const string P = PreorderDefaults.ResourcePrefix;

    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILanguageService _languageService;
    private readonly ILocalizationService _localizationService;
    private readonly IPriceFormatter _priceFormatter;
    private readonly IProductService _productService;
    private readonly LocalizationSettings _localizationSettings;

    public PreorderMessageFormatter(IDateTimeHelper dateTimeHelper,
        ILanguageService languageService,
        ILocalizationService localizationService,
        IPriceFormatter priceFormatter,
        IProductService productService,
        LocalizationSettings localizationSettings)
    {
        _dateTimeHelper = dateTimeHelper;
        _languageService = languageService;
        _localizationService = localizationService;
        _priceFormatter = priceFormatter;
        _productService = productService;
        _localizationSettings = localizationSettings;
    }

    /// <summary>
    /// Sets the message's language and culture: the order's language for a shopper's message, the admin language for
    /// the store owner's, falling back as nopCommerce's own messages do when that language is not published.
    /// </summary>
    public virtual async Task UseLanguageAsync(PreorderMessageContext ctx, int storeId)
    {
        var languageId = ctx.Key.Kind.Audience == MessageAudience.Customer && ctx.Order != null
            ? ctx.Order.CustomerLanguageId
            : _localizationSettings.DefaultAdminLanguageId;
        var language = await EnsureLanguageIsActiveAsync(languageId, storeId);
        ctx.LanguageId = language.Id;
        ctx.Culture = CultureOf(language);
    }

    public virtual async Task<string> ProductNameAsync(PreorderMessageContext ctx, int productId)
    {
        var product = await _productService.GetProductByIdAsync(productId);
        return product == null ? $"#{productId}" : await _localizationService.GetLocalizedAsync(product, p => p.Name, ctx.LanguageId);
    }

    /// <summary>An amount kept in the primary store currency, shown in the order's currency at the order's rate.</summary>
    public virtual async Task<string> MoneyAsync(PreorderMessageContext ctx, decimal primaryAmount) =>
        await _priceFormatter.FormatPriceAsync(primaryAmount * ctx.CurrencyRate, true, ctx.CurrencyCode, ctx.LanguageId, true);

    /// <summary>A date in the store's time zone, written the way the message's language writes dates.</summary>
    public virtual string DateText(PreorderMessageContext ctx, DateTime? utc)
    {
        if (utc is not DateTime value)
            return null;
        var zone = _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone).ToString("D", ctx.Culture);
    }

    public virtual async Task<string> ResourceAsync(PreorderMessageContext ctx, string key, string english)
    {
        var text = await _localizationService.GetResourceAsync(P + key, ctx.LanguageId, logIfNotFound: false, defaultValue: english, returnEmptyIfNotFound: false);
        return string.IsNullOrEmpty(text) ? english : text;
    }

    /// <summary>The requested language if published, else one of the store, else any (as nopCommerce's own messages do).</summary>
    protected virtual async Task<Language> EnsureLanguageIsActiveAsync(int languageId, int storeId)
    {
        var language = await _languageService.GetLanguageByIdAsync(languageId);
        if (language == null || !language.Published)
            language = (await _languageService.GetAllLanguagesAsync(storeId: storeId))?.FirstOrDefault();
        if (language == null || !language.Published)
            language = (await _languageService.GetAllLanguagesAsync())?.FirstOrDefault();
        return language ?? throw new InvalidOperationException("No active language could be loaded");
    }

    private static CultureInfo CultureOf(Language language)
    {
        try
        {
            return string.IsNullOrEmpty(language?.LanguageCulture) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language.LanguageCulture);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
