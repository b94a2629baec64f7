using Nop.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// Money that moved or is about to: a payment received, a refund made, an upcoming automatic charge and a failed one.
/// The ledger entry (or installment) is found from the key; one that is gone or changed state sends nothing.
/// </summary>
public class PaymentMessageTokens : IPreorderKindTokens
{
    private readonly IRepository<PreorderLedgerEntry> _ledgerRepository;
    private readonly Dictionary<string, Func<PreorderMessageContext, PreorderAccount, PreorderSettings, DateTime, PreorderMessageTokenBuilder, Task>> _kinds;

    public PaymentMessageTokens(IRepository<PreorderLedgerEntry> ledgerRepository)
    {
        _ledgerRepository = ledgerRepository;
        _kinds = new()
        {
            [PreorderMessageKinds.DepositReceived.Code] = PaymentAsync,
            [PreorderMessageKinds.PaymentReceived.Code] = PaymentAsync,
            [PreorderMessageKinds.StoreDepositConfirmed.Code] = PaymentAsync,
            [PreorderMessageKinds.RefundMade.Code] = RefundMadeAsync,
            [PreorderMessageKinds.UpcomingCharge.Code] = UpcomingChargeAsync,
            [PreorderMessageKinds.ChargeFailed.Code] = ChargeFailedAsync,
        };
    }

    public virtual bool Handles(string kindCode) => _kinds.ContainsKey(kindCode);

    public virtual Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder) =>
        _kinds[ctx.Key.Kind.Code](ctx, account, settings, nowUtc, builder);

    protected virtual async Task PaymentAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var entry = await _ledgerRepository.GetByIdAsync(ctx.Key.EntryId);
        if (entry == null || entry.OrderId != ctx.Order.Id || entry.Status != LedgerEntryStatus.Succeeded)
        {
            ctx.SkipReason = "payment not found";
            return;
        }
        ctx.Add(PreorderMessageTokens.PaymentAmount, await builder.MoneyAsync(ctx, entry.Amount));
        await builder.AddProductsAsync(ctx, await builder.LinesAsync(ctx.Order.Id));
        await builder.AddAccountAsync(ctx, account);
    }

    protected virtual async Task RefundMadeAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var entry = await _ledgerRepository.GetByIdAsync(ctx.Key.EntryId);
        if (entry == null || entry.OrderId != ctx.Order.Id || entry.Kind != LedgerEntryKind.Refund || entry.Status != LedgerEntryStatus.Succeeded)
        {
            ctx.SkipReason = "refund not found";
            return;
        }
        var lines = await builder.OpenLinesAsync(ctx.Order.Id);
        await builder.AddProductsAsync(ctx, entry.PreorderLineId is int lineId && lines.Any(l => l.Id == lineId) ? lines.Where(l => l.Id == lineId) : lines);
        ctx.Add(PreorderMessageTokens.RefundedAmount, await builder.MoneyAsync(ctx, entry.Amount));
        ctx.Add(PreorderMessageTokens.PaymentAmount, await builder.MoneyAsync(ctx, entry.Amount));
        await builder.AddAccountAsync(ctx, account);
    }

    protected virtual async Task UpcomingChargeAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var installment = await builder.InstallmentAsync(ctx);
        if (installment == null)
            return;
        var amount = Math.Min(installment.Amount - installment.PaidAmount, ctx.Balance.Owed);
        if (amount <= 0m)
        {
            ctx.SkipReason = "nothing owed any more";
            return;
        }
        await builder.AddProductsAsync(ctx, await builder.OpenLinesAsync(ctx.Order.Id));
        ctx.Add(PreorderMessageTokens.PaymentAmount, await builder.MoneyAsync(ctx, amount));
        ctx.Add(PreorderMessageTokens.ChargeDate, builder.DateText(ctx, installment.DueOnUtc) ?? string.Empty);
        await builder.AddAccountAsync(ctx, account);
    }

    protected virtual async Task ChargeFailedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var entry = await _ledgerRepository.GetByIdAsync(ctx.Key.EntryId);
        if (entry == null || entry.OrderId != ctx.Order.Id || entry.Status != LedgerEntryStatus.Failed)
        {
            ctx.SkipReason = "failed charge not found";
            return;
        }
        await builder.AddProductsAsync(ctx, await builder.OpenLinesAsync(ctx.Order.Id));
        ctx.Add(PreorderMessageTokens.PaymentAmount, await builder.MoneyAsync(ctx, entry.Amount));
        ctx.Add(PreorderMessageTokens.ChargeError, entry.Note ?? string.Empty);
        await builder.AddDueAsync(ctx, settings, ctx.Balance.Owed, account.NextDueOnUtc, nowUtc);
        await builder.AddAccountAsync(ctx, account);
    }
}
