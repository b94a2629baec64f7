using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Web.Framework.Models;
using Nop.Web.Framework.Mvc.ModelBinding;

namespace Nop.Plugin.Preorders.Models.Admin;

/// <summary>A deposit rule as the merchant edits it (tiers and choices as text lines).</summary>
public record DepositRuleModel : BaseNopModel
{
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DepositPercent")]
    [UIHint("DecimalNullable")]
    public decimal? Percent { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DepositFixedPerUnit")]
    [UIHint("DecimalNullable")]
    public decimal? FixedPerUnit { get; set; }

    /// <summary>A <see cref="Domain.DepositCombineMode"/> value.</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DepositCombine")]
    public int CombineId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DepositMin")]
    [UIHint("DecimalNullable")]
    public decimal? MinAmount { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DepositMax")]
    [UIHint("DecimalNullable")]
    public decimal? MaxAmount { get; set; }

    /// <summary>"days:percent" lines.</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DepositTermTiers")]
    public string TermTiers { get; set; }

    /// <summary>"percent:perk" lines.</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DepositChoices")]
    public string Choices { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.Installments")]
    public int Installments { get; set; } = 1;

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.InstallmentIntervalDays")]
    public int InstallmentIntervalDays { get; set; } = 30;

    public IList<SelectListItem> AvailableCombineModes { get; set; } = new List<SelectListItem>();
}

/// <summary>One attribute combination's own cap on the product block.</summary>
public record CombinationCapModel : BaseNopModel
{
    public int CombinationId { get; set; }

    /// <summary>SKU or attribute description.</summary>
    public string Label { get; set; }

    public int? Cap { get; set; }

    public int Sold { get; set; }
}

/// <summary>
/// The "Pre-order" block of nopCommerce's product edit page. Its fields post with the product form under the
/// <see cref="PreorderDefaults.Admin.ProductFormPrefix"/> prefix (see <see cref="AdminProductBlockModel"/>);
/// dates are in the store's time zone.
/// </summary>
public record AdminProductPreorderModel : BaseNopModel
{
    /// <summary>The currency of the amounts typed here (settings and profiles keep amounts in the primary store currency).</summary>
    public string PrimaryStoreCurrencyCode { get; set; }

    public int ProductId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.Enabled")]
    public bool Enabled { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.Cap")]
    [UIHint("Int32Nullable")]
    public int? Cap { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.WindowStart")]
    [UIHint("DateTimeNullable")]
    public DateTime? WindowStart { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.WindowEnd")]
    [UIHint("DateTimeNullable")]
    public DateTime? WindowEnd { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ExpectedShipDate")]
    [UIHint("DateNullable")]
    public DateTime? ExpectedShipDate { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ExpectedSoonText")]
    public string ExpectedSoonText { get; set; }

    /// <summary>A <see cref="Domain.PreorderPaymentMode"/> value.</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.PaymentMode")]
    public int PaymentModeId { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.UseStoreDepositRule")]
    public bool UseStoreDepositRule { get; set; } = true;

    public DepositRuleModel DepositRule { get; set; } = new();

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.PerCustomerLimit")]
    [UIHint("Int32Nullable")]
    public int? PerCustomerLimit { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.Reservable")]
    public bool Reservable { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ReservationTermDays")]
    [UIHint("Int32Nullable")]
    public int? ReservationTermDays { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.AllowedCountryCodes")]
    public string AllowedCountryCodes { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ShopperNote")]
    public string ShopperNote { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.AutoWhenOutOfStock")]
    public bool AutoWhenOutOfStock { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ShipDateChangeReason")]
    public string ShipDateChangeReason { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.PenaltyFreeCancel")]
    public bool PenaltyFreeCancel { get; set; }

    public IList<CombinationCapModel> CombinationCaps { get; set; } = new List<CombinationCapModel>();

    public IList<SelectListItem> AvailablePaymentModes { get; set; } = new List<SelectListItem>();

    /// <summary>Units pre-ordered so far (product level).</summary>
    public int Sold { get; set; }

    public bool HasProfile { get; set; }

    /// <summary>The saved ship day (store time zone): the page asks for a reason when the merchant changes it.</summary>
    public DateTime? SavedExpectedShipDate { get; set; }

    public bool Released { get; set; }

    /// <summary>Past ship date changes, newest first ("date → date: reason").</summary>
    public IList<string> ShipDateHistory { get; set; } = new List<string>();

    /// <summary>Which deposit rule the product's lines are charged by and why (its own, its category's, the store's; the customer role rules over it).</summary>
    public IList<string> DepositRuleExplanation { get; set; } = new List<string>();

    public string TimeZoneName { get; set; }

    /// <summary>False: shown read-only (the admin lacks the Manage permission).</summary>
    public bool CanManage { get; set; }
}

/// <summary>The view model of the product block: the block sits under the form prefix so its names never meet nopCommerce's product fields.</summary>
public record AdminProductBlockModel : BaseNopModel
{
    public AdminProductPreorderModel Preorder { get; set; } = new();

    /// <summary>The product is not saved yet (no id): pre-orders are configured after the first save.</summary>
    public bool NewProduct { get; set; }
}

/// <summary>The configuration page: every <see cref="PreorderSettings"/> field, per store where overridden.</summary>
public record PreorderConfigurationModel : BaseNopModel
{
    /// <summary>The currency of the amounts typed here (settings and profiles keep amounts in the primary store currency).</summary>
    public string PrimaryStoreCurrencyCode { get; set; }

    public int ActiveStoreScopeConfiguration { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.AutomationPaused")]
    public bool AutomationPaused { get; set; }
    public bool AutomationPaused_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.MixedCart")]
    public int MixedCartId { get; set; }
    public bool MixedCartId_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DefaultPaymentMode")]
    public int DefaultPaymentModeId { get; set; }
    public bool DefaultPaymentModeId_OverrideForStore { get; set; }

    /// <summary>The store default deposit rule (one setting: all its fields override together).</summary>
    public DepositRuleModel DepositRule { get; set; } = new();
    public bool DepositRule_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.CharmRounding")]
    public bool CharmRounding { get; set; }
    public bool CharmRounding_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.AutoPreorderWhenOutOfStock")]
    public bool AutoPreorderWhenOutOfStock { get; set; }
    public bool AutoPreorderWhenOutOfStock_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.AutoPreorderCap")]
    public int AutoPreorderCap { get; set; }
    public bool AutoPreorderCap_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.AutoPreorderExpectedSoonText")]
    public string AutoPreorderExpectedSoonText { get; set; }
    public bool AutoPreorderExpectedSoonText_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.PreorderSurcharge")]
    public decimal PreorderSurcharge { get; set; }
    public bool PreorderSurcharge_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.BalanceDueDays")]
    public int BalanceDueDays { get; set; }
    public bool BalanceDueDays_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ShipWhatArrived")]
    public bool ShipWhatArrived { get; set; }
    public bool ShipWhatArrived_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.GracePeriodDays")]
    public int GracePeriodDays { get; set; }
    public bool GracePeriodDays_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ExpiryPolicy")]
    public int ExpiryPolicyId { get; set; }
    public bool ExpiryPolicyId_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.MaxAutoExtensions")]
    public int MaxAutoExtensions { get; set; }
    public bool MaxAutoExtensions_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ExtensionDays")]
    public int ExtensionDays { get; set; }
    public bool ExtensionDays_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Settings.ReservationTermDays")]
    public int ReservationTermDays { get; set; } = 7;
    public bool ReservationTermDays_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.RefundableUntilStockArrives")]
    public bool RefundableUntilStockArrives { get; set; }
    public bool RefundableUntilStockArrives_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.AutoRefundDelayDays")]
    public int AutoRefundDelayDays { get; set; }
    public bool AutoRefundDelayDays_OverrideForStore { get; set; }

    /// <summary>A <see cref="Domain.MissedShipDatePolicy"/> value.</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.MissedShipDate")]
    public int MissedShipDateId { get; set; }
    public bool MissedShipDateId_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.MissedShipDateRefundDays")]
    public int MissedShipDateRefundDays { get; set; }
    public bool MissedShipDateRefundDays_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.BalanceLinkValidDays")]
    public int BalanceLinkValidDays { get; set; }
    public bool BalanceLinkValidDays_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ReminderDaysBefore")]
    public string ReminderDaysBefore { get; set; }
    public bool ReminderDaysBefore_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.UpcomingChargeNoticeDays")]
    public int UpcomingChargeNoticeDays { get; set; }
    public bool UpcomingChargeNoticeDays_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ChargeRetryCount")]
    public int ChargeRetryCount { get; set; }
    public bool ChargeRetryCount_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ChargeRetryBackoffHours")]
    public int ChargeRetryBackoffHours { get; set; }
    public bool ChargeRetryBackoffHours_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ChargeMethodSystemName")]
    public string ChargeMethodSystemName { get; set; }
    public bool ChargeMethodSystemName_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.OfflineInstructions")]
    public string OfflineInstructions { get; set; }
    public bool OfflineInstructions_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ShowUnitsLeft")]
    public bool ShowUnitsLeft { get; set; }
    public bool ShowUnitsLeft_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ShowProgressBar")]
    public bool ShowProgressBar { get; set; }
    public bool ShowProgressBar_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.ShowCountdown")]
    public bool ShowCountdown { get; set; }
    public bool ShowCountdown_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.WebhookUrls")]
    public string WebhookUrls { get; set; }
    public bool WebhookUrls_OverrideForStore { get; set; }

    /// <summary>Write-only: never filled from the stored secret (a password input, not rendered back).</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.WebhookSecret")]
    [DataType(DataType.Password)]
    public string WebhookSecret { get; set; }
    public bool WebhookSecret_OverrideForStore { get; set; }

    /// <summary>A secret is stored (it is never shown; an empty field keeps it).</summary>
    public bool WebhookSecretIsSet { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.WebhookAllowInternalAddresses")]
    public bool WebhookAllowInternalAddresses { get; set; }
    public bool WebhookAllowInternalAddresses_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DailyDigestEnabled")]
    public bool DailyDigestEnabled { get; set; }
    public bool DailyDigestEnabled_OverrideForStore { get; set; }

    /// <summary>Global only (products are shared by the stores): shown and saved for all stores.</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.WindowClosingNoticeDays")]
    public int WindowClosingNoticeDays { get; set; }

    /// <summary>Global only, as <see cref="WindowClosingNoticeDays"/>.</summary>
    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.CapNearlyReachedPercent")]
    public int CapNearlyReachedPercent { get; set; }

    [NopResourceDisplayName("Plugins.Misc.Preorders.Fields.DeleteDataOnUninstall")]
    public bool DeleteDataOnUninstall { get; set; }

    public IList<SelectListItem> AvailableMixedCartPolicies { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailablePaymentModes { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableExpiryPolicies { get; set; } = new List<SelectListItem>();

    public IList<SelectListItem> AvailableMissedShipDatePolicies { get; set; } = new List<SelectListItem>();

    /// <summary>Installed payment methods of the Standard type (and "offline").</summary>
    public IList<SelectListItem> AvailableChargeMethods { get; set; } = new List<SelectListItem>();
}
