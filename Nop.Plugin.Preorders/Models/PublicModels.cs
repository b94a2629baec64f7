using Nop.Plugin.Preorders.Services.Rules;
using Nop.Web.Framework.Models;

namespace Nop.Plugin.Preorders.Models;

/// <summary>The product page's pre-order block.</summary>
public record ProductPreorderModel : BaseNopModel
{
    public int ProductId { get; set; }
    public PreorderOfferState State { get; set; }
    public bool Visible => State != PreorderOfferState.NotOffered;
    public bool CanOrder => State == PreorderOfferState.Open;
    public string BadgeText { get; set; }
    /// <summary>Closed / sold out / not yet open / country excluded message; null when open.</summary>
    public string StatusText { get; set; }
    public string ExpectedShipText { get; set; }
    public string UnitsLeftText { get; set; }
    public int? ProgressPercent { get; set; }
    public string ProgressText { get; set; }
    /// <summary>ISO 8601 UTC moment the countdown runs to (window end, or window start when not yet open).</summary>
    public string CountdownToUtc { get; set; }
    public string CountdownLabel { get; set; }
    /// <summary>The countdown's end as a date, for screen readers (the ticking value is not announced).</summary>
    public string CountdownText { get; set; }
    public string PaymentModeText { get; set; }
    public string DepositNowText { get; set; }
    public string BalanceLaterText { get; set; }
    /// <summary>Merchant's note; plain text, HTML-encoded by the view.</summary>
    public string ShopperNote { get; set; }
    /// <summary>Some attribute combination has a cap of its own: the block asks for the picked one's units left.</summary>
    public bool HasCombinationCaps { get; set; }
    /// <summary>The campaign's latest stage and timeline (<see cref="Factories.CampaignTimelineModelFactory"/>).</summary>
    public CampaignTimelineModel Campaign { get; set; } = new();
}

/// <summary>The merchant's campaign updates on the product page: the latest stage, then every update, newest first.</summary>
public record CampaignTimelineModel
{
    /// <summary>"Campaign: In customs"; null when nothing was posted.</summary>
    public string LatestStageText { get; set; }
    public IList<CampaignTimelineItemModel> Items { get; set; } = new List<CampaignTimelineItemModel>();
}

/// <summary>One posted update; the text is plain (HTML-encoded by the view).</summary>
public record CampaignTimelineItemModel(string DateText, string StageText, string Text);

/// <summary>Units left of the attribute combination picked on the product page (JSON for the block's script).</summary>
public record CombinationUnitsModel
{
    /// <summary>"N of this option left" or "sold out"; null when the combination has no cap of its own (the product's text stands).</summary>
    public string Text { get; set; }
    public bool SoldOut { get; set; }
}

/// <summary>The cart summary's pre-order split (due now / later).</summary>
public record CartPreorderModel : BaseNopModel
{
    public bool HasPreorders { get; set; }
    public IList<string> PreorderProductNames { get; set; } = new List<string>();
    public string OrderTotalText { get; set; }
    public string DueNowText { get; set; }
    public string DueLaterText { get; set; }
    public bool HasDeposit { get; set; }
}

/// <summary>The deposit method's payment-info step.</summary>
public record DepositPaymentInfoModel : BaseNopModel
{
    public string SplitText { get; set; }
    public string TermsText { get; set; }
    public string OfflineInstructions { get; set; }
    public IList<(decimal Percent, string Label)> Choices { get; set; } = new List<(decimal, string)>();
    public Type ChargeMethodViewComponent { get; set; }
}

/// <summary>One pre-order line as the shopper sees it.</summary>
public record PreorderLineModel : BaseNopModel
{
    public int LineId { get; set; }
    public string ProductName { get; set; }
    public int Quantity { get; set; }
    public string StateText { get; set; }
    public string ExpectedShipText { get; set; }
    public string DueOnText { get; set; }
    public string RemainingText { get; set; }
    public bool CanCancel { get; set; }
    public bool CanExtend { get; set; }
}

/// <summary>An order's pre-order summary for its owner (order details, My pre-orders, balance page).</summary>
public record OrderPreorderModel : BaseNopModel
{
    public int OrderId { get; set; }
    public string CustomOrderNumber { get; set; }
    public string AccountStateText { get; set; }
    public string OrderTotalText { get; set; }
    public string PaidText { get; set; }
    public string OutstandingText { get; set; }
    public bool HasOutstanding { get; set; }
    public string NextDueText { get; set; }
    public IList<PreorderLineModel> Lines { get; set; } = new List<PreorderLineModel>();
    public IList<(string When, string What, string Amount)> Ledger { get; set; } = new List<(string, string, string)>();
    /// <summary>
    /// The balance page of a personal link (no sign-in): the forms post <c>link=true</c> and the server reads the
    /// session cookie; the token itself is never put in the page, a URL or a form.
    /// </summary>
    public bool ViaLink { get; set; }
    /// <summary>A cancellation through the link waiting for the shopper's confirmation (what happens to the money).</summary>
    public CancelPreviewModel CancelPreview { get; set; }
    public bool OfflineOnly { get; set; }
    public string OfflineInstructions { get; set; }
    public Type ChargeMethodViewComponent { get; set; }
    /// <summary>Concurrency stamp of the account, posted back so a double click pays once.</summary>
    public int AccountVersion { get; set; }
}

/// <summary>What cancelling one line would do with its money, by the store's policy, shown before the shopper confirms.</summary>
public record CancelPreviewModel
{
    public int LineId { get; set; }
    public string ProductName { get; set; }
    /// <summary>Refunded to the shopper (formatted), null when nothing.</summary>
    public string RefundText { get; set; }
    /// <summary>Kept by the store under its cancellation terms (formatted), null when nothing.</summary>
    public string KeptText { get; set; }
    /// <summary>The reason the shopper picked before the preview; the confirmation form shows it picked (and may change it).</summary>
    public CancelReasonPickerModel Reason { get; set; }
}

/// <summary>The shopper's cancellation reason picker (a list and an optional comment) of one line's cancel form.</summary>
/// <param name="FieldId">Makes the labels' ids unique when a page has several cancel forms.</param>
public record CancelReasonPickerModel(string FieldId, int SelectedReasonId = 0, string Text = null);

public record CustomerPreordersModel : BaseNopModel
{
    public IList<OrderPreorderModel> Orders { get; set; } = new List<OrderPreorderModel>();
    /// <summary>The shopper receives campaign update e-mails (the checkbox; unticked = opted out).</summary>
    public bool ReceiveCampaignUpdates { get; set; } = true;
}

/// <summary>A line's "more time" actions: the automatic extension, or a request to the store, and the latest request's state.</summary>
public record ExtensionRequestBoxModel
{
    public int OrderId { get; set; }
    public int LineId { get; set; }
    public bool ViaLink { get; set; }
    /// <summary>An automatic extension is still allowed: no need to ask the store.</summary>
    public bool CanExtendAlone { get; set; }
    /// <summary>The automatic extensions are used up and no request is pending: the shopper may ask the store.</summary>
    public bool CanRequest { get; set; }
    public int MaxDays { get; set; }
    public int MaxMessageLength { get; set; }
    /// <summary>Where the latest request stands (pending, approved, declined); null when there is none.</summary>
    public string StateText { get; set; }
}
