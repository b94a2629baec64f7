using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Web.Framework.Models;
using Nop.Web.Framework.Mvc.ModelBinding;

namespace Nop.Plugin.Preorders.Models.Admin;

/// <summary>Filters of the pre-orders grid (dates typed in the store's time zone).</summary>
public record PreorderSearchModel : BaseSearchModel
{
    /// <summary>A <see cref="Domain.PreorderLineState"/> value; 0 = all.</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.State")]
    public int SearchStateId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.Product")]
    public int SearchProductId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.Store")]
    public int SearchStoreId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.CustomerEmail")]
    public string SearchCustomerEmail { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.Country")]
    public string SearchCountryCode { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.PlacedFrom")]
    [UIHint("DateNullable")]
    public DateTime? PlacedFrom { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.PlacedTo")]
    [UIHint("DateNullable")]
    public DateTime? PlacedTo { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.DueFrom")]
    [UIHint("DateNullable")]
    public DateTime? DueFrom { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.DueTo")]
    [UIHint("DateNullable")]
    public DateTime? DueTo { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.ShipFrom")]
    [UIHint("DateNullable")]
    public DateTime? ShipFrom { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.ShipTo")]
    [UIHint("DateNullable")]
    public DateTime? ShipTo { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.ExtensionRequested")]
    public bool SearchExtensionRequested { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.ReservationsOnly")]
    public bool SearchReservationsOnly { get; set; }

    /// <summary>Order filter (the order page links here).</summary>
    public int SearchOrderId { get; set; }

    public IList<SelectListItem> AvailableStates { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableProducts { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableStores { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableSettlements { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailablePaymentKinds { get; set; } = new List<SelectListItem>();

    /// <summary>Whether the current admin may run actions (Manage) and refunds (Refund); the page hides what is not allowed.</summary>
    public bool CanManage { get; set; }

    public bool CanRefund { get; set; }
}

/// <summary>One row of the pre-orders grid.</summary>
public record PreorderLineModel : BaseNopEntityModel
{
    public int OrderId { get; set; }

    public string CustomOrderNumber { get; set; }

    public int CustomerId { get; set; }

    public string CustomerEmail { get; set; }

    public int ProductId { get; set; }

    public string ProductName { get; set; }

    public int Quantity { get; set; }

    /// <summary>Store time.</summary>
    public DateTime PlacedOn { get; set; }

    public int StateId { get; set; }

    public string State { get; set; }

    public string PaymentMode { get; set; }

    public string DepositPaid { get; set; }

    public string BalanceDue { get; set; }

    /// <summary>Store time.</summary>
    public DateTime? DueDate { get; set; }

    /// <summary>Store time.</summary>
    public DateTime? ExpectedShipDate { get; set; }

    public string CountryCode { get; set; }

    /// <summary>The pending extension request: days asked for and the shopper's note; null when none.</summary>
    public string ExtensionRequest { get; set; }
}

public record PreorderLineListModel : BasePagedListModel<PreorderLineModel>;

/// <summary>Filters of the ledger grid.</summary>
public record LedgerSearchModel : BaseSearchModel
{
    [NopResourceDisplayName("Plugins.Misc.Preorders.Ledger.Kind")]
    public int SearchKindId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Ledger.Status")]
    public int SearchStatusId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Ledger.Method")]
    public string SearchMethod { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.Order")]
    public int SearchOrderId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.Product")]
    public int SearchProductId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.Store")]
    public int SearchStoreId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Grid.CustomerEmail")]
    public string SearchCustomerEmail { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Ledger.From")]
    [UIHint("DateNullable")]
    public DateTime? CreatedFrom { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Ledger.To")]
    [UIHint("DateNullable")]
    public DateTime? CreatedTo { get; set; }

    public IList<SelectListItem> AvailableKinds { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableStatuses { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableProducts { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableStores { get; set; } = new List<SelectListItem>();
}

/// <summary>One ledger entry in the grid.</summary>
public record LedgerEntryModel : BaseNopEntityModel
{
    public int OrderId { get; set; }

    public string CustomOrderNumber { get; set; }

    public string CustomerEmail { get; set; }

    public int LineId { get; set; }

    public int KindId { get; set; }

    public string Kind { get; set; }

    public int StatusId { get; set; }

    public string Status { get; set; }

    /// <summary>Primary store currency, formatted; negative direction (refunds, transfers, forfeits) shown by the kind.</summary>
    public string Amount { get; set; }

    /// <summary>The amount as the shopper saw it ("12.50 EUR").</summary>
    public string AmountInCurrency { get; set; }

    public string Method { get; set; }

    public string Reference { get; set; }

    public string Note { get; set; }

    public string RecordedBy { get; set; }

    /// <summary>Store time.</summary>
    public DateTime CreatedOn { get; set; }
}

/// <summary>The ledger page: entries plus the totals of the current filter.</summary>
public record LedgerListModel : BasePagedListModel<LedgerEntryModel>
{
    public string TotalCollected { get; set; }

    public string TotalRefunded { get; set; }

    public string TotalForfeited { get; set; }

    public string TotalTransferred { get; set; }

    public string NetHeld { get; set; }

    public int PendingCount { get; set; }

    public int FailedCount { get; set; }
}
