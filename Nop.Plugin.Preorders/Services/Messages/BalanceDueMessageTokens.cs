using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// What the shopper owes and by when: stock arrived, the balance reminder, the reservation about to expire (and the store
/// owner's overdue notice), the resent balance link and the extension granted. Each carries a fresh balance link while money is owed.
/// </summary>
public class BalanceDueMessageTokens : IPreorderKindTokens
{
    private readonly Dictionary<string, Func<PreorderMessageContext, PreorderAccount, PreorderSettings, DateTime, PreorderMessageTokenBuilder, Task>> _kinds;

    public BalanceDueMessageTokens()
    {
        _kinds = new()
        {
            [PreorderMessageKinds.StockArrived.Code] = StockArrivedAsync,
            [PreorderMessageKinds.BalanceReminder.Code] = ReminderAsync,
            [PreorderMessageKinds.ReservationExpiring.Code] = ExpiringAsync,
            [PreorderMessageKinds.StoreBalanceOverdue.Code] = ExpiringAsync,
            [PreorderMessageKinds.BalanceLink.Code] = BalanceLinkResentAsync,
            [PreorderMessageKinds.ExtensionGranted.Code] = ExtensionGrantedAsync,
        };
    }

    public virtual bool Handles(string kindCode) => _kinds.ContainsKey(kindCode);

    public virtual Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder) =>
        _kinds[ctx.Key.Kind.Code](ctx, account, settings, nowUtc, builder);

    protected virtual async Task StockArrivedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var line = ctx.Line;
        if (line == null || !PreorderLineStateMachine.IsAllocated(line.State))
        {
            ctx.SkipReason = "line not allocated";
            return;
        }
        await builder.AddProductsAsync(ctx, new[] { line });
        var owed = ctx.Balance.LineOwed(line.Id);
        await builder.AddDueAsync(ctx, settings, owed, line.BalanceDueOnUtc, nowUtc);
        await builder.AddAccountAsync(ctx, account);
    }

    protected virtual async Task ReminderAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        decimal owed;
        DateTime? due;
        if (ctx.Line != null)
        {
            if (ctx.Line.State != PreorderLineState.BalanceDue)
            {
                ctx.SkipReason = "balance no longer due";
                return;
            }
            owed = ctx.Balance.LineOwed(ctx.Line.Id);
            due = ctx.Line.BalanceDueOnUtc;
            await builder.AddProductsAsync(ctx, new[] { ctx.Line });
        }
        else
        {
            var installment = await builder.InstallmentAsync(ctx);
            if (installment == null)
                return;
            owed = Math.Min(installment.Amount - installment.PaidAmount, ctx.Balance.Owed);
            due = installment.DueOnUtc;
            await builder.AddProductsAsync(ctx, await builder.OpenLinesAsync(ctx.Order.Id));
        }
        if (owed <= 0m)
        {
            ctx.SkipReason = "nothing owed any more";
            return;
        }
        await builder.AddDueAsync(ctx, settings, owed, due, nowUtc);
        await builder.AddAccountAsync(ctx, account);
    }

    protected virtual async Task ExpiringAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var line = ctx.Line;
        if (line?.State != PreorderLineState.Overdue)
        {
            ctx.SkipReason = "line not overdue";
            return;
        }
        await builder.AddProductsAsync(ctx, new[] { line });
        var owed = ctx.Balance.LineOwed(line.Id);
        await builder.AddDueAsync(ctx, settings, owed, line.BalanceDueOnUtc, nowUtc);
        ctx.Add(PreorderMessageTokens.ExpiresOn, builder.DateText(ctx, line.BalanceDueOnUtc?.AddDays(Math.Max(0, settings.GracePeriodDays))) ?? string.Empty);
        await builder.AddAccountAsync(ctx, account);
    }

    /// <summary>The merchant resent the balance link: a new link for what the order still owes (the older links were revoked by the request).</summary>
    protected virtual async Task BalanceLinkResentAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        if (ctx.Balance.Owed <= 0m)
        {
            ctx.SkipReason = "nothing owed any more";
            return;
        }
        await builder.AddProductsAsync(ctx, await builder.OpenLinesAsync(ctx.Order.Id));
        await builder.AddDueAsync(ctx, settings, ctx.Balance.Owed, account.NextDueOnUtc, nowUtc);
        await builder.AddAccountAsync(ctx, account);
    }

    /// <summary>More time to pay: the line's current due date and what it owes (a later extension's message shows the latest date).</summary>
    protected virtual async Task ExtensionGrantedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var line = ctx.Line;
        if (line == null || line.State is not (PreorderLineState.BalanceDue or PreorderLineState.Overdue) || line.BalanceDueOnUtc == null)
        {
            ctx.SkipReason = "balance no longer due";
            return;
        }
        await builder.AddProductsAsync(ctx, new[] { line });
        await builder.AddDueAsync(ctx, settings, ctx.Balance.LineOwed(line.Id), line.BalanceDueOnUtc, nowUtc);
        await builder.AddAccountAsync(ctx, account);
    }
}
