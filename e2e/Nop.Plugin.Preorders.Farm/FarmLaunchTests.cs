using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Farm;

/// <summary>
/// A limited drop on a web farm (issue: two real nopCommerce nodes, one database, Redis). Set-up: the drop (cap
/// over two colours, a per-customer limit) and an arrival product that 40 shoppers pre-ordered, whose stock
/// arrives just before the launch; then every shopper checks out at once over plain HTTP, alternating nodes,
/// while the plugin's scheduled task is started on both nodes together every few seconds (it allocates the
/// arrival meanwhile). The tests read what happened from the pages and the shop's database.
/// </summary>
[TestFixture, NonParallelizable]
public class FarmLaunchTests
{
    private const int Cap = 100;
    private static readonly int[] CombinationCaps = { 60, 40 };
    private const int Limit = 2;
    private const int ArrivalBuyers = 40;
    private const int ArrivalUnits = 30;
    private const string Password = "Shopper123!";

    private readonly FarmNodes _nodes = new();
    private readonly List<Shopper> _shoppers = new();
    private readonly List<Shopper> _arrivalBuyers = new();
    private readonly ConcurrentBag<CheckoutResult> _results = new();
    private readonly ConcurrentBag<(int Node, DateTime Start, DateTime End)> _taskRuns = new();
    private LaunchProduct _drop;
    private int _arrivalProductId;
    private long _logStartId;
    private DateTime _startedUtc;
    private List<Regex> _pluginTexts;
    private TimeSpan _launchTook;
    private int _taskSecondsBefore;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        if (!FarmConfig.Configured)
            Assert.Ignore("no farm configured (PREORDERS_FARM_NOP_SRC, PREORDERS_FARM_NOPHOST, PREORDERS_FARM_DB): run e2e/farm.sh");
        _startedUtc = DateTime.UtcNow;
        var stamp = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        _drop = await FarmShop.CreateLaunchProductAsync($"farm-drop-{stamp}", Cap, CombinationCaps, Limit);
        _arrivalProductId = await FarmShop.CreateArrivalProductAsync($"farm-arrival-{stamp}");
        // the plugin's task every 5 s (its lock then lasts 4 s) instead of 5 minutes, so it runs many times during the launch
        _taskSecondsBefore = await FarmShop.ScalarAsync<int>("select \"Seconds\" from \"ScheduleTask\" where \"Type\" = @t", ("t", FarmConfig.TaskType));
        await FarmShop.ExecuteAsync("update \"ScheduleTask\" set \"Seconds\" = 5, \"Enabled\" = true where \"Type\" = @t", ("t", FarmConfig.TaskType));
        _pluginTexts = (await FarmShop.RowsAsync(
                "select r.\"ResourceValue\" from \"LocaleStringResource\" r join \"Language\" l on l.\"Id\" = r.\"LanguageId\" " +
                "where l.\"UniqueSeoCode\" = 'en' and r.\"ResourceName\" ilike 'plugins.misc.preorders.%'"))
            .Select(r => ResourcePattern((string)r[0])).Where(p => p != null).ToList();
        _logStartId = await FarmShop.ScalarAsync<long>("select coalesce(max(\"Id\"), 0) from \"Log\"");
        TestContext.Progress.WriteLine($"farm: drop #{_drop.ProductId} /{_drop.Slug} (cap {Cap}: {string.Join("/", CombinationCaps)}, limit {Limit}), arrival #{_arrivalProductId}; {_pluginTexts.Count} plugin texts");

        await _nodes.StartAsync();

