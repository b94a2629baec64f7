using System.Globalization;
using System.Net;
using System.Text;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Stores;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Directory;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Orders;
using Nop.Services.Stores;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>Everything needed to queue one message: recipient, store, language and the plugin's tokens.</summary>
public class PreorderMessageContext
{
    public PreorderMessageKey Key { get; init; }

    public Store Store { get; set; }

    public int LanguageId { get; set; }

    public Order Order { get; set; }

    /// <summary>The line the message is about, if any (for EntityTokensAddedEvent).</summary>
    public PreorderLine Line { get; set; }

    /// <summary>The order's money (<see cref="AccountBalance"/>): what is held and owed, per order and per line.</summary>
    public AccountBalance Balance { get; set; }

    /// <summary>Shopper's address for customer messages; null for store-owner messages (the e-mail account's).</summary>
    public string ToEmail { get; set; }

    public string ToName { get; set; }

    public List<Token> Tokens { get; } = new();

    /// <summary>Set when there is nothing to send (order gone, nothing due any more, no address): the message is done.</summary>
    public string SkipReason { get; set; }

    internal string CurrencyCode { get; set; }

    internal decimal CurrencyRate { get; set; } = 1m;

    internal CultureInfo Culture { get; set; } = CultureInfo.InvariantCulture;

    /// <summary>Hashes of the balance links issued for this attempt: revoked when the e-mail does not go out (see <see cref="PreorderMessageTokenBuilder.RevokeUndeliveredLinksAsync"/>).</summary>
    internal List<string> IssuedLinkHashes { get; } = new();

    /// <summary>Set once nopCommerce queued the e-mail: its links are delivered and stay valid whatever happens next.</summary>
    internal bool Queued { get; set; }

    internal void Add(string key, object value, bool neverHtmlEncoded = false) => Tokens.Add(new Token(key, value, neverHtmlEncoded));
}

/// <summary>
/// Builds a message from its key and the current data (not from the event), so a retried message is
/// rebuilt the same way and always shows the latest amounts and dates. Loads what every kind shares (order, store,
/// language, money, line) and hands the kind to the <see cref="IPreorderKindTokens"/> that handles it; the tokens several
/// kinds share (products, what is due, the account) are the public helpers below, so every provider writes them alike.
/// </summary>
public class PreorderMessageTokenBuilder
{
    private const string P = PreorderDefaults.ResourcePrefix;

    /// <summary>Rows listed per section of the daily digest.</summary>
    public const int DigestListLimit = 20;

    /// <summary>Audit action of a link revoked because its e-mail did not go out.</summary>
    public const string UndeliveredLinkRevokedAction = "BalanceLinkRevoked";

    private readonly BalanceLinkService _balanceLinkService;
    private readonly CurrencySettings _currencySettings;
    private readonly IAddressService _addressService;
    private readonly ICurrencyService _currencyService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILanguageService _languageService;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IPriceFormatter _priceFormatter;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderBalanceToken> _tokenRepository;
    private readonly IRepository<PreorderInstallment> _installmentRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly ISettingService _settingService;
    private readonly IStoreService _storeService;
    private readonly LocalizationSettings _localizationSettings;
    private readonly PreorderAuditService _auditService;
    private readonly PreorderLedgerService _ledgerService;
    private readonly IEnumerable<IPreorderKindTokens> _kindTokens;

