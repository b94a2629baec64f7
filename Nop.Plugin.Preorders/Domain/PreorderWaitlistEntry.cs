using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>
/// A shopper waiting for a product's pre-order window to open (schema 2.6). One row per product and e-mail address
/// (unique): joining again finds the row. A signed-in shopper's row is confirmed at once; a guest's row is confirmed
/// through the signed link of the confirmation e-mail (double opt-in) and until then gets no launch e-mail. Leaving
/// deletes the row. The task records the launch e-mail of each confirmed row once the window opens and marks the row
/// (<see cref="LaunchRecordedOnUtc"/>) with a conditional UPDATE from null.
/// </summary>
public class PreorderWaitlistEntry : BaseEntity
{
    public int ProductId { get; set; }

    public int StoreId { get; set; }

    /// <summary>The registered customer who joined; 0 for a guest (known by the e-mail address only).</summary>
    public int CustomerId { get; set; }

    /// <summary>Lower-case, trimmed: the key with the product, and how a guest is recognized at checkout.</summary>
    public string Email { get; set; }

    /// <summary>The shopper's language when joining: the e-mails are written in it.</summary>
    public int LanguageId { get; set; }

    /// <summary>Random per row: the key the confirm and leave links are signed with (HMAC), never shown as such.</summary>
    public string LinkSecret { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    /// <summary>When the shopper confirmed (a signed-in shopper: when joining); null while a guest has not confirmed.</summary>
    public DateTime? ConfirmedOnUtc { get; set; }

    /// <summary>When the task recorded the confirmation e-mail (guests only); null while it is to be recorded.</summary>
    public DateTime? ConfirmRecordedOnUtc { get; set; }

    /// <summary>When the task recorded the "pre-orders are open" e-mail; null while it is to be recorded.</summary>
    public DateTime? LaunchRecordedOnUtc { get; set; }
}

/// <summary>A product's waitlist settings (schema 2.6): one row per product, absent when none is set.</summary>
public class PreorderWaitlistProduct : BaseEntity
{
    public int ProductId { get; set; }

    /// <summary>Hours after the window opens during which only confirmed waitlist members may pre-order; 0 = none.</summary>
    public int FirstAccessHours { get; set; }

    public DateTime UpdatedOnUtc { get; set; }
}
