using Newtonsoft.Json;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Messages;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Payments;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Campaigns;

/// <summary>
/// Delay compensation and swap (#14.5) on a real database: the merchant's offer with the ship date change (refused
/// cleanly when wrong), the task's coupons per buyer (once across runs and two nodes, named by the delay e-mail), refunds
/// per line through the ledger (once, also when the gateway's answer was lost), and the one-click swap (FIFO place kept,
/// money moved exactly without the gateway, caps of both products; refused cleanly when the target is full).
/// </summary>
[TestFixture]
public class DelayCompensationTests : MessageTest
{
    private FakeShop _shop;
    private FakeCardPaymentMethod _card;
    private PreorderTestHost _host;

    [SetUp]
    public void SetUp()
    {
        _card = new FakeCardPaymentMethod();
        _shop = new FakeShop();
        _shop.PaymentMethods[FakeCardPaymentMethod.Name] = _card;
        _shop.Settings.ChargeMethodSystemName = FakeCardPaymentMethod.Name;
        _shop.Settings.DefaultDepositRuleJson = JsonConvert.SerializeObject(new DepositRule { Percent = 20m });
        _host = Kit.NewAdminHost(Database, _shop);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private PreorderAdminActionService Actions => _host.Resolve<PreorderAdminActionService>();

    private List<PreorderDelayCompensation> Compensations() => _host.Scope.Repository<PreorderDelayCompensation>().Table.OrderBy(c => c.Id).ToList();

    private List<PreorderLedgerEntry> Entries(int orderId) => _host.Scope.Repository<PreorderLedgerEntry>().Table.Where(e => e.OrderId == orderId).OrderBy(e => e.Id).ToList();

    private PreorderLine LineOf(Order order, int productId) =>
        _host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == order.Id && l.ProductId == productId);

    private int Sold(int productId) => _host.Scope.Repository<PreorderCapCounter>().Table.Single(c => c.ProductId == productId && c.CombinationId == 0).Sold;

    /// <summary>A card order of the product whose deposit (20% of 100.00) was charged through the card: money a refund gives back through it.</summary>
    private async Task<Order> PaidOrderAsync(Product product, Customer customer = null)
    {
        var order = _shop.AddOrder(customer ?? _shop.AddCustomer(), (product, 1));
        order.PaymentMethodSystemName = FakeCardPaymentMethod.Name;
        await _host.Publisher.PublishAsync(new OrderPlacedEvent(order));
        var paid = await _host.Resolve<BalancePaymentService>().PayAsync(order, 20m, 0, new ProcessPaymentRequest(), order.CustomerId);
        Assert.That(paid.Succeeded, Is.True);
        return order;
    }

    private async Task<int> ChangeAsync(Product product, DelayOffer offer)
    {
        _host.Clock.Now = _host.Clock.Now.AddMinutes(1);
        var profile = await _host.Resolve<PreorderCatalogService>().GetProfileAsync(product.Id);
        var result = await Actions.ChangeShipDateAsync(product.Id, profile.ExpectedShipDateUtc!.Value.AddDays(30), "Factory delay", false, offer);
        Assert.That(result.Errors, Is.Empty, string.Join(", ", result.Errors.Select(e => e.ResourceKey)));
        return _host.Scope.Repository<PreorderShipDateChange>().Table.Where(c => c.ProductId == product.Id).Max(c => c.Id);
    }

