using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Web.Framework.Models;

namespace Nop.Plugin.Preorders.Models.Admin;

/// <summary>The campaign dashboard of one product.</summary>
public record CampaignModel : BaseNopModel
{
    public int ProductId { get; set; }

    public string ProductName { get; set; }

    public bool Enabled { get; set; }

    public string WindowText { get; set; }

    public string ExpectedShipText { get; set; }

    public IList<CampaignCapModel> Caps { get; set; } = new List<CampaignCapModel>();

    public int Orders { get; set; }

    public int Units { get; set; }

    public int ActiveUnits { get; set; }

    public IList<CampaignCountModel> ByState { get; set; } = new List<CampaignCountModel>();

    /// <summary>Chart data: store-local days ("yyyy-MM-dd"), orders and units per day.</summary>
    public IList<string> DayLabels { get; set; } = new List<string>();

    public IList<int> DayOrders { get; set; } = new List<int>();

    public IList<int> DayUnits { get; set; } = new List<int>();

    public string DepositsCollected { get; set; }

    public string BalanceOutstanding { get; set; }

    public string Refunded { get; set; }

    public int DepositLines { get; set; }

    public int ConvertedLines { get; set; }

    /// <summary>"42.5 %" or empty when no deposit came in yet.</summary>
    public string ConversionText { get; set; }

    public string AverageDaysToBalanceText { get; set; }

    public int CancelledLines { get; set; }

    public int ExpiredLines { get; set; }

    public IList<CampaignCountModel> CancellationReasons { get; set; } = new List<CampaignCountModel>();

    public IList<CampaignCommentModel> CancellationComments { get; set; } = new List<CampaignCommentModel>();

    public IList<CampaignCountModel> Countries { get; set; } = new List<CampaignCountModel>();

    public IList<SelectListItem> AvailableCombinations { get; set; } = new List<SelectListItem>();

    public bool CanManage { get; set; }
}

/// <summary>A comment given with a cancellation: plain text as typed, HTML-encoded by the view.</summary>
public record CampaignCommentModel : BaseNopModel
{
    public string Reason { get; set; }

    public string Text { get; set; }

    public string On { get; set; }
}

public record CampaignCapModel : BaseNopModel
{
    /// <summary>"Product" or the combination's SKU / id.</summary>
    public string Scope { get; set; }

    public int CombinationId { get; set; }

    public int Sold { get; set; }

    /// <summary>Empty when there is no cap.</summary>
    public string CapText { get; set; }

    public string RemainingText { get; set; }

    public int? ProgressPercent { get; set; }
}

/// <summary>A labelled count (states, reasons, countries).</summary>
public record CampaignCountModel : BaseNopModel
{
    public string Label { get; set; }

    public int Lines { get; set; }

    public int Orders { get; set; }

    public int Units { get; set; }
}

/// <summary>The pre-order block of nopCommerce's admin order page: state, money, schedule, ledger, history and the actions.</summary>
public record AdminOrderPreorderModel : BaseNopModel
{
    public int OrderId { get; set; }

    public string AccountState { get; set; }

    public string OrderTotal { get; set; }

    public string DueAtCheckout { get; set; }

    public string Paid { get; set; }

    public string Refunded { get; set; }

    public string Forfeited { get; set; }

    public string Transferred { get; set; }

    public string Outstanding { get; set; }

    public decimal OutstandingValue { get; set; }

    /// <summary>What is still missing of the deposit (suggested amount of a deposit confirmation).</summary>
    public decimal DepositMissingValue { get; set; }

    /// <summary>Held by the shop (paid less refunds and transfers): the most a refund may be.</summary>
    public decimal NetHeldValue { get; set; }

    /// <summary>The currency of the amounts typed on this block (the ledger's: the primary store currency).</summary>
    public string PrimaryStoreCurrencyCode { get; set; }

    /// <summary>The currency the customer's order is in (shown when it is not the primary one).</summary>
    public string OrderCurrencyCode { get; set; }

    public string NextDue { get; set; }

    public string ChargeMethod { get; set; }

    /// <summary>The account version the page shows: refunds use it as their once-only key.</summary>
    public int AccountVersion { get; set; }

    public IList<AdminOrderLineModel> Lines { get; set; } = new List<AdminOrderLineModel>();

    public IList<AdminScheduleItemModel> Schedule { get; set; } = new List<AdminScheduleItemModel>();

    public IList<LedgerEntryModel> Ledger { get; set; } = new List<LedgerEntryModel>();

    public IList<AdminHistoryItemModel> History { get; set; } = new List<AdminHistoryItemModel>();

    public IList<SelectListItem> AvailableSettlements { get; set; } = new List<SelectListItem>();

    public bool CanManage { get; set; }

    public bool CanRefund { get; set; }
}

public record AdminOrderLineModel : BaseNopEntityModel
{
    public int ProductId { get; set; }

    public string ProductName { get; set; }

    public int Quantity { get; set; }

    public int StateId { get; set; }

    public string State { get; set; }

    public string PaymentMode { get; set; }

    public string LineTotal { get; set; }

    public string Deposit { get; set; }

    public string BalanceDue { get; set; }

    public string PlacedOn { get; set; }

    public string DueDate { get; set; }

    public string ExpectedShipDate { get; set; }

    public int ExtensionCount { get; set; }

    public string CloseReason { get; set; }

    /// <summary>The reason chosen when cancelled (localized); null when none was.</summary>
    public string CancelReason { get; set; }

    /// <summary>The comment given with it when it differs from <see cref="CloseReason"/>; plain text, encoded by the view.</summary>
    public string CancelReasonText { get; set; }

    /// <summary>"split from line #x" when the line is the arrived part of a split ("Ship what arrived"); null otherwise.</summary>
    public string SplitFrom { get; set; }

    public bool CanExtend { get; set; }

    public bool CanCancel { get; set; }

    public bool CanReschedule { get; set; }
}

public record AdminScheduleItemModel : BaseNopModel
{
    public int Sequence { get; set; }

    public string Amount { get; set; }

    public string Paid { get; set; }

    public string DueOn { get; set; }
}

public record AdminHistoryItemModel : BaseNopModel
{
    public string CreatedOn { get; set; }

    public string Action { get; set; }

    public string By { get; set; }

    public string Details { get; set; }
}

/// <summary>
/// The warning on nopCommerce's shipment pages (add and details): pre-order lines among the shipment's items that
/// are not ready to ship (waiting for stock, or owing money). Empty: nothing is rendered.
/// </summary>
public record AdminShipmentPreorderModel : BaseNopModel
{
    public int OrderId { get; set; }

    /// <summary>False on the add page (the merchant is choosing what to ship), true for a saved shipment.</summary>
    public bool ShipmentSaved { get; set; }

    public IList<AdminShipmentUnreadyLineModel> Lines { get; set; } = new List<AdminShipmentUnreadyLineModel>();
}

public record AdminShipmentUnreadyLineModel : BaseNopModel
{
    public int LineId { get; set; }

    public string ProductName { get; set; }

    public int Quantity { get; set; }

    /// <summary>The line's state, localized ("Waiting for stock", "Balance due").</summary>
    public string State { get; set; }
}
