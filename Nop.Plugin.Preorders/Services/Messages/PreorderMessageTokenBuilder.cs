using System.Globalization;
using System.Net;
using System.Text;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Stores;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Messages;

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
/// rebuilt the same way and always shows the latest amounts and dates. The shared part (order, store, language, money)
/// is loaded by <see cref="PreorderMessageContextLoader"/>; the kind goes to the <see cref="IPreorderKindTokens"/> that
/// handles it; the tokens several kinds share (products, what is due, the account) are the public helpers below, so
/// every provider writes them alike. Formatting is <see cref="PreorderMessageFormatter"/>'s and balance links are
/// <see cref="PreorderMessageLinks"/>'s; the forwarders keep the providers' one entry point.
/// </summary>
public class PreorderMessageTokenBuilder
{
    /// <summary>Rows listed per section of the daily digest.</summary>
    public const int DigestListLimit = 20;

    /// <summary>Audit action of a link revoked because its e-mail did not go out.</summary>
    public const string UndeliveredLinkRevokedAction = PreorderMessageLinks.UndeliveredLinkRevokedAction;

    private readonly IRepository<PreorderInstallment> _installmentRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly PreorderMessageContextLoader _contextLoader;
    private readonly PreorderMessageFormatter _formatter;
    private readonly PreorderMessageLinks _links;
    private readonly IEnumerable<IPreorderKindTokens> _kindTokens;

    public PreorderMessageTokenBuilder(IRepository<PreorderInstallment> installmentRepository,
        IRepository<PreorderLedgerEntry> ledgerRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderProfile> profileRepository,
        PreorderMessageContextLoader contextLoader,
        PreorderMessageFormatter formatter,
        PreorderMessageLinks links,
        IEnumerable<IPreorderKindTokens> kindTokens)
    {
        _installmentRepository = installmentRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _profileRepository = profileRepository;
        _contextLoader = contextLoader;
        _formatter = formatter;
        _links = links;
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

    /// <summary>See <see cref="PreorderMessageLinks.RevokeUndeliveredAsync"/>.</summary>
    public virtual Task RevokeUndeliveredLinksAsync(PreorderMessageContext ctx, DateTime nowUtc) => _links.RevokeUndeliveredAsync(ctx, nowUtc);

    /// <summary>See <see cref="PreorderMessageLinks.RevokeSupersededAsync"/>.</summary>
    public virtual Task RevokeSupersededLinksAsync(PreorderMessageContext ctx) => _links.RevokeSupersededAsync(ctx);

    /// <summary>The tokens of the message (see <see cref="BuildAsync"/>).</summary>
    protected virtual async Task<PreorderMessageContext> FillAsync(PreorderMessageContext ctx, DateTime nowUtc)
    {
        var key = ctx.Key;
        var orderId = key.OrderId;
        // a key to a customer (campaign updates): its kind picks the order the message is built from
        if (orderId == 0 && key.CustomerId > 0 && _kindTokens.FirstOrDefault(t => t.Handles(key.Kind.Code)) is { } customerKind)
            orderId = await customerKind.OrderIdAsync(key);
        var (settings, account) = await _contextLoader.LoadAsync(ctx, orderId);
        if (ctx.SkipReason != null)
            return ctx;

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
    public virtual Task<string> IssueBalanceLinkAsync(PreorderMessageContext ctx, PreorderSettings settings, DateTime nowUtc) => _links.IssueAsync(ctx, settings);

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
        ctx.Add(PreorderMessageTokens.BalanceLink, owed > 0m ? await _links.IssueAsync(ctx, settings) : string.Empty, true);
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

    public virtual Task<string> ProductNameAsync(PreorderMessageContext ctx, int productId) => _formatter.ProductNameAsync(ctx, productId);

    public virtual Task<string> MoneyAsync(PreorderMessageContext ctx, decimal primaryAmount) => _formatter.MoneyAsync(ctx, primaryAmount);

    /// <summary>A date in the store's time zone, written the way the message's language writes dates.</summary>
    public virtual string DateText(PreorderMessageContext ctx, DateTime? utc) => _formatter.DateText(ctx, utc);

    public virtual Task<string> ResourceAsync(PreorderMessageContext ctx, string key, string english) => _formatter.ResourceAsync(ctx, key, english);

    public static string StoreUrl(PreorderMessageContext ctx, string path) => $"{(ctx.Store.Url ?? string.Empty).TrimEnd('/')}/{path}";

    public static string Encode(string text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static PreorderMessageContext Skip(PreorderMessageContext ctx, string reason)
    {
        ctx.SkipReason = reason;
        return ctx;
    }

    #endregion
}
