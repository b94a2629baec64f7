using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Payments;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Orders;

/// <summary>
/// The last installment of a schedule is the balance after the stock arrives: it has no due date until then.
/// When the stock is allocated it gets the line's balance due date, and from then on it is pre-noticed and
/// charged automatically like the installments before it.
/// </summary>
[TestFixture]
public class InstallmentScheduleTests : DatabaseTest
{
    [Test]
    public async Task The_last_installment_gets_the_balance_due_date_on_arrival_then_is_pre_noticed_and_charged_automatically()
    {
        var card = new FakeCardPaymentMethod { RecurringPaymentType = RecurringPaymentType.Manual };
        var shop = new FakeShop();
        shop.PaymentMethods[FakeCardPaymentMethod.Name] = card;
        shop.Settings.DefaultDepositRuleJson = "{\"Percent\":10,\"Installments\":2,\"InstallmentIntervalDays\":30}";
        shop.Settings.UpcomingChargeNoticeDays = 3;
        shop.Settings.BalanceDueDays = 7;
        using var host = new PreorderTestHost(Database, shop);
        var product = await host.PreorderProductAsync(cap: 10, price: 1000m);
        var order = await host.PlaceCardOrderAsync(product);
        var ledger = host.Resolve<PreorderLedgerService>();
        await ledger.RecordAsync(new LedgerRequest { OrderId = order.Id, Kind = LedgerEntryKind.Deposit, Amount = 100m, Method = FakeCardPaymentMethod.Name, IdempotencyKey = "dep" });
        var task = host.Resolve<PreorderAutomationService>();

        var schedule = await ledger.GetScheduleAsync(order.Id);
        Assert.That(schedule.Select(i => i.Amount), Is.EqualTo(new[] { 100m, 450m, 450m }));
        Assert.That(schedule[2].DueOnUtc, Is.Null, "the last one falls due when the stock arrives");

        // the first installment falls due and is charged
        host.Clock.Now = schedule[1].DueOnUtc!.Value.AddMinutes(1);
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(1));

        // the stock arrives
        host.Clock.Now = host.Clock.Now.AddDays(1);
        product.StockQuantity += 1;
        await host.Publisher.PublishAsync(new EntityUpdatedEvent<Product>(product));
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);
        Assert.That(line.State, Is.EqualTo(PreorderLineState.BalanceDue));
        var last = (await ledger.GetScheduleAsync(order.Id))[2];
        Assert.That(last.DueOnUtc, Is.EqualTo(line.BalanceDueOnUtc), "the balance installment falls due with the line's balance");

        // within the notice period: the shopper is told the card will be charged
        host.Clock.Now = line.BalanceDueOnUtc!.Value.AddDays(-2);
        await task.RunAsync();
        var noticeKey = $"chargenotice:order:{order.Id}:inst:2";
        Assert.That(host.Scope.Repository<PreorderMessageLog>().Table.Count(m => m.MessageKey == noticeKey), Is.EqualTo(1), "the pre-notice of the charge");
        Assert.That(card.Charges, Is.EqualTo(new[] { 450m }), "not charged before the due date");

        // the due date: charged automatically, once
        host.Clock.Now = line.BalanceDueOnUtc!.Value.AddMinutes(1);
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(1));
        Assert.That((await task.RunAsync()).AutoCharges, Is.EqualTo(0));
        Assert.That(card.Charges, Is.EqualTo(new[] { 450m, 450m }));
        Assert.That(host.Scope.Repository<PreorderLine>().Table.Single(l => l.Id == line.Id).State, Is.EqualTo(PreorderLineState.PaidInFull));
        Assert.That((await ledger.GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.PaidInFull));
    }
}
