using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Factories;
using Nop.Plugin.Preorders.Services.Campaigns;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Services.Tasks;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;
using K = Nop.Plugin.Preorders.Services.Messages.PreorderMessageKinds;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;
using Tk = Nop.Plugin.Preorders.Services.Messages.PreorderMessageTokens;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>
/// Campaign updates on a real database: the merchant's post (validated, nothing e-mailed in the request), the product
/// page's timeline (cached: no query), the task's batched recording of one e-mail per buyer (keyset, resumed run after
/// run, never twice with two nodes, opted-out buyers and cancelled lines left out), the webhook, and delete.
/// </summary>
[TestFixture]
public class CampaignUpdateTests : MessageTest
{
    private FakeShop _shop;
    private PreorderTestHost _host;

    [SetUp]
    public void SetUp()
    {
        _shop = new FakeShop();
        _shop.Settings.WebhookUrls = "https://hooks.example.test/preorders";
        _host = Kit.NewAdminHost(Database, _shop);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private CampaignUpdateService Updates => _host.Resolve<CampaignUpdateService>();

    private List<PreorderCampaignUpdate> Stored() => _host.Scope.Repository<PreorderCampaignUpdate>().Table.OrderBy(u => u.Id).ToList();

    private List<PreorderMessageLog> CampaignLogs() =>
        _host.Scope.Repository<PreorderMessageLog>().Table.Where(m => m.MessageKey.StartsWith(K.CampaignUpdate.Code + ":")).OrderBy(m => m.Id).ToList();

    private async Task<(Product Product, List<(Customer Buyer, Order Order)> Buyers)> CampaignAsync(int buyers)
    {
        var product = await MessageTestKit.ProductAsync(_host, "Moon Lamp", cap: 100);
        var list = new List<(Customer, Order)>();
        for (var i = 0; i < buyers; i++)
        {
            var customer = _shop.AddCustomer();
            list.Add((customer, await _host.PlaceOrderAsync(customer, (product, 1))));
        }
        return (product, list);
    }

    private async Task<int> PostAsync(int productId, CampaignStage stage, string text)
    {
        var result = await Updates.PostAsync(productId, (int)stage, text);
        Assert.That(result.Success, Is.True, string.Join(", ", result.Errors.Select(e => e.ResourceKey)));
        return result.Count;
    }

    /// <summary>The task's campaign step on a node of its own (a host per node), with the given batch and run sizes.</summary>
    private async Task<int> RecordOnNodeAsync(int batchSize = 500, int perRun = 2000)
    {
        using var node = Kit.NewHost(Database, _shop);
        var notices = node.Resolve<CampaignUpdateNoticeService>();
        notices.BatchSize = batchSize;
        notices.BuyersPerRun = perRun;
        return await notices.RecordDueAsync();
    }

    private async Task RunTaskOnTwoNodesAsync()
    {
        using var nodeA = Kit.NewHost(Database, _shop);
        using var nodeB = Kit.NewHost(Database, _shop);
        await Task.WhenAll(
            Task.Run(() => nodeA.Resolve<PreorderAutomationService>().RunAsync()),
            Task.Run(() => nodeB.Resolve<PreorderAutomationService>().RunAsync()));
    }

    [TestCase(0, "In production soon", R.CampaignStageUnknown)]
    [TestCase(35, "In production soon", R.CampaignStageUnknown)]
    [TestCase((int)CampaignStage.InCustoms, "  ", R.CampaignTextRequired)]
    [TestCase((int)CampaignStage.InCustoms, null, R.CampaignTextTooLong)]
    public async Task A_refused_post_says_why_and_changes_nothing(int stageId, string text, string expectedKey)
    {
        var (product, _) = await CampaignAsync(1);
        text ??= new string('x', CampaignUpdateRules.MaxTextLength + 1);
        var timelineBefore = await Updates.GetTimelineAsync(product.Id);

        var result = await Updates.PostAsync(product.Id, stageId, text);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors.Select(e => e.ResourceKey), Is.EqualTo(new[] { expectedKey }));
        Assert.That(Texts.En(expectedKey), Is.Not.EqualTo(expectedKey), "a localized message");
        Assert.That(Stored(), Is.Empty);
        Assert.That(await Updates.GetTimelineAsync(product.Id), Is.SameAs(timelineBefore), "the cached timeline was not even cleared");
        Assert.That(await RecordOnNodeAsync(), Is.Zero);
    }

