using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// Rows written straight into the plugin's tables (no services), so grid and dashboard queries can be checked
/// against data whose every value the test knows.
/// </summary>
public static class AdminSeed
{
    public static readonly DateTime Base = new(2026, 1, 10, 8, 0, 0, DateTimeKind.Utc);

    public static readonly PreorderLineState[] States =
    {
        PreorderLineState.Waiting, PreorderLineState.Ready, PreorderLineState.BalanceDue, PreorderLineState.Overdue,
        PreorderLineState.PaidInFull, PreorderLineState.Shipped, PreorderLineState.Cancelled, PreorderLineState.Expired
    };

    public static readonly string[] Countries = { "US", "DE", "RU", null };

    /// <summary>
    /// 40 lines, one order each: product 101/102/103 by turn, every state, two stores, five customers, four
    /// countries (one unknown), 1-4 units at 100 each with a 20 % deposit; accounts (by threes) alternate between deposit
    /// missing, deposit paid, and paid in full; product 101's profile carries its own ship date.
    /// </summary>
    public static async Task<List<PreorderLine>> LinesAsync(TestScope scope, int count = 40)
    {
        await scope.Repository<PreorderProfile>().InsertAsync(new PreorderProfile
        {
            ProductId = 101, Enabled = true, PaymentMode = PreorderPaymentMode.Deposit, ExpectedShipDateUtc = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc),
            CreatedOnUtc = Base, UpdatedOnUtc = Base
        }, false);
        await scope.Repository<PreorderProfile>().InsertAsync(new PreorderProfile
        {
            ProductId = 102, Enabled = true, PaymentMode = PreorderPaymentMode.Deposit, CreatedOnUtc = Base, UpdatedOnUtc = Base
        }, false);

        var lines = new List<PreorderLine>();
        for (var i = 0; i < count; i++)
        {
            var state = States[i % States.Length];
            var quantity = 1 + i % 4;
            var line = new PreorderLine
            {
                OrderId = 9000 + i,
                OrderItemId = 70000 + i,
                ProductId = 101 + i % 3,
                CustomerId = 500 + i % 5,
                StoreId = 1 + i % 2,
                Quantity = quantity,
                State = state,
                PaymentMode = PreorderPaymentMode.Deposit,
                LineTotal = 100m * quantity,
                DepositAmount = 20m * quantity,
                PlacedOnUtc = Base.AddDays(i).AddHours(i % 7),
                BalanceDueOnUtc = state is PreorderLineState.BalanceDue or PreorderLineState.Overdue ? Base.AddDays(40 + i) : null,
                ExpectedShipDateUtc = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(i % 5),
                CountryCode = Countries[i % Countries.Length],
                CloseReason = state == PreorderLineState.Cancelled ? (i % 3 == 0 ? "Changed my mind" : "Found it cheaper") : null,
                // the reason picked (schema 1.7), with a comment, on the first cancelled lines of each product; the later ones
                // as cancelled before 1.7 (no reason given)
                CancelReason = state == PreorderLineState.Cancelled && i / 24 % 2 == 0 ? CancellationReason.FoundCheaper : CancellationReason.NotGiven,
                CancelReasonText = state == PreorderLineState.Cancelled && i / 24 % 2 == 0 ? $"comment {i} <b>" : null,
                ClosedOnUtc = state == PreorderLineState.Cancelled ? Base.AddDays(60 + i) : null,
                UpdatedOnUtc = Base
            };
            await scope.Repository<PreorderLine>().InsertAsync(line, false);
            lines.Add(line);

            var paid = (i / 3 % 3) switch { 0 => 0m, 1 => line.DepositAmount, _ => line.LineTotal };
            await scope.Repository<PreorderAccount>().InsertAsync(new PreorderAccount
            {
                OrderId = line.OrderId, CustomerId = line.CustomerId, StoreId = line.StoreId, OrderTotal = line.LineTotal,
                DueAtCheckout = line.DepositAmount, PaidAmount = paid,
                WaivedAmount = state is PreorderLineState.Cancelled or PreorderLineState.Expired ? line.LineTotal : 0m,
                State = state is PreorderLineState.Cancelled or PreorderLineState.Expired ? PreorderAccountState.Closed
                    : paid >= line.LineTotal ? PreorderAccountState.PaidInFull
                    : paid > 0m ? PreorderAccountState.AwaitingBalance : PreorderAccountState.AwaitingDeposit,
                CustomerCurrencyCode = "USD", CurrencyRate = 1m, CreatedOnUtc = line.PlacedOnUtc, UpdatedOnUtc = line.PlacedOnUtc
            }, false);
        }
        return lines;
    }

    public static async Task<PreorderLedgerEntry> EntryAsync(TestScope scope, int orderId, LedgerEntryKind kind, decimal amount, DateTime createdOnUtc,
        LedgerEntryStatus status = LedgerEntryStatus.Succeeded, int lineId = 0, string method = PreorderDefaults.OfflineMethod, int recordedBy = 0)
    {
        var entry = new PreorderLedgerEntry
        {
            OrderId = orderId, PreorderLineId = lineId, Kind = kind, Status = status, Amount = amount, CurrencyCode = "USD", AmountInCurrency = amount,
            Method = method, Reference = $"ref-{Guid.NewGuid():N}", IdempotencyKey = $"seed:{Guid.NewGuid():N}", RecordedByCustomerId = recordedBy,
            CreatedOnUtc = createdOnUtc
        };
        await scope.Repository<PreorderLedgerEntry>().InsertAsync(entry, false);
        return entry;
    }
}