        // the shoppers' accounts, made beforehand through the registration page
        var address = await AddressAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < FarmConfig.Shoppers; i++)
            _shoppers.Add(new Shopper($"farm-{stamp}-{i:D3}@example.com", Password, _nodes.BaseUrls, i));
        // the arrival's buyers are other customers (nopCommerce keeps a minute between two orders of one customer)
        for (var i = 0; i < ArrivalBuyers; i++)
            _arrivalBuyers.Add(new Shopper($"farm-{stamp}-arrival-{i:D2}@example.com", Password, _nodes.BaseUrls, i));
        await ForEachAsync(_shoppers.Concat(_arrivalBuyers).ToList(), 8, (s, i) => s.RegisterAsync("Farm", $"Shopper{i:D3}"));
        TestContext.Progress.WriteLine($"farm: {_shoppers.Count} + {_arrivalBuyers.Count} shoppers registered in {clock.Elapsed.TotalSeconds:F0} s");

        // they pre-order the arrival product before the launch, one after the other (the launch is the concurrency test)
        var arrival = new ConcurrentBag<CheckoutResult>();
        await ForEachAsync(_arrivalBuyers, 1, async (s, i) =>
            arrival.Add(await s.CheckOutAsync(_arrivalProductId, $"farm-arrival-{stamp}", new Dictionary<string, string>(), 1, AddressOf(address, i))));
        var notPlaced = arrival.Where(r => r.Outcome != CheckoutOutcome.Placed).ToList();
        Assert.That(notPlaced, Is.Empty, "arrival pre-orders: " + string.Join("; ", notPlaced.Take(5).Select(r => $"{r.Step}: {r.Message}")));

        // its stock arrives (an ERP writes the quantity): each node's cache is cleared through the admin, as after an import
        await FarmShop.ExecuteAsync("update \"Product\" set \"StockQuantity\" = \"StockQuantity\" + @n where \"Id\" = @p", ("n", ArrivalUnits), ("p", _arrivalProductId));
        using var admin = new Shopper(FarmConfig.AdminEmail, FarmConfig.AdminPassword, _nodes.BaseUrls, 0);
        await admin.LoginAsync();
        for (var node = 0; node < _nodes.BaseUrls.Count; node++)
        {
            await admin.GetAsync("/Admin");
            var (status, _, _) = await admin.PostAsync("/Admin/Common/ClearCache", new Dictionary<string, string>());
            Assert.That(status, Is.EqualTo(302), "clear cache on a node");
        }
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        foreach (var shopper in _shoppers.Concat(_arrivalBuyers))
            shopper.Dispose();
        if (!FarmConfig.Configured)
            return;
        if (_taskSecondsBefore > 0)
            await FarmShop.ExecuteAsync("update \"ScheduleTask\" set \"Seconds\" = @s where \"Type\" = @t", ("s", _taskSecondsBefore), ("t", FarmConfig.TaskType));
        await _nodes.StopAsync();
    }

    [Test, Order(1)]
    public async Task Launch_200ShoppersAtOnceOnTwoNodes_NothingOversoldEveryRefusalClean()
    {
        using var stop = new CancellationTokenSource();
        var tasks = FireTaskOnEveryNodeAsync(stop.Token);
        var clock = Stopwatch.StartNew();
        var address = await AddressAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(FarmConfig.LaunchTimeoutSeconds));
        await ForEachAsync(_shoppers, FarmConfig.Concurrency, async (s, i) =>
        {
            timeout.Token.ThrowIfCancellationRequested();
            // 60% Midnight, 40% Silver; every tenth asks for 3 (over the limit of 2), every third for 2
            var combination = i % 5 < 3 ? 0 : 1;
            var quantity = i % 10 == 9 ? 3 : i % 3 == 0 ? 2 : 1;
            _results.Add(await s.CheckOutAsync(_drop, combination, quantity, AddressOf(address, i)) with { ShopperIndex = i });
        });
        _launchTook = clock.Elapsed;
        // the task keeps running on both nodes after the launch, until the arrival is allocated and every order
        // nopCommerce saved before failing is placed or refused by the plugin's reconciliation (2 minutes after its checkout)
        await ResolveNopFailuresAsync();
        var bound = TimeSpan.FromSeconds(60 + 2 * 60 + 60);
        var waitClock = Stopwatch.StartNew();
        while (waitClock.Elapsed < bound && (await ArrivalUnitsAllocatedAsync() < ArrivalUnits || await UnresolvedNopFailuresAsync() > 0))
            await Task.Delay(3000);
        await Task.Delay(7000);
        stop.Cancel();
        await tasks;

        var figures = await LaunchFiguresAsync();
        TestContext.Progress.WriteLine(figures.Report);
        Assert.Multiple(() =>
        {
            Assert.That(_results.Count, Is.EqualTo(_shoppers.Count), "every shopper's checkout ended");
            Assert.That(figures.Oversold, Is.EqualTo(0), "units sold beyond a cap");
            Assert.That(figures.CounterMismatches, Is.Empty, "cap counters differ from the units the lines hold");
            Assert.That(figures.UncleanRefusals, Is.Empty, "refusals without the plugin's message, error pages or broken steps");
            Assert.That(figures.NotReconciled, Is.Empty, "accepted orders whose ledger does not reconcile");
            Assert.That(figures.Accepted, Is.GreaterThan(0), "no order accepted");
            Assert.That(figures.UnitsSold, Is.EqualTo(Cap), "the drop sells out (more shoppers than units)");
        });
    }

    [Test, Order(2)]
    public async Task Tasks_RunOnBothNodesAtOnce_NothingSentChargedOrAllocatedTwice()
    {
        var runs = _taskRuns.ToList();
        Assert.That(runs, Is.Not.Empty, "the launch did not run (test 1)");
        // a run that did work takes longer than one nopCommerce skipped (too early or locked)
        var overlapping = runs.Count(a => a.Node == 0 && runs.Any(b => b.Node == 1 && b.Start < a.End && a.Start < b.End
                                                                           && (a.End - a.Start).TotalMilliseconds > 150 && (b.End - b.Start).TotalMilliseconds > 150));
        var allocatedUnits = await ArrivalUnitsAllocatedAsync();
        var allocatedByAudit = (await FarmShop.RowsAsync("select details from preorder_audit_entry where product_id = @p and action = 'StockAllocated'", ("p", _arrivalProductId)))
            .Sum(r => int.Parse(Regex.Match((string)r[0], @"^(\d+)").Groups[1].Value, CultureInfo.InvariantCulture));
        // the plugin's e-mails (nopCommerce's own receipts and low-stock notices are legitimately one per order); a
        // message about one line (its key names it) is once per line: a line split by "ship what arrived" has two parts,
        // each announced when its units arrive
        var duplicateMails = await FarmShop.RowsAsync(
            "select q.\"To\", m.template_name || ' order ' || m.order_id || coalesce(' line ' || substring(m.message_key from ':line:([0-9]+)'), ''), count(*) " +
            "from \"QueuedEmail\" q join preorder_message_log m on m.queued_email_id = q.\"Id\" " +
            "where q.\"CreatedOnUtc\" >= @since group by q.\"To\", m.template_name, m.order_id, m.product_id, substring(m.message_key from ':line:([0-9]+)') having count(*) > 1",
            ("since", _startedUtc));
        var pluginMails = await FarmShop.ScalarAsync<long>(
            "select count(*) from \"QueuedEmail\" q join preorder_message_log m on m.queued_email_id = q.\"Id\" where q.\"CreatedOnUtc\" >= @since", ("since", _startedUtc));
        var duplicateMessages = await FarmShop.ScalarAsync<long>(
            "select count(*) from (select queued_email_id from preorder_message_log where created_on_utc >= @since and queued_email_id > 0 group by queued_email_id having count(*) > 1) d",
            ("since", _startedUtc));
        var doubleCharges = await FarmShop.RowsAsync(
            // each charge of an order once (per line it was for; 0 for the order as a whole), not once per line of the order
            "select e.order_id, count(*) from preorder_ledger_entry e where e.order_id in (select order_id from preorder_line where product_id in (@a, @b)) " +
            "and e.kind_id in (10, 20, 25) and e.status_id in (15, 20) group by e.order_id, e.preorder_line_id, e.kind_id having count(*) > 1",
            ("a", _drop.ProductId), ("b", _arrivalProductId));
        var mailsForArrival = await FarmShop.ScalarAsync<long>(
            "select count(*) from preorder_message_log m where m.product_id = @p and m.created_on_utc >= @since", ("p", _arrivalProductId), ("since", _startedUtc));
        TestContext.Progress.WriteLine(
            $"farm tasks: {runs.Count(r => r.Node == 0)} runs started on node 1, {runs.Count(r => r.Node == 1)} on node 2, {overlapping} overlapping runs that both did work; " +
            $"arrival: {allocatedUnits} of {ArrivalUnits} units allocated (audit: {allocatedByAudit}), {mailsForArrival} plugin messages for it; " +
            $"plugin e-mails queued {pluginMails}, sent twice {duplicateMails.Count}, duplicate message rows {duplicateMessages}, double charges {doubleCharges.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(allocatedUnits, Is.EqualTo(ArrivalUnits), "the arrival is allocated exactly (FIFO, whole lines)");
            Assert.That(allocatedByAudit, Is.EqualTo(ArrivalUnits), "allocation recorded once per unit, not once per node");
            Assert.That(duplicateMails.Select(r => $"{r[0]} \"{r[1]}\" x{r[2]}"), Is.Empty, "e-mails queued twice");
            Assert.That(duplicateMessages, Is.EqualTo(0), "two message rows for one e-mail");
            Assert.That(doubleCharges.Select(r => $"order {r[0]} x{r[1]}"), Is.Empty, "a line charged twice");
        });
    }

    [Test, Order(3)]
    public async Task NopCommerceLog_HasNothingFromThePluginButTheRefusalsNopCommerceLogsItself()
    {
        var rows = await FarmShop.RowsAsync(
            "select \"Id\", \"LogLevelId\", coalesce(\"PageUrl\", ''), coalesce(\"ShortMessage\", ''), coalesce(\"FullMessage\", '') from \"Log\" where \"Id\" > @after and \"LogLevelId\" >= 30 " +
            // not the plugin's: no mail server and no internet here (nopCommerce's e-mail task, the dashboard's news),
            // a node's task thread posting while a node starts or stops; nopCommerce's own serializable cart clearing
            "and \"ShortMessage\" not ilike 'Error sending e-mail%' and \"ShortMessage\" not ilike '%\"Send emails\" scheduled task failed%' " +
            "and \"ShortMessage\" not ilike 'No access to the news%' " +
            "and \"ShortMessage\" not ilike '%scheduled task failed with the \"Connection refused%' and not " + NopCartClearingFailure + " order by \"Id\"",
            ("after", _logStartId));
        // nopCommerce logs as a warning every cart warning that stops a confirm (PreparePlaceOrderDetailsAsync throws
        // them, the one-page checkout's catch-all logs): a unit taken between the payment step and the confirm is
        // refused there with the plugin's message, and nopCommerce writes that row itself
        var refusalsLogged = rows.Where(r => Convert.ToInt32(r[1]) == 30 && ((string)r[2]).Contains("/checkout/OpcConfirmOrder", StringComparison.OrdinalIgnoreCase)
                                             && IsPluginText((string)r[3])).ToList();
        // the rest: the plugin's (its text, its code in the stack, its pages) fail the tier; nopCommerce's own
        // failures under the load of two nodes on two cores (no plugin code involved) are listed, not counted
        var others = rows.Except(refusalsLogged).ToList();
        var fromPlugin = others.Where(InvolvesPlugin).ToList();
        var nopOwn = others.Except(fromPlugin).ToList();
        string Describe(object[] r) =>
            $"#{r[0]} level {r[1]} {r[2]}: {Shopper.Clip((string)r[3], 300)}" + ((string)r[4] is { Length: > 0 } full ? $" | {Shopper.Clip(full.ReplaceLineEndings(" "), 600)}" : "");
        var nopFailures = await FarmShop.ScalarAsync<long>($"select count(*) from \"Log\" where \"Id\" > @after and {NopCartClearingFailure}", ("after", _logStartId));
        TestContext.Progress.WriteLine(
            $"farm log: {fromPlugin.Count} error/warning rows from the plugin; {refusalsLogged.Count} confirm-step refusals (the plugin's message) logged by nopCommerce as warnings; " +
            $"nopCommerce's own serializable cart clearing failed {nopFailures} time(s) (SQLSTATE 40001 in ShoppingCartService.ClearShoppingCartAsync); " +
            $"{nopOwn.Count} other rows of nopCommerce's own code (no plugin code involved)" +
            string.Concat(fromPlugin.Take(20).Select(r => "\n  plugin: " + Describe(r))) +
            string.Concat(nopOwn.Take(20).Select(r => "\n  nopCommerce: " + Describe(r))));
        Assert.That(fromPlugin.Select(Describe), Is.Empty, "the plugin's rows in nopCommerce's Log during the farm launch");
    }

    /// <summary>A Log row the plugin wrote or caused: its text, its code in the stack, or one of its pages.</summary>
    private bool InvolvesPlugin(object[] row)
    {
        var (url, shortMessage, fullMessage) = ((string)row[2], (string)row[3], (string)row[4]);
        return IsPluginText(shortMessage)
               || shortMessage.Contains("Pre-orders", StringComparison.OrdinalIgnoreCase)
               || shortMessage.Contains("Preorders", StringComparison.OrdinalIgnoreCase)
               || fullMessage.Contains("Nop.Plugin.Preorders", StringComparison.Ordinal)
               || url.Contains("preorder", StringComparison.OrdinalIgnoreCase);
    }

    #region The launch's figures

    /// <summary>A Log row of nopCommerce's own cart clearing failing its serializable transaction (or the order placement reporting it).</summary>
    private const string NopCartClearingFailure =
        "((\"ShortMessage\" ilike '%The transaction has aborted%' or \"ShortMessage\" like '%40001%') and (\"FullMessage\" is null or \"FullMessage\" = '' or (\"FullMessage\" like '%40001%' and \"FullMessage\" like '%ClearShoppingCartAsync%')))";

    private sealed record Figures(int Accepted, int UnitsSold, int Oversold, List<string> CounterMismatches, List<string> UncleanRefusals, List<string> NotReconciled, string Report);

    private async Task<Figures> LaunchFiguresAsync()
    {
        var results = _results.ToList();
        var held = (await FarmShop.RowsAsync(
                "select combination_id, coalesce(sum(quantity), 0), count(distinct order_id) from preorder_line where product_id = @p and state_id not in (60, 70) group by combination_id",
                ("p", _drop.ProductId)))
            .ToDictionary(r => (int)r[0], r => (Units: Convert.ToInt32(r[1]), Orders: Convert.ToInt32(r[2])));
        var counters = (await FarmShop.RowsAsync("select combination_id, sold from preorder_cap_counter where product_id = @p", ("p", _drop.ProductId)))
            .ToDictionary(r => (int)r[0], r => (int)r[1]);
        var units = held.Values.Sum(h => h.Units);
        var oversold = Math.Max(0, units - Cap);
        var mismatches = new List<string>();
        for (var c = 0; c < _drop.CombinationIds.Length; c++)
        {
            var id = _drop.CombinationIds[c];
            var h = held.TryGetValue(id, out var v) ? v.Units : 0;
            oversold += Math.Max(0, h - CombinationCaps[c]);
            if (counters.GetValueOrDefault(id) != h)
                mismatches.Add($"combination {c + 1}: counter {counters.GetValueOrDefault(id)}, lines {h}");
        }
        if (counters.GetValueOrDefault(0) != units)
            mismatches.Add($"product: counter {counters.GetValueOrDefault(0)}, lines {units}");

        var accepted = (await FarmShop.RowsAsync("select distinct order_id from preorder_line where product_id = @p and state_id not in (60, 70)", ("p", _drop.ProductId)))
            .Select(r => (int)r[0]).ToHashSet();

        // every refusal must carry the plugin's own words; an order the plugin refused after nopCommerce placed
        // it shows them on its page
        var unclean = new List<string>();
        var refusedAfterPlacing = 0;
        foreach (var r in results)
        {
            if (r.Outcome == CheckoutOutcome.Broken)
                unclean.Add($"broken at {r.Step}: {Shopper.Clip(r.Message, 200)}");
            else if (r.Outcome == CheckoutOutcome.Refused && !IsPluginText(r.Message))
                unclean.Add($"refused at {r.Step} without the plugin's message: {Shopper.Clip(r.Message, 200)}");
        }
        foreach (var r in results.Where(r => r.Outcome == CheckoutOutcome.Placed && !accepted.Contains(r.OrderId)))
        {
            refusedAfterPlacing++;
            var page = await OrderPageOfAsync(r.OrderId);
            if (!IsPluginText(page))
                unclean.Add($"order {r.OrderId} refused at placement without the plugin's note on its page");
            if (await GivenBackAsync(r.OrderId) is { } kept)
                unclean.Add($"order {r.OrderId} refused at placement: {kept}");
        }
        var errorPages = _shoppers.SelectMany(s => s.Responses).Where(x => x.Status >= 500).ToList();
        unclean.AddRange(errorPages.Select(x => $"HTTP {x.Status} from {x.Node}{x.Path}"));

        var notReconciled = (await FarmShop.RowsAsync(
                "select a.order_id, a.due_at_checkout, a.paid_amount, a.refunded_amount, a.state_id, " +
                "(select coalesce(sum(e.amount), 0) from preorder_ledger_entry e where e.order_id = a.order_id and e.kind_id in (10, 20, 25, 30) and e.status_id = 20), " +
                "(select count(*) from preorder_ledger_entry e where e.order_id = a.order_id and e.kind_id in (10, 20, 25, 30) and e.status_id = 20), " +
                "(select coalesce(sum(l.deposit_amount), 0) from preorder_line l where l.order_id = a.order_id) " +
                "from preorder_account a where a.order_id = any(@ids)", ("ids", accepted.ToArray())))
            .Where(r => !((decimal)r[1] > 0 && (decimal)r[1] == (decimal)r[2] && (decimal)r[2] == (decimal)r[5] && (decimal)r[5] == (decimal)r[7]
                          && (decimal)r[3] == 0m && Convert.ToInt64(r[6]) == 1 && (int)r[4] == 20))
            .Select(r => $"order {r[0]}: due at checkout {r[1]}, paid {r[2]}, refunded {r[3]}, state {r[4]}, ledger charges {r[5]} in {r[6]}, line deposits {r[7]}")
            .ToList();
        var accountsMissing = accepted.Count - (await FarmShop.ScalarAsync<long>("select count(*) from preorder_account where order_id = any(@ids)", ("ids", accepted.ToArray())));
        if (accountsMissing > 0)
            notReconciled.Add($"{accountsMissing} accepted orders without an account");

        // orders nopCommerce saved before its own transaction failed: the plugin's reconciliation placed them (then
        // they are accepted above, their ledgers checked with the rest) or refused them with its note and the
        // deposit given back
        var refusedNopFailures = 0;
        foreach (var orderId in _nopFailedOrders.Where(o => !accepted.Contains(o)))
        {
            var cancelled = await FarmShop.ScalarAsync<int>("select \"OrderStatusId\" from \"Order\" where \"Id\" = @o", ("o", orderId)) == 40;
            if (!cancelled)
                notReconciled.Add($"order {orderId}: saved by nopCommerce before its transaction failed, neither placed nor refused by the plugin");
            else if (await GivenBackAsync(orderId) is { } kept)
                notReconciled.Add($"order {orderId}: refused after nopCommerce's failure: {kept}");
            else if (!IsPluginText(await OrderPageOfAsync(orderId)))
                unclean.Add($"order {orderId}: refused after nopCommerce's failure without the plugin's note on its page");
            else
                refusedNopFailures++;
        }
        var orphans = await FarmShop.RowsAsync(
            "select o.\"Id\" from \"Order\" o where o.\"CreatedOnUtc\" >= @since and exists (select 1 from \"OrderItem\" i where i.\"OrderId\" = o.\"Id\" and i.\"ProductId\" = @p) " +
            "and not exists (select 1 from preorder_line l where l.order_id = o.\"Id\") and o.\"OrderStatusId\" <> 40",
            ("since", _startedUtc), ("p", _drop.ProductId));
        notReconciled.AddRange(orphans.Select(r => $"order {r[0]}: in nopCommerce, not cancelled, without pre-order lines"));
        var doubleDeposits = await FarmShop.RowsAsync(
            "select idempotency_key, count(*) from preorder_ledger_entry where idempotency_key like 'checkout:%' and created_on_utc >= @since group by idempotency_key having count(*) > 1",
            ("since", _startedUtc));
        notReconciled.AddRange(doubleDeposits.Select(r => $"checkout charge {r[0]} recorded {r[1]} times"));

        var placed = results.Where(r => r.Outcome == CheckoutOutcome.Placed).Select(r => r.Elapsed.TotalMilliseconds).OrderBy(x => x).ToList();
        var all = results.Select(r => r.Elapsed.TotalMilliseconds).OrderBy(x => x).ToList();
        var refusedBy = results.Where(r => r.Outcome == CheckoutOutcome.Refused).GroupBy(r => $"{r.Step}: {Shopper.Clip(r.Message, 90)}")
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} x {g.Key}");
        var perNode = _shoppers.SelectMany(s => s.Responses).GroupBy(x => x.Node).Select(g => $"{g.Key}: {g.Count()}");
        var report =
            $"farm launch: {results.Count} shoppers, {FarmConfig.Concurrency} at once, over {_nodes.BaseUrls.Count} nodes ({string.Join(", ", perNode)} requests) in {_launchTook.TotalSeconds:F1} s\n" +
            $"farm launch: orders accepted {accepted.Count}, units sold {units} of cap {Cap} (" +
            string.Join(", ", _drop.CombinationIds.Select((id, c) => $"combination {c + 1}: {(held.TryGetValue(id, out var h) ? h.Units : 0)} of {CombinationCaps[c]}")) +
            $"), oversold {oversold}, cap counters = units held by lines: {(mismatches.Count == 0 ? "yes" : string.Join("; ", mismatches))}\n" +
            $"farm launch: refusals {results.Count(r => r.Outcome == CheckoutOutcome.Refused) + refusedAfterPlacing} (before an order {results.Count(r => r.Outcome == CheckoutOutcome.Refused)}, at placement {refusedAfterPlacing}), unclean {unclean.Count}, error pages {errorPages.Count}\n" +
            $"farm launch: ledgers reconciled {accepted.Count - notReconciled.Count} of {accepted.Count}; nopCommerce's own transaction failed after saving {_nopFailedOrders.Count} order(s): " +
            $"{_nopFailedOrders.Count(accepted.Contains)} placed by the plugin's reconciliation, {refusedNopFailures} refused by it with the deposit given back\n" +
            $"farm launch: checkout time p50 {Percentiles.Of(placed, 50):F0} ms, p95 {Percentiles.Of(placed, 95):F0} ms (accepted); all checkouts p50 {Percentiles.Of(all, 50):F0} ms, p95 {Percentiles.Of(all, 95):F0} ms\n" +
            "farm launch: refusals by message:\n  " + string.Join("\n  ", refusedBy) +
            (unclean.Count > 0 ? "\nfarm launch: unclean:\n  " + string.Join("\n  ", unclean.Take(20)) : "");
        return new Figures(accepted.Count, units, oversold, mismatches, unclean, notReconciled, report);
    }

    /// <summary>Null when a refused order's deposit was given back in full (a refund entry not failed, to the charge's amount); otherwise what differs.</summary>
    private static async Task<string> GivenBackAsync(int orderId)
    {
        var money = (await FarmShop.RowsAsync(
            "select coalesce(sum(case when kind_id in (10, 20, 25, 30) and status_id = 20 then amount end), 0), " +
            "coalesce(sum(case when kind_id = 40 and status_id <> 30 then amount end), 0) from preorder_ledger_entry where order_id = @o", ("o", orderId)))[0];
        return (decimal)money[0] == (decimal)money[1] ? null : $"charged {money[0]}, given back {money[1]}";
    }

    private async Task<string> OrderPageOfAsync(int orderId)
    {
        var customerEmail = await FarmShop.ScalarAsync<string>(
            "select c.\"Email\" from \"Order\" o join \"Customer\" c on c.\"Id\" = o.\"CustomerId\" where o.\"Id\" = @o", ("o", orderId));
        var shopper = _shoppers.FirstOrDefault(s => string.Equals(s.Email, customerEmail, StringComparison.OrdinalIgnoreCase));
        return shopper == null ? "" : await shopper.OrderPageAsync(orderId);
    }

    private bool IsPluginText(string text) => !string.IsNullOrEmpty(text) && _pluginTexts.Any(p => p.IsMatch(text));

    /// <summary>A resource value as a pattern: its placeholders match anything (only values with enough fixed words count).</summary>
    private static Regex ResourcePattern(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length < 12)
            return null;
        var decoded = System.Net.WebUtility.HtmlDecode(value);
        var parts = Regex.Split(decoded, @"\{\d+(?::[^}]*)?\}").Select(Regex.Escape);
        return new Regex(string.Join(".*?", parts), RegexOptions.Singleline | RegexOptions.IgnoreCase);
    }

    /// <summary>Checkouts nopCommerce failed after saving: their orders (the shopper's order of the drop, newest).</summary>
    private readonly List<int> _nopFailedOrders = new();

    private async Task ResolveNopFailuresAsync()
    {
        foreach (var r in _results.Where(r => r.Outcome == CheckoutOutcome.NopFailedAfterSaving))
        {
            var email = _shoppers[r.ShopperIndex].Email;
            var orderId = await FarmShop.ScalarAsync<int>(
                "select o.\"Id\" from \"Order\" o join \"Customer\" c on c.\"Id\" = o.\"CustomerId\" where lower(c.\"Email\") = lower(@e) " +
                "and exists (select 1 from \"OrderItem\" i where i.\"OrderId\" = o.\"Id\" and i.\"ProductId\" = @p) order by o.\"Id\" desc limit 1",
                ("e", email), ("p", _drop.ProductId));
            if (orderId > 0)
                _nopFailedOrders.Add(orderId);
        }
    }

    /// <summary>Of those, the ones the plugin has neither placed (lines) nor refused (cancelled) yet.</summary>
    private async Task<long> UnresolvedNopFailuresAsync() => _nopFailedOrders.Count == 0 ? 0 :
        await FarmShop.ScalarAsync<long>(
            "select count(*) from \"Order\" o where o.\"Id\" = any(@ids) and o.\"OrderStatusId\" <> 40 and not exists (select 1 from preorder_line l where l.order_id = o.\"Id\")",
            ("ids", _nopFailedOrders.ToArray()));

    private Task<int> ArrivalUnitsAllocatedAsync() =>
        FarmShop.ScalarAsync<int>("select coalesce(sum(quantity), 0)::int from preorder_line where product_id = @p and allocated_on_utc is not null", ("p", _arrivalProductId));

    #endregion

    #region Helpers

    /// <summary>nopCommerce's task runner on every node at the same moment, every 6 s (the task's period is 5 s), until stopped.</summary>
    private async Task FireTaskOnEveryNodeAsync(CancellationToken stop)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        while (!stop.IsCancellationRequested)
        {
            await Task.WhenAll(_nodes.BaseUrls.Select(async (url, node) =>
            {
                var start = DateTime.UtcNow;
                using var response = await client.PostAsync(url + "/scheduletask/runtask",
                    new FormUrlEncodedContent(new Dictionary<string, string> { ["taskType"] = FarmConfig.TaskType }));
                _taskRuns.Add((node, start, DateTime.UtcNow));
            }));
            try
            {
                await Task.Delay(6000, stop);
            }
            catch (TaskCanceledException)
            {
            }
        }
    }

    private static async Task<Address> AddressAsync()
    {
        var country = await FarmShop.ScalarAsync<int>("select \"Id\" from \"Country\" where \"TwoLetterIsoCode\" = 'US'");
        var state = await FarmShop.ScalarAsync<int>("select \"Id\" from \"StateProvince\" where \"CountryId\" = @c order by \"Id\" limit 1", ("c", country));
        return new Address("Farm", "Shopper", country, state);
    }

    private static Address AddressOf(Address address, int i) => address with { LastName = $"Shopper{i:D3}" };

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, int parallel, Func<T, int, Task> action)
    {
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(items.Select(async (item, i) =>
        {
            await gate.WaitAsync();
            try
            {
                await action(item, i);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    #endregion
}
