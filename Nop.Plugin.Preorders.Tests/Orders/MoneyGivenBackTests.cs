using Newtonsoft.Json;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// What an order owes after money was given back for one of its lines, end to end on the real database:
/// two pre-order lines of 100.00 with a 50% deposit, 100.00 paid at checkout; line A is cancelled and its
/// 50.00 deposit refunded, forfeited or moved to a gift card. Line B's 50.00 balance was never paid: the
/// order still owes it, B's stock arrival asks for it (balance due, not ready), and nopCommerce's order is
/// not marked paid until it is paid.
/// </summary>
[TestFixture]
public class MoneyGivenBackTests : DatabaseTest
{
    public enum GiveBack { Refund, Forfeit, GiftCard }

    [TestCase(GiveBack.Refund)]
    [TestCase(GiveBack.Forfeit)]
    [TestCase(GiveBack.GiftCard)]
    public async Task Cancelling_one_line_and_giving_its_deposit_back_leaves_the_other_lines_balance_owed(GiveBack how)
    {
        using var host = new PreorderTestHost(Database);
        host.Settings.DefaultDepositRuleJson = JsonConvert.SerializeObject(new DepositRule { Percent = 50m });
        var productA = await host.PreorderProductAsync(cap: 10, price: 100m);
        var productB = await host.PreorderProductAsync(cap: 10, price: 100m);
        var customer = host.Shop.AddCustomer();
        var order = await host.PlaceOrderAsync(customer, (productA, 1), (productB, 1));
        var ledger = host.Resolve<PreorderLedgerService>();
        var payments = host.Resolve<BalancePaymentService>();

        var lines = host.Scope.Repository<PreorderLine>().Table.Where(l => l.OrderId == order.Id).OrderBy(l => l.Id).ToList();
        var lineA = lines.Single(l => l.ProductId == productA.Id);
        var lineB = lines.Single(l => l.ProductId == productB.Id);
        Assert.That((order.OrderTotal, lineA.DepositAmount, lineB.DepositAmount), Is.EqualTo((200m, 50m, 50m)), "the example: 2 x 100.00, 50% deposit");

        // 100.00 paid at checkout: both deposits
        await payments.ConfirmOfflineAsync(order.Id, 100m, "CHECKOUT", 1, LedgerEntryKind.Deposit);
        Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.AwaitingBalance));

        // the shopper cancels line A; its 50.00 deposit is given back
        var orders = host.Resolve<PreorderOrderService>();
        var (terms, policy, kind) = how switch
        {
            GiveBack.Refund => (CancellationTerms.Refundable, (DepositExpiryPolicy?)null, LedgerEntryKind.Refund),
            GiveBack.Forfeit => (CancellationTerms.DepositForfeited, null, LedgerEntryKind.Forfeit),
            _ => (CancellationTerms.Refundable, DepositExpiryPolicy.TransferToGiftCard, LedgerEntryKind.Transfer)
        };
        Assert.That(await orders.CancelLineAsync(lineA.Id, "Changed my mind", customer.Id, terms, settlementPolicy: policy), Is.True);
        var givenBack = (await ledger.GetEntriesAsync(order.Id)).Where(e => e.Kind is LedgerEntryKind.Refund or LedgerEntryKind.Forfeit or LedgerEntryKind.Transfer).ToList();
        Assert.That(givenBack.Select(e => (e.Kind, e.Amount, e.PreorderLineId)), Is.EqualTo(new[] { (kind, 50m, lineA.Id) }), "A's deposit, and only it, settled");

        // line B's stock arrives
        productB.StockQuantity += 1;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(productB));
        await host.NotifyAllocationsAsync();

        var account = await ledger.GetAccountAsync(order.Id);
        var stateOfB = host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == lineB.Id).State;
        var allocated = host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.StockAllocated && e.LineId == lineB.Id);
        Assert.Multiple(() =>
        {
            Assert.That(account.State, Is.EqualTo(PreorderAccountState.AwaitingBalance), "B's balance is still to be paid");
            Assert.That(stateOfB, Is.EqualTo(PreorderLineState.BalanceDue), "allocation asks for B's balance");
            Assert.That(allocated.Amount, Is.EqualTo(50m), "the stock-arrived event carries what B owes");
            Assert.That(order.PaymentStatus, Is.Not.EqualTo(PaymentStatus.Paid), "nopCommerce's order is not marked paid");
            Assert.That(host.Publisher.Of<OrderPaidEvent>(), Is.Empty);
        });

        // every place that shows the figures reads the one definition
        var balance = await ledger.GetBalanceAsync(order.Id);
        var adminBlock = await host.Resolve<PreorderAdminOrderModelFactory>().PrepareOrderModelAsync(order.Id);
        var shopperPage = await host.Resolve<PreorderModelFactory>().PrepareOrderModelAsync(order);
        Assert.Multiple(() =>
        {
            Assert.That((balance.Owed, balance.LineOwed(lineB.Id), balance.LineOwed(lineA.Id)), Is.EqualTo((50m, 50m, 0m)), "owed: B's balance only");
            Assert.That((balance.Held, balance.LineHeld(lineB.Id), balance.LineHeld(lineA.Id)), Is.EqualTo((50m, 50m, 0m)), "held: B's deposit; nothing for A");
            Assert.That((adminBlock.OutstandingValue, adminBlock.NetHeldValue, adminBlock.DepositMissingValue), Is.EqualTo((50m, 50m, 0m)), "the admin order block");
            Assert.That(shopperPage.HasOutstanding, Is.True, "the balance page asks for B's balance");
            Assert.That(shopperPage.OutstandingText, Does.Contain("50.00"));
            Assert.That(shopperPage.Lines.Single(l => l.LineId == lineB.Id).RemainingText, Does.Contain("50.00"));
            Assert.That(shopperPage.Lines.Single(l => l.LineId == lineA.Id).RemainingText, Is.Null);
        });

        // what is owed is exactly B's balance: a cent more is refused, the balance itself settles everything
        var tooMuch = Assert.ThrowsAsync<PreorderRuleException>(() => payments.ConfirmOfflineAsync(order.Id, 50.01m, "BALANCE-TOO-MUCH", 1));
        Assert.That(tooMuch.ResourceKey, Is.EqualTo(PreorderDefaults.Resources.AmountAboveOutstanding));
        await payments.ConfirmOfflineAsync(order.Id, 50m, "BALANCE", 1);
        Assert.Multiple(async () =>
        {
            Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.PaidInFull));
            Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == lineB.Id).State, Is.EqualTo(PreorderLineState.PaidInFull));
            Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Paid), "marked paid once B's balance is in");
            Assert.That(host.Publisher.Of<OrderPaidEvent>().Count(), Is.EqualTo(1));
            Assert.That(await ledger.ReconcileAsync(order.Id), Is.Empty);
        });
    }
}