    public PreorderMessageTokenBuilder(BalanceLinkService balanceLinkService,
        CurrencySettings currencySettings,
        IAddressService addressService,
        ICurrencyService currencyService,
        IDateTimeHelper dateTimeHelper,
        ILanguageService languageService,
        ILocalizationService localizationService,
        IOrderService orderService,
        IPriceFormatter priceFormatter,
        IProductService productService,
        IRepository<PreorderBalanceToken> tokenRepository,
        IRepository<PreorderInstallment> installmentRepository,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderProfile> profileRepository,
        ISettingService settingService,
        IStoreService storeService,
        LocalizationSettings localizationSettings,
        PreorderAuditService auditService,
        PreorderLedgerService ledgerService,
        IEnumerable<IPreorderKindTokens> kindTokens)
    {
        _balanceLinkService = balanceLinkService;
        _currencySettings = currencySettings;
        _addressService = addressService;
        _currencyService = currencyService;
        _dateTimeHelper = dateTimeHelper;
        _languageService = languageService;
        _localizationService = localizationService;
        _orderService = orderService;
        _priceFormatter = priceFormatter;
        _productService = productService;
        _tokenRepository = tokenRepository;
        _installmentRepository = installmentRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _profileRepository = profileRepository;
        _settingService = settingService;
        _storeService = storeService;
        _localizationSettings = localizationSettings;
        _auditService = auditService;
        _ledgerService = ledgerService;
        _kindTokens = kindTokens;
    }

    /// <summary>
    /// Audit action under which the text of one "e-mail all buyers" request is kept (product-level row, details =
    /// the text): every order's message of that request is rebuilt from it, on its first attempt and on retries.
    /// </summary>
    public static string MerchantTextAction(string step) => "MerchantMessage:" + step;

    /// <summary>
    /// Loads what the key points at and fills the tokens; sets <see cref="PreorderMessageContext.SkipReason"/> when there is
    /// nothing to send. A balance link issued before a failure is revoked before the failure is passed on.
    /// </summary>
    public virtual async Task<PreorderMessageContext> BuildAsync(PreorderMessageKey key, DateTime nowUtc)
    {
        var ctx = new PreorderMessageContext { Key = key };
        try
        {
            await FillAsync(ctx, nowUtc);
        }
        catch (Exception)
        {
            await RevokeUndeliveredLinksAsync(ctx, nowUtc);
            throw;
        }
        if (ctx.SkipReason != null)
            await RevokeUndeliveredLinksAsync(ctx, nowUtc);
        return ctx;
    }

    /// <summary>
    /// Revokes the links issued for a message that did not go out (build or queue failed, no active template, skipped).
    /// Only their hashes exist, so a retry cannot resend them: it issues a fresh link, and the message never leaves
    /// more than the one link it delivered. Best effort: a link left behind was never shown to anyone and expires.
    /// </summary>
    public virtual async Task RevokeUndeliveredLinksAsync(PreorderMessageContext ctx, DateTime nowUtc)
    {
        foreach (var hash in ctx.IssuedLinkHashes)
        {
            try
            {
                var token = await _tokenRepository.Table.Where(t => t.TokenHash == hash).FirstOrDefaultAsync();
                if (token == null || token.RevokedOnUtc.HasValue)
                    continue;
                token.RevokedOnUtc = nowUtc;
                await _tokenRepository.UpdateAsync(token, false);
                await _auditService.RecordAsync(UndeliveredLinkRevokedAction, 0, token.OrderId, details: $"e-mail not sent: {ctx.Key.Value}");
            }
            catch (Exception)
            {
                // the database that failed the message may fail this too; the link is unknown to anyone and expires
            }
        }
        ctx.IssuedLinkHashes.Clear();
    }

    /// <summary>
    /// A queued message that carries a new link makes it the order's only working link: the older links are revoked
    /// now (not when the link was issued, so a message that fails to go out never leaves the shopper without a link).
    /// </summary>
    public virtual async Task RevokeSupersededLinksAsync(PreorderMessageContext ctx)
    {
        if (ctx.IssuedLinkHashes.Count == 0 || ctx.Order == null || ctx.Key.Kind.Audience != MessageAudience.Customer)
            return;
        await _balanceLinkService.RevokeOthersAsync(ctx.Order.Id, ctx.IssuedLinkHashes.ToList());
    }