    [Test]
    public async Task A_post_is_stored_without_any_e_mail_in_the_request_and_the_task_e_mails_each_buyer_once()
    {
        var (product, buyers) = await CampaignAsync(3);

        var id = await PostAsync(product.Id, CampaignStage.InProduction, "  Tooling is done; the first units are on the line.  ");

        var stored = Stored().Single();
        Assert.That((stored.Id, stored.ProductId, stored.Stage, stored.Text, stored.PostedByCustomerId),
            Is.EqualTo((id, product.Id, CampaignStage.InProduction, "Tooling is done; the first units are on the line.", MessageTestKit.AdminId)));
        Assert.That(CampaignLogs(), Is.Empty, "nothing recorded inside the admin's post");
        Assert.That(Kit.Of(K.CampaignUpdate), Is.Empty);
        Assert.That(_host.Scope.Repository<PreorderWebhookDelivery>().Table.Count(d => d.EventType == "preorder.campaign_update"), Is.Zero, "the webhook comes from the task too");

        await RunTaskOnTwoNodesAsync();
        await RunTaskOnTwoNodesAsync();

        var mails = Kit.Of(K.CampaignUpdate).ToList();
        Assert.That(mails, Has.Count.EqualTo(3), "one e-mail per buyer, none twice with two nodes and two runs");
        Assert.That(mails.Select(m => m["Order.OrderNumber"]).OrderBy(n => n), Is.EqualTo(buyers.Select(b => b.Order.CustomOrderNumber).OrderBy(n => n)));
        var mail = mails[0];
        Assert.That(mail[Tk.CampaignStage], Is.EqualTo("In production"));
        Assert.That(mail[Tk.CampaignText], Is.EqualTo("Tooling is done; the first units are on the line."));
        Assert.That(mail[Tk.Product], Is.EqualTo("Moon Lamp"));
        Assert.That(mail[Tk.CampaignPostedOn], Is.EqualTo(MessageTestKit.DateText(stored.CreatedOnUtc)));
        Assert.That(mail[Tk.CampaignOptOutLink], Is.EqualTo("http://shop.test/" + CampaignUpdateMessageTokens.OptOutPath));
        Assert.That(mail.ToEmail, Is.EqualTo(MessageTestKit.ShopperEmail));

        var done = Stored().Single();
        Assert.That(done.RecipientsDoneOnUtc, Is.Not.Null);
        Assert.That(done.RecipientsRecorded, Is.EqualTo(3));
        Assert.That(done.RecipientsAfterCustomerId, Is.EqualTo(buyers.Max(b => b.Buyer.Id)));

        var webhooks = _host.Scope.Repository<PreorderWebhookDelivery>().Table.Where(d => d.EventType == "preorder.campaign_update").ToList();
        Assert.That(webhooks, Has.Count.EqualTo(1), "one webhook per update, not per buyer");
        var payload = PreorderWebhookFormat.Deserialize(webhooks[0].PayloadJson);
        Assert.That((payload.ProductId, payload.CampaignUpdate.Id, payload.CampaignUpdate.Stage, payload.CampaignUpdate.Text),
            Is.EqualTo((product.Id, id, "in_production", "Tooling is done; the first units are on the line.")));
        Assert.That(webhooks[0].PayloadJson, Does.Contain("\"campaignUpdate\":{"));
        var otherPayloads = _host.Scope.Repository<PreorderWebhookDelivery>().Table.Where(d => d.EventType != "preorder.campaign_update").Select(d => d.PayloadJson).ToList();
        Assert.That(otherPayloads, Is.Not.Empty.And.All.Not.Contain("campaignUpdate"), "other events' bodies are unchanged");
    }

