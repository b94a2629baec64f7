using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Orders;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using P = Nop.Plugin.Preorders.PreorderDefaults.Permissions;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Admin;

/// <summary>
/// Every staff action through the plugin's real services on the real database: its effect, its audit row
/// with the admin's customer id, and its permission (without it: denied, and nothing at all changes).
/// </summary>
[TestFixture]
public class AdminActionTests
{
    private TestDatabase _database;
    private AdminHost _admin;

    [SetUp]
    public void SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _admin = new AdminHost(_database);
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _database.Dispose();
    }

    private PreorderTestHost Host => _admin.Host;

    private PreorderAdminActionService Actions => _admin.Resolve<PreorderAdminActionService>();

    /// <summary>A pre-order product with one order of <paramref name="quantity"/> units at 100 (deposit 20 %).</summary>
    private async Task<(Product Product, Order Order, PreorderLine Line)> PreorderAsync(int quantity = 1, bool depositPaid = false, Product product = null)
    {
        product ??= await Host.PreorderProductAsync(cap: 10);
        var order = await Host.PlaceOrderAsync(product, quantity);
        if (depositPaid)
            await _admin.Resolve<BalancePaymentService>().ConfirmOfflineAsync(order.Id, 20m * quantity, "DEP-" + order.Id, 1, LedgerEntryKind.Deposit);
        return (product, order, _admin.LineOfOrder(order.Id));
    }

    private async Task<PreorderLine> BalanceDueLineAsync(bool overdue = false)
    {
        var (product, order, line) = await PreorderAsync(depositPaid: true);
        await _admin.Resolve<PreorderAllocationService>().AllocateAsync(product.Id, 0, 1);
        if (overdue)
        {
            Host.Clock.Now = Host.Clock.Now.AddDays(Host.Settings.BalanceDueDays + 1);
            Assert.That(await _admin.Resolve<PreorderOrderService>().MarkOverdueAsync(line.Id), Is.True);
        }
        line = _admin.Line(line.Id);
        Assert.That(line.State, Is.EqualTo(overdue ? PreorderLineState.Overdue : PreorderLineState.BalanceDue));
        return line;
    }

    private void AssertAudited(string action, int orderId = 0, int productId = 0, int lineId = 0)
    {
        var rows = _admin.Audit(action);
        Assert.That(rows, Is.Not.Empty, $"audit row {action}");
        var row = rows[^1];
        Assert.That(row.CustomerId, Is.EqualTo(AdminHost.AdminId), "the acting admin is recorded");
        if (orderId > 0)
            Assert.That(row.OrderId, Is.EqualTo(orderId));
        if (productId > 0)
            Assert.That(row.ProductId, Is.EqualTo(productId));
        if (lineId > 0)
            Assert.That(row.PreorderLineId, Is.EqualTo(lineId));
    }

    #region Payments

    [Test]
    public async Task Confirming_an_offline_deposit_records_it_once_with_who_did_it()
    {
        var (_, order, _) = await PreorderAsync(quantity: 2);

        var result = await Actions.ConfirmPaymentAsync(order.Id, null, "BANK-77", LedgerEntryKind.Deposit);
        var again = await Actions.ConfirmPaymentAsync(order.Id, 40m, "bank-77", LedgerEntryKind.Deposit);

        Assert.That(result.Success, Is.True);
        Assert.That(again.Errors, Is.Empty, "the same reference again is not an error and records nothing new");
        var entry = _admin.Ledger(order.Id).Single();
        Assert.That(entry.Kind, Is.EqualTo(LedgerEntryKind.Deposit));
        Assert.That(entry.Amount, Is.EqualTo(40m), "without an amount: the deposit still due");
        Assert.That(entry.RecordedByCustomerId, Is.EqualTo(AdminHost.AdminId));
        Assert.That((await _admin.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id)).State, Is.EqualTo(PreorderAccountState.AwaitingBalance));
        AssertAudited("Admin.PaymentConfirmed", order.Id);
        Assert.That(_admin.Audit("Admin.PaymentConfirmed")[^1].Details, Does.Contain("already recorded"));
    }

    [Test]
    public async Task Bulk_balance_confirmation_credits_each_selected_order_with_what_it_owes()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        var first = await PreorderAsync(1, true, product);
        var second = await PreorderAsync(3, true, product);
        var unpaid = await PreorderAsync(1, false, product);

        var orderIds = await Actions.OrderIdsOfLinesAsync(new[] { first.Line.Id, second.Line.Id });
        var result = await Actions.ConfirmPaymentsAsync(orderIds, null, "BATCH-1", LedgerEntryKind.Balance);

        Assert.That(result.Succeeded, Is.EqualTo(2));
        var ledger = _admin.Resolve<PreorderLedgerService>();
        Assert.That((await ledger.GetAccountAsync(first.Order.Id)).State, Is.EqualTo(PreorderAccountState.PaidInFull));
        Assert.That((await ledger.GetAccountAsync(second.Order.Id)).PaidAmount, Is.EqualTo(300m));
        Assert.That(_admin.Ledger(unpaid.Order.Id), Is.Empty, "an order not selected is untouched");
        Assert.That(_admin.Audit("Admin.PaymentConfirmed").Select(a => a.OrderId), Is.EquivalentTo(new[] { first.Order.Id, second.Order.Id }));
        Assert.That(_admin.Audit("Admin.PaymentConfirmed"), Has.All.Property(nameof(PreorderAuditEntry.CustomerId)).EqualTo(AdminHost.AdminId));
    }

    [Test]
    public async Task Payment_confirmation_refuses_bad_input_and_reports_per_order_problems()
    {
        var (_, order, _) = await PreorderAsync();
        Assert.That((await Actions.ConfirmPaymentAsync(order.Id, 10m, " ", LedgerEntryKind.Balance)).Errors.Single().ResourceKey, Is.EqualTo(R.ReferenceRequired));
        Assert.That((await Actions.ConfirmPaymentAsync(order.Id, -1m, "X", LedgerEntryKind.Balance)).Errors.Single().ResourceKey, Is.EqualTo(R.AmountInvalid));
        Assert.That((await Actions.ConfirmPaymentAsync(order.Id, 10m, "X", LedgerEntryKind.Refund)).Errors.Single().ResourceKey, Is.EqualTo(R.PaymentKindInvalid));
        var tooMuch = await Actions.ConfirmPaymentAsync(order.Id, 1000m, "X", LedgerEntryKind.Balance);
        Assert.That(tooMuch.Errors.Single().ResourceKey, Is.EqualTo(R.AmountAboveOutstanding));
        Assert.That(tooMuch.Errors.Single().TargetId, Is.EqualTo(order.Id));
        var missing = await Actions.ConfirmPaymentAsync(999_999, null, "X", LedgerEntryKind.Balance);
        Assert.That(missing.Errors.Single().ResourceKey, Is.EqualTo(R.OrderNotFound));
        Assert.That(_admin.Ledger(order.Id), Is.Empty);
        Assert.That(_admin.AdminAudit(), Is.Empty, "nothing done, nothing audited");
    }

    [Test]
    public async Task A_refund_goes_to_the_ledger_once_per_page_version_and_a_resubmit_is_refused()
    {
        var (_, order, _) = await PreorderAsync(quantity: 2, depositPaid: true);
        var version = (await _admin.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id)).Version;

        var result = await Actions.RefundAsync(order.Id, 15m, "Goodwill", version);
        var doubleClick = await Actions.RefundAsync(order.Id, 15m, "Goodwill", version);

        Assert.That(result.Success, Is.True);
        Assert.That(doubleClick.Errors.Single().ResourceKey, Is.EqualTo(R.ConcurrentChange), "the page's version is a precondition: the money changed since, reload");
        var refunds = _admin.Ledger(order.Id).Where(e => e.Kind == LedgerEntryKind.Refund).ToList();
        Assert.That(refunds.Select(e => e.Amount), Is.EqualTo(new[] { 15m }), "the double submit refunds once");
        Assert.That(refunds.Single().RecordedByCustomerId, Is.EqualTo(AdminHost.AdminId));
        Assert.That((await _admin.Resolve<PreorderLedgerService>().GetAccountAsync(order.Id)).RefundedAmount, Is.EqualTo(15m));
        AssertAudited("Admin.Refunded", order.Id);

        var tooMuch = await Actions.RefundAsync(order.Id, 1000m, "Too much", version + 5);
        Assert.That(tooMuch.Errors.Single().ResourceKey, Is.EqualTo(R.RefundAboveHeld));
    }

    [Test]
    public async Task The_ledger_check_reports_findings_and_is_audited()
    {
        var (_, order, _) = await PreorderAsync(depositPaid: true);
        var clean = await Actions.CheckLedgerAsync(order.Id);
        Assert.That(clean.Success, Is.True);
        Assert.That(clean.Details, Is.Empty);

        var account = Host.Scope.Repository<PreorderAccount>().Table.Single(a => a.OrderId == order.Id);
        account.PaidAmount = 999m;
        await Host.Scope.Repository<PreorderAccount>().UpdateAsync(account, false);
        var broken = await Actions.CheckLedgerAsync(order.Id);
        Assert.That(broken.Details, Has.Some.Contains("account totals differ from ledger"));
        Assert.That(broken.Count, Is.EqualTo(broken.Details.Count));
        AssertAudited("Admin.LedgerChecked", order.Id);
        Assert.That(_admin.Audit("Admin.LedgerChecked").Select(a => a.Details), Is.EqualTo(new[] { "consistent", string.Join("; ", broken.Details) }));
    }

    #endregion

    #region Product

    [Test]
    public async Task Stock_arrival_allocates_first_come_first_served()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        var first = await PreorderAsync(2, true, product);
        var second = await PreorderAsync(2, true, product);

        var result = await Actions.MarkStockArrivedAsync(product.Id, 0, units: 3);

        Assert.That(result.Success, Is.True);
        Assert.That(result.Count, Is.EqualTo(2), "whole lines: the second line does not fit into the remaining unit");
        Assert.That(_admin.Line(first.Line.Id).State, Is.EqualTo(PreorderLineState.BalanceDue));
        Assert.That(_admin.Line(second.Line.Id).State, Is.EqualTo(PreorderLineState.Waiting));
        AssertAudited("Admin.StockArrived", productId: product.Id);
        Assert.That(_admin.Audit("StockAllocated").Single().CustomerId, Is.EqualTo(AdminHost.AdminId));

        // without units: what nopCommerce has on hand (its stock counts pre-ordered units below zero: -4 until all 4 arrive)
        Assert.That(product.StockQuantity, Is.EqualTo(-4));
        product.StockQuantity += 4;
        var fromStock = await Actions.MarkStockArrivedAsync(product.Id, 0, null);
        Assert.That(fromStock.Count, Is.EqualTo(2));
        Assert.That(_admin.Line(second.Line.Id).State, Is.EqualTo(PreorderLineState.BalanceDue));
        Assert.That((await Actions.MarkStockArrivedAsync(product.Id, 0, 0)).Errors.Single().ResourceKey, Is.EqualTo(R.ValueInvalid));
    }

    [Test]
    public async Task A_long_delay_of_the_ship_date_notifies_shoppers_and_offers_penalty_free_cancellation_by_policy()
    {
        var (product, _, _) = await PreorderAsync();
        var oldDate = (await _admin.Resolve<PreorderCatalogService>().GetProfileAsync(product.Id)).ExpectedShipDateUtc;
        var newDate = oldDate.Value.AddDays(Host.Settings.AutoRefundDelayDays + 10);

        var result = await Actions.ChangeShipDateAsync(product.Id, newDate, "Factory delay", offerPenaltyFreeCancel: false);

        Assert.That(result.Success, Is.True, string.Join(", ", result.Errors.Select(e => e.ResourceKey)));
        Assert.That((await _admin.Resolve<PreorderCatalogService>().GetProfileAsync(product.Id)).ExpectedShipDateUtc, Is.EqualTo(newDate));
        var change = Host.Scope.Repository<PreorderShipDateChange>().Table.Single();
        Assert.That(change.PenaltyFreeCancel, Is.True, "a delay beyond the refund threshold is penalty-free by store policy");
        Assert.That(change.ChangedByCustomerId, Is.EqualTo(AdminHost.AdminId));
        var notice = Host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.ShipDateChanged);
        Assert.That(notice.ProductId, Is.EqualTo(product.Id));
        Assert.That(notice.OldDateUtc, Is.EqualTo(oldDate));
        Assert.That(notice.NewDateUtc, Is.EqualTo(newDate));
        Assert.That(notice.Reason, Is.EqualTo("Factory delay"));
        Assert.That(notice.PenaltyFreeCancel, Is.True);
        Assert.That(notice.Key, Is.EqualTo($"shipdate:{change.Id}"), "one notice per change");
        AssertAudited("Admin.ShipDateChanged", productId: product.Id);
    }

    [Test]
    public async Task A_short_delay_is_penalty_free_only_when_the_merchant_offers_it()
    {
        var (product, _, _) = await PreorderAsync();
        var profile = await _admin.Resolve<PreorderCatalogService>().GetProfileAsync(product.Id);
        var rule = new DepositRule { Percent = 35m };
        profile.DepositRuleJson = Newtonsoft.Json.JsonConvert.SerializeObject(rule);
        await Host.Scope.Repository<PreorderProfile>().UpdateAsync(profile, false);

        await Actions.ChangeShipDateAsync(product.Id, profile.ExpectedShipDateUtc.Value.AddDays(5), "Small slip", false);
        await Actions.ChangeShipDateAsync(product.Id, profile.ExpectedShipDateUtc.Value.AddDays(9), "Another slip", true);

        var changes = Host.Scope.Repository<PreorderShipDateChange>().Table.OrderBy(c => c.Id).ToList();
        Assert.That(changes.Select(c => c.PenaltyFreeCancel), Is.EqualTo(new[] { false, true }));
        Assert.That((await _admin.Resolve<PreorderCatalogService>().GetProfileAsync(product.Id)).DepositRuleJson, Does.Contain("35"),
            "the product's own deposit rule survives a date change");
        Assert.That(Host.Publisher.Of<PreorderEvent>().Count(e => e.Kind == PreorderEventKind.ShipDateChanged), Is.EqualTo(2));

        Assert.That((await Actions.ChangeShipDateAsync(product.Id, DateTime.UtcNow.AddYears(1), "", false)).Errors.Single().ResourceKey, Is.EqualTo(R.ReasonRequired));
        Assert.That((await Actions.ChangeShipDateAsync(product.Id, changes[^1].NewDateUtc, "Same", false)).Errors.Single().ResourceKey, Is.EqualTo(R.ShipDateUnchanged));
        Assert.That((await Actions.ChangeShipDateAsync(product.Id, Host.Clock.UtcNow.AddDays(-3), "Past", false)).Errors.Single().ResourceKey, Is.EqualTo(R.ShipDateInPast));
        Assert.That((await Actions.ChangeShipDateAsync(123_456, Host.Clock.UtcNow.AddDays(3), "No profile", false)).Errors.Single().ResourceKey, Is.EqualTo(R.ProfileNotFound));
    }

    [Test]
    public async Task Emailing_all_buyers_publishes_one_merchant_message_per_open_order()
    {
        var product = await Host.PreorderProductAsync(cap: 10);
        var first = await PreorderAsync(1, false, product);
        var second = await PreorderAsync(2, false, product);
        var cancelled = await PreorderAsync(1, false, product);
        await _admin.Resolve<PreorderOrderService>().CancelLineAsync(cancelled.Line.Id, "gone", 1);
        var other = await PreorderAsync();

        var result = await Actions.EmailBuyersAsync(product.Id, "  The <b>colour</b> changes to blue.  ");

        Assert.That(result.Count, Is.EqualTo(2));
        var messages = Host.Publisher.Of<PreorderEvent>().Where(e => e.Kind == PreorderEventKind.MerchantMessage).ToList();
        Assert.That(messages.Select(m => m.OrderId), Is.EquivalentTo(new[] { first.Order.Id, second.Order.Id }), "closed lines and other products get nothing");
        Assert.That(messages, Has.All.Property(nameof(PreorderEvent.Reason)).EqualTo("The <b>colour</b> changes to blue."));
        Assert.That(messages, Has.All.Property(nameof(PreorderEvent.ProductId)).EqualTo(product.Id));
        Assert.That(messages.Select(m => m.Key).Distinct().Count(), Is.EqualTo(2), "a key per order, so each buyer is written once");
        Assert.That(messages.Select(m => m.OrderId), Has.None.EqualTo(other.Order.Id));
        AssertAudited("Admin.BuyersEmailed", productId: product.Id);
        Assert.That((await Actions.EmailBuyersAsync(product.Id, " ")).Errors.Single().ResourceKey, Is.EqualTo(R.MessageRequired));
        Assert.That((await Actions.EmailBuyersAsync(product.Id, new string('x', 4001))).Errors.Single().ResourceKey, Is.EqualTo(R.TextTooLong));
    }

    #endregion

    #region Lines

    [Test]
    public async Task Rescheduling_moves_due_dates_revives_overdue_lines_and_skips_lines_without_a_balance_due()
    {
        var due = await BalanceDueLineAsync();
        var overdue = await BalanceDueLineAsync(overdue: true);
        var (_, _, waiting) = await PreorderAsync();
        var newDue = Host.Clock.UtcNow.AddDays(20);

        var result = await Actions.RescheduleDueDatesAsync(new[] { due.Id, overdue.Id, waiting.Id }, newDue, "Courier strike");

        Assert.That(result.Succeeded, Is.EqualTo(2));
        Assert.That(result.Errors.Single().ResourceKey, Is.EqualTo(R.RescheduleNotAllowed));
        Assert.That(result.Errors.Single().TargetId, Is.EqualTo(waiting.Id));
        Assert.That(_admin.Line(due.Id).BalanceDueOnUtc, Is.EqualTo(newDue));
        Assert.That(_admin.Line(overdue.Id).BalanceDueOnUtc, Is.EqualTo(newDue));
        Assert.That(_admin.Line(overdue.Id).State, Is.EqualTo(PreorderLineState.BalanceDue), "an overdue line is due again");
        Assert.That(_admin.Line(waiting.Id).BalanceDueOnUtc, Is.Null);
        Assert.That((await _admin.Resolve<PreorderLedgerService>().GetAccountAsync(due.OrderId)).NextDueOnUtc, Is.EqualTo(newDue), "the account's next due date follows");
        var notices = Host.Publisher.Of<PreorderEvent>().Where(e => e.Kind == PreorderEventKind.ExtensionGranted).ToList();
        Assert.That(notices.Select(n => n.LineId), Is.EquivalentTo(new[] { due.Id, overdue.Id }));
        Assert.That(notices, Has.All.Property(nameof(PreorderEvent.Reason)).EqualTo("Courier strike"));
        Assert.That(_admin.Audit("Admin.DueDateRescheduled").Select(a => a.PreorderLineId), Is.EquivalentTo(new[] { due.Id, overdue.Id }));
        Assert.That(_admin.Audit("Admin.DueDateRescheduled"), Has.All.Property(nameof(PreorderAuditEntry.CustomerId)).EqualTo(AdminHost.AdminId));

        Assert.That((await Actions.RescheduleDueDatesAsync(new[] { due.Id }, Host.Clock.UtcNow.AddMinutes(-1), "x")).Errors.Single().ResourceKey, Is.EqualTo(R.DueDateInPast));
        Assert.That((await Actions.RescheduleDueDatesAsync(Array.Empty<int>(), newDue, "x")).Errors.Single().ResourceKey, Is.EqualTo(R.NothingSelected));
        Assert.That((await Actions.RescheduleDueDatesAsync(Enumerable.Range(1, 1001).ToArray(), newDue, "x")).Errors.Single().ResourceKey, Is.EqualTo(R.TooManySelected));
    }

    [Test]
    public async Task Extending_grants_a_merchant_approved_extension()
    {
        var line = await BalanceDueLineAsync(overdue: true);
        var before = line.BalanceDueOnUtc;

        var result = await Actions.ExtendAsync(new[] { line.Id });

        Assert.That(result.Success, Is.True);
        var extended = _admin.Line(line.Id);
        Assert.That(extended.State, Is.EqualTo(PreorderLineState.BalanceDue));
        Assert.That(extended.ExtensionCount, Is.EqualTo(1));
        Assert.That(extended.BalanceDueOnUtc, Is.EqualTo(Host.Clock.UtcNow.AddDays(Host.Settings.ExtensionDays)), "an overdue line gets the extension from now");
        Assert.That(extended.BalanceDueOnUtc, Is.GreaterThan(before));
        AssertAudited("Admin.ReservationExtended", line.OrderId, lineId: line.Id);
        Assert.That(_admin.Audit("ExtensionGranted").Single().CustomerId, Is.EqualTo(AdminHost.AdminId));

        // beyond the shopper's automatic extensions: still allowed for the merchant
        Host.Settings.MaxAutoExtensions = 0;
        Assert.That((await Actions.ExtendAsync(new[] { line.Id })).Success, Is.True);
        Assert.That(_admin.Line(line.Id).ExtensionCount, Is.EqualTo(2));

        var (_, _, waiting) = await PreorderAsync();
        Assert.That((await Actions.ExtendAsync(new[] { waiting.Id })).Errors.Single().ResourceKey, Is.EqualTo(R.ExtensionNotAllowed));
    }

    [TestCase(AdminSettlement.Refund, LedgerEntryKind.Refund)]
    [TestCase(AdminSettlement.Forfeit, LedgerEntryKind.Forfeit)]
    [TestCase(AdminSettlement.Transfer, LedgerEntryKind.Transfer)]
    public async Task Cancelling_releases_the_units_and_settles_the_deposit_as_chosen(AdminSettlement settlement, LedgerEntryKind expectedKind)
    {
        var (product, order, line) = await PreorderAsync(quantity: 2, depositPaid: true);
        var counter = await _admin.Resolve<CapReservationService>().GetCounterAsync(product.Id);
        Assert.That(counter.Sold, Is.EqualTo(2));

        var result = await Actions.CancelAsync(new[] { line.Id }, "Customer asked by phone", settlement, (int)CancellationReason.CustomerRequest);

        Assert.That(result.Success, Is.True, string.Join(", ", result.Errors.Select(e => e.ResourceKey)));
        var cancelled = _admin.Line(line.Id);
        Assert.That(cancelled.State, Is.EqualTo(PreorderLineState.Cancelled));
        Assert.That(cancelled.CloseReason, Is.EqualTo("Customer asked by phone"));
        Assert.That((cancelled.CancelReason, cancelled.CancelReasonText), Is.EqualTo((CancellationReason.CustomerRequest, "Customer asked by phone")), "the merchant's reason is stored with the line");
        Assert.That((await _admin.Resolve<CapReservationService>().GetCounterAsync(product.Id)).Sold, Is.EqualTo(0), "units go back to the cap");
        var settlementEntry = _admin.Ledger(order.Id).Single(e => e.Kind is LedgerEntryKind.Refund or LedgerEntryKind.Forfeit or LedgerEntryKind.Transfer);
        Assert.That(settlementEntry.Kind, Is.EqualTo(expectedKind));
        Assert.That(settlementEntry.Amount, Is.EqualTo(40m), "the whole deposit held");
        Assert.That(Host.Shop.GiftCards.Count, Is.EqualTo(settlement == AdminSettlement.Transfer ? 1 : 0));
        var cancelledEvent = Host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.LineCancelled);
        Assert.That(cancelledEvent.Reason, Is.EqualTo("Customer asked by phone"));
        AssertAudited("Admin.LineCancelled", order.Id, product.Id, line.Id);
        Assert.That(_admin.Audit("LineCancelled").Single().CustomerId, Is.EqualTo(AdminHost.AdminId));

        var again = await Actions.CancelAsync(new[] { line.Id }, "again", settlement, (int)CancellationReason.CustomerRequest);
        Assert.That(again.Errors.Single().ResourceKey, Is.EqualTo(R.AlreadyClosed));
        Assert.That(_admin.Ledger(order.Id).Count(e => e.Kind == expectedKind), Is.EqualTo(1), "settled once");
        Assert.That((await Actions.CancelAsync(new[] { line.Id }, " ", settlement, (int)CancellationReason.CustomerRequest)).Errors.Single().ResourceKey, Is.EqualTo(R.ReasonRequired));
    }

    #endregion

    #region Orders

    [Test]
    public async Task Resending_the_balance_link_revokes_older_links_and_asks_for_a_new_one()
    {
        var line = await BalanceDueLineAsync();
        var links = _admin.Resolve<BalanceLinkService>();
        var oldToken = await links.IssueAsync(line.OrderId, 14);

        var result = await Actions.ResendBalanceLinksAsync(await Actions.OrderIdsOfLinesAsync(new[] { line.Id }));

        Assert.That(result.Success, Is.True);
        Assert.That((await links.CheckAsync(oldToken)).IsValid, Is.False, "the older link stops working");
        var request = Host.Publisher.Of<PreorderEvent>().Single(e => e.Kind == PreorderEventKind.BalanceLinkRequested);
        Assert.That(request.OrderId, Is.EqualTo(line.OrderId));
        Assert.That(request.Amount, Is.EqualTo(80m), "what the link is for");
        AssertAudited("Admin.BalanceLinkResent", line.OrderId);
        Assert.That(_admin.Audit("BalanceLinksRevoked").Single().CustomerId, Is.EqualTo(AdminHost.AdminId));

        await Actions.ConfirmPaymentAsync(line.OrderId, null, "FINAL", LedgerEntryKind.Balance);
        Assert.That((await Actions.ResendBalanceLinksAsync(new[] { line.OrderId })).Errors.Single().ResourceKey, Is.EqualTo(R.NothingOutstanding));
    }

    [Test]
    public async Task A_note_is_kept_in_the_history_and_in_nopCommerces_order_notes()
    {
        var (_, order, line) = await PreorderAsync();
        var notesBefore = Host.Shop.OrderNotes.Count;

        var result = await Actions.AddNoteAsync(new[] { order.Id }, " Called the customer about colour ", line.Id);

        Assert.That(result.Success, Is.True);
        var audit = _admin.Audit("Admin.Note").Single();
        Assert.That(audit.Details, Is.EqualTo("Called the customer about colour"));
        Assert.That(audit.CustomerId, Is.EqualTo(AdminHost.AdminId));
        Assert.That(audit.PreorderLineId, Is.EqualTo(line.Id));
        var note = Host.Shop.OrderNotes.Skip(notesBefore).Single();
        Assert.That(note.OrderId, Is.EqualTo(order.Id));
        Assert.That(note.Note, Does.EndWith("Called the customer about colour"));
        Assert.That(note.DisplayToCustomer, Is.False);
        Assert.That((await Actions.AddNoteAsync(new[] { order.Id }, "")).Errors.Single().ResourceKey, Is.EqualTo(R.MessageRequired));
    }

    #endregion

    #region Permissions

    /// <summary>Each action with the permissions the admin lacks for it.</summary>
    public static IEnumerable<TestCaseData> DeniedActions()
    {
        TestCaseData Case(string action, params string[] held) => new TestCaseData(action, held).SetName($"Denied_{action}_with_{(held.Length == 0 ? "nothing" : string.Join("_", held.Select(h => h.Split('.')[^1])))}");
        yield return Case("ConfirmPayment", P.View, P.Refund);
        yield return Case("Refund", P.View, P.Manage);
        yield return Case("CheckLedger");
        yield return Case("StockArrived", P.View, P.Refund);
        yield return Case("ChangeShipDate", P.View);
        yield return Case("EmailBuyers", P.View);
        yield return Case("Reschedule", P.View, P.Refund);
        yield return Case("Extend", P.View);
        yield return Case("CancelRefund", P.View, P.Manage);
        yield return Case("CancelTransfer", P.View, P.Manage);
        yield return Case("CancelForfeit", P.View, P.Refund);
        yield return Case("ResendLink", P.View);
        yield return Case("AddNote", P.View, P.Refund);
    }

    [TestCaseSource(nameof(DeniedActions))]
    public async Task Without_the_permission_an_action_is_denied_and_changes_nothing(string action, string[] held)
    {
        var line = await BalanceDueLineAsync();
        await _admin.Resolve<BalanceLinkService>().IssueAsync(line.OrderId, 14);
        var version = (await _admin.Resolve<PreorderLedgerService>().GetAccountAsync(line.OrderId)).Version;
        _admin.Only(held);
        var before = _admin.Snapshot();

        var result = await RunAsync(action, line, version);

        Assert.That(result.Denied, Is.True);
        Assert.That(result.Succeeded, Is.EqualTo(0));
        Assert.That(_admin.Snapshot(), Is.EqualTo(before), "nothing changed: no state, money, link, profile, audit row or event");
    }

    [Test]
    public async Task With_only_manage_a_forfeiting_cancellation_is_allowed()
    {
        var (_, order, line) = await PreorderAsync(depositPaid: true);
        _admin.Only(P.View, P.Manage);
        var result = await Actions.CancelAsync(new[] { line.Id }, "No refund per terms", AdminSettlement.Forfeit, (int)CancellationReason.CustomerRequest);
        Assert.That(result.Success, Is.True);
        Assert.That(_admin.Ledger(order.Id).Select(e => e.Kind), Does.Contain(LedgerEntryKind.Forfeit));
    }

    private async Task<AdminActionResult> RunAsync(string action, PreorderLine line, int accountVersion) => action switch
    {
        "ConfirmPayment" => await Actions.ConfirmPaymentAsync(line.OrderId, 10m, "REF", LedgerEntryKind.Balance),
        "Refund" => await Actions.RefundAsync(line.OrderId, 5m, "why", accountVersion),
        "CheckLedger" => await Actions.CheckLedgerAsync(line.OrderId),
        "StockArrived" => await Actions.MarkStockArrivedAsync(line.ProductId, 0, 5),
        "ChangeShipDate" => await Actions.ChangeShipDateAsync(line.ProductId, Host.Clock.UtcNow.AddDays(200), "late", true),
        "EmailBuyers" => await Actions.EmailBuyersAsync(line.ProductId, "hello"),
        "Reschedule" => await Actions.RescheduleDueDatesAsync(new[] { line.Id }, Host.Clock.UtcNow.AddDays(30), "later"),
        "Extend" => await Actions.ExtendAsync(new[] { line.Id }),
        "CancelRefund" => await Actions.CancelAsync(new[] { line.Id }, "why", AdminSettlement.Refund, (int)CancellationReason.CustomerRequest),
        "CancelTransfer" => await Actions.CancelAsync(new[] { line.Id }, "why", AdminSettlement.Transfer, (int)CancellationReason.CustomerRequest),
        "CancelForfeit" => await Actions.CancelAsync(new[] { line.Id }, "why", AdminSettlement.Forfeit, (int)CancellationReason.CustomerRequest),
        "ResendLink" => await Actions.ResendBalanceLinksAsync(new[] { line.OrderId }),
        "AddNote" => await Actions.AddNoteAsync(new[] { line.OrderId }, "note"),
        _ => throw new ArgumentOutOfRangeException(nameof(action))
    };

    #endregion
}