    /// <summary>The tokens of the message (see <see cref="BuildAsync"/>).</summary>
    protected virtual async Task<PreorderMessageContext> FillAsync(PreorderMessageContext ctx, DateTime nowUtc)
    {
        var key = ctx.Key;
        if (key.OrderId > 0)
        {
            ctx.Order = await _orderService.GetOrderByIdAsync(key.OrderId);
            if (ctx.Order == null || ctx.Order.Deleted)
                return Skip(ctx, "order not found");
        }

        ctx.Store = await StoreAsync(ctx.Order?.StoreId ?? key.StoreId);
        if (ctx.Store == null)
            return Skip(ctx, "no store");
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(ctx.Store.Id);

        var languageId = key.Kind.Audience == MessageAudience.Customer && ctx.Order != null
            ? ctx.Order.CustomerLanguageId
            : _localizationSettings.DefaultAdminLanguageId;
        var language = await EnsureLanguageIsActiveAsync(languageId, ctx.Store.Id);
        ctx.LanguageId = language.Id;
        ctx.Culture = CultureOf(language);

        PreorderAccount account = null;
        if (ctx.Order != null)
        {
            account = await _ledgerService.GetAccountAsync(ctx.Order.Id);
            if (account == null)
                return Skip(ctx, "not a pre-order");
            ctx.Balance = await _ledgerService.GetBalanceAsync(account);
            ctx.CurrencyCode = ctx.Order.CustomerCurrencyCode;
            ctx.CurrencyRate = account.CurrencyRate > 0m ? account.CurrencyRate : 1m;
            if (key.Kind.Audience == MessageAudience.Customer)
            {
                var address = await _addressService.GetAddressByIdAsync(ctx.Order.BillingAddressId);
                ctx.ToEmail = address?.Email;
                ctx.ToName = $"{address?.FirstName} {address?.LastName}".Trim();
                if (string.IsNullOrWhiteSpace(ctx.ToEmail))
                    return Skip(ctx, "no e-mail address on the order");
            }
            ctx.Add(PreorderMessageTokens.AccountLink, StoreUrl(ctx, "customer/preorders"), true);
            ctx.Add(PreorderMessageTokens.AdminOrderLink, StoreUrl(ctx, $"Admin/Order/Edit/{ctx.Order.Id}"), true);
        }
        else
            ctx.CurrencyCode = (await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId))?.CurrencyCode;

        if (key.LineId > 0)
        {
            ctx.Line = await _lineRepository.GetByIdAsync(key.LineId);
            if (ctx.Line == null || ctx.Line.OrderId != key.OrderId)
                return Skip(ctx, "line not found");
        }