    [Test]
    public async Task Rows_a_twin_node_recorded_in_the_same_batch_count_once_in_the_updates_figure()
    {
        // two nodes reading one batch split its rows between them and only the node whose cursor move wins adds to the
        // figure: here the twin recorded one buyer's row and lost the cursor (or crashed before moving it)
        var (product, buyers) = await CampaignAsync(3);
        var id = await PostAsync(product.Id, CampaignStage.InCustoms, "At the port.");
        var twinsBuyer = buyers[1];
        Assert.That(await _host.Resolve<PreorderMessageService>().TryRecordAsync(
            CampaignUpdateMessageTokens.Key(product.Id, twinsBuyer.Buyer.Id, id), twinsBuyer.Order.Id, product.Id), Is.Not.Null);

        Assert.That(await RecordOnNodeAsync(), Is.EqualTo(2), "this node recorded the other two rows");

        var done = Stored().Single();
        Assert.That((done.RecipientsRecorded, done.RecipientsDoneOnUtc != null), Is.EqualTo((3, true)), "three buyers reached, counted once each");
        Assert.That(CampaignLogs(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task The_task_walks_the_buyers_in_batches_and_resumes_run_after_run_from_its_cursor()
    {
        var (product, buyers) = await CampaignAsync(5);
        // a buyer with two orders of the product is one buyer: one e-mail
        var twice = buyers[1].Buyer;
        var secondOrder = await _host.PlaceOrderAsync(twice, (product, 1));
        var id = await PostAsync(product.Id, CampaignStage.QualityCheck, "Every unit is being checked.");
        var ids = buyers.Select(b => b.Buyer.Id).OrderBy(c => c).ToList();

        Assert.That(await RecordOnNodeAsync(batchSize: 2, perRun: 2), Is.EqualTo(2));
        var after1 = Stored().Single();
        Assert.That((after1.RecipientsAfterCustomerId, after1.RecipientsRecorded, after1.RecipientsDoneOnUtc), Is.EqualTo((ids[1], 2, (DateTime?)null)),
            "one batch of two buyers, cursor on the second");
        Assert.That(CampaignLogs().Select(m => PreorderMessageKey.Parse(m.MessageKey).CustomerId), Is.EqualTo(ids.Take(2)));
        var twiceLog = CampaignLogs().Single(m => PreorderMessageKey.Parse(m.MessageKey).CustomerId == twice.Id);
        Assert.That(twiceLog.OrderId, Is.EqualTo(secondOrder.Id), "built from the buyer's newest order");

        Assert.That(await RecordOnNodeAsync(batchSize: 2, perRun: 2), Is.EqualTo(2), "the next run goes on after the cursor");
        Assert.That(await RecordOnNodeAsync(batchSize: 2, perRun: 2), Is.EqualTo(1));
        var last = Stored().Single();
        Assert.That(last.RecipientsDoneOnUtc, Is.Not.Null, "a short batch ends it");
        Assert.That(last.RecipientsRecorded, Is.EqualTo(5));
        Assert.That(await RecordOnNodeAsync(batchSize: 2, perRun: 2), Is.Zero, "done: nothing more");

        var keys = CampaignLogs().Select(m => m.MessageKey).ToList();
        Assert.That(keys, Is.EqualTo(ids.Select(c => CampaignUpdateMessageTokens.Key(product.Id, c, id))), "each buyer once, in customer order");
    }

    [Test]
    public async Task A_run_that_died_before_moving_the_cursor_is_resumed_without_a_second_e_mail()
    {
        var (product, buyers) = await CampaignAsync(3);
        var id = await PostAsync(product.Id, CampaignStage.ShippedFromFactory, "On the ship.");
        // a node recorded the first buyer's e-mail and died before it moved the cursor
        var first = buyers.OrderBy(b => b.Buyer.Id).First();
        Assert.That(await _host.Resolve<PreorderMessageService>().TryRecordAsync(CampaignUpdateMessageTokens.Key(product.Id, first.Buyer.Id, id), first.Order.Id, product.Id), Is.Not.Null);
        Assert.That(Stored().Single().RecipientsAfterCustomerId, Is.Zero);

        Assert.That(await RecordOnNodeAsync(), Is.EqualTo(2), "the first buyer's key was taken: only the other two are new");
        await _host.Resolve<PreorderMessageService>().RunScheduledAsync(_host.Clock.UtcNow);

        Assert.That(Kit.Of(K.CampaignUpdate).Count(), Is.EqualTo(3));
        Assert.That(CampaignLogs(), Has.Count.EqualTo(3));
        Assert.That(Stored().Single().RecipientsDoneOnUtc, Is.Not.Null);
    }

    [Test]
    public async Task Two_nodes_recording_the_same_batches_at_once_record_each_buyer_once()
    {
        var (product, _) = await CampaignAsync(7);
        await PostAsync(product.Id, CampaignStage.InCustoms, "Waiting for clearance.");

        for (var run = 0; run < 6 && Stored().Single().RecipientsDoneOnUtc == null; run++)
            await Task.WhenAll(Task.Run(() => RecordOnNodeAsync(batchSize: 2, perRun: 4)), Task.Run(() => RecordOnNodeAsync(batchSize: 2, perRun: 4)));

        Assert.That(Stored().Single().RecipientsDoneOnUtc, Is.Not.Null);
        var logs = CampaignLogs();
        Assert.That(logs, Has.Count.EqualTo(7));
        Assert.That(logs.Select(m => m.MessageKey).Distinct().Count(), Is.EqualTo(7));
    }

    [Test]
    public async Task Opted_out_buyers_and_cancelled_or_shipped_lines_get_no_e_mail()
    {
        var (product, buyers) = await CampaignAsync(4);
        var optOut = _host.Resolve<CampaignOptOutService>();
        await optOut.SetOptedOutAsync(buyers[0].Buyer.Id, true);
        await optOut.SetOptedOutAsync(buyers[0].Buyer.Id, true);
        Assert.That(_host.Scope.Repository<PreorderCampaignOptOut>().Table.Count(), Is.EqualTo(1), "a repeated choice is one row");
        var lines = _host.Scope.Repository<PreorderLine>();
        var cancelled = lines.Table.Single(l => l.OrderId == buyers[1].Order.Id);
        cancelled.State = PreorderLineState.Cancelled;
        await lines.UpdateAsync(cancelled);
        var shipped = lines.Table.Single(l => l.OrderId == buyers[2].Order.Id);
        shipped.State = PreorderLineState.Shipped;
        await lines.UpdateAsync(shipped);
        await PostAsync(product.Id, CampaignStage.Arrived, "In our warehouse.");

        await RunTaskOnTwoNodesAsync();

        var mails = Kit.Of(K.CampaignUpdate).ToList();
        Assert.That(mails.Select(m => m["Order.OrderNumber"]), Is.EqualTo(new[] { buyers[3].Order.CustomOrderNumber }), "only the buyer with a live line who did not opt out");
        Assert.That(CampaignLogs(), Has.Count.EqualTo(1), "the others are not even recorded");

        // opting out after the recording and before the sending: the e-mail is skipped when built
        await optOut.SetOptedOutAsync(buyers[0].Buyer.Id, false);
        Assert.That(await optOut.IsOptedOutAsync(buyers[0].Buyer.Id), Is.False);
        await PostAsync(product.Id, CampaignStage.Arrived, "Shipping to you this week.");
        Assert.That(await RecordOnNodeAsync(), Is.EqualTo(2), "buyers 0 (back in) and 3");
        await optOut.SetOptedOutAsync(buyers[3].Buyer.Id, true);
        await _host.Resolve<PreorderMessageService>().RunScheduledAsync(_host.Clock.UtcNow);
        Assert.That(Kit.Of(K.CampaignUpdate).Count(), Is.EqualTo(2), "one more: buyer 0; buyer 3 opted out before it went out");
        var skipped = CampaignLogs().Single(m => PreorderMessageKey.Parse(m.MessageKey).CustomerId == buyers[3].Buyer.Id && m.QueuedEmailId == 0);
        Assert.That(skipped.LastError, Is.EqualTo("opted out of campaign updates"));
    }

    [Test]
    public async Task The_product_page_shows_the_latest_stage_and_the_timeline_and_costs_no_query_once_cached()
    {
        var (product, _) = await CampaignAsync(1);
        var timeline = _host.Resolve<CampaignTimelineModelFactory>();
        Assert.That((await timeline.PrepareAsync(product.Id)).Items, Is.Empty);

        await PostAsync(product.Id, CampaignStage.InProduction, "Started.");
        _host.Clock.Now = _host.Clock.Now.AddDays(3);
        await PostAsync(product.Id, CampaignStage.InCustoms, "Customs <b>now</b>.");

        var model = await timeline.PrepareAsync(product.Id);
        Assert.That(model.LatestStageText, Is.EqualTo(Texts.Format(PreorderDefaults.ResourcePrefix + "Product.CampaignStage", "In customs")));
        Assert.That(model.Items.Select(i => (i.StageText, i.Text)), Is.EqualTo(new[] { ("In customs", "Customs <b>now</b>."), ("In production", "Started.") }));

        await _host.Resolve<PreorderModelFactory>().PrepareProductModelAsync(product.Id);
        var counter = new CommandCounter();
        _host.Scope.Context.Connection.AddInterceptor(counter);
        var again = await timeline.PrepareAsync(product.Id);
        var page = await _host.Resolve<PreorderModelFactory>().PrepareProductModelAsync(product.Id);
        Assert.That(counter.Count, Is.Zero, "the product page and its timeline come from the cache");
        Assert.That(again.Items, Has.Count.EqualTo(2));
        Assert.That(page.Visible, Is.True);
    }

    [Test]
    public async Task Deleting_an_update_before_the_task_hides_it_and_nobody_is_told()
    {
        var (product, _) = await CampaignAsync(2);
        var keep = await PostAsync(product.Id, CampaignStage.InProduction, "Started.");
        var mistake = await PostAsync(product.Id, CampaignStage.Arrived, "Arrived! (wrong product)");
        var timeline = _host.Resolve<CampaignTimelineModelFactory>();
        Assert.That((await timeline.PrepareAsync(product.Id)).Items, Has.Count.EqualTo(2), "cached with both");

        var result = await Updates.DeleteAsync(mistake);

        Assert.That(result.Success, Is.True);
        Assert.That(result.Details, Is.EqualTo(new[] { CampaignUpdateDeleteOutcome.NothingSent.ToString() }));
        Assert.That((await timeline.PrepareAsync(product.Id)).Items.Select(i => i.Text), Is.EqualTo(new[] { "Started." }), "the cache was cleared");
        Assert.That((await Updates.DeleteAsync(mistake)).Errors.Select(e => e.ResourceKey), Is.EqualTo(new[] { R.CampaignUpdateNotFound }), "deleted once");

        await RunTaskOnTwoNodesAsync();

        Assert.That(Kit.Of(K.CampaignUpdate).Select(m => m[Tk.CampaignText]), Is.EqualTo(new[] { "Started.", "Started." }), "only the update that stands");
        Assert.That(Stored().Single(u => u.Id == mistake).RecipientsDoneOnUtc, Is.Not.Null, "the deleted one left the task's queue");
        Assert.That(_host.Scope.Repository<PreorderWebhookDelivery>().Table.Count(d => d.EventType == "preorder.campaign_update"), Is.EqualTo(1));
        Assert.That(Stored().Single(u => u.Id == keep).DeletedOnUtc, Is.Null);
    }

    [Test]
    public async Task Deleting_an_update_whose_e_mails_are_recorded_skips_those_not_sent_yet()
    {
        var (product, _) = await CampaignAsync(3);
        var id = await PostAsync(product.Id, CampaignStage.QualityCheck, "Checking.");
        Assert.That(await RecordOnNodeAsync(batchSize: 2, perRun: 2), Is.EqualTo(2), "two recorded, not yet sent");

        var result = await Updates.DeleteAsync(id);
        Assert.That(result.Details, Is.EqualTo(new[] { CampaignUpdateDeleteOutcome.RestStopped.ToString() }));

        await RunTaskOnTwoNodesAsync();

        Assert.That(Kit.Of(K.CampaignUpdate), Is.Empty, "the recorded ones are skipped when built; the third buyer is never reached");
        Assert.That(CampaignLogs(), Has.Count.EqualTo(2));
        Assert.That(CampaignLogs().Select(m => m.LastError), Is.All.EqualTo("campaign update deleted"));
        Assert.That(Stored().Single().RecipientsDoneOnUtc, Is.Not.Null);
    }

    [Test]
    public async Task Posting_and_deleting_need_the_manage_permission()
    {
        var (product, _) = await CampaignAsync(1);
        var id = await PostAsync(product.Id, CampaignStage.InProduction, "Started.");
        using var shopper = Kit.NewHost(Database, _shop);
        _shop.CurrentCustomer = _shop.AddCustomer();
        var service = shopper.Resolve<CampaignUpdateService>();

        Assert.That((await service.PostAsync(product.Id, (int)CampaignStage.Arrived, "x")).Denied, Is.True);
        Assert.That((await service.DeleteAsync(id)).Denied, Is.True);
        Assert.That(Stored().Select(u => (u.Id, u.DeletedOnUtc)), Is.EqualTo(new[] { (id, (DateTime?)null) }));
    }
}
