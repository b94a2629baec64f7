using System.Text;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The store owner's daily digest (<see cref="PreorderMessageKinds.StoreDailyDigest"/>): what needs attention and what
/// happened in the last 24 hours, as an HTML token. Nothing to report: nothing sent.
/// </summary>
public class DailyDigestMessageTokens : IPreorderKindTokens
{
    private readonly IRepository<PreorderAccount> _accountRepository;
    private readonly IRepository<PreorderCapCounter> _counterRepository;
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderMessageLog> _messageLogRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly IRepository<PreorderWebhookDelivery> _webhookRepository;
    private readonly Dictionary<string, Func<PreorderMessageContext, PreorderAccount, PreorderSettings, DateTime, PreorderMessageTokenBuilder, Task>> _kinds;

    public DailyDigestMessageTokens(IRepository<PreorderAccount> accountRepository, IRepository<PreorderCapCounter> counterRepository, IRepository<PreorderLedgerEntry> ledgerRepository, IRepository<PreorderLine> lineRepository, IRepository<PreorderMessageLog> messageLogRepository, IRepository<PreorderProfile> profileRepository, IRepository<PreorderWebhookDelivery> webhookRepository)
    {
        _accountRepository = accountRepository;
        _counterRepository = counterRepository;
        _ledgerRepository = ledgerRepository;
        _lineRepository = lineRepository;
        _messageLogRepository = messageLogRepository;
        _profileRepository = profileRepository;
        _webhookRepository = webhookRepository;
        _kinds = new()
        {
            [PreorderMessageKinds.StoreDailyDigest.Code] = DigestAsync,
        };
    }

    public virtual bool Handles(string kindCode) => _kinds.ContainsKey(kindCode);

