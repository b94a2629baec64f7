using Nop.Core.Configuration;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders;

/// <summary>Store settings of the plugin (overridable per store where noted on the configuration page).</summary>
public class PreorderSettings : ISettings
{
    /// <summary>Stops all automated processing (allocation, charges, expiry, emails); nothing is lost, it resumes where it stopped.</summary>
    public bool AutomationPaused { get; set; }

    public MixedCartPolicy MixedCart { get; set; } = MixedCartPolicy.Forbid;

    public PreorderPaymentMode DefaultPaymentMode { get; set; } = PreorderPaymentMode.Deposit;

    /// <summary>Store default deposit rule (JSON of <see cref="DepositRule"/>).</summary>
    public string DefaultDepositRuleJson { get; set; }

    /// <summary>Round deposits to a "charm" figure (4,900 rather than 5,000).</summary>
    public bool CharmRounding { get; set; }

    public bool AutoPreorderWhenOutOfStock { get; set; }

    /// <summary>Cap of a product turned into a pre-order automatically (0: no cap).</summary>
    public int AutoPreorderCap { get; set; }

    /// <summary>"Expected soon" text of a product turned into a pre-order automatically (blank: the plugin's own text).</summary>
    public string AutoPreorderExpectedSoonText { get; set; }

    /// <summary>Optional surcharge (primary currency) added once to each pre-order cart line's subtotal, with every payment method (<see cref="Services.Orders.PreorderShoppingCartService.GetSubTotalAsync"/>).</summary>
    public decimal PreorderSurcharge { get; set; }

    /// <summary>Days after allocation ("stock arrived") until the balance is due.</summary>
    public int BalanceDueDays { get; set; } = 7;

    /// <summary>
    /// "Ship what arrived": when stock arrives for only part of the queue's head line, the line is split: the arrived
    /// units are allocated, the rest keeps the line's place in the queue. Off: a line is allocated only whole.
    /// </summary>
    public bool ShipWhatArrived { get; set; }

    /// <summary>Days after the due date before the reservation expires.</summary>
    public int GracePeriodDays { get; set; } = 3;

    public DepositExpiryPolicy ExpiryPolicy { get; set; } = DepositExpiryPolicy.Refund;

    /// <summary>Extensions a shopper may take without approval.</summary>
    public int MaxAutoExtensions { get; set; } = 1;

    public int ExtensionDays { get; set; } = 7;

    /// <summary>Days a reserved in-stock unit is held for the shopper when the product sets none (schema 2.4).</summary>
    public int ReservationTermDays { get; set; } = 7;

    /// <summary>Deposits are refundable on cancellation until stock arrival is announced.</summary>
    public bool RefundableUntilStockArrives { get; set; } = true;

    /// <summary>Deposits become refundable again when the ship date is missed by more than this many days (0 = off).</summary>
    public int AutoRefundDelayDays { get; set; } = 30;

    /// <summary>What happens when a waiting line's expected ship date passes without stock (nothing by default: no e-mail nobody asked for).</summary>
    public MissedShipDatePolicy MissedShipDate { get; set; } = MissedShipDatePolicy.Nothing;

    /// <summary>With <see cref="MissedShipDatePolicy.NotifyThenRefund"/>: days after the notice until a line still waiting is refunded.</summary>
    public int MissedShipDateRefundDays { get; set; } = 14;

    /// <summary>Days a personal balance link works at most (1 to <see cref="Services.Payments.BalanceLinkService.MaxValidDays"/>); it also stops once the order has nothing left to do.</summary>
    public int BalanceLinkValidDays { get; set; } = 30;

    /// <summary>Comma-separated days before the due date on which balance reminders go out.</summary>
    public string ReminderDaysBefore { get; set; } = "3,1";

    public int UpcomingChargeNoticeDays { get; set; } = 3;

    public int ChargeRetryCount { get; set; } = 3;

    public int ChargeRetryBackoffHours { get; set; } = 24;

    /// <summary>Installed Standard payment method that charges deposits and balances; empty = offline payment confirmed by an admin.</summary>
    public string ChargeMethodSystemName { get; set; }

    /// <summary>Shown to shoppers who pay offline (bank details, reference to use).</summary>
    public string OfflineInstructions { get; set; }

    public bool ShowUnitsLeft { get; set; } = true;

    public bool ShowProgressBar { get; set; } = true;

    public bool ShowCountdown { get; set; } = true;

    /// <summary>Newline-separated webhook URLs; empty = off.</summary>
    public string WebhookUrls { get; set; }

    /// <summary>HMAC-SHA256 key for the X-Preorders-Signature header.</summary>
    public string WebhookSecret { get; set; }

    /// <summary>Allows deliveries to loopback, link-local, private and other internal addresses (an internal CRM); off by default.</summary>
    public bool WebhookAllowInternalAddresses { get; set; }

    public bool DailyDigestEnabled { get; set; } = true;

    /// <summary>Days before a product's pre-order window closes that the store owner is e-mailed (once per window end); 0 = off.</summary>
    public int WindowClosingNoticeDays { get; set; } = 3;

    /// <summary>Percentage of a product's cap sold at which the store owner is e-mailed (once per cap); 0 = off.</summary>
    public int CapNearlyReachedPercent { get; set; } = 90;

    /// <summary>Uninstall drops the plugin's tables only when this is set (after offering a CSV export).</summary>
    public bool DeleteDataOnUninstall { get; set; }
}
