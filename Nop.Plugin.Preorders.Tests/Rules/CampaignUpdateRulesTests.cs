using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>The stages a merchant may post, how the text is checked, who is a buyer, who is e-mailed, and what a delete does.</summary>
[TestFixture]
public class CampaignUpdateRulesTests
{
    [Test]
    public void The_stages_are_the_fixed_list_in_campaign_order_each_named_in_english_and_russian()
    {
        Assert.That(CampaignUpdateRules.Stages, Is.EqualTo(new[]
        {
            CampaignStage.InProduction, CampaignStage.QualityCheck, CampaignStage.ShippedFromFactory, CampaignStage.InCustoms, CampaignStage.Arrived
        }));
        foreach (var stage in CampaignUpdateRules.Stages)
        {
            Assert.That(PreorderLocaleResources.All.TryGetValue(CampaignUpdateRules.ResourceKey(stage), out var texts), Is.True, $"{stage} has a name");
            Assert.That(texts.En, Is.Not.Empty.And.Not.EqualTo(texts.Ru), $"{stage}: English and Russian");
        }
    }

    [TestCase(CampaignStage.InProduction, "in_production")]
    [TestCase(CampaignStage.QualityCheck, "quality_check")]
    [TestCase(CampaignStage.ShippedFromFactory, "shipped_from_factory")]
    [TestCase(CampaignStage.InCustoms, "in_customs")]
    [TestCase(CampaignStage.Arrived, "arrived")]
    public void The_webhook_code_of_a_stage(CampaignStage stage, string code) =>
        Assert.That(CampaignUpdateRules.Code(stage), Is.EqualTo(code));

    [TestCase(10, "  Tooling done.  ", "Tooling done.")]
    [TestCase(40, "Cleared\ncustoms", "Cleared\ncustoms")]
    [TestCase(50, "x", "x")]
    public void A_listed_stage_with_a_text_is_accepted_and_the_text_trimmed(int stageId, string text, string stored)
    {
        var post = CampaignUpdateRules.Validate(stageId, text);
        Assert.That((post.Stage, post.Text), Is.EqualTo(((CampaignStage)stageId, stored)));
    }

    [TestCase(0, "text", R.CampaignStageUnknown)]
    [TestCase(15, "text", R.CampaignStageUnknown)]
    [TestCase(60, "text", R.CampaignStageUnknown)]
    [TestCase(-10, "text", R.CampaignStageUnknown)]
    [TestCase(10, null, R.CampaignTextRequired)]
    [TestCase(10, "", R.CampaignTextRequired)]
    [TestCase(10, "   \n ", R.CampaignTextRequired)]
    public void An_unlisted_stage_or_an_empty_text_is_refused(int stageId, string text, string expectedKey)
    {
        var ex = Assert.Throws<PreorderRuleException>(() => CampaignUpdateRules.Validate(stageId, text));
        Assert.That(ex!.ResourceKey, Is.EqualTo(expectedKey));
    }

    [TestCase(500, null)]
    [TestCase(501, R.CampaignTextTooLong)]
    [TestCase(4000, R.CampaignTextTooLong)]
    public void The_text_is_bounded(int length, string expectedKey)
    {
        var text = "  " + new string('x', length) + "\n";
        if (expectedKey == null)
        {
            Assert.That(CampaignUpdateRules.Validate(20, text).Text, Has.Length.EqualTo(length), "the surrounding blanks do not count");
            return;
        }
        var ex = Assert.Throws<PreorderRuleException>(() => CampaignUpdateRules.Validate(20, text));
        Assert.That((ex!.ResourceKey, ex.Args), Is.EqualTo((expectedKey, new object[] { CampaignUpdateRules.MaxTextLength })), "the message names the limit");
        Assert.That(PreorderLocaleResources.All[expectedKey].En, Does.Contain("{0}"));
    }

    [TestCase(PreorderLineState.Waiting, true)]
    [TestCase(PreorderLineState.Ready, true)]
    [TestCase(PreorderLineState.BalanceDue, true)]
    [TestCase(PreorderLineState.Overdue, true)]
    [TestCase(PreorderLineState.PaidInFull, true)]
    [TestCase(PreorderLineState.Shipped, false)]
    [TestCase(PreorderLineState.Cancelled, false)]
    [TestCase(PreorderLineState.Expired, false)]
    public void A_buyer_of_the_campaign_has_a_live_line(PreorderLineState state, bool buyer) =>
        Assert.That(CampaignUpdateRules.IsBuyer(state), Is.EqualTo(buyer));

    [TestCase(false, true, false, true)]
    [TestCase(true, true, false, false)]
    [TestCase(false, false, false, false)]
    [TestCase(false, true, true, false)]
    [TestCase(true, false, true, false)]
    public void Who_is_e_mailed_when_the_message_is_built(bool deleted, bool hasLiveLine, bool optedOut, bool email) =>
        Assert.That(CampaignUpdateRules.ShouldEmail(deleted, hasLiveLine, optedOut), Is.EqualTo(email));

    [TestCase(false, 0, false, CampaignUpdateDeleteOutcome.NothingSent)]
    [TestCase(true, 0, false, CampaignUpdateDeleteOutcome.RestStopped)]
    [TestCase(false, 17, false, CampaignUpdateDeleteOutcome.RestStopped)]
    [TestCase(true, 17, false, CampaignUpdateDeleteOutcome.RestStopped)]
    [TestCase(true, 17, true, CampaignUpdateDeleteOutcome.AlreadySent)]
    [TestCase(true, 0, true, CampaignUpdateDeleteOutcome.AlreadySent)]
    public void What_a_delete_does_depends_on_how_far_the_e_mails_got(bool announced, int cursor, bool done, CampaignUpdateDeleteOutcome outcome)
    {
        var update = new PreorderCampaignUpdate
        {
            AnnouncedOnUtc = announced ? new DateTime(2026, 12, 1) : null,
            RecipientsAfterCustomerId = cursor,
            RecipientsDoneOnUtc = done ? new DateTime(2026, 12, 1) : null
        };
        Assert.That(CampaignUpdateRules.DeleteOutcome(update), Is.EqualTo(outcome));
        Assert.That(PreorderLocaleResources.All.ContainsKey(PreorderDefaults.ResourcePrefix + "CampaignUpdates.DeleteOutcome." + outcome), Is.True, "the admin is told in words");
    }

    [Test]
    public void The_timeline_leaves_deleted_updates_out_and_puts_the_newest_first()
    {
        var day = new DateTime(2026, 12, 1);
        var updates = new[]
        {
            new PreorderCampaignUpdate { Id = 1, Stage = CampaignStage.InProduction, CreatedOnUtc = day },
            new PreorderCampaignUpdate { Id = 2, Stage = CampaignStage.QualityCheck, CreatedOnUtc = day.AddDays(3), DeletedOnUtc = day.AddDays(3) },
            new PreorderCampaignUpdate { Id = 3, Stage = CampaignStage.ShippedFromFactory, CreatedOnUtc = day.AddDays(2) },
            new PreorderCampaignUpdate { Id = 4, Stage = CampaignStage.InCustoms, CreatedOnUtc = day.AddDays(2) }
        };
        Assert.That(CampaignUpdateRules.Timeline(updates).Select(u => u.Id), Is.EqualTo(new[] { 4, 3, 1 }), "same moment: the later post first");
        Assert.That(CampaignUpdateRules.Timeline(Array.Empty<PreorderCampaignUpdate>()), Is.Empty);
    }
}
