using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>The stages of a pre-order campaign the merchant can post, in the order a campaign usually goes through them.</summary>
public enum CampaignStage
{
    InProduction = 10,
    QualityCheck = 20,
    ShippedFromFactory = 30,
    InCustoms = 40,
    Arrived = 50
}

/// <summary>
/// A stage of a product's pre-order campaign posted by the merchant, with a short text (schema 2.3). Shown on the product
/// page (the latest stage and the timeline) and e-mailed to every buyer by the scheduled task, in batches:
/// <see cref="RecipientsAfterCustomerId"/> is the keyset cursor (the last buyer, by customer id, whose e-mail is recorded)
/// and <see cref="RecipientsDoneOnUtc"/> says that every buyer was reached. A deleted update is kept (soft delete) so the
/// e-mails already recorded know to skip it.
/// </summary>
public class PreorderCampaignUpdate : BaseEntity
{
    public int ProductId { get; set; }

    public int StageId { get; set; }

    public CampaignStage Stage
    {
        get => (CampaignStage)StageId;
        set => StageId = (int)value;
    }

    public string Text { get; set; }

    public int PostedByCustomerId { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    /// <summary>When the merchant deleted the post (hidden from the page, no more e-mails); null while it stands.</summary>
    public DateTime? DeletedOnUtc { get; set; }

    /// <summary>When the task published the update's webhook event (claimed once, with a conditional UPDATE from null).</summary>
    public DateTime? AnnouncedOnUtc { get; set; }

    /// <summary>The task's keyset cursor: buyers with a customer id up to this one have their e-mail recorded.</summary>
    public int RecipientsAfterCustomerId { get; set; }

    /// <summary>E-mails recorded so far (moved on with the cursor; a count for the admin, not a guarantee).</summary>
    public int RecipientsRecorded { get; set; }

    /// <summary>When the task reached the last buyer; null while buyers remain.</summary>
    public DateTime? RecipientsDoneOnUtc { get; set; }
}

/// <summary>A shopper who wants no campaign update e-mails (schema 2.3): one row per customer, unique.</summary>
public class PreorderCampaignOptOut : BaseEntity
{
    public int CustomerId { get; set; }

    public DateTime CreatedOnUtc { get; set; }
}