    private async Task RunTaskOnTwoNodesAsync()
    {
        using var nodeA = Kit.NewHost(Database, _shop);
        using var nodeB = Kit.NewHost(Database, _shop);
        await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<PreorderAutomationService>().RunAsync()),
            Task.Run(() => nodeB.Resolve<PreorderAutomationService>().RunAsync()));
    }

    private async Task<int> CompensateOnNodeAsync()
    {
        using var node = Kit.NewHost(Database, _shop);
        return await node.Resolve<DelayCompensationService>().RunDueAsync();
    }

    [TestCase(DelayCompensationKind.Coupon, 0, false, 0, R.CompensationAmountInvalid)]
    [TestCase(DelayCompensationKind.Refund, 5, true, 0, R.CompensationRefundIsAmount)]
    [TestCase(DelayCompensationKind.None, 0, false, -1, R.ValueInvalid)]
    [TestCase(DelayCompensationKind.None, 0, false, 1, R.SwapTargetNotPreorder)]
    public async Task A_wrong_offer_is_refused_with_its_reason_and_the_ship_date_stays(DelayCompensationKind kind, decimal amount, bool percent, int swap, string expected)
    {
        var product = await _host.PreorderProductAsync();
        await PaidOrderAsync(product);
        var before = (await _host.Resolve<PreorderCatalogService>().GetProfileAsync(product.Id)).ExpectedShipDateUtc;
        // swap 1: an id that is no pre-order product
        var result = await Actions.ChangeShipDateAsync(product.Id, before!.Value.AddDays(30), "Factory delay", false, new DelayOffer(kind, amount, percent, swap));

        Assert.That(result.Errors.Select(e => e.ResourceKey), Is.EqualTo(new[] { expected }));
        Assert.That(Texts.En(expected), Is.Not.EqualTo(expected), "a localized message");
        Assert.That((await _host.Resolve<PreorderCatalogService>().GetProfileAsync(product.Id)).ExpectedShipDateUtc, Is.EqualTo(before));
        Assert.That(_host.Scope.Repository<PreorderShipDateChange>().Table.Count(), Is.Zero);
    }

    [Test]
    public async Task Each_buyer_gets_one_coupon_across_runs_and_nodes_and_the_delay_e_mail_names_it()
    {
        var product = await _host.PreorderProductAsync(cap: 50);
        var ann = _shop.AddCustomer();
        var bob = _shop.AddCustomer();
        var annFirst = await PaidOrderAsync(product, ann);
        await PaidOrderAsync(product, ann);
        await PaidOrderAsync(product, bob);

        var changeId = await ChangeAsync(product, new DelayOffer(DelayCompensationKind.Coupon, 15m, true, 0));
        Assert.That(Compensations(), Is.Empty, "nothing made inside the admin's save");
        Assert.That(_shop.Discounts, Is.Empty);

        await RunTaskOnTwoNodesAsync();
        await RunTaskOnTwoNodesAsync();
        Assert.That(await CompensateOnNodeAsync(), Is.Zero, "a later run finds nothing to do");

        var coupons = Compensations();
        Assert.That(coupons.Select(c => c.CustomerId), Is.EquivalentTo(new[] { ann.Id, bob.Id }), "one per buyer, not per order");
        Assert.That(coupons.All(c => c.Status == DelayCompensationStatus.Done && c.ShipDateChangeId == changeId), Is.True);
        Assert.That(coupons.Single(c => c.CustomerId == ann.Id).OrderId, Is.EqualTo(annFirst.Id), "named on the buyer's first waiting order");
        var discounts = _shop.Discounts.Values.ToList();
        Assert.That(discounts, Has.Count.EqualTo(2), "one nopCommerce discount per buyer");
        Assert.That(discounts.Select(d => d.CouponCode).Distinct().Count(), Is.EqualTo(2), "codes of their own");
        Assert.That(discounts.Select(d => d.Id), Is.EquivalentTo(coupons.Select(c => c.DiscountId)));
        Assert.That(discounts.All(d => d.RequiresCouponCode && d.UsePercentage && d.DiscountPercentage == 15m && d.IsActive
            && d.DiscountTypeId == (int)DiscountType.AssignedToOrderTotal
            && d.DiscountLimitationId == (int)DiscountLimitationType.NTimesOnly && d.LimitationTimes == 1), Is.True, "usable once");
        Assert.That(_host.Scope.Repository<PreorderShipDateChange>().Table.Single(e => e.Id == changeId).CompensationDoneOnUtc, Is.Not.Null);

        var mails = Kit.Of(K.ShipDateChanged).ToList();
        Assert.That(mails, Has.Count.EqualTo(3), "one delay e-mail per order");
        var annCode = coupons.Single(c => c.CustomerId == ann.Id).CouponCode;
        var bobCode = coupons.Single(c => c.CustomerId == bob.Id).CouponCode;
        Assert.That(mails.All(m => m[Tk.HasDelayCompensation] == "True" && m[Tk.HasSwapOffer] == "False" && m[Tk.DelayCompensation].Contains("15%")), Is.True);
        Assert.That(mails.Count(m => m[Tk.DelayCompensation].Contains(annCode)), Is.EqualTo(2), "Ann's two orders name her one coupon");
        Assert.That(mails.Count(m => m[Tk.DelayCompensation].Contains(bobCode)), Is.EqualTo(1));
    }

    [Test]
    public async Task The_delay_e_mails_wait_until_the_compensation_is_made()
    {
        var product = await _host.PreorderProductAsync();
        await PaidOrderAsync(product);
        await ChangeAsync(product, new DelayOffer(DelayCompensationKind.FreeShipping, 0m, false, 0));

        // the notices step alone (the compensation step not run yet) records nothing for this change
        Assert.That(await _host.Resolve<Nop.Plugin.Preorders.Services.Messages.ShipDateNoticeService>().RecordDueAsync(), Is.Zero);
        await RunTaskOnTwoNodesAsync();

        var coupon = Compensations().Single();
        var discount = _shop.Discounts.Values.Single();
        Assert.That((discount.DiscountTypeId, discount.UsePercentage, discount.DiscountPercentage, discount.CouponCode),
            Is.EqualTo(((int)DiscountType.AssignedToShipping, true, 100m, coupon.CouponCode)), "100% of shipping");
        Assert.That(Kit.Single(K.ShipDateChanged)[Tk.DelayCompensation], Does.Contain("free shipping").And.Contain(coupon.CouponCode));
    }

    [Test]
    public async Task A_coupon_claim_left_by_a_crash_is_finished_with_its_own_code_and_no_second_discount()
    {
        var product = await _host.PreorderProductAsync();
        var order = await PaidOrderAsync(product);
        var changeId = await ChangeAsync(product, new DelayOffer(DelayCompensationKind.Coupon, 5m, false, 0));
        // the claim of a run that stopped before the discount was created
        var change = _host.Scope.Repository<PreorderShipDateChange>().Table.Single(e => e.Id == changeId);
        await _host.Scope.Repository<PreorderDelayCompensation>().InsertAsync(new PreorderDelayCompensation
        {
            ShipDateChangeId = changeId, CompensationKey = DelayCompensationRules.CompensationKey(DelayCompensationKind.Coupon, changeId, order.CustomerId, 0),
            Kind = DelayCompensationKind.Coupon, CustomerId = order.CustomerId, OrderId = order.Id, CouponCode = "DELAY-CRASHED01", Amount = 5m,
            Status = DelayCompensationStatus.Pending, CreatedOnUtc = _host.Clock.UtcNow
        }, false);

        await CompensateOnNodeAsync();
        Assert.That(_shop.Discounts, Is.Empty, "a fresh claim is its node's to finish");
        _shop.Clock.Now = _shop.Clock.Now.Add(MoneyMovementService.ResumeAfter).AddMinutes(1);
        await CompensateOnNodeAsync();
        await CompensateOnNodeAsync();

        var row = Compensations().Single();
        Assert.That((row.Status, _shop.Discounts.Values.Single().CouponCode, row.DiscountId), Is.EqualTo((DelayCompensationStatus.Done, "DELAY-CRASHED01", _shop.Discounts.Keys.Single())));
        Assert.That(change.Id, Is.EqualTo(changeId));
    }

    [Test]
    public async Task A_refund_per_line_is_made_once_even_when_the_gateway_s_answer_was_lost_and_is_capped_at_what_the_line_paid()
    {
        var product = await _host.PreorderProductAsync(cap: 10);
        var lost = await PaidOrderAsync(product);
        var capped = await PaidOrderAsync(product);
        var unpaid = _shop.AddOrder(_shop.AddCustomer(), (product, 1));
        await _host.Publisher.PublishAsync(new OrderPlacedEvent(unpaid));
        var changeId = await ChangeAsync(product, new DelayOffer(DelayCompensationKind.Refund, 25m, false, 0));

        _card.LoseAnswers = 1;   // the first refund reaches the gateway, its answer does not come back
        await CompensateOnNodeAsync();
        await CompensateOnNodeAsync();
        await RunTaskOnTwoNodesAsync();

        Assert.That(_card.Refunds, Is.EqualTo(new[] { 20m, 20m }), "each paid line refunded once, 20.00 paid < 25.00 offered; the lost answer not repeated");
        var lostEntry = Entries(lost.Id).Single(e => e.Kind == LedgerEntryKind.Refund);
        Assert.That((lostEntry.IdempotencyKey, lostEntry.Status), Is.EqualTo((DelayCompensationRules.RefundLedgerKey(changeId, LineOf(lost, product.Id).Id), LedgerEntryStatus.Pending)));
        var rows = Compensations();
        Assert.That(rows.Single(r => r.OrderId == lost.Id).Status, Is.EqualTo(DelayCompensationStatus.Pending), "waits for the gateway's real outcome");
        Assert.That(rows.Single(r => r.OrderId == capped.Id).Status, Is.EqualTo(DelayCompensationStatus.Done));
        Assert.That(rows.Single(r => r.OrderId == unpaid.Id).Status, Is.EqualTo(DelayCompensationStatus.Nothing), "nothing paid, nothing refunded");
        Assert.That(Kit.Of(K.ShipDateChanged), Is.Not.Empty, "the e-mails went out once every line was handled");

        // the store checks the gateway: the refund went through
        var movements = _host.Resolve<MoneyMovementService>();
        Assert.That(await movements.CompleteAsync(lostEntry, LedgerEntryStatus.Succeeded), Is.True);
        await CompensateOnNodeAsync();
        await CompensateOnNodeAsync();

        Assert.That(_card.Refunds, Has.Count.EqualTo(2), "still no second refund");
        Assert.That(Compensations().Single(r => r.OrderId == lost.Id).Status, Is.EqualTo(DelayCompensationStatus.Done));
        Assert.That(Entries(lost.Id).Count(e => e.Kind == LedgerEntryKind.Refund), Is.EqualTo(1));
        Assert.That(rows.Where(r => r.Amount > 0).Select(r => r.Amount), Is.EqualTo(new[] { 20m, 20m }));
    }

    [Test]
    public async Task A_swap_keeps_the_buyer_s_place_in_line_and_moves_the_money_exactly_without_the_gateway()
    {
        var delayed = await _host.PreorderProductAsync(cap: 10, price: 100m);
        var target = await _host.PreorderProductAsync(cap: 10, price: 150m);
        var ann = _shop.AddCustomer();
        var annOrder = await PaidOrderAsync(delayed, ann);                // placed first
        _shop.Clock.Now = _shop.Clock.Now.AddHours(1);
        var bobOrder = await PaidOrderAsync(target);                      // placed later, on the target
        var changeId = await ChangeAsync(delayed, new DelayOffer(DelayCompensationKind.None, 0m, false, target.Id));
        var oldLine = LineOf(annOrder, delayed.Id);
        var chargesBefore = _card.Charges.ToList();
        var heldBefore = (await _host.Resolve<PreorderLedgerService>().GetBalanceAsync(annOrder.Id)).Held;

        var outcome = await _host.Resolve<DelaySwapService>().SwapAsync(oldLine.Id, ann.Id);
        Assert.That(outcome.Succeeded, Is.True, outcome.ErrorResourceKey);
        var again = await _host.Resolve<DelaySwapService>().SwapAsync(oldLine.Id, ann.Id);
        Assert.That(again.Swap.Id, Is.EqualTo(outcome.Swap.Id), "a second click finds the swap made");

        var newLine = LineOf(annOrder, target.Id);
        var old = _host.Scope.Repository<PreorderLine>().Table.Single(e => e.Id == oldLine.Id);
        var item = _shop.OrderItems[annOrder.Id].Single(i => i.Id == newLine.OrderItemId);
        Assert.Multiple(() =>
        {
            Assert.That((old.State, newLine.State), Is.EqualTo((PreorderLineState.Cancelled, PreorderLineState.Waiting)));
            Assert.That(newLine.PlacedOnUtc, Is.EqualTo(oldLine.PlacedOnUtc), "the original placement time orders the queue");
            Assert.That((item.ProductId, item.Quantity, item.PriceInclTax), Is.EqualTo((target.Id, 1, 150m)), "a new order item in the same order");
            Assert.That((newLine.LineTotal, newLine.DepositAmount), Is.EqualTo((150m, 20m)));
            Assert.That((Sold(delayed.Id), Sold(target.Id)), Is.EqualTo((0, 2)), "units back to the delayed product, one more taken of the target");
            Assert.That(_card.Charges, Is.EqualTo(chargesBefore), "no gateway charge");
            Assert.That(_card.Refunds, Is.Empty, "no gateway refund");
        });
        var entries = Entries(annOrder.Id);
        var swapOut = entries.Single(e => e.IdempotencyKey == DelayCompensationRules.SwapOutKey(outcome.Swap.Id));
        var swapIn = entries.Single(e => e.IdempotencyKey == DelayCompensationRules.SwapInKey(outcome.Swap.Id));
        Assert.That((swapOut.Amount, swapOut.PreorderLineId, swapOut.Kind, swapIn.Amount, swapIn.PreorderLineId, swapIn.Method),
            Is.EqualTo((20m, oldLine.Id, LedgerEntryKind.Transfer, 20m, newLine.Id, PreorderDefaults.SwapMethod)));
        var balance = await _host.Resolve<PreorderLedgerService>().GetBalanceAsync(annOrder.Id);
        Assert.That((balance.Held, balance.Line(newLine.Id).Held, balance.Line(oldLine.Id).Held), Is.EqualTo((heldBefore, 20m, 0m)), "all of it moved, exactly");
        Assert.That(balance.Line(newLine.Id).Owed, Is.EqualTo(130m), "the rest of the new product's price is owed when it arrives");
        Assert.That(_shop.OrderNotes.Any(n => n.OrderId == annOrder.Id && n.Note.Contains($"line {newLine.Id}")), Is.True);

        // one unit of the target arrives: Ann placed before Bob, so it is hers
        Assert.That(await _host.Resolve<PreorderAllocationService>().AllocateAsync(target.Id, 0, 1), Is.EqualTo(1));
        Assert.That(_host.Scope.Repository<PreorderLine>().Table.Single(e => e.Id == newLine.Id).State, Is.EqualTo(PreorderLineState.BalanceDue));
        Assert.That(LineOf(bobOrder, target.Id).State, Is.EqualTo(PreorderLineState.Waiting));
        Assert.That(changeId, Is.EqualTo(outcome.Swap.ShipDateChangeId));
    }

    [Test]
    public async Task A_swap_to_a_full_target_is_refused_cleanly_and_changes_nothing()
    {
        var delayed = await _host.PreorderProductAsync(cap: 10);
        var target = await _host.PreorderProductAsync(cap: 1);
        var annOrder = await PaidOrderAsync(delayed);
        await PaidOrderAsync(target);                                     // the target's one unit is taken
        await ChangeAsync(delayed, new DelayOffer(DelayCompensationKind.None, 0m, false, target.Id));
        var line = LineOf(annOrder, delayed.Id);
        var entriesBefore = Entries(annOrder.Id).Count;

        var outcome = await _host.Resolve<DelaySwapService>().SwapAsync(line.Id, annOrder.CustomerId);

        Assert.That(outcome.ErrorResourceKey, Is.EqualTo(R.SwapTargetSoldOut));
        Assert.That(Texts.En(R.SwapTargetSoldOut), Is.Not.EqualTo(R.SwapTargetSoldOut));
        Assert.Multiple(() =>
        {
            Assert.That(_host.Scope.Repository<PreorderLine>().Table.Single(e => e.Id == line.Id).State, Is.EqualTo(PreorderLineState.Waiting));
            Assert.That(_host.Scope.Repository<PreorderDelaySwap>().Table.Count(), Is.Zero, "the claim is withdrawn: a later click may try again");
            Assert.That((Sold(delayed.Id), Sold(target.Id)), Is.EqualTo((1, 1)));
            Assert.That(_shop.OrderItems[annOrder.Id], Has.Count.EqualTo(1), "no order item added");
            Assert.That(Entries(annOrder.Id), Has.Count.EqualTo(entriesBefore));
        });
        // someone else's line, or a line with no swap offered, is refused without telling anything
        Assert.That((await _host.Resolve<DelaySwapService>().SwapAsync(line.Id, annOrder.CustomerId + 1)).ErrorResourceKey, Is.EqualTo(R.SwapNotOffered));
    }

    [Test]
    public async Task The_buyer_s_page_shows_their_coupon_and_the_swap_until_it_is_made()
    {
        var delayed = await _host.PreorderProductAsync(cap: 10);
        delayed.Name = "Moon Lamp";
        var target = await _host.PreorderProductAsync(cap: 10);
        target.Name = "Sun Lamp";
        var ann = _shop.AddCustomer();
        var order = await PaidOrderAsync(delayed, ann);
        await ChangeAsync(delayed, new DelayOffer(DelayCompensationKind.Coupon, 10m, true, target.Id));
        await RunTaskOnTwoNodesAsync();
        var factory = _host.Resolve<Nop.Plugin.Preorders.Factories.DelayOfferModelFactory>();

        var model = await factory.PrepareAsync(ann.Id);
        Assert.That(model.Coupons.Single(), Is.EqualTo(new Models.DelayCouponModel(Compensations().Single().CouponCode, "10% off your next order, coupon code", "Moon Lamp")));
        Assert.That(model.Swaps.Single(), Is.EqualTo(new Models.DelaySwapOfferModel(LineOf(order, delayed.Id).Id, order.CustomOrderNumber, "Moon Lamp", "Sun Lamp", 1)));
        Assert.That((await factory.PrepareAsync(_shop.AddCustomer().Id)).IsEmpty, Is.True, "another shopper sees nothing");

        Assert.That((await _host.Resolve<DelaySwapService>().SwapAsync(LineOf(order, delayed.Id).Id, ann.Id)).Succeeded, Is.True);
        model = await factory.PrepareAsync(ann.Id);
        Assert.That(model.Swaps, Is.Empty, "swapped once: no offer left");
        Assert.That(model.Swapped.Single(), Is.EqualTo(new Models.DelaySwapDoneModel(order.Id, order.CustomOrderNumber, "Moon Lamp", "Sun Lamp")));
    }
}