    public virtual Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder) =>
        _kinds[ctx.Key.Kind.Code](ctx, account, settings, nowUtc, builder);

    /// <summary>What needs the store owner's attention, and what happened in the last 24 hours. Nothing to report: nothing sent.</summary>
    protected virtual async Task DigestAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var storeId = ctx.Store.Id;
        var since = nowUtc.AddDays(-1);
        var expiringBefore = nowUtc.AddDays(1 - Math.Max(0, settings.GracePeriodDays));
        var lines = _lineRepository.Table.Where(l => l.StoreId == storeId || l.StoreId == 0);
        var entries = from e in _ledgerRepository.Table
                      join a in _accountRepository.Table on e.OrderId equals a.OrderId
                      where a.StoreId == storeId || a.StoreId == 0
                      select e;

        var overdue = await lines.Where(l => l.StateId == (int)PreorderLineState.Overdue).OrderBy(l => l.BalanceDueOnUtc).Take(PreorderMessageTokenBuilder.DigestListLimit + 1).ToListAsync();
        var overdueCount = lines.Count(l => l.StateId == (int)PreorderLineState.Overdue);
        var expiringCount = lines.Count(l => l.StateId == (int)PreorderLineState.Overdue && l.BalanceDueOnUtc < expiringBefore);
        var placed = await lines.Where(l => l.PlacedOnUtc >= since).Select(l => l.Quantity).ToListAsync();
        var expiredCount = lines.Count(l => l.StateId == (int)PreorderLineState.Expired && l.ClosedOnUtc >= since);
        var payments = await entries.Where(e => e.StatusId == (int)LedgerEntryStatus.Succeeded && e.CreatedOnUtc >= since
                && (e.KindId == (int)LedgerEntryKind.Deposit || e.KindId == (int)LedgerEntryKind.Balance || e.KindId == (int)LedgerEntryKind.Installment || e.KindId == (int)LedgerEntryKind.Extra))
            .Select(e => e.Amount).ToListAsync();
        var offlineRefunds = await entries.Where(e => e.KindId == (int)LedgerEntryKind.Refund && e.StatusId == (int)LedgerEntryStatus.Succeeded
                && e.Method == PreorderDefaults.OfflineMethod && e.CreatedOnUtc >= since)
            .OrderBy(e => e.Id).Take(PreorderMessageTokenBuilder.DigestListLimit + 1).ToListAsync();
        var failedCharges = entries.Count(e => e.StatusId == (int)LedgerEntryStatus.Failed && e.CreatedOnUtc >= since);
        var stale = nowUtc.AddMinutes(-15);
        var pendingCharges = entries.Count(e => e.StatusId == (int)LedgerEntryStatus.Pending && e.CreatedOnUtc < stale);
        var failedEmails = _messageLogRepository.Table.Count(m => m.StatusId == (int)DeliveryStatus.Failed);
        var failedWebhooks = _webhookRepository.Table.Count(w => w.StatusId != (int)DeliveryStatus.Sent && w.Attempts >= 3);
        var soldOut = await (from c in _counterRepository.Table
                             join p in _profileRepository.Table on c.ProductId equals p.ProductId
                             where c.CombinationId == 0 && c.Cap != null && c.Sold >= c.Cap && p.Enabled && p.ReleasedOnUtc == null
                             select c.ProductId).Take(PreorderMessageTokenBuilder.DigestListLimit + 1).ToListAsync();

        var html = new StringBuilder();
        if (overdueCount > 0)
        {
            var items = new List<string>();
            foreach (var line in overdue.Take(PreorderMessageTokenBuilder.DigestListLimit))
                items.Add(string.Format(await builder.ResourceAsync(ctx, "Messages.Digest.OverdueItem", "Order {0}: {1}, due {2}"),
                    line.OrderId, await builder.ProductNameAsync(ctx, line.ProductId), builder.DateText(ctx, line.BalanceDueOnUtc)));
            await SectionAsync(ctx, builder, html, "Messages.Digest.Overdue", "Balances overdue: {0}", overdueCount, items);
        }
        if (expiringCount > 0)
            await SectionAsync(ctx, builder, html, "Messages.Digest.Expiring", "Reservations expiring within 24 hours: {0}", expiringCount);
        if (offlineRefunds.Count > 0)
        {
            var items = new List<string>();
            foreach (var refund in offlineRefunds.Take(PreorderMessageTokenBuilder.DigestListLimit))
                items.Add(string.Format(await builder.ResourceAsync(ctx, "Messages.Digest.RefundItem", "Order {0}: {1}"), refund.OrderId, await builder.MoneyAsync(ctx, refund.Amount)));
            await SectionAsync(ctx, builder, html, "Messages.Digest.OfflineRefunds", "Refunds to pay back offline: {0}", offlineRefunds.Count, items);
        }
        if (failedCharges > 0)
            await SectionAsync(ctx, builder, html, "Messages.Digest.FailedCharges", "Failed automatic charges: {0}", failedCharges);
        if (pendingCharges > 0)
            await SectionAsync(ctx, builder, html, "Messages.Digest.PendingCharges", "Charge attempts without an outcome (check the payment gateway): {0}", pendingCharges);
        if (soldOut.Count > 0)
        {
            var items = new List<string>();
            foreach (var productId in soldOut.Take(PreorderMessageTokenBuilder.DigestListLimit))
                items.Add(await builder.ProductNameAsync(ctx, productId));
            await SectionAsync(ctx, builder, html, "Messages.Digest.SoldOut", "Products whose pre-order cap is reached: {0}", soldOut.Count, items);
        }
        if (failedEmails + failedWebhooks > 0)
            html.Append("<p>").Append(PreorderMessageTokenBuilder.Encode(string.Format(await builder.ResourceAsync(ctx, "Messages.Digest.FailedNotifications",
                "Notifications not delivered yet: e-mails {0}, webhooks {1}"), failedEmails, failedWebhooks))).Append("</p>");
        if (placed.Count > 0)
            html.Append("<p>").Append(PreorderMessageTokenBuilder.Encode(string.Format(await builder.ResourceAsync(ctx, "Messages.Digest.NewPreorders",
                "New pre-orders in the last 24 hours: {0} ({1} units)"), placed.Count, placed.Sum()))).Append("</p>");
        if (payments.Count > 0)
            html.Append("<p>").Append(PreorderMessageTokenBuilder.Encode(string.Format(await builder.ResourceAsync(ctx, "Messages.Digest.Payments",
                "Payments received in the last 24 hours: {0}, {1} in total"), payments.Count, await builder.MoneyAsync(ctx, payments.Sum())))).Append("</p>");
        if (expiredCount > 0)
            html.Append("<p>").Append(PreorderMessageTokenBuilder.Encode(string.Format(await builder.ResourceAsync(ctx, "Messages.Digest.Expired",
                "Reservations expired in the last 24 hours: {0}"), expiredCount))).Append("</p>");

        if (html.Length == 0)
        {
            ctx.SkipReason = "nothing to report";
            return;
        }
        ctx.Add(PreorderMessageTokens.Digest, html.ToString(), true);
        ctx.Add(PreorderMessageTokens.AdminOrderLink, PreorderMessageTokenBuilder.StoreUrl(ctx, "Admin/Preorders/List"), true);
    }

    private static async Task SectionAsync(PreorderMessageContext ctx, PreorderMessageTokenBuilder builder, StringBuilder html, string resource, string fallback, int count, IList<string> items = null)
    {
        html.Append("<h3>").Append(PreorderMessageTokenBuilder.Encode(string.Format(await builder.ResourceAsync(ctx, resource, fallback), count))).Append("</h3>");
        if (items == null || items.Count == 0)
            return;
        html.Append("<ul>");
        foreach (var item in items)
            html.Append("<li>").Append(PreorderMessageTokenBuilder.Encode(item)).Append("</li>");
        if (count > items.Count)
            html.Append("<li>").Append(PreorderMessageTokenBuilder.Encode(string.Format(await builder.ResourceAsync(ctx, "Messages.Digest.More", "and {0} more"), count - items.Count))).Append("</li>");
        html.Append("</ul>");
    }
}
