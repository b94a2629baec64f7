using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;
using M = Nop.Plugin.Preorders.Domain.PreorderPaymentMode;
using S = Nop.Plugin.Preorders.Domain.PreorderLineState;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>The one definition of each funnel step (deposit paid, paid in full, cancelled), the conversions and their bases, and the CSV.</summary>
[TestFixture]
public class CampaignFunnelRulesTests
{
    private static FunnelLineFact Line(S state, M mode = M.Deposit, decimal depositPaid = 0m) => new(7, state, mode, depositPaid);

    [TestCase(S.Waiting, M.Deposit, 0, false, false, false)]
    [TestCase(S.Waiting, M.Deposit, 20, true, false, false)]
    [TestCase(S.BalanceDue, M.Deposit, 20, true, false, false)]
    [TestCase(S.Overdue, M.Deposit, 20, true, false, false)]
    [TestCase(S.Ready, M.Deposit, 20, true, true, false)]
    [TestCase(S.PaidInFull, M.Deposit, 20, true, true, false)]
    [TestCase(S.Shipped, M.Deposit, 20, true, true, false)]
    [TestCase(S.Cancelled, M.Deposit, 20, true, false, true)]
    [TestCase(S.Cancelled, M.Deposit, 0, false, false, true)]
    [TestCase(S.Expired, M.Deposit, 20, true, false, false)]
    [TestCase(S.Expired, M.Deposit, 0, false, false, false)]
    // full upfront: the whole price at checkout passes the deposit step too
    [TestCase(S.PaidInFull, M.FullUpfront, 0, true, true, false)]
    [TestCase(S.Ready, M.FullUpfront, 0, true, true, false)]
    // pay on shipment: ready is not paid; shipped is (collected at shipment)
    [TestCase(S.Ready, M.PayOnShip, 0, false, false, false)]
    [TestCase(S.Waiting, M.PayOnShip, 0, false, false, false)]
    [TestCase(S.Shipped, M.PayOnShip, 0, true, true, false)]
    public void What_a_line_counts_for(S state, M mode, decimal depositPaid, bool deposit, bool paidInFull, bool cancelled)
    {
        var line = Line(state, mode, depositPaid);
        Assert.Multiple(() =>
        {
            Assert.That(CampaignFunnelRules.IsDepositPaid(line), Is.EqualTo(deposit), "deposit paid");
            Assert.That(CampaignFunnelRules.IsPaidInFull(line), Is.EqualTo(paidInFull), "paid in full");
            Assert.That(CampaignFunnelRules.IsCancelled(line), Is.EqualTo(cancelled), "cancelled");
        });
    }

    [TestCase(FunnelStep.Views, null)]
    [TestCase(FunnelStep.WaitlistJoins, FunnelStep.Views)]
    [TestCase(FunnelStep.Placed, FunnelStep.Views)]
    [TestCase(FunnelStep.DepositsPaid, FunnelStep.Placed)]
    [TestCase(FunnelStep.PaidInFull, FunnelStep.DepositsPaid)]
    [TestCase(FunnelStep.Cancelled, FunnelStep.Placed)]
    public void The_step_a_conversion_is_measured_against(FunnelStep step, FunnelStep? from) =>
        Assert.That(CampaignFunnelRules.ConversionBase(step), Is.EqualTo(from));

    [TestCase(0L, 0L, null)]
    [TestCase(5L, 0L, null)]
    [TestCase(0L, 10L, 0)]
    [TestCase(1L, 3L, 33.3)]
    [TestCase(2L, 3L, 66.7)]
    [TestCase(1L, 8L, 12.5)]
    [TestCase(3L, 3L, 100)]
    [TestCase(1L, 2000L, 0.1)]
    public void Percent_has_one_decimal_and_none_over_zero(long count, long of, double? expected) =>
        Assert.That(CampaignFunnelRules.Percent(count, of), Is.EqualTo(expected is double d ? (decimal?)Math.Round((decimal)d, 1) : null));

    [Test]
    public void A_campaign_funnel_counts_each_line_once_per_step_it_reached()
    {
        var lines = new[]
        {
            Line(S.Waiting), Line(S.Waiting, depositPaid: 20m), Line(S.BalanceDue, depositPaid: 20m), Line(S.PaidInFull, depositPaid: 20m),
            Line(S.Cancelled, depositPaid: 20m), Line(S.Ready, M.FullUpfront), Line(S.Expired), Line(S.Shipped, depositPaid: 20m)
        };
        var funnel = CampaignFunnelRules.Build(7, views: 40, waitlistJoins: 6, lines);

        Assert.That(funnel.Steps.Select(s => s.Step), Is.EqualTo(CampaignFunnelRules.Steps));
        Assert.That(funnel.Steps.Select(s => (s.Count, s.ConversionPercent)), Is.EqualTo(new (long, decimal?)[]
        {
            (40, null), (6, 15.0m), (8, 20.0m), (6, 75.0m), (3, 50.0m), (1, 12.5m)
        }));
        Assert.That(funnel[FunnelStep.PaidInFull].From, Is.EqualTo(FunnelStep.DepositsPaid));
    }

    [Test]
    public void A_campaign_with_nothing_yet_has_zeros_and_no_conversions()
    {
        var funnel = CampaignFunnelRules.Build(7, 0, 0, Array.Empty<FunnelLineFact>());
        Assert.That(funnel.Steps.Select(s => s.Count), Is.All.EqualTo(0));
        Assert.That(funnel.Steps.Select(s => s.ConversionPercent), Is.All.Null);
    }

    [Test]
    public void Every_step_is_named_in_english_and_russian()
    {
        foreach (var step in CampaignFunnelRules.Steps)
        {
            Assert.That(PreorderLocaleResources.All.TryGetValue(CampaignFunnelRules.ResourceKey(step), out var texts), Is.True, $"{step} has a name");
            Assert.That(texts.En, Is.Not.Empty.And.Not.EqualTo(texts.Ru), $"{step}: English and Russian");
        }
    }

    [Test]
    public void The_csv_has_the_counts_then_the_conversions_one_row_per_campaign_formula_safe()
    {
        var funnels = new[]
        {
            CampaignFunnelRules.Build(7, 10, 2, new[] { Line(S.Waiting, depositPaid: 20m), Line(S.Cancelled) }),
            CampaignFunnelRules.Build(8, 0, 0, Array.Empty<FunnelLineFact>())
        };
        var csv = FunnelCsv.Write(funnels, new Dictionary<int, string> { [7] = "=Lamp, \"big\"" });
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(rows[0], Is.EqualTo("product_id,product,views,waitlist_joins,placed,deposits_paid,paid_in_full,cancelled," +
            "waitlist_joins_percent_of_views,placed_percent_of_views,deposits_paid_percent_of_placed,paid_in_full_percent_of_deposits_paid,cancelled_percent_of_placed"));
        Assert.That(rows[1], Does.StartWith("7,\"'=Lamp, \"\"big\"\"\",10,2,2,1,0,1,20.0,20.0,50.0,0.0,50.0"));
        Assert.That(rows[2], Is.EqualTo("8,8,0,0,0,0,0,0,,,,,"));
    }
}
