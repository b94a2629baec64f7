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
/// rebuilt the same way and always shows the latest amounts and dates.
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
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderAuditEntry> _auditRepository;
    private readonly IRepository<PreorderBalanceToken> _tokenRepository;
    private readonly IRepository<PreorderCapCounter> _counterRepository;
    private readonly IRepository<PreorderInstallment> _installmentRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderMessageLog> _messageLogRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly IRepository<PreorderShipDateChange> _shipDateChangeRepository;
    private readonly IRepository<PreorderWebhookDelivery> _webhookRepository;
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
        IRepository<PreorderAccount> accountRepository,
        IRepository<PreorderAuditEntry> auditRepository,
        IRepository<PreorderBalanceToken> tokenRepository,
        IRepository<PreorderCapCounter> counterRepository,
        IRepository<PreorderInstallment> installmentRepository,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderMessageLog> messageLogRepository,
        IRepository<PreorderProfile> profileRepository,
        IRepository<PreorderShipDateChange> shipDateChangeRepository,
        IRepository<PreorderWebhookDelivery> webhookRepository,
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
        _accountRepository = accountRepository;
        _auditRepository = auditRepository;
        _tokenRepository = tokenRepository;
        _counterRepository = counterRepository;
        _installmentRepository = installmentRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _messageLogRepository = messageLogRepository;
        _profileRepository = profileRepository;
        _shipDateChangeRepository = shipDateChangeRepository;
        _webhookRepository = webhookRepository;
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
        var orderId = key.OrderId;
        // a key to a customer (campaign updates): its kind picks the order the message is built from
        if (orderId == 0 && key.CustomerId > 0 && _kindTokens.FirstOrDefault(t => t.Handles(key.Kind.Code)) is { } customerKind)
            orderId = await customerKind.OrderIdAsync(key);
        if (orderId > 0)
        {
            ctx.Order = await _orderService.GetOrderByIdAsync(orderId);
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
        if (code == PreorderMessageKinds.Confirmed.Code || code == PreorderMessageKinds.StoreNewPreorder.Code)
            await OrderPlacedAsync(ctx, account);
        else if (code == PreorderMessageKinds.DepositReceived.Code || code == PreorderMessageKinds.PaymentReceived.Code || code == PreorderMessageKinds.StoreDepositConfirmed.Code)
            await PaymentAsync(ctx, account);
        else if (code == PreorderMessageKinds.ShipDateChanged.Code)
            await ShipDateChangedAsync(ctx, account, settings, nowUtc);
        else if (code == PreorderMessageKinds.StockArrived.Code)
            await StockArrivedAsync(ctx, account, settings, nowUtc);
        else if (code == PreorderMessageKinds.BalanceReminder.Code)
            await ReminderAsync(ctx, account, settings, nowUtc);
        else if (code == PreorderMessageKinds.UpcomingCharge.Code)
            await UpcomingChargeAsync(ctx, account);
        else if (code == PreorderMessageKinds.ChargeFailed.Code)
            await ChargeFailedAsync(ctx, account, settings, nowUtc);
        else if (code == PreorderMessageKinds.ReservationExpiring.Code || code == PreorderMessageKinds.StoreBalanceOverdue.Code)
            await ExpiringAsync(ctx, account, settings, nowUtc);
        else if (code == PreorderMessageKinds.ReservationExpired.Code || code == PreorderMessageKinds.Cancelled.Code || code == PreorderMessageKinds.StoreReservationExpired.Code
            || code == PreorderMessageKinds.CancelledThroughLink.Code)
            await ClosedAsync(ctx, account);
        else if (code == PreorderMessageKinds.ThankYou.Code)
            await ThankYouAsync(ctx);
        else if (code == PreorderMessageKinds.StoreCapReached.Code)
            await CapReachedAsync(ctx);
        else if (code == PreorderMessageKinds.StoreDailyDigest.Code)
            await DigestAsync(ctx, settings, nowUtc);
        else if (code == PreorderMessageKinds.MerchantMessage.Code)
            await MerchantMessageAsync(ctx, account);
        else if (code == PreorderMessageKinds.BalanceLink.Code)
            await BalanceLinkResentAsync(ctx, account, settings, nowUtc);
        else if (code == PreorderMessageKinds.ExtensionGranted.Code)
            await ExtensionGrantedAsync(ctx, account, settings, nowUtc);
        else if (code == PreorderMessageKinds.RefundMade.Code)
            await RefundMadeAsync(ctx, account);
        else if (code == PreorderMessageKinds.LineShipped.Code)
            await LineShippedAsync(ctx, account);
        else if (code == PreorderMessageKinds.StoreCapNearlyReached.Code)
            await CapReachedAsync(ctx);
        else if (code == PreorderMessageKinds.StoreWindowClosing.Code)
            await WindowClosingAsync(ctx);
        else if (_kindTokens.FirstOrDefault(t => t.Handles(code)) is { } kindTokens)
            await kindTokens.FillAsync(ctx, account, settings, nowUtc, this);
        return ctx;
    }

    #region Kinds

    protected virtual async Task OrderPlacedAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        var lines = await OpenLinesAsync(ctx.Order.Id);
        if (lines.Count == 0)
        {
            Skip(ctx, "no pre-order lines");
            return;
        }
        await AddProductsAsync(ctx, lines);
        ctx.Add(PreorderMessageTokens.Quantity, lines.Sum(l => l.Quantity));
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task PaymentAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        var entry = await _ledgerRepository.GetByIdAsync(ctx.Key.EntryId);
        if (entry == null || entry.OrderId != ctx.Order.Id || entry.Status != LedgerEntryStatus.Succeeded)
        {
            Skip(ctx, "payment not found");
            return;
        }
        ctx.Add(PreorderMessageTokens.PaymentAmount, await MoneyAsync(ctx, entry.Amount));
        await AddProductsAsync(ctx, await LinesAsync(ctx.Order.Id));
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task ShipDateChangedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc)
    {
        var change = await _shipDateChangeRepository.GetByIdAsync(ctx.Key.ChangeId);
        if (change == null)
        {
            Skip(ctx, "ship date change not found");
            return;
        }
        var lines = (await OpenLinesAsync(ctx.Order.Id)).Where(l => l.ProductId == change.ProductId && l.State != PreorderLineState.Shipped).ToList();
        if (lines.Count == 0)
        {
            Skip(ctx, "no open pre-order of this product");
            return;
        }
        await AddProductsAsync(ctx, lines);
        ctx.Add(PreorderMessageTokens.OldShipDate, DateText(ctx, change.OldDateUtc) ?? await ResourceAsync(ctx, "Messages.ShipDate.Unknown", "to be announced"));
        ctx.Add(PreorderMessageTokens.NewShipDate, DateText(ctx, change.NewDateUtc) ?? await ResourceAsync(ctx, "Messages.ShipDate.Unknown", "to be announced"));
        ctx.Add(PreorderMessageTokens.DelayReason, change.Reason ?? string.Empty);

        // the one-click cancellation is offered only where it costs the shopper nothing
        var cancellable = lines.Where(l => l.State is PreorderLineState.Waiting or PreorderLineState.BalanceDue or PreorderLineState.Overdue).ToList();
        var free = cancellable.Count > 0 && cancellable.All(l =>
            RefundPolicy.TermsFor(l, settings, nowUtc, penaltyFreeOffered: change.PenaltyFreeCancel) == CancellationTerms.Refundable);
        ctx.Add(PreorderMessageTokens.CanCancelFree, free);
        ctx.Add(PreorderMessageTokens.CancelLink, free ? await BalanceLinkAsync(ctx, settings, null, nowUtc) : string.Empty, true);
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task StockArrivedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc)
    {
        var line = ctx.Line;
        if (line == null || !PreorderLineStateMachine.IsAllocated(line.State))
        {
            Skip(ctx, "line not allocated");
            return;
        }
        await AddProductsAsync(ctx, new[] { line });
        var owed = ctx.Balance.LineOwed(line.Id);
        await AddDueAsync(ctx, settings, owed, line.BalanceDueOnUtc, nowUtc);
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task ReminderAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc)
    {
        decimal owed;
        DateTime? due;
        if (ctx.Line != null)
        {
            if (ctx.Line.State != PreorderLineState.BalanceDue)
            {
                Skip(ctx, "balance no longer due");
                return;
            }
            owed = ctx.Balance.LineOwed(ctx.Line.Id);
            due = ctx.Line.BalanceDueOnUtc;
            await AddProductsAsync(ctx, new[] { ctx.Line });
        }
        else
        {
            var installment = await InstallmentAsync(ctx);
            if (installment == null)
                return;
            owed = Math.Min(installment.Amount - installment.PaidAmount, ctx.Balance.Owed);
            due = installment.DueOnUtc;
            await AddProductsAsync(ctx, await OpenLinesAsync(ctx.Order.Id));
        }
        if (owed <= 0m)
        {
            Skip(ctx, "nothing owed any more");
            return;
        }
        await AddDueAsync(ctx, settings, owed, due, nowUtc);
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task UpcomingChargeAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        var installment = await InstallmentAsync(ctx);
        if (installment == null)
            return;
        var amount = Math.Min(installment.Amount - installment.PaidAmount, ctx.Balance.Owed);
        if (amount <= 0m)
        {
            Skip(ctx, "nothing owed any more");
            return;
        }
        await AddProductsAsync(ctx, await OpenLinesAsync(ctx.Order.Id));
        ctx.Add(PreorderMessageTokens.PaymentAmount, await MoneyAsync(ctx, amount));
        ctx.Add(PreorderMessageTokens.ChargeDate, DateText(ctx, installment.DueOnUtc) ?? string.Empty);
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task ChargeFailedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc)
    {
        var entry = await _ledgerRepository.GetByIdAsync(ctx.Key.EntryId);
        if (entry == null || entry.OrderId != ctx.Order.Id || entry.Status != LedgerEntryStatus.Failed)
        {
            Skip(ctx, "failed charge not found");
            return;
        }
        await AddProductsAsync(ctx, await OpenLinesAsync(ctx.Order.Id));
        ctx.Add(PreorderMessageTokens.PaymentAmount, await MoneyAsync(ctx, entry.Amount));
        ctx.Add(PreorderMessageTokens.ChargeError, entry.Note ?? string.Empty);
        await AddDueAsync(ctx, settings, ctx.Balance.Owed, account.NextDueOnUtc, nowUtc);
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task ExpiringAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc)
    {
        var line = ctx.Line;
        if (line?.State != PreorderLineState.Overdue)
        {
            Skip(ctx, "line not overdue");
            return;
        }
        await AddProductsAsync(ctx, new[] { line });
        var owed = ctx.Balance.LineOwed(line.Id);
        await AddDueAsync(ctx, settings, owed, line.BalanceDueOnUtc, nowUtc);
        ctx.Add(PreorderMessageTokens.ExpiresOn, DateText(ctx, line.BalanceDueOnUtc?.AddDays(Math.Max(0, settings.GracePeriodDays))) ?? string.Empty);
        await AddAccountAsync(ctx, account);
    }

    /// <summary>Cancelled or expired: the tokens say what happened to the money held for the line, from the ledger.</summary>
    protected virtual async Task ClosedAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        var line = ctx.Line;
        if (line == null || line.State is not (PreorderLineState.Cancelled or PreorderLineState.Expired))
        {
            Skip(ctx, "line not closed");
            return;
        }
        await AddProductsAsync(ctx, new[] { line });
        ctx.Add(PreorderMessageTokens.CancelReason, line.CloseReason ?? string.Empty);
        var chosen = await CancellationReasonTextAsync(ctx, line);
        ctx.Add(PreorderMessageTokens.CancellationReason, chosen);
        ctx.Add(PreorderMessageTokens.HasCancellationReason, chosen.Length > 0);

        var entries = await _ledgerRepository.Table
            .Where(e => e.OrderId == line.OrderId && e.PreorderLineId == line.Id && e.StatusId == (int)LedgerEntryStatus.Succeeded)
            .ToListAsync();
        decimal Sum(LedgerEntryKind kind) => entries.Where(e => e.Kind == kind).Sum(e => e.Amount);
        var refunded = Sum(LedgerEntryKind.Refund);
        var forfeited = Sum(LedgerEntryKind.Forfeit);
        var transferred = Sum(LedgerEntryKind.Transfer);
        var giftCard = entries.Where(e => e.Kind == LedgerEntryKind.Transfer).Select(e => e.Reference).FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? string.Empty;

        var sentences = new List<string>();
        if (refunded > 0m)
            sentences.Add(string.Format(await ResourceAsync(ctx, "Messages.Settlement.Refunded", "{0} has been refunded to you."), await MoneyAsync(ctx, refunded)));
        if (forfeited > 0m)
            sentences.Add(string.Format(await ResourceAsync(ctx, "Messages.Settlement.Forfeited", "{0} of the deposit was kept as agreed compensation."), await MoneyAsync(ctx, forfeited)));
        if (transferred > 0m)
            sentences.Add(string.Format(await ResourceAsync(ctx, "Messages.Settlement.Transferred", "{0} has been moved to gift card {1}."), await MoneyAsync(ctx, transferred), giftCard));
        if (sentences.Count == 0)
            sentences.Add(await ResourceAsync(ctx, "Messages.Settlement.Nothing", "No payment was held for this pre-order."));

        ctx.Add(PreorderMessageTokens.Settlement, string.Join(" ", sentences));
        ctx.Add(PreorderMessageTokens.RefundedAmount, await MoneyAsync(ctx, refunded));
        ctx.Add(PreorderMessageTokens.ForfeitedAmount, await MoneyAsync(ctx, forfeited));
        ctx.Add(PreorderMessageTokens.GiftCardAmount, await MoneyAsync(ctx, transferred));
        ctx.Add(PreorderMessageTokens.GiftCardCode, giftCard);
        ctx.Add(PreorderMessageTokens.IsRefunded, refunded > 0m);
        ctx.Add(PreorderMessageTokens.IsForfeited, forfeited > 0m);
        ctx.Add(PreorderMessageTokens.IsTransferred, transferred > 0m);
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task ThankYouAsync(PreorderMessageContext ctx)
    {
        var lines = (await LinesAsync(ctx.Order.Id)).Where(l => l.State is not (PreorderLineState.Cancelled or PreorderLineState.Expired)).ToList();
        if (lines.Count == 0)
        {
            Skip(ctx, "no delivered pre-order");
            return;
        }
        await AddProductsAsync(ctx, lines);
        ctx.Add(PreorderMessageTokens.ReviewLink, StoreUrl(ctx, $"productreviews/{lines[0].ProductId}"), true);
    }

    protected virtual async Task CapReachedAsync(PreorderMessageContext ctx)
    {
        var productId = ctx.Key.ProductId;
        var product = await _productService.GetProductByIdAsync(productId);
        var counter = await _counterRepository.Table.Where(c => c.ProductId == productId && c.CombinationId == 0).FirstOrDefaultAsync();
        if (product == null || counter == null)
        {
            Skip(ctx, "product not found");
            return;
        }
        ctx.Add(PreorderMessageTokens.Product, await _localizationService.GetLocalizedAsync(product, p => p.Name, ctx.LanguageId));
        ctx.Add(PreorderMessageTokens.Cap, counter.Cap?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        ctx.Add(PreorderMessageTokens.UnitsSold, counter.Sold);
        ctx.Add(PreorderMessageTokens.UnitsLeft, counter.Cap is int cap ? Math.Max(0, cap - counter.Sold) : 0);
        ctx.Add(PreorderMessageTokens.AdminProductLink, StoreUrl(ctx, $"Admin/Product/Edit/{productId}"), true);
    }

    /// <summary>
    /// The merchant's text to the buyers of a product, for one order. The text is read from the request's audit row
    /// (<see cref="MerchantTextAction"/>); a buyer whose pre-order of the product closed meanwhile gets nothing.
    /// </summary>
    protected virtual async Task MerchantMessageAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        var productId = ctx.Key.ProductId;
        var action = MerchantTextAction(ctx.Key.Step ?? string.Empty);
        var text = await _auditRepository.Table.Where(a => a.OrderId == 0 && a.ProductId == productId && a.Action == action)
            .OrderBy(a => a.Id).Select(a => a.Details).FirstOrDefaultAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            Skip(ctx, "message text not found");
            return;
        }
        var lines = (await OpenLinesAsync(ctx.Order.Id)).Where(l => l.ProductId == productId && l.State != PreorderLineState.Shipped).ToList();
        if (lines.Count == 0)
        {
            Skip(ctx, "no open pre-order of this product");
            return;
        }
        await AddProductsAsync(ctx, lines);
        // plain text: nopCommerce's tokenizer HTML-encodes it in the body (never marked never-encoded)
        ctx.Add(PreorderMessageTokens.MerchantMessage, text);
        await AddAccountAsync(ctx, account);
    }

    /// <summary>The merchant resent the balance link: a new link for what the order still owes (the older links were revoked by the request).</summary>
    protected virtual async Task BalanceLinkResentAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc)
    {
        if (ctx.Balance.Owed <= 0m)
        {
            Skip(ctx, "nothing owed any more");
            return;
        }
        await AddProductsAsync(ctx, await OpenLinesAsync(ctx.Order.Id));
        await AddDueAsync(ctx, settings, ctx.Balance.Owed, account.NextDueOnUtc, nowUtc);
        await AddAccountAsync(ctx, account);
    }

    /// <summary>More time to pay: the line's current due date and what it owes (a later extension's message shows the latest date).</summary>
    protected virtual async Task ExtensionGrantedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc)
    {
        var line = ctx.Line;
        if (line == null || line.State is not (PreorderLineState.BalanceDue or PreorderLineState.Overdue) || line.BalanceDueOnUtc == null)
        {
            Skip(ctx, "balance no longer due");
            return;
        }
        await AddProductsAsync(ctx, new[] { line });
        await AddDueAsync(ctx, settings, ctx.Balance.LineOwed(line.Id), line.BalanceDueOnUtc, nowUtc);
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task RefundMadeAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        var entry = await _ledgerRepository.GetByIdAsync(ctx.Key.EntryId);
        if (entry == null || entry.OrderId != ctx.Order.Id || entry.Kind != LedgerEntryKind.Refund || entry.Status != LedgerEntryStatus.Succeeded)
        {
            Skip(ctx, "refund not found");
            return;
        }
        var lines = await OpenLinesAsync(ctx.Order.Id);
        await AddProductsAsync(ctx, entry.PreorderLineId is int lineId && lines.Any(l => l.Id == lineId) ? lines.Where(l => l.Id == lineId) : lines);
        ctx.Add(PreorderMessageTokens.RefundedAmount, await MoneyAsync(ctx, entry.Amount));
        ctx.Add(PreorderMessageTokens.PaymentAmount, await MoneyAsync(ctx, entry.Amount));
        await AddAccountAsync(ctx, account);
    }

    protected virtual async Task LineShippedAsync(PreorderMessageContext ctx, PreorderAccount account)
    {
        if (ctx.Line?.State != PreorderLineState.Shipped)
        {
            Skip(ctx, "line not shipped");
            return;
        }
        await AddProductsAsync(ctx, new[] { ctx.Line });
        await AddAccountAsync(ctx, account);
    }

    /// <summary>The product's window closes soon (the store owner's notice); nothing when the window moved or the product was released since.</summary>
    protected virtual async Task WindowClosingAsync(PreorderMessageContext ctx)
    {
        var productId = ctx.Key.ProductId;
        var profile = await _profileRepository.Table.Where(p => p.ProductId == productId).FirstOrDefaultAsync();
        if (profile is not { Enabled: true, ReleasedOnUtc: null } || profile.WindowEndUtc is not DateTime end
            || ctx.Key.StepText("w") != StoreAlertService.WindowStep(end))
        {
            Skip(ctx, "window changed or closed");
            return;
        }
        await CapReachedAsync(ctx);
        ctx.Add(PreorderMessageTokens.WindowEnd, DateText(ctx, end) ?? string.Empty);
    }

    #endregion

    #region Digest

    /// <summary>What needs the store owner's attention, and what happened in the last 24 hours. Nothing to report: nothing sent.</summary>
    protected virtual async Task DigestAsync(PreorderMessageContext ctx, PreorderSettings settings, DateTime nowUtc)
    {
        var storeId = ctx.Store.Id;
        var since = nowUtc.AddDays(-1);
        var expiringBefore = nowUtc.AddDays(1 - Math.Max(0, settings.GracePeriodDays));
        var lines = _lineRepository.Table.Where(l => l.StoreId == storeId || l.StoreId == 0);
        var entries = from e in _ledgerRepository.Table
                      join a in _accountRepository.Table on e.OrderId equals a.OrderId
                      where a.StoreId == storeId || a.StoreId == 0
                      select e;

        var overdue = await lines.Where(l => l.StateId == (int)PreorderLineState.Overdue).OrderBy(l => l.BalanceDueOnUtc).Take(DigestListLimit + 1).ToListAsync();
        var overdueCount = lines.Count(l => l.StateId == (int)PreorderLineState.Overdue);
        var expiringCount = lines.Count(l => l.StateId == (int)PreorderLineState.Overdue && l.BalanceDueOnUtc < expiringBefore);
        var placed = await lines.Where(l => l.PlacedOnUtc >= since).Select(l => l.Quantity).ToListAsync();
        var expiredCount = lines.Count(l => l.StateId == (int)PreorderLineState.Expired && l.ClosedOnUtc >= since);
        var payments = await entries.Where(e => e.StatusId == (int)LedgerEntryStatus.Succeeded && e.CreatedOnUtc >= since
                && (e.KindId == (int)LedgerEntryKind.Deposit || e.KindId == (int)LedgerEntryKind.Balance || e.KindId == (int)LedgerEntryKind.Installment || e.KindId == (int)LedgerEntryKind.Extra))
            .Select(e => e.Amount).ToListAsync();
        var offlineRefunds = await entries.Where(e => e.KindId == (int)LedgerEntryKind.Refund && e.StatusId == (int)LedgerEntryStatus.Succeeded
                && e.Method == PreorderDefaults.OfflineMethod && e.CreatedOnUtc >= since)
            .OrderBy(e => e.Id).Take(DigestListLimit + 1).ToListAsync();
        var failedCharges = entries.Count(e => e.StatusId == (int)LedgerEntryStatus.Failed && e.CreatedOnUtc >= since);
        var stale = nowUtc.AddMinutes(-15);
        var pendingCharges = entries.Count(e => e.StatusId == (int)LedgerEntryStatus.Pending && e.CreatedOnUtc < stale);
        var failedEmails = _messageLogRepository.Table.Count(m => m.StatusId == (int)DeliveryStatus.Failed);
        var failedWebhooks = _webhookRepository.Table.Count(w => w.StatusId != (int)DeliveryStatus.Sent && w.Attempts >= 3);
        var soldOut = await (from c in _counterRepository.Table
                             join p in _profileRepository.Table on c.ProductId equals p.ProductId
                             where c.CombinationId == 0 && c.Cap != null && c.Sold >= c.Cap && p.Enabled && p.ReleasedOnUtc == null
                             select c.ProductId).Take(DigestListLimit + 1).ToListAsync();

        var html = new StringBuilder();
        if (overdueCount > 0)
        {
            var items = new List<string>();
            foreach (var line in overdue.Take(DigestListLimit))
                items.Add(string.Format(await ResourceAsync(ctx, "Messages.Digest.OverdueItem", "Order {0}: {1}, due {2}"),
                    line.OrderId, await ProductNameAsync(ctx, line.ProductId), DateText(ctx, line.BalanceDueOnUtc)));
            await SectionAsync(ctx, html, "Messages.Digest.Overdue", "Balances overdue: {0}", overdueCount, items);
        }
        if (expiringCount > 0)
            await SectionAsync(ctx, html, "Messages.Digest.Expiring", "Reservations expiring within 24 hours: {0}", expiringCount);
        if (offlineRefunds.Count > 0)
        {
            var items = new List<string>();
            foreach (var refund in offlineRefunds.Take(DigestListLimit))
                items.Add(string.Format(await ResourceAsync(ctx, "Messages.Digest.RefundItem", "Order {0}: {1}"), refund.OrderId, await MoneyAsync(ctx, refund.Amount)));
            await SectionAsync(ctx, html, "Messages.Digest.OfflineRefunds", "Refunds to pay back offline: {0}", offlineRefunds.Count, items);
        }
        if (failedCharges > 0)
            await SectionAsync(ctx, html, "Messages.Digest.FailedCharges", "Failed automatic charges: {0}", failedCharges);
        if (pendingCharges > 0)
            await SectionAsync(ctx, html, "Messages.Digest.PendingCharges", "Charge attempts without an outcome (check the payment gateway): {0}", pendingCharges);
        if (soldOut.Count > 0)
        {
            var items = new List<string>();
            foreach (var productId in soldOut.Take(DigestListLimit))
                items.Add(await ProductNameAsync(ctx, productId));
            await SectionAsync(ctx, html, "Messages.Digest.SoldOut", "Products whose pre-order cap is reached: {0}", soldOut.Count, items);
        }
        if (failedEmails + failedWebhooks > 0)
            html.Append("<p>").Append(Encode(string.Format(await ResourceAsync(ctx, "Messages.Digest.FailedNotifications",
                "Notifications not delivered yet: e-mails {0}, webhooks {1}"), failedEmails, failedWebhooks))).Append("</p>");
        if (placed.Count > 0)
            html.Append("<p>").Append(Encode(string.Format(await ResourceAsync(ctx, "Messages.Digest.NewPreorders",
                "New pre-orders in the last 24 hours: {0} ({1} units)"), placed.Count, placed.Sum()))).Append("</p>");
        if (payments.Count > 0)
            html.Append("<p>").Append(Encode(string.Format(await ResourceAsync(ctx, "Messages.Digest.Payments",
                "Payments received in the last 24 hours: {0}, {1} in total"), payments.Count, await MoneyAsync(ctx, payments.Sum())))).Append("</p>");
        if (expiredCount > 0)
            html.Append("<p>").Append(Encode(string.Format(await ResourceAsync(ctx, "Messages.Digest.Expired",
                "Reservations expired in the last 24 hours: {0}"), expiredCount))).Append("</p>");

        if (html.Length == 0)
        {
            Skip(ctx, "nothing to report");
            return;
        }
        ctx.Add(PreorderMessageTokens.Digest, html.ToString(), true);
        ctx.Add(PreorderMessageTokens.AdminOrderLink, StoreUrl(ctx, "Admin/Preorders/List"), true);
    }

    private async Task SectionAsync(PreorderMessageContext ctx, StringBuilder html, string resource, string fallback, int count, IList<string> items = null)
    {
        html.Append("<h3>").Append(Encode(string.Format(await ResourceAsync(ctx, resource, fallback), count))).Append("</h3>");
        if (items == null || items.Count == 0)
            return;
        html.Append("<ul>");
        foreach (var item in items)
            html.Append("<li>").Append(Encode(item)).Append("</li>");
        if (count > items.Count)
            html.Append("<li>").Append(Encode(string.Format(await ResourceAsync(ctx, "Messages.Digest.More", "and {0} more"), count - items.Count))).Append("</li>");
        html.Append("</ul>");
    }

    #endregion

    #region Shared tokens

    /// <summary>A fresh balance link for the message's order (the shopper's way to the balance page): for the kinds built outside this class.</summary>
    public virtual Task<string> IssueBalanceLinkAsync(PreorderMessageContext ctx, PreorderSettings settings, DateTime nowUtc) => BalanceLinkAsync(ctx, settings, null, nowUtc);

    /// <summary>A line's product, what it owes and by when, and the order's account: for the kinds built outside this class.</summary>
    public virtual async Task AddLineTokensAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, PreorderLine line, DateTime nowUtc)
    {
        await AddProductsAsync(ctx, new[] { line });
        await AddDueAsync(ctx, settings, ctx.Balance.LineOwed(line.Id), line.BalanceDueOnUtc, nowUtc);
        await AddAccountAsync(ctx, account);
    }

    private async Task AddProductsAsync(PreorderMessageContext ctx, IEnumerable<PreorderLine> lines)
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

    private async Task AddAccountAsync(PreorderMessageContext ctx, PreorderAccount account)
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

    private async Task AddDueAsync(PreorderMessageContext ctx, PreorderSettings settings, decimal owed, DateTime? dueUtc, DateTime nowUtc)
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

    private async Task<PreorderInstallment> InstallmentAsync(PreorderMessageContext ctx)
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

    private async Task<List<PreorderLine>> LinesAsync(int orderId) =>
        await _lineRepository.Table.Where(l => l.OrderId == orderId).OrderBy(l => l.Id).ToListAsync();

    private async Task<List<PreorderLine>> OpenLinesAsync(int orderId) =>
        (await LinesAsync(orderId)).Where(l => l.State is not (PreorderLineState.Cancelled or PreorderLineState.Expired)).ToList();

    private async Task<string> ProductNameAsync(PreorderMessageContext ctx, int productId)
    {
        var product = await _productService.GetProductByIdAsync(productId);
        return product == null ? $"#{productId}" : await _localizationService.GetLocalizedAsync(product, p => p.Name, ctx.LanguageId);
    }

    private async Task<string> MoneyAsync(PreorderMessageContext ctx, decimal primaryAmount) =>
        await _priceFormatter.FormatPriceAsync(primaryAmount * ctx.CurrencyRate, true, ctx.CurrencyCode, ctx.LanguageId, true);

    /// <summary>A date in the store's time zone, written the way the message's language writes dates.</summary>
    private string DateText(PreorderMessageContext ctx, DateTime? utc)
    {
        if (utc is not DateTime value)
            return null;
        var zone = _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone).ToString("D", ctx.Culture);
    }

    /// <summary>What <see cref="PreorderMessageTokens.CancellationReason"/> says: the shopper's own reason and comment, or the merchant's note.</summary>
    private async Task<string> CancellationReasonTextAsync(PreorderMessageContext ctx, PreorderLine line)
    {
        if (line.CancelReason == CancellationReason.NotGiven)
            return string.Empty;
        if (!CancellationReasonRules.ShownToShopper(line.CancelReason))
            return line.CancelReasonText ?? string.Empty;
        var key = CancellationReasonRules.ResourceKey(line.CancelReason);
        var english = Infrastructure.PreorderLocaleResources.All.TryGetValue(key, out var texts) ? texts.En : line.CancelReason.ToString();
        var name = await ResourceAsync(ctx, key[P.Length..], english);
        return string.IsNullOrEmpty(line.CancelReasonText) ? name : $"{name}: {line.CancelReasonText}";
    }

    private async Task<string> ResourceAsync(PreorderMessageContext ctx, string key, string english)
    {
        var text = await _localizationService.GetResourceAsync(P + key, ctx.LanguageId, logIfNotFound: false, defaultValue: english, returnEmptyIfNotFound: false);
        return string.IsNullOrEmpty(text) ? english : text;
    }

    private static string StoreUrl(PreorderMessageContext ctx, string path) => $"{(ctx.Store.Url ?? string.Empty).TrimEnd('/')}/{path}";

    private static string Encode(string text) => WebUtility.HtmlEncode(text ?? string.Empty);

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
