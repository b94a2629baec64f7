using Nop.Plugin.Preorders.Domain;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>A campaign update that passed <see cref="CampaignUpdateRules.Validate"/>: a listed stage and its trimmed text.</summary>
public record CampaignUpdatePost(CampaignStage Stage, string Text);

/// <summary>What deleting a posted update does, by how far its e-mails got (the admin is told which).</summary>
public enum CampaignUpdateDeleteOutcome
{
    /// <summary>The task had not started on it: nobody is e-mailed, no webhook goes out.</summary>
    NothingSent = 10,
    /// <summary>Some e-mails are recorded or sent: those not yet sent are skipped, buyers not yet reached get nothing; sent e-mails and the webhook stay sent.</summary>
    RestStopped = 20,
    /// <summary>Every buyer's e-mail was recorded: those still pending are skipped, the rest were sent.</summary>
    AlreadySent = 30
}

/// <summary>
/// The rules of campaign updates. Pure; the one definition behind the admin form, the service that stores a post, the task
/// that e-mails buyers and the message that is built for each. A refused post changes nothing: the service validates
/// before it writes.
/// </summary>
public static class CampaignUpdateRules
{
    /// <summary>A short text: a sentence or two on the product page and in the e-mail.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The stages, in the order a campaign goes through them (and the admin's list shows them).</summary>
    public static IReadOnlyList<CampaignStage> Stages { get; } = new[]
    {
        CampaignStage.InProduction, CampaignStage.QualityCheck, CampaignStage.ShippedFromFactory, CampaignStage.InCustoms, CampaignStage.Arrived
    };

    /// <summary>The pre-order states of a buyer of the campaign: a live line still waiting for, or holding, its unit (not shipped, cancelled or expired).</summary>
    public static IReadOnlyList<PreorderLineState> BuyerStates { get; } = new[]
    {
        PreorderLineState.Waiting, PreorderLineState.Ready, PreorderLineState.BalanceDue, PreorderLineState.Overdue, PreorderLineState.PaidInFull
    };

    public static bool IsBuyer(PreorderLineState state) => BuyerStates.Contains(state);

    /// <summary>The locale resource naming the stage.</summary>
    public static string ResourceKey(CampaignStage stage) => PreorderDefaults.ResourcePrefix + "CampaignStage." + stage;

    /// <summary>The stage code in webhooks ("shipped_from_factory"): stable, independent of the language.</summary>
    public static string Code(CampaignStage stage) => Data.PreorderDbNames.ToSnakeCase(stage.ToString());

    /// <summary>
    /// The post as typed: <paramref name="stageId"/> must be a listed stage, the text is trimmed, required and at most
    /// <see cref="MaxTextLength"/> characters. Throws <see cref="PreorderRuleException"/> with the resource that says what is wrong.
    /// </summary>
    public static CampaignUpdatePost Validate(int stageId, string text)
    {
        if (!Stages.Contains((CampaignStage)stageId))
            throw new PreorderRuleException(R.CampaignStageUnknown);
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed == null)
            throw new PreorderRuleException(R.CampaignTextRequired);
        if (trimmed.Length > MaxTextLength)
            throw new PreorderRuleException(R.CampaignTextTooLong, MaxTextLength);
        return new CampaignUpdatePost((CampaignStage)stageId, trimmed);
    }

    /// <summary>Whether a buyer's e-mail of an update goes out when it is built: the update stands, the buyer still has a live line and has not opted out.</summary>
    public static bool ShouldEmail(bool updateDeleted, bool hasLiveLine, bool optedOut) => !updateDeleted && hasLiveLine && !optedOut;

    /// <summary>What deleting the update does now (see <see cref="CampaignUpdateDeleteOutcome"/>).</summary>
    public static CampaignUpdateDeleteOutcome DeleteOutcome(PreorderCampaignUpdate update) =>
        update.RecipientsDoneOnUtc != null ? CampaignUpdateDeleteOutcome.AlreadySent
        : update.AnnouncedOnUtc != null || update.RecipientsAfterCustomerId > 0 ? CampaignUpdateDeleteOutcome.RestStopped
        : CampaignUpdateDeleteOutcome.NothingSent;

    /// <summary>The timeline as shown: updates that stand, newest first (ties by id); the first is the latest stage.</summary>
    public static IReadOnlyList<PreorderCampaignUpdate> Timeline(IEnumerable<PreorderCampaignUpdate> updates) =>
        updates.Where(u => u.DeletedOnUtc == null).OrderByDescending(u => u.CreatedOnUtc).ThenByDescending(u => u.Id).ToList();
}