        var code = key.Kind.Code;
        // one provider per kind (or small family of kinds), registered in NopStartup; a kind nobody handles gets only the common tokens
        if (_kindTokens.FirstOrDefault(t => t.Handles(code)) is { } kindTokens)
            await kindTokens.FillAsync(ctx, account, settings, nowUtc, this);
        return ctx;
    }

    #region Shared tokens

    /// <summary>A fresh balance link for the message's order (the shopper's way to the balance page); empty in store-owner messages.</summary>
    public virtual Task<string> IssueBalanceLinkAsync(PreorderMessageContext ctx, PreorderSettings settings, DateTime nowUtc) => BalanceLinkAsync(ctx, settings, null, nowUtc);

    /// <summary>A line's product, what it owes and by when, and the order's account.</summary>
    public virtual async Task AddLineTokensAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, PreorderLine line, DateTime nowUtc)
    {
        await AddProductsAsync(ctx, new[] { line });
        await AddDueAsync(ctx, settings, ctx.Balance.LineOwed(line.Id), line.BalanceDueOnUtc, nowUtc);
        await AddAccountAsync(ctx, account);
    }

    public virtual async Task AddProductsAsync(PreorderMessageContext ctx, IEnumerable<PreorderLine> lines)
    {
        var list = lines.ToList();
        var names = new List<string>();
        foreach (var productId in list.Select(l => l.ProductId).Distinct())
            names.Add(await ProductNameAsync(ctx, productId));
        ctx.Add(PreorderMessageTokens.Product, string.Join(", ", names));
        if (!ctx.Tokens.Any(t => t.Key == PreorderMessageTokens.Quantity))
            ctx.Add(PreorderMessageTokens.Quantity, list.Sum(l => l.Quantity));

        // the current expected date of the product (it may have moved since the order), else the merchant's "soon" text
        var productIds = list.Select(l => l.ProductId).Distinct().ToArray();
        var profiles = await _profileRepository.Table.Where(p => productIds.Contains(p.ProductId)).ToListAsync();
        var shipDate = profiles.Where(p => p.ExpectedShipDateUtc.HasValue).Select(p => p.ExpectedShipDateUtc).Max()
            ?? list.Where(l => l.ExpectedShipDateUtc.HasValue).Select(l => l.ExpectedShipDateUtc).Max();
        var soonText = profiles.Select(p => p.ExpectedSoonText).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        ctx.Add(PreorderMessageTokens.ShipDate, DateText(ctx, shipDate) ?? soonText ?? await ResourceAsync(ctx, "Messages.ShipDate.Unknown", "to be announced"));
    }

    public virtual async Task AddAccountAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        // paid towards what the order still buys: what is held for it (given back or forfeited money is not)
        ctx.Add(PreorderMessageTokens.DepositPaid, await MoneyAsync(ctx, ctx.Balance.Held));
        if (!ctx.Tokens.Any(t => t.Key == PreorderMessageTokens.BalanceDue))
        {
            ctx.Add(PreorderMessageTokens.BalanceDue, await MoneyAsync(ctx, ctx.Balance.Owed));
            ctx.Add(PreorderMessageTokens.HasBalanceDue, ctx.Balance.Owed > 0m);
        }
        ctx.Add(PreorderMessageTokens.LedgerSummary, await LedgerSummaryAsync(ctx, account), true);
    }

    public virtual async Task AddDueAsync(PreorderMessageContext ctx, PreorderSettings settings, decimal owed, DateTime? dueUtc, DateTime nowUtc)
    {
        ctx.Add(PreorderMessageTokens.BalanceDue, await MoneyAsync(ctx, owed));
        ctx.Add(PreorderMessageTokens.HasBalanceDue, owed > 0m);
        ctx.Add(PreorderMessageTokens.DueDate, DateText(ctx, dueUtc) ?? string.Empty);
        ctx.Add(PreorderMessageTokens.HasDueDate, dueUtc.HasValue);
        ctx.Add(PreorderMessageTokens.DaysLeft, dueUtc is DateTime due ? Math.Max(0, (int)Math.Ceiling((due - nowUtc).TotalDays)) : 0);
        ctx.Add(PreorderMessageTokens.BalanceLink, owed > 0m ? await BalanceLinkAsync(ctx, settings, dueUtc, nowUtc) : string.Empty, true);
    }

    /// <summary>
    /// A fresh personal link, valid for the store's <see cref="PreorderSettings.BalanceLinkValidDays"/> (at most
    /// <see cref="BalanceLinkService.MaxValidDays"/>; a later reminder brings a new one) and only while the order has
    /// something to do. Issued per attempt (only its hash is stored, so a retry cannot resend an earlier one);
    /// remembered so it is revoked if this attempt sends nothing, and so the older links are revoked once it is sent.
    /// </summary>
    private async Task<string> BalanceLinkAsync(PreorderMessageContext ctx, PreorderSettings settings, DateTime? dueUtc, DateTime nowUtc)
    {
        // a link is the shopper's key: the store owner's messages (same builders) never carry one
        if (ctx.Key.Kind.Audience != MessageAudience.Customer)
            return string.Empty;
        var days = Math.Clamp(settings.BalanceLinkValidDays, 1, BalanceLinkService.MaxValidDays);
        var token = await _balanceLinkService.IssueAsync(ctx.Order.Id, days);
        ctx.IssuedLinkHashes.Add(BalanceTokenCodec.Hash(token));
        return _balanceLinkService.BuildUrl(ctx.Store.Url, token);
    }

    /// <summary>The order's money in a small HTML table; every value is encoded here (the token is not encoded again).</summary>
    private async Task<string> LedgerSummaryAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        var entries = await _ledgerRepository.Table
            .Where(e => e.OrderId == account.OrderId && e.StatusId == (int)LedgerEntryStatus.Succeeded)
            .OrderBy(e => e.Id).ToListAsync();
        var html = new StringBuilder("<table class=\"preorder-ledger\" cellpadding=\"4\" border=\"1\" style=\"border-collapse:collapse\">");
        html.Append("<tr><th>").Append(Encode(await ResourceAsync(ctx, "Messages.Ledger.Date", "Date")))
            .Append("</th><th>").Append(Encode(await ResourceAsync(ctx, "Messages.Ledger.Kind", "Type")))
            .Append("</th><th>").Append(Encode(await ResourceAsync(ctx, "Messages.Ledger.Amount", "Amount"))).Append("</th></tr>");
        foreach (var entry in entries)
        {
            var outgoing = entry.Kind is LedgerEntryKind.Refund or LedgerEntryKind.Forfeit or LedgerEntryKind.Transfer;
            html.Append("<tr><td>").Append(Encode(DateText(ctx, entry.CreatedOnUtc)))
                .Append("</td><td>").Append(Encode(await ResourceAsync(ctx, "Messages.Ledger." + entry.Kind, entry.Kind.ToString())))
                .Append("</td><td>").Append(outgoing ? "&minus;" : string.Empty).Append(Encode(await MoneyAsync(ctx, entry.Amount))).Append("</td></tr>");
        }
        async Task Total(string resource, string fallback, decimal amount) =>
            html.Append("<tr><td colspan=\"2\"><strong>").Append(Encode(await ResourceAsync(ctx, resource, fallback)))
                .Append("</strong></td><td><strong>").Append(Encode(await MoneyAsync(ctx, amount))).Append("</strong></td></tr>");
        await Total("Messages.Ledger.OrderTotal", "Order total", ctx.Balance.Due);
        await Total("Messages.Ledger.Paid", "Paid", account.PaidAmount);
        if (account.RefundedAmount + account.TransferredAmount > 0m)
            await Total("Messages.Ledger.Refunded", "Refunded", account.RefundedAmount + account.TransferredAmount);
        await Total("Messages.Ledger.Outstanding", "Still due", ctx.Balance.Owed);
        return html.Append("</table>").ToString();
    }

    public virtual async Task<PreorderInstallment> InstallmentAsync(PreorderMessageContext ctx)
    {
        var sequence = ctx.Key.InstallmentSequence;
        var installment = await _installmentRepository.Table.Where(i => i.OrderId == ctx.Order.Id && i.Sequence == sequence).FirstOrDefaultAsync();
        if (installment == null || installment.PaidAmount >= installment.Amount)
        {
            Skip(ctx, "installment paid or gone");
            return null;
        }
        return installment;
    }

    public virtual async Task<List<PreorderLine>> LinesAsync(int orderId) =>
        await _lineRepository.Table.Where(l => l.OrderId == orderId).OrderBy(l => l.Id).ToListAsync();

    public virtual async Task<List<PreorderLine>> OpenLinesAsync(int orderId) =>
        (await LinesAsync(orderId)).Where(l => l.State is not (PreorderLineState.Cancelled or PreorderLineState.Expired)).ToList();

    public virtual async Task<string> ProductNameAsync(PreorderMessageContext ctx, int productId)
    {
        var product = await _productService.GetProductByIdAsync(productId);
        return product == null ? $"#{productId}" : await _localizationService.GetLocalizedAsync(product, p => p.Name, ctx.LanguageId);
    }

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

    public static string StoreUrl(PreorderMessageContext ctx, string path) => $"{(ctx.Store.Url ?? string.Empty).TrimEnd('/')}/{path}";

    public static string Encode(string text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static PreorderMessageContext Skip(PreorderMessageContext ctx, string reason)
    {
        ctx.SkipReason = reason;
        return ctx;
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

    private async Task<Store> StoreAsync(int storeId) =>
        (storeId > 0 ? await _storeService.GetStoreByIdAsync(storeId) : null) ?? (await _storeService.GetAllStoresAsync())?.FirstOrDefault();

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

    #endregion
}
