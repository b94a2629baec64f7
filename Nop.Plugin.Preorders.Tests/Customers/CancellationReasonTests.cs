using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Messages;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Customers;

/// <summary>The shopper's cancellation reason on the real database: stored with the line in the same write as the cancellation; a refused one changes nothing.</summary>
[TestFixture]
public class CancellationReasonTests : HostedTest
{
    private async Task<(Nop.Core.Domain.Customers.Customer Owner, Order Order, PreorderLine Line)> OrderAsync()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        var owner = Host.Shop.AddCustomer();
        var order = await Host.PlaceOrderAsync(owner, (product, 2));
        return (owner, order, LineOf(order.Id));
    }

    private PreorderLine LineOf(int orderId) => Host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == orderId);

    /// <summary>Every trace a cancellation leaves, to compare before and after a refused one.</summary>
    private string Snapshot(PreorderLine line) => string.Join("|",
        string.Join(";", Host.Scope.Repository<PreorderLine>().Table.OrderBy(l => l.Id).Select(l => $"{l.Id}:{l.StateId}:{l.Version}:{l.CancelReasonId}:{l.CancelReasonText}:{l.CloseReason}")),
        Host.Scope.Repository<PreorderCapCounter>().Table.Single(c => c.ProductId == line.ProductId && c.CombinationId == 0).Sold,
        Host.Scope.Repository<PreorderAuditEntry>().Table.Count(),
        Host.Scope.Repository<PreorderLedgerEntry>().Table.Count(),
        Host.Publisher.Of<PreorderEvent>().Count());

    [Test]
    public async Task The_reason_and_comment_are_stored_with_the_cancelled_line()
    {
        var (owner, order, line) = await OrderAsync();

        await Host.Resolve<PreorderSelfService>().CancelAsync(owner, order.Id, line.Id, null, (int)CancellationReason.ShipDateTooLate, "  Need it for a birthday in May  ");

        var cancelled = LineOf(order.Id);
        Assert.Multiple(() =>
        {
            Assert.That(cancelled.State, Is.EqualTo(PreorderLineState.Cancelled));
            Assert.That(cancelled.CancelReason, Is.EqualTo(CancellationReason.ShipDateTooLate));
            Assert.That(cancelled.CancelReasonText, Is.EqualTo("Need it for a birthday in May"), "trimmed");
            Assert.That(cancelled.CloseReason, Is.EqualTo("Cancelled by the customer"), "the close reason still says who");
            Assert.That(Host.Scope.Repository<PreorderAuditEntry>().Table.Single(a => a.Action == "LineCancelled" && a.PreorderLineId == line.Id).Details,
                Does.Contain(nameof(CancellationReason.ShipDateTooLate)), "the history names the reason");
        });
    }

    [Test]
    public async Task Without_a_comment_only_the_reason_is_stored()
    {
        var (owner, order, line) = await OrderAsync();
        await Host.Resolve<PreorderSelfService>().CancelAsync(owner, order.Id, line.Id, null, (int)CancellationReason.OrderedByMistake, "   ");
        Assert.That((LineOf(order.Id).CancelReason, LineOf(order.Id).CancelReasonText), Is.EqualTo((CancellationReason.OrderedByMistake, (string)null)));
    }

    [TestCase(0, 0, R.CancelReasonRequired)]
    [TestCase(12345, 0, R.CancelReasonUnknown)]
    [TestCase((int)CancellationReason.SupplyProblem, 0, R.CancelReasonUnknown)]
    [TestCase((int)CancellationReason.Other, 501, R.CancelReasonTooLong)]
    public async Task A_refused_reason_changes_nothing(int code, int textLength, string expectedKey)
    {
        var (owner, order, line) = await OrderAsync();
        var before = Snapshot(line);

        var ex = Assert.ThrowsAsync<PreorderRuleException>(() => Host.Resolve<PreorderSelfService>().CancelAsync(owner, order.Id, line.Id, null, code, new string('y', textLength)));

        Assert.That(ex!.ResourceKey, Is.EqualTo(expectedKey));
        Assert.That(Snapshot(line), Is.EqualTo(before), "no state, reason, units, audit row, money or event moved");
    }

    [Test]
    public async Task A_refused_reason_through_a_link_does_not_even_stamp_the_link_as_used()
    {
        var (_, order, line) = await OrderAsync();
        var token = await Host.Resolve<BalanceLinkService>().IssueAsync(order.Id, 14);

        Assert.ThrowsAsync<PreorderRuleException>(() => Host.Resolve<PreorderSelfService>().CancelAsync(null, order.Id, line.Id, token, 999, null));

        Assert.That(Host.Scope.Repository<PreorderBalanceToken>().Table.Single(t => t.OrderId == order.Id).LastUsedOnUtc, Is.Null);
        Assert.That(LineOf(order.Id).State, Is.EqualTo(PreorderLineState.Waiting));
    }

    [Test]
    public async Task A_line_cancelled_by_nopCommerce_has_no_reason_given()
    {
        var (_, order, _) = await OrderAsync();
        await Host.Resolve<PreorderOrderService>().CancelOrderAsync(order.Id, "Order cancelled", 0);
        Assert.That((LineOf(order.Id).State, LineOf(order.Id).CancelReason), Is.EqualTo((PreorderLineState.Cancelled, CancellationReason.NotGiven)));
    }
}

/// <summary>The cancellation e-mail names the shopper's own reason; a merchant's classification stays internal.</summary>
[TestFixture]
public class CancellationReasonMessageTests : MessageTest
{
    [Test]
    public async Task The_shoppers_e_mail_names_their_reason_and_comment()
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var owner = host.Shop.AddCustomer();
        var order = await host.PlaceOrderAsync(owner, (product, 1));
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

        await host.Resolve<PreorderSelfService>().CancelAsync(owner, order.Id, line.Id, null, (int)CancellationReason.FoundCheaper, "<b>half price</b>");

        var cancelled = Kit.Single(K.Cancelled);
        Assert.That(cancelled[Tk.CancellationReason], Is.EqualTo("Found it cheaper elsewhere: <b>half price</b>"), "as typed: nopCommerce encodes the token in the body");
        Assert.That(cancelled[Tk.HasCancellationReason], Is.EqualTo("True"));
    }

    [TestCase(CancellationReason.SuspectedFraud, "We could not verify the payment.", "We could not verify the payment.")]
    [TestCase(CancellationReason.NotGiven, null, "")]
    public async Task A_merchants_classification_is_not_named_to_the_shopper(CancellationReason reason, string note, string expected)
    {
        using var host = Kit.NewHost(Database);
        var product = await MessageTestKit.ProductAsync(host, "Moon Lamp");
        var order = await host.PlaceOrderAsync(host.Shop.AddCustomer(), (product, 1));
        var line = host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id);

        await host.Resolve<PreorderOrderService>().CancelLineAsync(line.Id, note ?? "Order cancelled", 1, reasonChoice: new CancellationReasonChoice(reason, note));

        var cancelled = Kit.Single(K.Cancelled);
        Assert.That(cancelled[Tk.CancellationReason], Is.EqualTo(expected));
        Assert.That(cancelled[Tk.HasCancellationReason], Is.EqualTo((expected.Length > 0).ToString()));
    }
}
