using Nop.Plugin.Preorders.Tests.Infrastructure;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Money;

/// <summary>
/// Money proven by randomized histories with injected faults (in the spirit of the deterministic simulation
/// testing payment ledgers use): many histories of a few orders each (checkout deposits, balances paid on two
/// nodes at once or racing the task, gateway answers paid / authorized / pending / declined / lost, stock
/// arrivals, cancellations by shopper, merchant and nopCommerce, expiry, refunds, captures, "Mark as paid",
/// the process dying between statements, requests repeated), each reconciled and checked against the
/// gateway's own books and an independent model. A failing history prints its seed; rerun it with
/// PREORDERS_MONEY_SEED=&lt;seed&gt; PREORDERS_MONEY_HISTORIES=1, and keep it as a case of <see cref="Known_seeds_stay_green"/>.
/// </summary>
[TestFixture]
public class MoneyHistoryTests
{
    /// <summary>
    /// Histories that once broke a rule, each kept with what it found: 20261208 a goodwill refund paid again counted
    /// as an overcharge (now net); 20261214 "Mark as paid" on a placement a crash interrupted recorded the whole
    /// order again; 20261219 a lost cap race that crashed kept the deposit; 20261234 a resumed placement waited for
    /// units forever; 20261304 a crashed bank confirmation; 20261435 a refund found failed was never retried;
    /// 20261440 an account marked paid before its lines existed; 20261474 "Mark as paid" on a closed order left
    /// the taken money unrecorded; 20261564 a closed line holding money after order-level refunds; 20262089 a
    /// "mark as paid in nopCommerce" that died after its claim was retried only within the task's look-back.
    /// </summary>
    private static readonly int[] KnownSeeds = { 20261208, 20261214, 20261219, 20261234, 20261304, 20261435, 20261440, 20261474, 20261564, 20262089 };

    /// <summary>
    /// Histories that still break a rule: open defects, reported on every run (never hidden), not failing it.
    /// None today; the mechanism stays so that a defect found and not yet fixed is printed on every run.
    /// </summary>
    private static readonly int[] OpenDefectSeeds = Array.Empty<int>();

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("PREORDERS_MONEY_HISTORIES"), out var n) ? n
        : TestDatabase.CurrentProvider == TestDbProvider.Postgres ? 200 : 1000;

    private static int FirstSeed => int.TryParse(Environment.GetEnvironmentVariable("PREORDERS_MONEY_SEED"), out var s) ? s : 20261203;

    [Test]
    public async Task Randomized_histories_keep_the_money_rules()
    {
        var (histories, steps, faults, failures) = await RunAsync(Enumerable.Range(FirstSeed, Count));
        var open = failures.Where(f => OpenDefectSeeds.Contains(f.Seed)).ToList();
        var line = $"money histories: {histories} histories, {steps} steps, {faults} faults, {failures.Except(open).Sum(f => f.Violations.Count)} violations"
            + (open.Count == 0 ? "" : $" (and {open.Sum(f => f.Violations.Count)} in open-defect seeds {string.Join(", ", open.Select(f => f.Seed))})");
        TestContext.Progress.WriteLine(line);
        TestContext.Out.WriteLine(line);
        foreach (var history in open)
            TestContext.Out.WriteLine("open defect, " + Describe(history));
        Assert.That(failures.Except(open).Select(Describe), Is.Empty);
    }

    [TestCaseSource(nameof(KnownSeeds))]
    public async Task Known_seeds_stay_green(int seed)
    {
        var (_, _, _, failures) = await RunAsync(new[] { seed });
        Assert.That(failures.Select(Describe), Is.Empty);
    }

    private static async Task<(int Histories, int Steps, int Faults, List<MoneyHistory> Failures)> RunAsync(IEnumerable<int> seeds)
    {
        using var database = TestDatabase.CreateMigrated();
        using var shop = new HistoryShop(database);
        int histories = 0, steps = 0, faults = 0;
        var failures = new List<MoneyHistory>();
        foreach (var seed in seeds)
        {
            var history = new MoneyHistory(shop, seed, steps: 8 + seed % 9);
            await history.RunAsync();
            histories++;
            steps += history.Steps;
            faults += history.Faults;
            if (history.Violations.Count > 0)
                failures.Add(history);
            if (failures.Count(f => !OpenDefectSeeds.Contains(f.Seed)) >= 5)
                break;
        }
        return (histories, steps, faults, failures);
    }

    private static string Describe(MoneyHistory history) =>
        $"seed {history.Seed}:\n  " + string.Join("\n  ", history.Violations) + "\n history:\n" + string.Join("\n", history.Log);
}
